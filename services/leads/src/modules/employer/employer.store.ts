import type { EntityManager } from '@mikro-orm/postgresql';
import { EmployerRecord } from './employer.entity';
import { normalizeEmployerName } from './employer.name';

/**
 * The employer named on a report: found by credit code, else by normalised name, else created.
 * A name-only employer that later appears with its code gets the code instead of a twin.
 */
export async function findOrCreateEmployer(em: EntityManager, ref: { name: string; creditCode: string | null }): Promise<string> {
  const normalized = normalizeEmployerName(ref.name);
  if (ref.creditCode) {
    const byCode = await em.findOne(EmployerRecord, { creditCode: ref.creditCode });
    if (byCode) return byCode.id;
    const claimed = await em.execute<{ id: string }[]>(
      `update employer set credit_code = ? where id = (
         select id from employer where normalized_name = ? and credit_code is null order by created_at limit 1 for update skip locked)
       returning id`,
      [ref.creditCode, normalized],
    );
    if (claimed.length) return claimed[0].id;
    // Concurrent intakes naming the same new employer: the unique credit code lets one row win.
    // "do nothing" waits for a competing insert but never locks the winner's row, which other
    // transactions' foreign-key checks need.
    const inserted = await em.execute<{ id: string }[]>(
      `insert into employer (id, name, normalized_name, credit_code, created_at) values (gen_random_uuid(), ?, ?, ?, now())
       on conflict (credit_code) do nothing returning id`,
      [ref.name, normalized, ref.creditCode],
    );
    if (inserted.length) return inserted[0].id;
    const [winner] = await em.execute<{ id: string }[]>('select id from employer where credit_code = ?', [ref.creditCode]);
    return winner.id;
  }
  const byName = await em.findOne(EmployerRecord, { normalizedName: normalized }, { orderBy: { createdAt: 'asc' } });
  if (byName) return byName.id;
  return createEmployer(em, ref);
}

/** A name-only employer known not to exist yet. */
export function createEmployer(em: EntityManager, ref: { name: string }): string {
  const created = em.create(EmployerRecord, { name: ref.name, normalizedName: normalizeEmployerName(ref.name), creditCode: null });
  em.persist(created);
  return created.id;
}
