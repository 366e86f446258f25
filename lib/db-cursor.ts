import type { Knex } from '@mikro-orm/knex';

/**
 * The rows of a query in batches from a PostgreSQL cursor, inside one read-only transaction: a
 * download of any length holds one batch in memory, and reads the next only when the consumer
 * asks (so a slow client slows the reads rather than filling memory). Stopping early (the client
 * went away) rolls the transaction back and frees the connection.
 */
export async function* cursorRows<T = Record<string, unknown>>(knex: Knex, query: Knex.QueryBuilder, o: { batchSize?: number; idleTimeoutMs?: number } = {}): AsyncGenerator<T[]> {
  const { sql, bindings } = query.toSQL();
  const trx = await knex.transaction();
  try {
    await trx.raw('set transaction read only');
    // A client that stops reading must not hold the connection and its snapshot for ever.
    await trx.raw(`set local idle_in_transaction_session_timeout = ${Math.round(o.idleTimeoutMs ?? 120_000)}`);
    await trx.raw(`declare report_rows no scroll cursor for ${sql}`, bindings);
    for (;;) {
      const { rows } = await trx.raw<{ rows: T[] }>(`fetch ${o.batchSize ?? 1000} from report_rows`);
      if (!rows.length) break;
      yield rows;
    }
    await trx.commit();
  } finally {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
  }
}

