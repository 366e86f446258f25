/**
 * What a closure or a final feedback says was recovered must add up against the lead: workers paid
 * at most the lead's workers; the amount recovered is wages plus any compensation (加付赔偿金) the
 * employer was ordered to add, which Article 26 of the 劳动保障监察条例 sets at 50 % to 100 % of the
 * wages owed, so at most the amount owed; the wages at most the amount owed. Pure.
 */
import type { InvalidField } from '../errors';
import { moneyProblem, toFen, type Fen } from '../money';

export interface LeadFigures {
  /** Null when not known (a case opened before the lead's figures were kept on it). */
  amountOwedFen: Fen | null;
  workerCount: number | null;
}

export interface RecoveryClaim {
  amountRecovered: string;
  compensationRecovered?: string | null;
  workersPaid: number;
}

export interface Recovery {
  amountRecoveredFen: Fen;
  compensationRecoveredFen: Fen;
  wagesRecoveredFen: Fen;
}

/** Checks a claim, adding each problem (field names under `prefix`); the recovery when all is well. */
export function checkRecovery(lead: LeadFigures, claim: RecoveryClaim, problems: InvalidField[], prefix = 'input.'): Recovery | undefined {
  const before = problems.length;
  const amountProblem = moneyProblem(claim.amountRecovered);
  if (amountProblem) problems.push({ field: `${prefix}amountRecovered`, message: amountProblem });
  const compensation = claim.compensationRecovered ?? '0.00';
  const compensationProblem = moneyProblem(compensation);
  if (compensationProblem) problems.push({ field: `${prefix}compensationRecovered`, message: compensationProblem });
  if (Number.isInteger(claim.workersPaid) && lead.workerCount !== null && claim.workersPaid > lead.workerCount) {
    problems.push({ field: `${prefix}workersPaid`, message: `is more than the ${lead.workerCount} worker(s) on the lead` });
  }
  if (amountProblem || compensationProblem) return undefined;
  const amountFen = toFen(claim.amountRecovered);
  const compensationFen = toFen(compensation);
  const wagesFen = amountFen - compensationFen;
  if (wagesFen < 0n) problems.push({ field: `${prefix}compensationRecovered`, message: 'is more than the amount recovered, which includes it' });
  else if (lead.amountOwedFen !== null && wagesFen > lead.amountOwedFen) {
    problems.push({ field: `${prefix}amountRecovered`, message: `has ${fmt(wagesFen)} yuan of wages, more than the ${fmt(lead.amountOwedFen)} yuan owed; compensation (加付赔偿金) goes in compensationRecovered` });
  }
  if (lead.amountOwedFen !== null && compensationFen > lead.amountOwedFen) {
    problems.push({ field: `${prefix}compensationRecovered`, message: `is more than the ${fmt(lead.amountOwedFen)} yuan owed: compensation is at most 100 % of the wages owed (劳动保障监察条例 Article 26)` });
  }
  if (problems.length > before) return undefined;
  return { amountRecoveredFen: amountFen, compensationRecoveredFen: compensationFen, wagesRecoveredFen: wagesFen };
}

const fmt = (fen: Fen) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
