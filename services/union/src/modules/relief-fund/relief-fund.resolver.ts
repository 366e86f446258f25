import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FundMovement, ReliefFund, WageAdvance, WageAdvanceInput, toFundMovement, toReliefFund, toWageAdvance } from './relief-fund.type';
import { FundMovementRecord, ReliefFundRecord, WageAdvanceRecord } from './relief-fund.entity';
import { decideAdvance, decideDeposit, decideRecovery, fundAfter, type FundMovementKind } from './relief-fund.rules';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { UnionCase } from '../union-case/union-case.type';
import { formatFen } from '../../../../../lib/money';
import { MoneyScalar } from '../../../../../lib/scalars';
import { isUuid } from '../../../../../lib/identifiers';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import { caseNotFound, lockAgencyCase, mayActOnCases, recordOnTimeline } from '../../../../../lib/agency-case/case-access';
import type { Tx } from '../../../../../lib/context';
import type { UnionContext } from '../../context';

interface FundRow {
  regionCode: string;
  balanceFen: string;
  advancedTotalFen: string;
  recoveredTotalFen: string;
}

/**
 * Locks a fund row for a movement (lock order everywhere: case, then fund). A plain row, changed
 * only by the update in move(), so that parallel advances can never overdraw it.
 */
async function lockFund(em: EntityManager, regionCode: string): Promise<FundRow | null> {
  const rows = await em.execute<FundRow[]>(
    `select region_code as "regionCode", balance_fen::text as "balanceFen", advanced_total_fen::text as "advancedTotalFen",
            recovered_total_fen::text as "recoveredTotalFen" from relief_fund where region_code = ? for update`,
    [regionCode],
  );
  return rows[0] ?? null;
}

/** Writes one movement: the fund's new totals and a ledger line with the balance after it. */
function move(tx: Tx, fund: FundRow, kind: FundMovementKind, amountFen: bigint, by: string, note: string, ids: { leadId?: string; advanceId?: string } = {}) {
  const after = fundAfter({ balanceFen: BigInt(fund.balanceFen), advancedTotalFen: BigInt(fund.advancedTotalFen), recoveredTotalFen: BigInt(fund.recoveredTotalFen) }, kind, amountFen);
  Object.assign(fund, { balanceFen: after.balanceFen.toString(), advancedTotalFen: after.advancedTotalFen.toString(), recoveredTotalFen: after.recoveredTotalFen.toString() });
  tx.em.persist(
    tx.em.create(FundMovementRecord, { regionCode: fund.regionCode, at: new Date(), kind, amountFen: amountFen.toString(), balanceAfterFen: fund.balanceFen, leadId: ids.leadId ?? null, advanceId: ids.advanceId ?? null, actor: by, note }),
  );
  return tx.em.execute(
    `update relief_fund set balance_fen = ?, advanced_total_fen = ?, recovered_total_fen = ?, version = version + 1 where region_code = ?`,
    [fund.balanceFen, fund.advancedTotalFen, fund.recoveredTotalFen, fund.regionCode],
  );
}

@Resolver(() => ReliefFund)
export class ReliefFundResolver {
  @Query(() => ReliefFund, { nullable: true, description: "A relief fund in your jurisdiction (union staff), or null." })
  async reliefFund(@Arg('regionCode') regionCode: string, @Ctx() ctx: UnionContext): Promise<ReliefFund | null> {
    if (ctx.principal.agency !== 'UNION' || regionCodeProblem(regionCode) || !isWithinJurisdiction(regionCode, ctx.principal.region)) return null;
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
    const d = decideDeposit(ctx.principal, regionCode, amount, note);
    const fund = await ctx.transact(async (tx) => {
      await tx.em.execute(`insert into relief_fund (region_code, balance_fen, advanced_total_fen, recovered_total_fen) values (?, 0, 0, 0) on conflict do nothing`, [regionCode]);
      const f = (await lockFund(tx.em, regionCode))!;
      await move(tx, f, 'DEPOSIT', d.amountFen, ctx.principal.id, d.note);
      tx.audit({ entityType: 'ReliefFund', entityId: regionCode, action: 'FUND_DEPOSIT', data: { amountFen: d.amountFen.toString(), balanceFen: f.balanceFen } });
      return f;
    });
    return toReliefFund(fund as ReliefFundRecord);
  }

  @Mutation(() => WageAdvance, { description: "Advance wages from a relief fund in your jurisdiction: never more than the fund holds, nor in total more than the lead's amount owed." })
  async grantWageAdvance(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => WageAdvanceInput) input: WageAdvanceInput, @Ctx() ctx: UnionContext): Promise<WageAdvance> {
    const advance = await ctx.transact(async (tx) => {
      const c = await lockAgencyCase(tx.em, UnionCaseRecord, leadId, ctx.principal, 'UNION');
      const [{ total }] = await tx.em.execute<{ total: string }[]>('select coalesce(sum(amount_fen), 0)::text as total from wage_advance where lead_id = ?', [leadId]);
      // Not a region code (a NUL in it would fail the query): no fund, and decideAdvance says why.
      const fund = regionCodeProblem(input.fundRegionCode) ? null : await lockFund(tx.em, input.fundRegionCode);
      const d = decideAdvance(
        ctx.principal,
        { transferState: c.transferState, closureState: c.closureState, amountOwedFen: c.amountOwedFen == null ? null : BigInt(c.amountOwedFen), workerCount: c.workerCount ?? null },
        fund && { regionCode: fund.regionCode, balanceFen: BigInt(fund.balanceFen) },
        BigInt(total),
        input,
      );
      const a = tx.em.create(WageAdvanceRecord, {
        leadId,
        fundRegionCode: fund!.regionCode,
        amountFen: d.amountFen.toString(),
        workerCount: d.workerCount,
        recoveryAgreementNo: d.recoveryAgreementNo,
        grantedAt: new Date(),
        grantedBy: ctx.principal.id,
        recoveredFen: '0',
      });
      tx.em.persist(a);
      await move(tx, fund!, 'ADVANCE', d.amountFen, ctx.principal.id, `Advance on ${c.referenceNo} under agreement ${d.recoveryAgreementNo}`, { leadId, advanceId: a.id });
      tx.audit({ entityType: 'WageAdvance', entityId: a.id, action: 'WAGE_ADVANCE_GRANTED', data: { leadId, fund: fund!.regionCode, amountFen: a.amountFen, workerCount: a.workerCount } });
      recordOnTimeline(tx, { leadId, agency: 'UNION', actor: ctx.principal.id, kind: 'WAGE_ADVANCE_GRANTED', summary: `${formatFen(d.amountFen)} yuan advanced to ${d.workerCount} worker(s) from the ${fund!.regionCode} relief fund under recovery agreement ${d.recoveryAgreementNo}` });
      return a;
    });
    return toWageAdvance(advance);
  }

  @Mutation(() => WageAdvance, { description: 'Money recovered from the employer goes back into the fund; never more than is outstanding.' })
  async recordAdvanceRecovery(@Arg('advanceId', () => ID) advanceId: string, @Arg('amount', () => MoneyScalar) amount: string, @Ctx() ctx: UnionContext): Promise<WageAdvance> {
    const advance = await ctx.transact(async (tx) => {
      // A wage advance on a case the caller cannot see is answered as one that does not exist.
      const access = { notFound: 'WAGE_ADVANCE_NOT_FOUND' } as const;
      mayActOnCases(ctx.principal, 'UNION');
      const found = isUuid(advanceId) ? await tx.em.findOne(WageAdvanceRecord, { id: advanceId }) : null;
      if (!found) throw caseNotFound('UNION', access);
      const c = await lockAgencyCase(tx.em, UnionCaseRecord, found.leadId, ctx.principal, 'UNION', access);
      const a = await tx.em.findOneOrFail(WageAdvanceRecord, { id: advanceId }, { refresh: true });
      const d = decideRecovery(ctx.principal, { amountFen: BigInt(a.amountFen), recoveredFen: BigInt(a.recoveredFen) }, amount);
      const fund = (await lockFund(tx.em, a.fundRegionCode))!;
      a.recoveredFen = (BigInt(a.recoveredFen) + d.amountFen).toString();
      await move(tx, fund, 'RECOVERY', d.amountFen, ctx.principal.id, `Recovered on ${c.referenceNo} (agreement ${a.recoveryAgreementNo})`, { leadId: a.leadId, advanceId: a.id });
      tx.audit({ entityType: 'WageAdvance', entityId: a.id, action: 'ADVANCE_RECOVERED', data: { leadId: a.leadId, amountFen: d.amountFen.toString(), recoveredFen: a.recoveredFen } });
      recordOnTimeline(tx, { leadId: a.leadId, agency: 'UNION', actor: ctx.principal.id, kind: 'ADVANCE_RECOVERED', summary: `${formatFen(d.amountFen)} yuan recovered into the ${fund.regionCode} relief fund (agreement ${a.recoveryAgreementNo})` });
      return a;
    });
    return toWageAdvance(advance);
  }
}

@Resolver(() => UnionCase)
export class UnionCaseAdvancesResolver {
  @FieldResolver(() => [WageAdvance], { description: 'Emergency wage advances on this lead, oldest first.' })
  async advances(@Root() c: UnionCase, @Ctx() ctx: UnionContext): Promise<WageAdvance[]> {
    return (await ctx.loaders.advances.load(c.leadId)).map(toWageAdvance);
  }
}
