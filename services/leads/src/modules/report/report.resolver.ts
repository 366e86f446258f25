import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../../../../../lib/scalars';
import type { LeadsContext } from '../../context';
import { campaignScope, isZeroReport, monthlyScope, weeklyScope } from './report.rules';
import { campaignFacts, leadSummaryFacts, weeklyFacts } from './report.query';
import { toLeadSummaryLine } from './report.format';
import { CampaignRow, LeadSummaryRow, WeeklyReport, toCampaignRow, toLeadSummaryRow, toWeeklyReport } from './report.type';

@Resolver()
export class ReportResolver {
  @Query(() => [LeadSummaryRow], {
    description: '附件1 欠薪事件线索汇总表: every lead received in the month (YYYY-MM, Asia/Shanghai) in your region or the one named (within your jurisdiction) that your agency is involved in, in the order received.',
  })
  async monthlyLeadSummary(
    @Arg('month') month: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: LeadsContext,
  ): Promise<LeadSummaryRow[]> {
    const scope = monthlyScope(ctx.principal, month, regionCode);
    return (await leadSummaryFacts(ctx.em, scope)).map((f, i) => toLeadSummaryRow(toLeadSummaryLine(f, i + 1)));
  }

  @Query(() => WeeklyReport, { description: '周报 for the Monday-to-Sunday week starting weekStart (a Monday, Asia/Shanghai).' })
  async weeklyReport(
    @Arg('weekStart', () => DateScalar) weekStart: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: LeadsContext,
  ): Promise<WeeklyReport> {
    const scope = weeklyScope(ctx.principal, weekStart, regionCode);
    const facts = await weeklyFacts(ctx.em, scope);
    for (const { lead } of facts.massCases) ctx.loaders.leads.prime(lead.id, lead);
    return toWeeklyReport(scope.period.firstDay, scope.regionCode, isZeroReport(facts.newLeads, facts.resolvedLeads), facts);
  }

  @Query(() => [CampaignRow], {
    description: '附件2: per sector (and TOTAL) the employers, workers and what was resolved among the leads received from `from` to `to` (both included, Asia/Shanghai).',
  })
  async campaignSummary(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: LeadsContext,
  ): Promise<CampaignRow[]> {
    const rows = await campaignFacts(ctx.em, campaignScope(ctx.principal, from, to, regionCode));
    return rows.map((r) => toCampaignRow(r.sector, r.figures));
  }
}
