import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FundMovement, ReliefFund, WageAdvance, WageAdvanceInput, toFundMovement, toReliefFund, toWageAdvance } from './relief-fund.type';
import { UnionCase } from '../union-case/union-case.type';
import { FundMovementRecord, ReliefFundRecord } from './relief-fund.entity';
import { runReliefFund } from './relief-fund.store';
import { MoneyScalar } from '../../../../../lib/scalars';
import { mayReadFund } from './relief-fund.rules';
import type { UnionContext } from '../../context';

@Resolver(() => ReliefFund)
export class ReliefFundResolver {
  @Query(() => ReliefFund, { nullable: true, description: "A relief fund in your jurisdiction (union staff), or null." })
  async reliefFund(@Arg('regionCode') regionCode: string, @Ctx() ctx: UnionContext): Promise<ReliefFund | null> {
    if (!mayReadFund(ctx.principal, regionCode)) return null;
    const fund = await ctx.em.findOne(ReliefFundRecord, { regionCode });
    return fund && toReliefFund(fund);
  }

  @FieldResolver(() => [FundMovement], { description: 'The ledger, newest first.' })
  async ledger(@Root() fund: ReliefFund, @Ctx() ctx: UnionContext, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<FundMovement[]> {
    const rows = await ctx.em.find(FundMovementRecord, { regionCode: fund.regionCode }, { orderBy: { id: 'desc' }, limit: Math.min(Math.max(first, 0), 1000) });
    return rows.map(toFundMovement);
  }

  @Mutation(() => ReliefFund, { description: 'SUPERVISOR: pay money into a relief fund in your jurisdiction (the fund is set up by its first deposit).' })
  async depositToReliefFund(
    @Arg('regionCode') regionCode: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('note') note: string,
    @Ctx() ctx: UnionContext,
  ): Promise<ReliefFund> {
    const { fund } = await runReliefFund(ctx, { type: 'deposit', regionCode, amount, note, by: ctx.principal, at: new Date() });
    return toReliefFund(fund as unknown as ReliefFundRecord);
  }

  @Mutation(() => WageAdvance, { description: "Advance wages from a relief fund in your jurisdiction: never more than the fund holds, nor in total more than the lead's amount owed." })
  async grantWageAdvance(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => WageAdvanceInput) input: WageAdvanceInput, @Ctx() ctx: UnionContext): Promise<WageAdvance> {
    const { advance } = await runReliefFund(ctx, { type: 'grantAdvance', leadId, request: input, by: ctx.principal, at: new Date() });
    return toWageAdvance(advance!);
  }

  @Mutation(() => WageAdvance, { description: 'Money recovered from the employer goes back into the fund; never more than is outstanding.' })
  async recordAdvanceRecovery(
    @Arg('advanceId', () => ID) advanceId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('occurredAt', () => Date, { nullable: true, description: 'When the money was recovered, if not now: not in the future, not before the advance.' }) occurredAt: Date | null,
    @Ctx() ctx: UnionContext,
  ): Promise<WageAdvance> {
    const { advance } = await runReliefFund(ctx, { type: 'recordRecovery', advanceId, amount, occurredAt, by: ctx.principal, at: new Date() });
    return toWageAdvance(advance!);
  }
}

@Resolver(() => UnionCase)
export class UnionCaseAdvancesResolver {
  @FieldResolver(() => [WageAdvance], { description: 'Emergency wage advances on this lead, oldest first.' })
  async advances(@Root() c: UnionCase, @Ctx() ctx: UnionContext): Promise<WageAdvance[]> {
    return (await ctx.loaders.advances.load(c.leadId)).map(toWageAdvance);
  }
}
