/**
 * The emergency wage relief fund (应急救助周转金): deposits by supervisors, advances (垫付) to
 * workers under a recovery agreement, recoveries from the employer. Pure: the caller locks the
 * fund and the case and passes them in as they are.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { MAX_AMOUNT_FEN, amountTooLarge, formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { isWithinJurisdiction, regionCodeProblem } from '../../../../../lib/region';
import { cleanLine } from '../../../../../lib/text';

const TEXT_MAX = 2000;

function positiveMoney(field: string, value: string, problems: InvalidField[]): Fen {
  const problem = moneyProblem(value);
  if (problem) {
    problems.push({ field, message: problem });
    return 0n;
  }
  const fen = toFen(value);
  if (fen === 0n) problems.push({ field, message: 'must be more than 0.00' });
  return fen;
}

function unionStaff(by: Principal, ...roles: Principal['roles']) {
  if (by.agency !== 'UNION') throw forbidden('Relief funds and wage advances are the union\'s.');
  if (!hasRole(by, ...roles)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
}

export function decideDeposit(by: Principal, regionCode: string, amount: string, note: string): { amountFen: Fen; note: string } {
  unionStaff(by, 'SUPERVISOR');
  const regionProblem = regionCodeProblem(regionCode);
  if (regionProblem) throw badInput('regionCode', regionProblem);
  if (!isWithinJurisdiction(regionCode, by.region)) throw forbidden(`The fund of ${regionCode} is outside your jurisdiction (${by.region}).`);
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('amount', amount, problems);
  const text = cleanLine(note);
  if (!text) problems.push({ field: 'note', message: 'is required: say where the money comes from' });
  else if (text.length > TEXT_MAX) problems.push({ field: 'note', message: `is longer than ${TEXT_MAX} characters` });
  if (problems.length) throw invalidInput(problems);
  return { amountFen, note: text };
}

export interface UnionCaseNow {
  transferState: string;
  closureState: string;
  amountOwedFen: Fen | null;
  workerCount: number | null;
}

export interface AdvanceRequest {
  amount: string;
  workerCount: number;
  recoveryAgreementNo: string;
  fundRegionCode: string;
}

export function decideAdvance(
  by: Principal,
  c: UnionCaseNow,
  fund: { regionCode: string; balanceFen: Fen } | null,
  alreadyAdvancedFen: Fen,
  r: AdvanceRequest,
): { amountFen: Fen; workerCount: number; recoveryAgreementNo: string } {
  unionStaff(by, 'HANDLER', 'SUPERVISOR');
  if (c.closureState !== 'OPEN') throw invalidTransition("The union's case on this lead is closed; reopen it before advancing wages.");
  if (!['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(c.transferState)) {
    throw invalidTransition(`The union's case is ${c.transferState}: accept the lead before advancing wages on it.`);
  }
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('input.amount', r.amount, problems);
  if (!Number.isInteger(r.workerCount) || r.workerCount < 1) problems.push({ field: 'input.workerCount', message: 'must be at least 1' });
  else if (c.workerCount !== null && r.workerCount > c.workerCount) {
    problems.push({ field: 'input.workerCount', message: `is more than the ${c.workerCount} worker(s) on the lead` });
  }
  const agreement = cleanLine(r.recoveryAgreementNo);
  if (!agreement) problems.push({ field: 'input.recoveryAgreementNo', message: 'is required: advances are made only under a recovery agreement (追偿委托协议)' });
  else if (agreement.length > 100) problems.push({ field: 'input.recoveryAgreementNo', message: 'is longer than 100 characters' });
  const regionProblem = regionCodeProblem(r.fundRegionCode);
  if (regionProblem) problems.push({ field: 'input.fundRegionCode', message: regionProblem });
  else if (!isWithinJurisdiction(r.fundRegionCode, by.region)) problems.push({ field: 'input.fundRegionCode', message: `${r.fundRegionCode} is outside your jurisdiction (${by.region})` });
  else if (!fund) problems.push({ field: 'input.fundRegionCode', message: `no relief fund has been set up for ${r.fundRegionCode}; a supervisor deposits into it first` });
  if (problems.length) throw invalidInput(problems);
  if (amountFen > fund!.balanceFen) {
    throw badInput('input.amount', `is more than the ${formatFen(fund!.balanceFen)} yuan left in the relief fund of ${fund!.regionCode}`);
  }
  if (c.amountOwedFen !== null && alreadyAdvancedFen + amountFen > c.amountOwedFen) {
    throw badInput(
      'input.amount',
      `would bring advances on this lead to ${formatFen(alreadyAdvancedFen + amountFen)} yuan, more than the ${formatFen(c.amountOwedFen)} yuan owed (already advanced: ${formatFen(alreadyAdvancedFen)})`,
    );
  }
  return { amountFen, workerCount: r.workerCount, recoveryAgreementNo: agreement };
}

export function decideRecovery(by: Principal, advance: { amountFen: Fen; recoveredFen: Fen }, amount: string): { amountFen: Fen } {
  unionStaff(by, 'HANDLER', 'SUPERVISOR');
  const problems: InvalidField[] = [];
  const amountFen = positiveMoney('amount', amount, problems);
  if (problems.length) throw invalidInput(problems);
  const outstanding = advance.amountFen - advance.recoveredFen;
  if (amountFen > outstanding) {
    throw badInput('amount', `is more than the ${formatFen(outstanding)} yuan still outstanding on this advance`);
  }
  return { amountFen };
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
    if (fen > MAX_AMOUNT_FEN) throw amountTooLarge(field, `would take the fund's ${what} to ${formatFen(fen)} yuan, past the largest amount the hub keeps (${formatFen(MAX_AMOUNT_FEN)})`);
  }
  return after;
}
