import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type { Principal } from '../../../../../lib/auth';
import { jurisdictionPrefix, regionCodeProblem } from '../../../../../lib/region';
import { addDays, dateProblem, shanghaiStartOfDay } from '../../../../../lib/dates';
import { badInput } from '../../../../../lib/errors';
import { MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import { normalizeEmployerName } from '../employer/employer.name';
import { LeadRecord } from './lead.entity';
import type { LeadFilter } from './lead.input';

/** A LIKE pattern for values starting with s (region codes within a jurisdiction). */
export const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
const likeInfix = (s: string) => '%' + likePrefix(s);

/**
 * The leads a caller may see (own region and below, own agency involved), narrowed by the filter,
 * newest first. Keyset pagination on (received_at, id) keeps deep pages as cheap as the first.
 */
export async function findLeads(
  em: EntityManager,
  p: Principal,
  filter: LeadFilter | null | undefined,
  page: { first: number; after: [string, string] | null },
  employerId?: string,
): Promise<{ rows: LeadRecord[]; hasNextPage: boolean; totalCount: number }> {
  const knex = em.getKnex();
  const f = filter ?? {};
  // Checked before building the query: errors thrown inside knex callbacks lose their meaning.
  const regionProblem = f.regionCode != null ? regionCodeProblem(f.regionCode) : undefined;
  if (regionProblem) throw badInput('filter.regionCode', regionProblem);
  for (const field of ['receivedFrom', 'receivedTo'] as const) {
    const problem = f[field] != null ? dateProblem(f[field]!) : undefined;
    if (problem) throw badInput(`filter.${field}`, problem);
  }
  const where = (q: Knex.QueryBuilder) => {
    q.where('l.region_code', 'like', likePrefix(jurisdictionPrefix(p.region)));
    q.whereExists(knex('lead_agency as mine').whereRaw('mine.lead_id = l.id').andWhere('mine.agency', p.agency));
    if (employerId) q.where((w) => w.where('l.employer_id', employerId).orWhere('l.general_contractor_id', employerId));
    if (f.regionCode != null) {
      q.where('l.region_code', 'like', likePrefix(jurisdictionPrefix(f.regionCode)));
    }
    if (f.industry != null) q.where('l.industry', f.industry);
    if (f.agency != null) q.whereExists(knex('lead_agency as a').whereRaw('a.lead_id = l.id').andWhere('a.agency', f.agency));
    if (f.closureState != null) {
      q.whereExists(knex('lead_agency as c').whereRaw('c.lead_id = l.id').andWhere({ 'c.agency': p.agency, 'c.closure_state': f.closureState }));
    }
    if (f.isMassCase != null) q.where('l.worker_count', f.isMassCase ? '>=' : '<', MASS_CASE_WORKERS);
    if (f.feedbackOverdue != null) {
      // Feedback the caller's agency owes or awaits, past its deadline (OVERDUE is not stored).
      const overdue = knex('lead_agency as o')
        .whereRaw('o.lead_id = l.id')
        .andWhere('o.agency', p.agency)
        .whereIn('o.feedback_state', ['DUE', 'AWAITING'])
        .andWhereRaw('o.feedback_due_at < now()');
      if (f.feedbackOverdue) q.whereExists(overdue);
      else q.whereNotExists(overdue);
    }
    if (f.receivedFrom != null) q.where('l.received_at', '>=', shanghaiStartOfDay(f.receivedFrom));
    if (f.receivedTo != null) q.where('l.received_at', '<', shanghaiStartOfDay(addDays(f.receivedTo, 1)));
    if (f.employerName != null) {
      // A NUL is never in a stored name (intake drops it) and PostgreSQL cannot take it in a query.
      const needle = normalizeEmployerName(f.employerName.replace(/\u0000/g, ''));
      if (needle) q.whereExists(knex('employer as e').whereRaw('e.id = l.employer_id').andWhere('e.normalized_name', 'like', likeInfix(needle)));
    }
  };

  const list = knex('lead as l').select('l.*').where(where).orderBy([{ column: 'l.received_at', order: 'desc' }, { column: 'l.id', order: 'desc' }]).limit(page.first + 1);
  if (page.after) list.whereRaw('(l.received_at, l.id) < (?::timestamptz, ?::uuid)', page.after);
  const count = knex('lead as l').count({ n: '*' }).where(where);

  const [rows, [{ n }]] = await Promise.all([em.execute(list), em.execute(count)]);
  const records = (rows as Record<string, unknown>[]).slice(0, page.first).map((r) => em.map(LeadRecord, r));
  return { rows: records, hasNextPage: rows.length > page.first, totalCount: Number(n) };
}
