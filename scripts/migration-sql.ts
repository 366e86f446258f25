/**
 * Prints the SQL a new migration for one service needs: applies the service's existing migrations
 * to a throwaway database, then diffs it against the entities.
 *   npm run migration:sql -- leads
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ensureDatabase, ormOptions } from '../lib/db';
import { startEmbeddedPostgres, tempClusterDir } from '../lib/embedded-pg';
import { PLATFORM_ENTITIES } from '../lib/service';
import { SERVICES } from '../services/registry';
import type { ServiceName } from '../lib/config';

async function main() {
  const name = process.argv[2] as ServiceName;
  const def = SERVICES[name];
  if (!def) throw new Error(`usage: npm run migration:sql -- <${Object.keys(SERVICES).join('|')}>`);
  const pg = await startEmbeddedPostgres({ dataDir: tempClusterDir(), persistent: false, fast: true });
  try {
    const url = new URL(pg.url);
    url.pathname = `/draft_${name}`;
    await ensureDatabase(url.toString());
    const orm = await MikroORM.init(ormOptions({ databaseUrl: url.toString(), entities: [...PLATFORM_ENTITIES, ...def.entities], migrations: def.migrations }));
    await orm.getMigrator().up();
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false });
    process.stdout.write(sql.trim() ? sql : '-- entities and migrations agree: nothing to migrate\n');
    await orm.close(true);
  } finally {
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
