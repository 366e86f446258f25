import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { DateScalar } from '../../../../../lib/scalars';
import { shanghaiDate } from '../../../../../lib/dates';
import type { InspectionContext } from '../../context';
import type { BlacklistCommand } from './blacklist.commands';
import type { BlacklistListingRecord } from './blacklist.entity';
import { BlacklistDecisionInput, BlacklistEarlyRemovalInput, BlacklistProposalInput, BlacklistStatementInput } from './blacklist.input';
import { listingStatus } from './blacklist.rules';
import { listingNow, runBlacklist } from './blacklist.store';
import { Blacklisting } from './blacklist.type';

const toBlacklisting = (r: BlacklistListingRecord, today: string): Blacklisting =>
  Object.assign(new Blacklisting(), {
    id: r.id,
    status: listingStatus(listingNow(r), today),
    ground: r.ground,
    proposedAt: r.proposedAt,
    proposedOn: r.proposedOn,
    reason: r.reason,
    noticeOn: r.noticeOn ?? null,
    statedOn: r.statedOn ?? null,
    statementOutcome: r.statementOutcome ?? null,
    statement: r.statement ?? null,
    decidedOn: r.decidedOn ?? null,
    decisionReason: r.decisionReason ?? null,
    until: r.until ?? null,
    removedOn: r.removedOn ?? null,
    arrearsPaidOn: r.arrearsPaidOn ?? null,
    pledgeOn: r.pledgeOn ?? null,
    removalNote: r.removalNote ?? null,
  });

@Resolver(() => InspectionCase)
export class BlacklistResolver {
  private run(ctx: InspectionContext, leadId: string, command: BlacklistCommand): Promise<InspectionCase> {
    return runBlacklist(ctx, leadId, command).then(toInspectionCase);
  }

  @Mutation(() => InspectionCase, { description: "Propose listing the employer in the arrears blacklist (失信联合惩戒名单): its arrears reach the criminal threshold or caused a mass incident, and it missed a payment order's deadline." })
  proposeBlacklisting(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => BlacklistProposalInput) input: BlacklistProposalInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'propose', ground: input.ground, reason: input.reason, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'The employer was told of the proposal and of its right to state its case (告知).' })
  notifyBlacklisting(
    @Arg('leadId', () => ID) leadId: string,
    @Arg('noticeOn', () => DateScalar, { nullable: true, description: 'The day it was told, if not today: not before the proposal.' }) noticeOn: string | null,
    @Ctx() ctx: InspectionContext,
  ): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'notify', noticeOn, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: "The employer's statement (陈述申辩) and what came of it, or that it made none." })
  recordBlacklistStatement(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => BlacklistStatementInput) input: BlacklistStatementInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordStatement', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'SUPERVISOR: list the employer for 3 years, or not, once its statement is recorded.' })
  decideBlacklisting(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => BlacklistDecisionInput) input: BlacklistDecisionInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'decide', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'SUPERVISOR: remove a listing early (信用修复): the arrears paid 6 months ago or more and a written pledge filed.' })
  removeFromBlacklistEarly(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => BlacklistEarlyRemovalInput) input: BlacklistEarlyRemovalInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'removeEarly', ...input, by: ctx.principal, at: new Date() });
  }

  @FieldResolver(() => Blacklisting, { nullable: true, description: 'The latest blacklist procedure on this case, if any.' })
  async blacklisting(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<Blacklisting | null> {
    const rows = await ctx.loaders.blacklistings.load(c.leadId);
    const latest = rows.at(-1);
    return latest ? toBlacklisting(latest, shanghaiDate(new Date())) : null;
  }
}
