import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { SupportCaseRecord } from './support-case.entity';
import { SupportCase, SupportCaseConnection, SupportCaseEdge, SupportCaseFilter, toSupportCase } from './support-case.type';
import { decodeCursor, encodeCursor, pageSize } from '../../../../../lib/graphql/pagination';
import { PageInfo } from '../../../../../lib/graphql/types';
import { badInput, refuse } from '../../../../../lib/errors';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { isUuid } from '../../../../../lib/identifiers';
import type { LitigationContext } from '../../context';

const MAX_HEARING_DAYS = 366;

/**
 * The lawsuits a prosecutor or a court follows, nearest date first: the next hearing from today or
 * the earliest unpaid installment (an overdue one sorts before anything upcoming), then the rest.
 * Prosecutors see support cases in their jurisdiction; courts those whose court case is theirs.
 */
@Resolver(() => SupportCase)
export class SupportCasesQueryResolver {
  @Query(() => SupportCaseConnection, { description: 'Support-to-sue cases visible to the caller; prosecutors and courts track lawsuits here.' })
  async supportCases(
    @Ctx() ctx: LitigationContext,
    @Arg('filter', () => SupportCaseFilter, { nullable: true }) filter?: SupportCaseFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SupportCaseConnection> {
    const { agency, region } = ctx.principal;
    if (agency !== 'PROCURATORATE' && agency !== 'COURT') {
      throw refuse('SUPPORT_CASES_AGENCY_ONLY');
    }
    const size = pageSize(first);
    const cursor = decodeCursor(after, 2) as [string, string] | null;
    if (cursor && ((cursor[0] !== '' && dateProblem(String(cursor[0]))) || !isUuid(String(cursor[1])))) throw badInput('after', 'CURSOR_INVALID');
    const days = filter?.hearingWithinDays;
    if (days != null && (!Number.isInteger(days) || days < 0 || days > MAX_HEARING_DAYS)) throw badInput('filter.hearingWithinDays', 'NUMBER_BETWEEN', { min: 0, max: MAX_HEARING_DAYS });

    const today = shanghaiDate(new Date());
    // Bindings are positional (?): pushed in the order they appear in the statement.
    const params: unknown[] = [];
    const arg = (v: unknown) => {
      params.push(v);
      return '?';
    };
    const own = agency === 'COURT' ? 'join court_case own on own.lead_id = s.lead_id' : 'join support_case own on own.lead_id = s.lead_id';
    const v = `select s.lead_id, own.closure_state,
        least(
          (select min(h.date) from hearing h where h.lead_id = s.lead_id and h.date >= cast(${arg(today)} as date)),
          (select min(i.due_on) from installment i where i.lead_id = s.lead_id and i.paid_fen < i.amount_fen)
        ) as next_date,
        exists (select 1 from installment i where i.lead_id = s.lead_id and i.paid_fen < i.amount_fen and i.due_on < cast(${arg(today)} as date)) as has_overdue
      from support_case s ${own}
      where own.region_code like ${arg(`${jurisdictionPrefix(region)}%`)} and own.transfer_state <> 'RETURNED'`;
    const where: string[] = [];
    if (filter?.closureState) where.push(`closure_state = ${arg(filter.closureState)}`);
    if (filter?.hasOverdueInstallments != null) where.push(filter.hasOverdueInstallments ? 'has_overdue' : 'not has_overdue');
    if (days != null) {
      where.push(`exists (select 1 from hearing h where h.lead_id = v.lead_id and h.date between cast(${arg(today)} as date) and cast(${arg(today)} as date) + cast(${arg(days)} as int))`);
    }
    const filtered = `select * from v ${where.length ? `where ${where.join(' and ')}` : ''}`;
    let keyset = 'true';
    if (cursor?.[0]) {
      const [d1, d2, id] = [arg(cursor[0]), arg(cursor[0]), arg(cursor[1])];
      keyset = `(next_date > cast(${d1} as date) or (next_date = cast(${d2} as date) and lead_id > cast(${id} as uuid)) or next_date is null)`;
    } else if (cursor) {
      keyset = `(next_date is null and lead_id > cast(${arg(cursor[1])} as uuid))`;
    }
    const result = await ctx.em.execute<{ lead_id: string | null; next_date: string | null; total: string }[]>(
      `with v as (${v}), filtered as (${filtered})
       -- The count comes back even when the page is empty (past the last page).
       select p.lead_id, p.next_date, c.total from (select count(*) as total from filtered) c
       left join lateral (
         select lead_id, to_char(next_date, 'YYYY-MM-DD') as next_date, next_date as sort_date from filtered
         where ${keyset}
         order by next_date asc nulls last, lead_id asc
         limit ${arg(size + 1)}
       ) p on true
       order by p.sort_date asc nulls last, p.lead_id asc`,
      params,
    );
    const rows = result.filter((r): r is typeof r & { lead_id: string } => r.lead_id !== null);
    const page = rows.slice(0, size);
    const records = page.length ? await ctx.em.find(SupportCaseRecord, { leadId: { $in: page.map((r) => r.lead_id) } }) : [];
    for (const r of records) ctx.loaders.supportCases.prime(r.leadId, r);
    const byId = new Map(records.map((r) => [r.leadId, r]));
    const edges = page.map((r) => Object.assign(new SupportCaseEdge(), { cursor: encodeCursor([r.next_date ?? '', r.lead_id]), node: toSupportCase(byId.get(r.lead_id)!) }));
    return Object.assign(new SupportCaseConnection(), {
      edges,
      pageInfo: Object.assign(new PageInfo(), { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }),
      totalCount: Number(result[0]?.total ?? 0),
    });
  }
}
