import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type { Principal } from '../../../../../lib/auth';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { TransferRecord } from './transfer.entity';
import { recordFromRow } from '../../../../../lib/read-records';
import { likePrefix } from '../lead/lead.query';

/**
 * The caller's agency's inbox: transfers waiting for its acceptance on leads in its jurisdiction,
 * oldest first, keyset-paged on (requested_at, id). transfer_pending_idx holds the lead's region
 * (copied at insert by the database), so the page never visits the lead table.
 */
export async function findInbox(
  em: EntityManager,
  p: Principal,
  page: { first: number; after: [string, string] | null },
): Promise<{ rows: TransferRecord[]; hasNextPage: boolean; totalCount: number }> {
  const knex = em.getKnex();
  const where = (q: Knex.QueryBuilder) =>
    q
      .where({ 't.to_agency': p.agency, 't.status': 'REQUESTED' })
      .andWhere('t.lead_region_code', 'like', likePrefix(jurisdictionPrefix(p.region)));
  const list = where(knex('transfer as t').select('t.*')).orderBy([{ column: 't.requested_at' }, { column: 't.id' }]).limit(page.first + 1);
  if (page.after) list.whereRaw('(t.requested_at, t.id) > (?::timestamptz, ?::uuid)', page.after);
  const [rows, [{ n }]] = await Promise.all([em.execute(list), em.execute(where(knex('transfer as t').count({ n: '*' })))]);
  const records = (rows as Record<string, unknown>[]).slice(0, page.first).map((r) => recordFromRow(em, TransferRecord, r));
  return { rows: records, hasNextPage: rows.length > page.first, totalCount: Number(n) };
}

/**
 * Transfers accepted and still owed final feedback that involve the caller's agency, owed by it or
 * to it, on leads in its jurisdiction: nearest deadline first (the work queue, 待办).
 */
export async function findFeedbackDue(em: EntityManager, p: Principal, first: number): Promise<TransferRecord[]> {
  const knex = em.getKnex();
  const q = knex('transfer as t')
    .select('t.*')
    .where('t.status', 'ACCEPTED')
    .andWhere((w) => void w.where('t.to_agency', p.agency).orWhere('t.from_agency', p.agency))
    .andWhere('t.lead_region_code', 'like', likePrefix(jurisdictionPrefix(p.region)))
    .orderBy([{ column: 't.feedback_due_at' }, { column: 't.id' }])
    .limit(first);
  const rows = await em.execute<Record<string, unknown>[]>(q);
  return rows.map((r) => recordFromRow(em, TransferRecord, r));
}
