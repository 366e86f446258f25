/**
 * The emergency wage relief fund (应急救助周转金): deposits by supervisors, advances (垫付) to
 * workers under a recovery agreement, recoveries from the employer. Pure: the caller locks the
 * fund and the case and passes them in as they are.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { actTime } from '../../../../../lib/domain/act-dates';
import { MAX_AMOUNT_FEN, formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import { TEXT_MAX, cleanText, holdsLead, textLength } from '../../../../../lib/vocabulary';
import { event } from '../../../../../lib/vocabulary/events';
import type { ReliefFundCommand, ReliefFundEvent, ReliefFundState } from './relief-fund.commands';


function positiveMoney(field: string, value: string, problems: InvalidField[]): Fen {
  const problem = moneyProblem(value);
  if (problem) {
    problems.push(invalid(field, problem));
    return 0n;
  }
  const fen = toFen(value);
  if (fen === 0n) problems.push(invalid(field, 'MONEY_NOT_POSITIVE'));
  return fen;
}

function unionStaff(by: Principal, ...roles: Principal['roles']) {
  if (by.agency !== 'UNION') throw refuse('FUND_UNION_ONLY');
  if (!hasRole(by, ...roles)) throw refuse('ROLE_REQUIRED', { roles });
}

export function decideDeposit(by: Principal, regionCode: string, amount: string, note: string): { amountFen: Fen; note: string } {
  unionStaff(by, 'SUPERVISOR');
  const regionProblem = regionCodeProblem(regionCode);
  if (regionProblem) throw badInput('regionCode', regionProblem);
  if (!isWithinJurisdiction(regionCode, by.region)) throw refuse('FUND_OUTSIDE_JURISDICTION', { region: regionCode, jurisdiction: by.region });
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('amount', amount, problems);
  const text = cleanText(note);
  if (!text) problems.push(invalid('note', 'DEPOSIT_NOTE_REQUIRED'));
  else if (textLength(text) > TEXT_MAX) problems.push(invalid('note', 'TEXT_TOO_LONG', { max: TEXT_MAX }));
  if (problems.length) throw invalidInput(problems);
  return { amountFen, note: text };
}

export interface UnionCaseNow {
  transferState: string;
  closureState: string;
  /** When the lead was received, when known: no act is dated earlier. */
  leadReceivedAt?: Date | null;
  amountOwedFen: Fen | null;
  workerCount: number | null;
}

export interface AdvanceRequest {
  amount: string;
  workerCount: number;
  recoveryAgreementNo: string;
  fundRegionCode: string;
  /** When the advance was paid out, if not now. */
  occurredAt?: Date | null;
}

export function decideAdvance(
  by: Principal,
  c: UnionCaseNow,
  fund: { regionCode: string; balanceFen: Fen } | null,
  alreadyAdvancedFen: Fen,
  r: AdvanceRequest,
  now: Date,
): { amountFen: Fen; workerCount: number; recoveryAgreementNo: string; occurredAt: Date } {
  unionStaff(by, 'HANDLER', 'SUPERVISOR');
  if (c.closureState !== 'OPEN') throw refuse('ADVANCE_CASE_CLOSED');
  if (!holdsLead(c.transferState)) {
    throw refuse('ADVANCE_CASE_NOT_HANDLING', { state: c.transferState });
  }
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('input.amount', r.amount, problems);
  if (!Number.isInteger(r.workerCount) || r.workerCount < 1) problems.push(invalid('input.workerCount', 'NUMBER_AT_LEAST', { min: 1 }));
  else if (c.workerCount !== null && r.workerCount > c.workerCount) {
    problems.push(invalid('input.workerCount', 'ADVANCE_WORKERS_EXCEED_LEAD', { workers: c.workerCount }));
  }
  const agreement = cleanText(r.recoveryAgreementNo);
  if (!agreement) problems.push(invalid('input.recoveryAgreementNo', 'RECOVERY_AGREEMENT_REQUIRED'));
  else if (textLength(agreement) > 100) problems.push(invalid('input.recoveryAgreementNo', 'TEXT_TOO_LONG', { max: 100 }));
  const regionProblem = regionCodeProblem(r.fundRegionCode);
  if (regionProblem) problems.push(invalid('input.fundRegionCode', regionProblem));
  else if (!isWithinJurisdiction(r.fundRegionCode, by.region)) problems.push(invalid('input.fundRegionCode', 'REGION_OUTSIDE_JURISDICTION', { region: r.fundRegionCode, jurisdiction: by.region }));
  else if (!fund) problems.push(invalid('input.fundRegionCode', 'FUND_NOT_SET_UP', { region: r.fundRegionCode }));
  const occurredAt = actTime(problems, 'input.occurredAt', r.occurredAt, { now, leadReceivedAt: c.leadReceivedAt });
  if (problems.length) throw invalidInput(problems);
  if (amountFen > fund!.balanceFen) {
    throw badInput('input.amount', 'FUND_INSUFFICIENT', { balance: formatFen(fund!.balanceFen), region: fund!.regionCode });
  }
  if (c.amountOwedFen !== null && alreadyAdvancedFen + amountFen > c.amountOwedFen) {
    throw badInput('input.amount', 'ADVANCE_EXCEEDS_OWED', { total: formatFen(alreadyAdvancedFen + amountFen), owed: formatFen(c.amountOwedFen), advanced: formatFen(alreadyAdvancedFen) });
  }
  return { amountFen, workerCount: r.workerCount, recoveryAgreementNo: agreement, occurredAt };
}

export function decideRecovery(by: Principal, advance: { amountFen: Fen; recoveredFen: Fen; grantedAt?: Date }, amount: string, occurredAt: Date | null | undefined, now: Date): { amountFen: Fen; occurredAt: Date } {
  unionStaff(by, 'HANDLER', 'SUPERVISOR');
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('amount', amount, problems);
  const at = actTime(problems, 'occurredAt', occurredAt, { now, after: advance.grantedAt ? { at: advance.grantedAt, reason: 'DATE_BEFORE_ADVANCE' } : null });
  if (problems.length) throw invalidInput(problems);
  const outstanding = advance.amountFen - advance.recoveredFen;
  if (amountFen > outstanding) {
    throw badInput('amount', 'RECOVERY_EXCEEDS_OUTSTANDING', { outstanding: formatFen(outstanding) });
  }
  return { amountFen, occurredAt: at };
}

export type FundMovementKind = 'DEPOSIT' | 'ADVANCE' | 'RECOVERY';

export interface FundTotals {
  balanceFen: Fen;
  advancedTotalFen: Fen;
  recoveredTotalFen: Fen;
}

/**
 * The fund after one movement: advances draw the balance down, deposits and recoveries top it up.
 * Its balance and totals are amounts the API shows (and a balance one may advance in full): none may
 * pass the largest amount (MAX_AMOUNT_FEN), so a movement that would take one past it is refused
 * before anything is written.
 */
export function fundAfter(f: FundTotals, kind: FundMovementKind, amountFen: Fen): FundTotals {
  const balanceFen = f.balanceFen + (kind === 'ADVANCE' ? -amountFen : amountFen);
  if (balanceFen < 0n) throw new Error('a relief fund balance cannot go below zero'); // decideAdvance prevents this
  const after = {
    balanceFen,
    advancedTotalFen: f.advancedTotalFen + (kind === 'ADVANCE' ? amountFen : 0n),
    recoveredTotalFen: f.recoveredTotalFen + (kind === 'RECOVERY' ? amountFen : 0n),
  };
  const field = kind === 'ADVANCE' ? 'input.amount' : 'amount';
  for (const [what, fen] of [['balance', after.balanceFen], ['advanced total', after.advancedTotalFen], ['recovered total', after.recoveredTotalFen]] as const) {
    if (fen > MAX_AMOUNT_FEN) throw badInput(field, 'AMOUNT_TOO_LARGE', { what, total: formatFen(fen), max: formatFen(MAX_AMOUNT_FEN) });
  }
  return after;
}

/** The relief-fund decider: deposits, advances and recoveries, from the fund and case as locked. */
export function decideReliefFund(s: ReliefFundState, cmd: ReliefFundCommand): ReliefFundEvent {
  switch (cmd.type) {
    case 'deposit': {
      const d = decideDeposit(cmd.by, cmd.regionCode, cmd.amount, cmd.note);
      const balance = (s.fund?.balanceFen ?? 0n) + d.amountFen;
      return event('FUND_DEPOSIT', { type: 'ReliefFund', id: cmd.regionCode }, null, { amountFen: d.amountFen.toString(), balanceFen: balance.toString() }, { note: d.note });
    }
    case 'grantAdvance': {
      const c = s.unionCase!;
      const d = decideAdvance(cmd.by, c, s.fund, s.alreadyAdvancedFen ?? 0n, cmd.request, cmd.at);
      return event(
        'WAGE_ADVANCE_GRANTED',
        { type: 'WageAdvance', id: s.newAdvanceId },
        c.leadId,
        { fund: s.fund!.regionCode, amountFen: d.amountFen.toString(), workerCount: d.workerCount, recoveryAgreementNo: d.recoveryAgreementNo, occurredAt: d.occurredAt.toISOString() },
        { referenceNo: c.referenceNo },
      );
    }
    case 'recordRecovery': {
      const a = s.advance!;
      const d = decideRecovery(cmd.by, a, cmd.amount, cmd.occurredAt, cmd.at);
      return event(
        'ADVANCE_RECOVERED',
        { type: 'WageAdvance', id: a.id },
        a.leadId,
        { fund: a.fundRegionCode, amountFen: d.amountFen.toString(), recoveredFen: (a.recoveredFen + d.amountFen).toString(), recoveryAgreementNo: a.recoveryAgreementNo, occurredAt: d.occurredAt.toISOString() },
        { referenceNo: s.unionCase!.referenceNo },
      );
    }
  }
}

/** Union staff read the funds of their jurisdiction; to anyone else a fund does not exist. */
export const mayReadFund = (by: Principal, regionCode: string): boolean => by.agency === 'UNION' && !regionCodeProblem(regionCode) && isWithinJurisdiction(regionCode, by.region);
