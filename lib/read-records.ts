import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityMetadata, FilterQuery, QueryOrderMap, Platform, EntityClass } from '@mikro-orm/core';

/**
 * Records for read paths (DataLoaders, lists): the same values MikroORM's find gives, without
 * making managed entities. Hydrating a managed entity costs 30-40 µs here (per-instance property
 * accessors, identity map, snapshots), about three times the query it came from; a page of 50
 * leads with every agency's states hydrates several hundred. These records are not tracked:
 * writes load their own (locked, refreshed) entities inside the transaction, as they already do.
 * test/e2e/append-only.test.ts checks every entity of every service against em.find.
 */
type Converter = (row: Record<string, unknown>) => Record<string, unknown>;
const converters = new WeakMap<EntityMetadata, { fromProps: Converter; fromColumns: Converter }>();

function convertersFor(meta: EntityMetadata, platform: Platform) {
  let c = converters.get(meta);
  if (c) return c;
  const props = meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1 && !p.embedded);
  const tz = platform.getTimezone();
  // The same conversions as MikroORM's hydrator (ObjectHydrator.hydrateScalar).
  const toDate = (v: unknown) => {
    if (v instanceof Date) return v;
    if (typeof v === 'number') return new Date(v);
    const t = String(v);
    return new Date(!tz || tz === 'local' || t.includes('+') || t.lastIndexOf('-') > 10 || t.endsWith('Z') ? t : t + tz);
  };
  const convert = (p: (typeof props)[number]): ((v: unknown) => unknown) => {
    if (p.customType) return (v) => (v == null ? v : (p.customType!.convertToJSValue(v, platform) as unknown));
    if (p.runtimeType === 'boolean') return (v) => (v == null ? v : !!v);
    if (p.runtimeType === 'Date' && !platform.isNumericProperty(p)) return (v) => (v == null ? v : toDate(v));
    return (v) => v;
  };
  const plan = props.map((p) => ({ name: p.name, column: p.fieldNames[0], convert: convert(p) }));
  // Plain objects, never the entity's prototype: MikroORM defines accessors there, so every
  // assignment would go through its setters and give the record a wrapped entity of its own.
  c = {
    fromProps: (row) => {
      const out: Record<string, unknown> = {};
      for (const p of plan) out[p.name] = p.convert(row[p.name]);
      return out;
    },
    fromColumns: (row) => {
      const out: Record<string, unknown> = {};
      for (const p of plan) out[p.name] = p.convert(row[p.column]);
      return out;
    },
  };
  converters.set(meta, c);
  return c;
}

/** Like em.find(entity, where, { orderBy }), for reading only. */
export async function readRecords<T extends object>(em: EntityManager, entity: EntityClass<T>, where: FilterQuery<T>, orderBy?: QueryOrderMap<T>): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name) as EntityMetadata;
  const qb = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) qb.orderBy(orderBy);
  const rows = await qb.execute<Record<string, unknown>[]>('all');
  const { fromProps } = convertersFor(meta, em.getPlatform());
  return rows.map((r) => fromProps(r) as T);
}

/** Like em.map(entity, row) for a row of column values (from knex or raw SQL), for reading only. */
export function recordFromRow<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  const meta = em.getMetadata().get<T>(entity.name) as EntityMetadata;
  return convertersFor(meta, em.getPlatform()).fromColumns(row) as T;
}
