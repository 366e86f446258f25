import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type { Principal } from '../../../../../lib/auth';
import { jurisdictionPrefix, regionCodeProblem } from '../../../../../lib/region';
import { addDays, dateProblem, shanghaiStartOfDay } from '../../../../../lib/dates';
import { badInput } from '../../../../../lib/errors';
import { MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import { normalizeEmployerName } from '../employer/employer.name';
import { LeadRecord } from './lead.entity';
import { recordFromRow } from '../../../../../lib/read-records';
import type { LeadFilter } from './lead.input';
import { HOLDING_STATES } from '../../../../../lib/vocabulary/acts';
import type { LeadKey, LeadOrder, LeadSearch } from './search.rules';

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
  page: { first: number; after: LeadKey | null },
  employerId?: string,
  opts: { search?: LeadSearch | null; order?: LeadOrder } = {},
): Promise<{ rows: LeadRecord[]; hasNextPage: boolean; countTotal: () => Promise<number>; deadlineOf: Map<string, Date | null> }> {
  const knex = em.getKnex();
  const f = filter ?? {};
  const search = opts.search;
  // Checked before building the query: errors thrown inside knex callbacks lose their meaning.
  const regionProblem = f.regionCode != null ? regionCodeProblem(f.regionCode) : undefined;
  if (regionProblem) throw badInput('filter.regionCode', regionProblem);
  for (const field of ['receivedFrom', 'receivedTo'] as const) {
    const problem = f[field] != null ? dateProblem(f[field]) : undefined;
    if (problem) throw badInput(`filter.${field}`, problem);
  }
  // Driven by the caller's own involvement rows (mine), which carry the lead's region and receipt
  // time: the page is one backward walk of lead_agency_list_idx (or _state_list_idx), see EXPLAIN
  // notes in docs/performance.md.
  const where = (q: Knex.QueryBuilder) => {
    q.where('mine.agency', p.agency);
    q.where('mine.lead_region_code', 'like', likePrefix(jurisdictionPrefix(p.region)));
    if (employerId) q.where((w) => w.where('l.employer_id', employerId).orWhere('l.general_contractor_id', employerId));
    if (f.regionCode != null) {
      q.where('mine.lead_region_code', 'like', likePrefix(jurisdictionPrefix(f.regionCode)));
    }
    if (f.industry != null) q.where('l.industry', f.industry);
    if (f.agency != null && f.agency !== p.agency) {
      q.whereExists(knex('lead_agency as a').whereRaw('a.lead_id = mine.lead_id').andWhere('a.agency', f.agency));
    }
    if (f.closureState != null) q.where('mine.closure_state', f.closureState);
    if (f.isMassCase != null) q.where('l.worker_count', f.isMassCase ? '>=' : '<', MASS_CASE_WORKERS);
    if (f.feedbackOverdue != null) {
      // Feedback the caller's agency owes or awaits, past its deadline (OVERDUE is not stored); a suspended deadline is not in feedback_due_at.
      const overdue = "coalesce(mine.feedback_state in ('DUE', 'AWAITING') and mine.feedback_due_at < now(), false)";
      q.whereRaw(f.feedbackOverdue ? overdue : `not ${overdue}`);
    }
    if (f.receivedFrom != null) q.where('mine.lead_received_at', '>=', shanghaiStartOfDay(f.receivedFrom));
    if (f.receivedTo != null) q.where('mine.lead_received_at', '<', shanghaiStartOfDay(addDays(f.receivedTo, 1)));
    if (f.employerName != null) {
      // A NUL is never in a stored name (intake drops it) and PostgreSQL cannot take it in a query.
      const needle = normalizeEmployerName(f.employerName.replace(/\u0000/g, ''));
      if (needle) q.whereExists(knex('employer as e').whereRaw('e.id = l.employer_id').andWhere('e.normalized_name', 'like', likeInfix(needle)));
    }
    if (search) searchWhere(knex, q, search);
  };
  const needsLead = employerId != null || f.industry != null || f.isMassCase != null || f.employerName != null;
  const from = () => knex('lead_agency as mine').join('lead as l', 'l.id', 'mine.lead_id');

  const order = opts.order ?? 'RECEIVED_DESC';
  const list = order === 'DEADLINE_ASC' ? deadlineList(knex, from, where, page) : keysetList(from, where, page, ORDER[order]);
  // The total is counted only when asked for: on a province it is the one costly part of a page.
  const count = () => (needsLead ? from() : knex('lead_agency as mine')).count({ n: '*' }).where(where);

  const rows = await em.execute<Record<string, unknown>[]>(list);
  const kept = rows.slice(0, page.first);
  const records = kept.map((r) => recordFromRow(em, LeadRecord, r));
  const deadlineOf = new Map(kept.map((r) => [r.id as string, r.my_deadline_at == null ? null : new Date(r.my_deadline_at as string | Date)]));
  const countTotal = async () => Number((await em.execute<{ n: string | number }[]>(count()))[0].n);
  return { rows: records, hasNextPage: rows.length > page.first, countTotal, deadlineOf };
}

type Page = { first: number; after: LeadKey | null };

function keysetList(from: () => Knex.QueryBuilder, where: (q: Knex.QueryBuilder) => void, page: Page, [column, cast, direction, id]: (typeof ORDER)[Exclude<LeadOrder, 'DEADLINE_ASC'>]) {
  const list = from()
    .select('l.*', 'mine.deadline_at as my_deadline_at')
    .where(where)
    .orderBy([{ column, order: direction }, { column: id, order: direction }])
    .limit(page.first + 1);
  if (page.after) list.whereRaw(`(${column}, ${id}) ${direction === 'desc' ? '<' : '>'} (?::${cast}, ?::uuid)`, [page.after[0], page.after[1]]);
  return list;
}

/**
 * 最近期限: the caller's agency's leads with a deadline, nearest first (lead_agency_deadline_idx,
 * forward), then those without, newest first (lead_agency_list_idx, backward), in one statement;
 * each part reads at most a page, so a deep page costs what the first does.
 */
function deadlineList(knex: Knex, from: () => Knex.QueryBuilder, where: (q: Knex.QueryBuilder) => void, page: Page) {
  const [at, id, phase] = page.after ?? ['', '', undefined];
  const withDeadline = from()
    .select('l.*', 'mine.deadline_at as my_deadline_at')
    .where(where)
    .whereNotNull('mine.deadline_at')
    .orderBy([{ column: 'mine.deadline_at', order: 'asc' }, { column: 'mine.lead_id', order: 'asc' }])
    .limit(page.first + 1);
  if (phase === 'DEADLINE') withDeadline.whereRaw('(mine.deadline_at, mine.lead_id) > (?::timestamptz, ?::uuid)', [at, id]);
  const without = from()
    .select('l.*', 'mine.deadline_at as my_deadline_at')
    .where(where)
    .whereNull('mine.deadline_at')
    .orderBy([{ column: 'mine.lead_received_at', order: 'desc' }, { column: 'mine.lead_id', order: 'desc' }])
    .limit(page.first + 1);
  if (phase === 'RECEIVED') without.whereRaw('(mine.lead_received_at, mine.lead_id) < (?::timestamptz, ?::uuid)', [at, id]);
  if (phase === 'RECEIVED') return without;
  // The outer order restates each part's own, over at most two pages of rows.
  return knex
    .select('*')
    .from(knex.raw('((?) union all (?)) as page', [withDeadline, without]))
    .orderByRaw('my_deadline_at asc nulls last, case when my_deadline_at is not null then id end asc, received_at desc, id desc')
    .limit(page.first + 1);
}

/**
 * Each order and the index its pages walk: received time through lead_agency_list_idx (either
 * way), amount and workers through lead_amount_idx and lead_workers_idx (docs/search.md).
 */
const ORDER: Record<Exclude<LeadOrder, 'DEADLINE_ASC'>, [column: string, cast: string, direction: 'asc' | 'desc', id: string]> = {
  RECEIVED_DESC: ['mine.lead_received_at', 'timestamptz', 'desc', 'mine.lead_id'],
  RECEIVED_ASC: ['mine.lead_received_at', 'timestamptz', 'asc', 'mine.lead_id'],
  AMOUNT_DESC: ['l.amount_owed_fen', 'bigint', 'desc', 'l.id'],
  WORKERS_DESC: ['l.worker_count', 'integer', 'desc', 'l.id'],
};

/**
 * The leads a search matches, as a set of lead ids the page is narrowed to: exact identifiers
 * through their unique or digest indexes, names by prefix (text_pattern_ops indexes; see the
 * migration on why not trigrams). An ID number or phone matches only leads the caller's agency holds.
 */
function searchWhere(knex: Knex, q: Knex.QueryBuilder, s: LeadSearch): void {
  if (!s.mayMatch) {
    q.whereRaw('false');
    return;
  }
  const t = s.term;
  switch (t.kind) {
    case 'reference':
      q.whereIn('mine.lead_id', knex('lead').select('id').where('reference_no', t.value));
      return;
    case 'creditCode':
      q.whereIn('mine.lead_id', knex('lead').select('id').whereIn('employer_id', knex('employer').select('id').where('credit_code', t.value)));
      return;
    case 'idNumber':
    case 'phone':
      q.whereIn('mine.lead_id', knex('complainant').select('lead_id').where(t.kind === 'idNumber' ? 'id_number_digest' : 'phone_digest', t.digest));
      q.whereIn('mine.transfer_state', HOLDING_STATES as string[]);
      return;
    case 'name': {
      const people = knex('complainant').select('lead_id').where('name', 'like', likePrefix(t.value));
      const employer = normalizeEmployerName(t.value);
      q.whereIn('mine.lead_id', employer ? people.union(knex('lead as sl').select('sl.id').join('employer as se', 'se.id', 'sl.employer_id').where('se.normalized_name', 'like', likePrefix(employer))) : people);
      return;
    }
  }
}
