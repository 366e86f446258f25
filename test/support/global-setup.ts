import { startEmbeddedPostgres, tempClusterDir } from '../../lib/embedded-pg';

/**
 * One real PostgreSQL for the whole run: the one in TEST_DATABASE_URL if given, else an embedded
 * cluster in a fresh temp directory. Each test file makes its own databases on it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await startEmbeddedPostgres({ dataDir: tempClusterDir('hub-test-pg-'), persistent: false, fast: true });
  process.env.TEST_DATABASE_URL = pg.url;
  (globalThis as { __HUB_PG__?: typeof pg }).__HUB_PG__ = pg;
}
