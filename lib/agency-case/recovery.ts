/**
 * What a closure or a final feedback says was recovered must add up against the lead: workers paid
 * at most the lead's workers; the amount recovered is wages plus any compensation (加付赔偿金) the
 * employer was ordered to add, which Article 26 of the 劳动保障监察条例 sets at 50 % to 100 % of the
 * wages owed, so at most the amount owed; the wages at most the amount owed. Pure.
 */
import { invalid, type InvalidField } from '../errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../money';

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
  if (amountProblem) problems.push(invalid(`${prefix}amountRecovered`, amountProblem));
  const compensation = claim.compensationRecovered ?? '0.00';
  const compensationProblem = moneyProblem(compensation);
  if (compensationProblem) problems.push(invalid(`${prefix}compensationRecovered`, compensationProblem));
  if (Number.isInteger(claim.workersPaid) && lead.workerCount !== null && claim.workersPaid > lead.workerCount) {
    problems.push(invalid(`${prefix}workersPaid`, 'WORKERS_PAID_EXCEED_LEAD', { workers: lead.workerCount }));
  }
  if (amountProblem || compensationProblem) return undefined;
  const amountFen = toFen(claim.amountRecovered);
  const compensationFen = toFen(compensation);
  const wagesFen = amountFen - compensationFen;
  if (wagesFen < 0n) problems.push(invalid(`${prefix}compensationRecovered`, 'COMPENSATION_EXCEEDS_RECOVERED'));
  else if (lead.amountOwedFen !== null && wagesFen > lead.amountOwedFen) {
    problems.push(invalid(`${prefix}amountRecovered`, 'WAGES_RECOVERED_EXCEED_OWED', { wages: formatFen(wagesFen), owed: formatFen(lead.amountOwedFen) }));
  }
  if (lead.amountOwedFen !== null && compensationFen > lead.amountOwedFen) {
    problems.push(invalid(`${prefix}compensationRecovered`, 'COMPENSATION_EXCEEDS_OWED', { owed: formatFen(lead.amountOwedFen) }));
  }
  if (problems.length > before) return undefined;
  return { amountRecoveredFen: amountFen, compensationRecoveredFen: compensationFen, wagesRecoveredFen: wagesFen };
}
