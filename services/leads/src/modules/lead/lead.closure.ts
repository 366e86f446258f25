/**
 * A lead is closed (办结) when every agency holding it has closed its own case. An agency that
 * returned the lead (退回) never took it on and cannot close, so it does not hold the lead open.
 * The lead closes at the last of those closures, having recovered the largest wages one of them
 * recorded, and the largest compensation (加付赔偿金): two agencies closing one lead report one
 * payment, not two. Pure.
 */
import type { TransferState } from '../../../../../lib/domain/enums';

const NOT_HOLDING: readonly TransferState[] = ['RETURNED'];

export interface AgencyClosure {
  transferState: string;
  closureState: string;
  closedAt?: Date | null;
  amountRecoveredFen?: string | null;
  compensationRecoveredFen?: string | null;
  workersPaid?: number | null;
}

export interface LeadClosure {
  closedAt: Date | null;
  /** Wages recovered (compensation apart). */
  amountRecoveredFen: string | null;
  compensationRecoveredFen: string | null;
  workersPaid: number | null;
}

export function leadClosure(agencies: readonly AgencyClosure[], workerCount: number): LeadClosure {
  const holding = agencies.filter((a) => !(NOT_HOLDING as readonly string[]).includes(a.transferState));
  if (!holding.length || holding.some((a) => a.closureState !== 'CLOSED' || !a.closedAt)) return { closedAt: null, amountRecoveredFen: null, compensationRecoveredFen: null, workersPaid: null };
  const max = <T>(values: T[], gt: (a: T, b: T) => boolean) => values.reduce((m, v) => (gt(v, m) ? v : m));
  return {
    closedAt: max(holding.map((a) => a.closedAt!), (a, b) => a.getTime() > b.getTime()),
    amountRecoveredFen: max(holding.map((a) => BigInt(a.amountRecoveredFen ?? 0) - BigInt(a.compensationRecoveredFen ?? 0)), (a, b) => a > b).toString(),
    compensationRecoveredFen: max(holding.map((a) => BigInt(a.compensationRecoveredFen ?? 0)), (a, b) => a > b).toString(),
    // Workers paid cannot be more than the workers on the lead, whatever a closure said.
    workersPaid: Math.min(workerCount, max(holding.map((a) => a.workersPaid ?? 0), (a, b) => a > b)),
  };
}

/** Keeps the lead's own closure in step with its agencies' (call after any of theirs changes). */
export function settleLeadClosure(lead: { workerCount: number } & { [K in keyof LeadClosure]?: LeadClosure[K] }, agencies: readonly AgencyClosure[]): void {
  const c = leadClosure(agencies, lead.workerCount);
  if ((lead.closedAt?.getTime() ?? null) !== (c.closedAt?.getTime() ?? null)) lead.closedAt = c.closedAt;
  if ((lead.amountRecoveredFen ?? null) !== c.amountRecoveredFen) lead.amountRecoveredFen = c.amountRecoveredFen;
  if ((lead.compensationRecoveredFen ?? null) !== c.compensationRecoveredFen) lead.compensationRecoveredFen = c.compensationRecoveredFen;
  if ((lead.workersPaid ?? null) !== c.workersPaid) lead.workersPaid = c.workersPaid;
}
