import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { WatchListEntry, WatchSignal } from './watch-list.type';
import { gatherEmployerFacts } from './watch-list.query';
import { rankWatchList } from './watch-list.rules';
import { toEmployer } from '../employer/employer.type';
import { badInput } from '../../../../../lib/errors';
import { regionCodeProblem } from '../../../../../lib/region';
import { shanghaiDate } from '../../../../../lib/dates';
import type { EmployerRecord } from '../employer/employer.entity';
import type { LeadsContext } from '../../context';

const MAX_ENTRIES = 500;

@Resolver()
export class WatchListResolver {
  @Query(() => [WatchListEntry], { description: 'Employers to watch (欠薪预警) among the leads you can see, riskiest first: broken commitments (显性) before signs of instability (隐性).' })
  async employerWatchList(
    @Ctx() ctx: LeadsContext,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<WatchListEntry[]> {
    const problem = regionCode != null ? regionCodeProblem(regionCode) : undefined;
    if (problem) throw badInput('regionCode', problem);
    if (!Number.isInteger(first) || first < 0 || first > MAX_ENTRIES) throw badInput('first', 'NUMBER_BETWEEN', { min: 0, max: MAX_ENTRIES });
    const ranked = rankWatchList(await gatherEmployerFacts(ctx.em, ctx.principal, regionCode ?? null, shanghaiDate(new Date()))).slice(0, first);
    const employers = await ctx.loaders.employers.loadMany(ranked.map((e) => e.employerId));
    return ranked.map((e, i) =>
      Object.assign(new WatchListEntry(), {
        rank: i + 1,
        employer: toEmployer(employers[i] as EmployerRecord),
        risk: e.risk,
        score: e.score,
        leads: e.leads,
        openLeads: e.openLeads,
        signals: e.signals.map((s) => Object.assign(new WatchSignal(), { kind: s.kind, count: s.count, amountOutstanding: s.outstandingFen })),
        blacklistedUntil: e.blacklistedUntil,
      }),
    );
  }
}
