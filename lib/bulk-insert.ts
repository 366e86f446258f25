/**
 * New rows of a large batch written with one INSERT per table and column set, instead of through
 * MikroORM's unit of work: for a bulk import the unit of work's snapshots, change sets and inlined
 * parameters cost more CPU than the SQL itself. The same command handler, entities and
 * initialisers still make the rows; only how they reach the database differs.
 */
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { ReferenceKind, wrap, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';

type EntityClass = new () => object;

export class BulkInserts {
  /** Rows per entity class, in the order each class was first persisted (parents before children). */
  private readonly pending = new Map<EntityClass, object[]>();

  /**
   * The transaction's entity manager, except that `create` makes plain entities and `persist`
   * queues them here; everything else (queries, managed entities loaded through it) is the real one.
   */
  collecting(em: EntityManager): EntityManager {
    const queue = (e: object) => {
      const cls = e.constructor as EntityClass;
      const rows = this.pending.get(cls);
      if (rows) rows.push(e);
      else this.pending.set(cls, [e]);
    };
    const proxy: EntityManager = new Proxy(em, {
      get: (target, prop, receiver) => {
        if (prop === 'flush')
          return async () => {
            await this.write(target);
            await target.flush();
          };
        if (prop === 'create') return (cls: EntityClass, data: object) => Object.assign(new cls(), data);
        if (prop === 'persist')
          return (e: object | object[]) => {
            // An entity loaded through the real manager stays managed by it (its changes flush at commit).
            for (const x of (Array.isArray(e) ? e : [e]) as object[]) {
              if ((wrap(x, true) as { __managed?: boolean }).__managed) target.persist(x);
              else queue(x);
            }
            return proxy;
          };
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    return proxy;
  }

  /** Writes what is queued, table by table, and empties the queue. */
  async write(em: EntityManager): Promise<void> {
    const batches = [...this.pending];
    this.pending.clear();
    for (const [cls, rows] of batches) {
      const meta = em.getMetadata().get(cls.name);
      const scalars = scalarProps(meta);
      // Rows that leave different columns to the database's defaults go in separate statements.
      const bySet = new Map<string, { props: EntityProperty[]; rows: object[] }>();
      for (const row of rows) {
        const props = scalars.filter((p) => (row as Record<string, unknown>)[p.name] !== undefined);
        const key = props.map((p) => p.name).join(',');
        const group = bySet.get(key);
        if (group) group.rows.push(row);
        else bySet.set(key, { props, rows: [row] });
      }
      for (const { props, rows: group } of bySet.values()) await insertRows(em, meta, props, group);
    }
  }
}

const scalarProps = (meta: EntityMetadata) => meta.props.filter((p) => p.kind === ReferenceKind.SCALAR && p.persist !== false && !p.formula && p.fieldNames?.length === 1);

async function insertRows(em: EntityManager, meta: EntityMetadata, props: EntityProperty[], rows: object[]): Promise<void> {
  const platform = em.getPlatform();
  const columns = props.map((p) => `"${p.fieldNames[0]}"`);
  const types = props.map((p) => `"${p.fieldNames[0]}" ${p.columnTypes[0]}`);
  const values = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      const v = (row as Record<string, unknown>)[p.name];
      out[p.fieldNames[0]] = p.customType && !isJson(p) ? p.customType.convertToDatabaseValue(v, platform) : v;
    }
    return out;
  });
  // One JSON value for the whole set, sent as a parameter: the database parses it.
  await rawRows(em, `insert into "${meta.tableName}" (${columns.join(', ')}) select ${columns.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${types.join(', ')})`, [JSON.stringify(values)]);
}

/**
 * A statement in the open transaction with its values sent as parameters: em.execute quotes
 * every value into the SQL text, which for a batch's JSON costs more than the statement.
 */
export async function rawRows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('raw statements run inside a transaction');
  const result = await trx.raw<{ rows: T[] }>(sql, bindings as Knex.RawBinding[]);
  return result.rows;
}

const isJson = (p: EntityProperty) => /^jsonb?$/.test(p.columnTypes[0]);
