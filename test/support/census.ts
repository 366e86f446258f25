import { Client } from 'pg';
import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import type { TestHub } from './hub';

/** Per table of one service's database: how many rows, and a digest of their content. */
export type TableFingerprint = Record<string, { rows: number; digest: string }>;
export type Fingerprint = Record<ServiceName, TableFingerprint>;

/**
 * Looks at every table of every service's database, to prove that a refused command wrote nothing
 * (no row added, none changed) and that faults neither lose nor double records. Keeps one
 * connection per database open, so that taking a fingerprint before every call stays cheap.
 */
export class Census {
  private readonly clients = new Map<ServiceName, Promise<Client>>();
  private readonly tables = new Map<ServiceName, Promise<string[]>>();

  constructor(private readonly hub: TestHub) {}

  private client(name: ServiceName): Promise<Client> {
    let c = this.clients.get(name);
    if (!c) {
      c = (async () => {
        const client = new Client({ connectionString: this.hub.databaseUrl(name) });
        // A restarted server ends this connection; the next use reconnects.
        client.on('error', () => this.clients.delete(name));
        await client.connect();
        return client;
      })();
      this.clients.set(name, c);
      c.catch(() => this.clients.delete(name));
    }
    return c;
  }

  async query<T = Record<string, unknown>>(name: ServiceName, text: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await (await this.client(name)).query(text, params)).rows as T[];
    } catch (e) {
      this.clients.delete(name);
      throw e;
    }
  }

  /** The service's own tables (not the migrator's bookkeeping). */
  tablesOf(name: ServiceName): Promise<string[]> {
    let t = this.tables.get(name);
    if (!t) {
      t = this.query<{ table_name: string }>(
        name,
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by table_name`,
      ).then((rows) => rows.map((r) => r.table_name));
      this.tables.set(name, t);
    }
    return t;
  }

  /** Row count and content digest of every table. */
  async fingerprint(names: readonly ServiceName[] = SERVICE_NAMES): Promise<Partial<Fingerprint>> {
    const entries = await Promise.all(
      names.map(async (name) => {
        const tables = await this.tablesOf(name);
        const sql = tables
          .map((t) => `select '${t}' as t, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d from "${t}" x`)
          .join(' union all ');
        const rows = await this.query<{ t: string; n: number; d: string }>(name, sql);
        return [name, Object.fromEntries(rows.map((r) => [r.t, { rows: r.n, digest: r.d }]))] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Messages written but not yet delivered, per service. */
  async undelivered(): Promise<Record<ServiceName, number>> {
    const counts = await Promise.all(
      SERVICE_NAMES.map(async (n) => [n, (await this.query<{ n: number }>(n, 'select count(*)::int as n from outbox_message where delivered_at is null'))[0].n] as const),
    );
    return Object.fromEntries(counts) as Record<ServiceName, number>;
  }

  /** Waits until every outbox is empty, so that nothing changes in the background. */
  async settled(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await this.undelivered();
      if (Object.values(pending).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`outboxes still hold undelivered messages: ${JSON.stringify(pending)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(open.map(async (c) => (await c).end()));
  }
}
