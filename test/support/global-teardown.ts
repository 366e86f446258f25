import type { EmbeddedPg } from '../../lib/embedded-pg';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __HUB_PG__?: EmbeddedPg }).__HUB_PG__?.stop();
}
