import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext } from '../../../../../lib/command/handler';
import type { Tx } from '../../../../../lib/context';
import { isUuid } from '../../../../../lib/identifiers';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import { caseNotFound, handleAgencyCommand, lockAgencyCase, mayActOnCases } from '../../../../../lib/agency-case/case-access';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { FundMovementRecord, WageAdvanceRecord } from './relief-fund.entity';
import { decideReliefFund, fundAfter, type FundMovementKind } from './relief-fund.rules';
import type { ReliefFundCommand, ReliefFundState } from './relief-fund.commands';

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
async function move(tx: Tx, fund: FundRow, kind: FundMovementKind, amountFen: bigint, by: string, note: string, ids: { leadId?: string; advanceId?: string } = {}, occurredAt?: Date) {
  const after = fundAfter({ balanceFen: BigInt(fund.balanceFen), advancedTotalFen: BigInt(fund.advancedTotalFen), recoveredTotalFen: BigInt(fund.recoveredTotalFen) }, kind, amountFen);
  Object.assign(fund, { balanceFen: after.balanceFen.toString(), advancedTotalFen: after.advancedTotalFen.toString(), recoveredTotalFen: after.recoveredTotalFen.toString() });
  tx.em.persist(
    tx.em.create(FundMovementRecord, { regionCode: fund.regionCode, at: new Date(), occurredAt: occurredAt ?? new Date(), kind, amountFen: amountFen.toString(), balanceAfterFen: fund.balanceFen, leadId: ids.leadId ?? null, advanceId: ids.advanceId ?? null, actor: by, note }),
  );
  await tx.em.execute(
    `update relief_fund set balance_fen = ?, advanced_total_fen = ?, recovered_total_fen = ?, version = version + 1 where region_code = ?`,
    [fund.balanceFen, fund.advancedTotalFen, fund.recoveredTotalFen, fund.regionCode],
  );
}

interface Loaded extends ReliefFundState {
  row: FundRow | null;
  created?: WageAdvanceRecord;
}

const fundState = (row: FundRow | null) => row && { regionCode: row.regionCode, balanceFen: BigInt(row.balanceFen) };

async function load(tx: Tx, cmd: ReliefFundCommand): Promise<Loaded> {
  const newAdvanceId = randomUUID();
  switch (cmd.type) {
    case 'deposit': {
      // The fund is set up by its first deposit; a code that is not one (or not the caller's) is refused by the decider.
      if (regionCodeProblem(cmd.regionCode) || !isWithinJurisdiction(cmd.regionCode, cmd.by.region)) return { row: null, fund: null, newAdvanceId };
      await tx.em.execute(`insert into relief_fund (region_code, balance_fen, advanced_total_fen, recovered_total_fen) values (?, 0, 0, 0) on conflict do nothing`, [cmd.regionCode]);
      const row = await lockFund(tx.em, cmd.regionCode);
      return { row, fund: fundState(row), newAdvanceId };
    }
    case 'grantAdvance': {
      const leadId = cmd.leadId;
      const c = await lockAgencyCase(tx.em, UnionCaseRecord, leadId, cmd.by, 'UNION');
      const [{ total }] = await tx.em.execute<{ total: string }[]>('select coalesce(sum(amount_fen), 0)::text as total from wage_advance where lead_id = ?', [leadId]);
      // Not a region code (a NUL in it would fail the query): no fund, and the decider says why.
      const row = regionCodeProblem(cmd.request.fundRegionCode) ? null : await lockFund(tx.em, cmd.request.fundRegionCode);
      return {
        row,
        fund: fundState(row),
        unionCase: { leadId, referenceNo: c.referenceNo, transferState: c.transferState, closureState: c.closureState, leadReceivedAt: c.leadReceivedAt ?? null, amountOwedFen: c.amountOwedFen == null ? null : BigInt(c.amountOwedFen), workerCount: c.workerCount ?? null },
        alreadyAdvancedFen: BigInt(total),
        newAdvanceId,
      };
    }
    case 'recordRecovery': {
      // A wage advance on a case the caller cannot see is answered as one that does not exist.
      const access = { notFound: 'WAGE_ADVANCE_NOT_FOUND' } as const;
      mayActOnCases(cmd.by, 'UNION');
      const found = isUuid(cmd.advanceId) ? await tx.em.findOne(WageAdvanceRecord, { id: cmd.advanceId }) : null;
      if (!found) throw caseNotFound('UNION', access);
      const c = await lockAgencyCase(tx.em, UnionCaseRecord, found.leadId, cmd.by, 'UNION', access);
      const a = await tx.em.findOneOrFail(WageAdvanceRecord, { id: cmd.advanceId }, { refresh: true });
      const row = (await lockFund(tx.em, a.fundRegionCode))!;
      return {
        row,
        fund: fundState(row),
        unionCase: { leadId: a.leadId, referenceNo: c.referenceNo, transferState: c.transferState, closureState: c.closureState, amountOwedFen: null, workerCount: null },
        advance: { id: a.id, leadId: a.leadId, amountFen: BigInt(a.amountFen), recoveredFen: BigInt(a.recoveredFen), recoveryAgreementNo: a.recoveryAgreementNo, fundRegionCode: a.fundRegionCode, grantedAt: a.grantedAt },
        created: a,
        newAdvanceId,
      };
    }
  }
}

/** Runs a relief-fund command; returns the fund row (deposit) or the advance (grant, recovery) as it is after. */
export function runReliefFund(ctx: CommandContext, command: ReliefFundCommand) {
  return handleAgencyCommand(ctx, {
    command,
    load: (tx) => load(tx, command),
    decide: decideReliefFund,
    async apply(tx, s, e) {
      const by = command.by.id;
      switch (e.kind) {
        case 'FUND_DEPOSIT':
          await move(tx, s.row!, 'DEPOSIT', BigInt(e.facts.amountFen), by, e.text!.note);
          break;
        case 'WAGE_ADVANCE_GRANTED': {
          const f = e.facts;
          const a = tx.em.create(WageAdvanceRecord, { id: e.entity.id, leadId: e.leadId!, fundRegionCode: f.fund, amountFen: f.amountFen, workerCount: f.workerCount, recoveryAgreementNo: f.recoveryAgreementNo, grantedAt: new Date(f.occurredAt ?? command.at), recordedAt: command.at, grantedBy: by, recoveredFen: '0' });
          tx.em.persist(a);
          s.created = a;
          await move(tx, s.row!, 'ADVANCE', BigInt(f.amountFen), by, `Advance on ${e.text!.referenceNo} under agreement ${f.recoveryAgreementNo}`, { leadId: e.leadId!, advanceId: a.id }, a.grantedAt);
          break;
        }
        case 'ADVANCE_RECOVERED': {
          const f = e.facts;
          s.created!.recoveredFen = f.recoveredFen;
          await move(tx, s.row!, 'RECOVERY', BigInt(f.amountFen), by, `Recovered on ${e.text!.referenceNo} (agreement ${f.recoveryAgreementNo})`, { leadId: e.leadId!, advanceId: e.entity.id }, new Date(f.occurredAt ?? command.at));
          break;
        }
      }
    },
    result: (s) => ({ fund: s.row, advance: s.created ?? null }),
  });
}
