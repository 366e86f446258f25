import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import { likePrefix } from '../lead/lead.query';
import { LeadRecord } from '../lead/lead.entity';
import { campaignRows, industriesOf, type CampaignFigures, type IndustrySector, type ReportPeriod, type ReportScope } from './report.rules';

/**
 * Leads a report counts: in the unit's region and below, the caller's agency involved (the same
 * rule as the `leads` query), and not marked as a duplicate of another lead (staff decided it is
 * the same arrears: the original counts, once).
 */
function countedLeads(knex: Knex, s: ReportScope) {
  return (q: Knex.QueryBuilder) => {
    q.where('l.region_code', 'like', likePrefix(jurisdictionPrefix(s.regionCode)));
    q.whereExists(knex('lead_agency as mine').whereRaw('mine.lead_id = l.id').andWhere('mine.agency', s.principal.agency));
    q.whereNull('l.duplicate_of_id');
  };
}

const receivedIn = (p: ReportPeriod) => (q: Knex.QueryBuilder) => q.where('l.received_at', '>=', p.from).andWhere('l.received_at', '<', p.until);

export interface LeadSummaryFacts {
  reference_no: string;
  /** As PostgreSQL prints a timestamptz (MikroORM leaves it unparsed). */
  received_at: string;
  employer_name: string;
  industry: string;
  worker_count: number;
  amount_owed_fen: string;
  mediated_or_legal_service: boolean;
  closed: boolean;
}

/** 附件1: every counted lead received in the period, in the order received. */
export function leadSummaryQuery(em: EntityManager, s: ReportScope): Knex.QueryBuilder {
  const knex = em.getKnex();
  return knex('lead as l')
    .join('employer as e', 'e.id', 'l.employer_id')
    .select('l.reference_no', 'l.received_at', 'e.name as employer_name', 'l.industry', 'l.worker_count', 'l.amount_owed_fen', 'l.mediated_or_legal_service', knex.raw('l.closed_at is not null as closed'))
    .where(countedLeads(knex, s))
    .where(receivedIn(s.period))
    .orderBy([{ column: 'l.received_at' }, { column: 'l.reference_no' }]);
}

export async function leadSummaryFacts(em: EntityManager, s: ReportScope): Promise<LeadSummaryFacts[]> {
  return em.execute<LeadSummaryFacts[]>(leadSummaryQuery(em, s));
}

export interface WeeklyFacts {
  newLeads: number;
  newWorkers: number;
  newAmountFen: bigint;
  resolvedLeads: number;
  /** Wages recovered; compensation (加付赔偿金) apart. */
  resolvedAmountFen: bigint;
  resolvedCompensationFen: bigint;
  massCases: { lead: LeadRecord; employerName: string }[];
}

/** 周报: leads received in the week, leads whose last closure fell in it, and the week's mass cases. */
export async function weeklyFacts(em: EntityManager, s: ReportScope): Promise<WeeklyFacts> {
  const knex = em.getKnex();
  const { from, until } = s.period;
  const received = knex('lead as l')
    .select(knex.raw('count(*)::int as n'), knex.raw('coalesce(sum(l.worker_count), 0)::bigint as workers'), knex.raw('coalesce(sum(l.amount_owed_fen), 0)::bigint as amount'))
    .where(countedLeads(knex, s))
    .where(receivedIn(s.period));
  const resolved = knex('lead as l')
    .select(knex.raw('count(*)::int as n'), knex.raw('coalesce(sum(l.amount_recovered_fen), 0)::text as amount'), knex.raw('coalesce(sum(l.compensation_recovered_fen), 0)::text as compensation'))
    .where(countedLeads(knex, s))
    .where('l.closed_at', '>=', from)
    .andWhere('l.closed_at', '<', until);
  const mass = knex('lead as l')
    .join('employer as e', 'e.id', 'l.employer_id')
    .select('l.*', 'e.name as employer_name')
    .where(countedLeads(knex, s))
    .where(receivedIn(s.period))
    .andWhere('l.worker_count', '>=', MASS_CASE_WORKERS)
    .orderBy([{ column: 'l.received_at' }, { column: 'l.reference_no' }]);
  const [[r], [d], massRows] = await Promise.all([
    em.execute<{ n: number; workers: string; amount: string }[]>(received),
    em.execute<{ n: number; amount: string; compensation: string }[]>(resolved),
    em.execute<Record<string, unknown>[]>(mass),
  ]);
  return {
    newLeads: r.n,
    newWorkers: Number(r.workers),
    newAmountFen: BigInt(r.amount),
    resolvedLeads: d.n,
    resolvedAmountFen: BigInt(d.amount),
    resolvedCompensationFen: BigInt(d.compensation),
    massCases: massRows.map(({ employer_name, ...row }) => ({ lead: em.map(LeadRecord, row), employerName: employer_name as string })),
  };
}

/**
 * 附件2: per sector, the employers, workers, and what was resolved among the leads received in
 * the period (resolved as the leads stand now: the table is filed after the campaign).
 */
export async function campaignFacts(em: EntityManager, s: ReportScope) {
  const knex = em.getKnex();
  const sectors = (['CONSTRUCTION', 'MANUFACTURING'] as const).map((sector) => ({ sector, industries: industriesOf(sector) }));
  const sectorCase = `case ${sectors.map((x) => `when l.industry in (${x.industries.map(() => '?').join(', ')}) then ?`).join(' ')} else 'OTHER' end`;
  const rows = await em.execute<{ sector: IndustrySector | null; employers: number; workers: string; workers_resolved: string; amount_resolved: string; compensation_resolved: string }[]>(
    knex('lead as l')
      .joinRaw(`cross join lateral (select ${sectorCase} as sector) as s`, sectors.flatMap((x) => [...x.industries, x.sector]))
      .select(
        's.sector',
        knex.raw('count(distinct l.employer_id)::int as employers'),
        knex.raw('coalesce(sum(l.worker_count), 0)::bigint as workers'),
        // Open leads have no recovery yet (null): sums count the closed ones.
        knex.raw('coalesce(sum(l.workers_paid), 0)::bigint as workers_resolved'),
        knex.raw('coalesce(sum(l.amount_recovered_fen), 0)::text as amount_resolved'),
        knex.raw('coalesce(sum(l.compensation_recovered_fen), 0)::text as compensation_resolved'),
      )
      .where(countedLeads(knex, s))
      .where(receivedIn(s.period))
      .groupByRaw('grouping sets ((s.sector), ())'),
  );
  const bySector: Partial<Record<IndustrySector, CampaignFigures>> = {};
  let distinctEmployers = 0;
  for (const r of rows) {
    if (r.sector === null) {
      distinctEmployers = r.employers;
      continue;
    }
    bySector[r.sector] = { employers: r.employers, workers: Number(r.workers), workersResolved: Number(r.workers_resolved), amountResolvedFen: BigInt(r.amount_resolved), compensationResolvedFen: BigInt(r.compensation_resolved) };
  }
  return campaignRows(bySector, distinctEmployers);
}
