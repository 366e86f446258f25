import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../../lib/auth';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import type { EmployerFacts } from './watch-list.rules';

const BROKEN_KIND: Record<string, EmployerFacts['broken'][number]['kind']> = {
  MEDIATION_AGREEMENT: 'BROKEN_MEDIATION',
  PAYMENT_ORDER: 'OVERDUE_PAYMENT_ORDER',
  INSTALLMENT: 'MISSED_INSTALLMENT',
};

/**
 * Per employer, over the leads the caller may see (their region and below, their agency involved,
 * duplicates left out): leads it is accountable for (as employer, general contractor, or held
 * jointly liable by a court), open ones, mass cases, and commitments unpaid past their day. A
 * mediation settlement counts as broken only while the union's case is open, as on UnionCase.
 * Blacklist listings in force count on any of the employer's leads: a listing is published (公示).
 */
export async function gatherEmployerFacts(em: EntityManager, p: Principal, regionCode: string | null, today: string): Promise<EmployerFacts[]> {
  const params: unknown[] = [`${jurisdictionPrefix(p.region)}%`, p.agency];
  let regionFilter = '';
  if (regionCode) {
    params.push(`${jurisdictionPrefix(regionCode)}%`);
    regionFilter = 'and l.region_code like ?';
  }
  params.push(MASS_CASE_WORKERS, today, today);
  const rows = await em.execute<{ employer_id: string; name: string; leads: string; open_leads: string; mass_cases: string; kind: string | null; n: string | null; fen: string | null; listings: string | null; blacklisted_until: string | null }[]>(
    `with visible as (
       select l.id, l.employer_id, l.general_contractor_id, l.worker_count from lead l
       where l.region_code like ? and l.duplicate_of_id is null
         and exists (select 1 from lead_agency mine where mine.lead_id = l.id and mine.agency = ?) ${regionFilter}
     ),
     accountable as (
       select id as lead_id, employer_id from visible
       union select id, general_contractor_id from visible where general_contractor_id is not null
       union select jl.lead_id, jl.employer_id from joint_liability jl join visible v on v.id = jl.lead_id
     ),
     lead_counts as (
       select a.employer_id, count(*) as leads,
         count(*) filter (where exists (select 1 from lead_agency o where o.lead_id = a.lead_id and o.closure_state = 'OPEN')) as open_leads,
         count(*) filter (where v.worker_count >= ?) as mass_cases
       from accountable a join visible v on v.id = a.lead_id group by a.employer_id
     ),
     broken as (
       select a.employer_id, s.kind, count(*) as n, sum(s.outstanding_fen) as fen
       from risk_signal s join accountable a on a.lead_id = s.lead_id
       where s.due_on < cast(? as date) and s.outstanding_fen > 0
         and (s.kind <> 'MEDIATION_AGREEMENT' or exists (select 1 from lead_agency u where u.lead_id = s.lead_id and u.agency = 'UNION' and u.closure_state = 'OPEN'))
       group by a.employer_id, s.kind
     ),
     listed as (
       select l.employer_id, count(*) as n, to_char(max(bl.until), 'YYYY-MM-DD') as until
       from blacklist_signal bl join lead l on l.id = bl.lead_id
       where bl.removed_on is null and bl.until > cast(? as date) and l.employer_id in (select employer_id from lead_counts)
       group by l.employer_id
     )
     select lc.employer_id, e.name, lc.leads, lc.open_leads, lc.mass_cases, b.kind, b.n, b.fen, li.n as listings, li.until as blacklisted_until
     from lead_counts lc join employer e on e.id = lc.employer_id left join broken b on b.employer_id = lc.employer_id left join listed li on li.employer_id = lc.employer_id
     where lc.leads >= 2 or lc.mass_cases > 0 or b.kind is not null or li.n is not null`,
    params,
  );
  const byEmployer = new Map<string, EmployerFacts>();
  for (const r of rows) {
    let f = byEmployer.get(r.employer_id);
    if (!f) {
      f = { employerId: r.employer_id, employerName: r.name, leads: Number(r.leads), openLeads: Number(r.open_leads), massCases: Number(r.mass_cases), broken: [], listings: Number(r.listings ?? 0), blacklistedUntil: r.blacklisted_until };
      byEmployer.set(r.employer_id, f);
    }
    if (r.kind) f.broken.push({ kind: BROKEN_KIND[r.kind], count: Number(r.n), outstandingFen: BigInt(r.fen ?? '0') });
  }
  return [...byEmployer.values()];
}
