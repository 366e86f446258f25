/** Mediation with the employer (调解) and broken agreements, an early-warning signal. Pure. */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem } from '../../../../../lib/dates';
import { actTime } from '../../../../../lib/domain/act-dates';
import { TEXT_MAX, cleanText, holdsLead, textLength } from '../../../../../lib/vocabulary';
import { event } from '../../../../../lib/vocabulary/events';
import { RISK_SIGNAL, TRANSFER_FEEDBACK, type RiskSignal, type TransferFeedback } from '../../../../../lib/messages';
import type { Outgoing } from '../../../../../lib/command/handler';
import type { MediationCommand, MediationEvent } from './mediation.commands';

export type MediationOutcome = 'SETTLED' | 'PARTIAL' | 'FAILED';

export interface MediationRequest {
  outcome: MediationOutcome;
  summary: string;
  amountAgreed?: string | null;
  agreedPayBy?: string | null;
  /** When the mediation took place, if not now. */
  occurredAt?: Date | null;
}


export function decideMediation(
  by: Principal,
  c: { transferState: string; closureState: string; leadReceivedAt?: Date | null },
  r: MediationRequest,
  now: Date,
): { outcome: MediationOutcome; summary: string; amountAgreedFen: Fen | null; agreedPayBy: string | null; occurredAt: Date } {
  if (by.agency !== 'UNION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('MEDIATION_STAFF_REQUIRED');
  if (c.closureState !== 'OPEN') throw refuse('UNION_CASE_CLOSED');
  if (!holdsLead(c.transferState)) throw refuse('UNION_CASE_NOT_HANDLING', { state: c.transferState });
  const problems: InvalidField[] = [];
  const summary = cleanText(r.summary);
  if (!summary) problems.push(invalid('input.summary', 'FIELD_REQUIRED'));
  else if (textLength(summary) > TEXT_MAX) problems.push(invalid('input.summary', 'TEXT_TOO_LONG', { max: TEXT_MAX }));
  const agreement = r.outcome !== 'FAILED';
  let amountAgreedFen: Fen | null = null;
  if (r.amountAgreed != null) {
    const p = moneyProblem(r.amountAgreed);
    if (p) problems.push(invalid('input.amountAgreed', p));
    else amountAgreedFen = toFen(r.amountAgreed);
  }
  if (r.agreedPayBy != null) {
    const p = dateProblem(r.agreedPayBy);
    if (p) problems.push(invalid('input.agreedPayBy', p));
  }
  if (agreement && r.amountAgreed == null) problems.push(invalid('input.amountAgreed', 'SETTLEMENT_TERM_REQUIRED', { outcome: r.outcome }));
  if (agreement && r.agreedPayBy == null) problems.push(invalid('input.agreedPayBy', 'SETTLEMENT_TERM_REQUIRED', { outcome: r.outcome }));
  if (!agreement && (r.amountAgreed != null || r.agreedPayBy != null)) {
    problems.push(invalid(r.amountAgreed != null ? 'input.amountAgreed' : 'input.agreedPayBy', 'FAILED_MEDIATION_HAS_NO_TERMS'));
  }
  const occurredAt = actTime(problems, 'input.occurredAt', r.occurredAt, { now, leadReceivedAt: c.leadReceivedAt });
  if (problems.length) throw invalidInput(problems);
  return { outcome: r.outcome, summary, amountAgreedFen, agreedPayBy: r.agreedPayBy ?? null, occurredAt };
}

/**
 * A settlement is broken when its pay-by date has passed (Asia/Shanghai) and the union's case is
 * still open: the employer did not pay as agreed.
 */
export function isAgreementBroken(mediations: { outcome: string; agreedPayBy?: string | null }[], closureState: string, today: string): boolean {
  if (closureState !== 'OPEN') return false;
  const last = mediations.filter((m) => m.outcome === 'SETTLED' || m.outcome === 'PARTIAL').at(-1);
  return !!last?.agreedPayBy && last.agreedPayBy < today;
}

/**
 * A mediation the court delegated to the union (诉调对接) is answered by its result: a settlement or
 * a failure is the final feedback (a failed one goes back to the court to hear), a partial
 * agreement an interim one.
 */
export function delegatedMediationFeedback(d: { outcome: MediationOutcome; summary: string; amountAgreedFen: Fen | null; agreedPayBy: string | null }): { final: boolean; summary: string } {
  const terms = d.amountAgreedFen !== null ? `: ${formatFen(d.amountAgreedFen)} yuan to be paid by ${d.agreedPayBy}` : '';
  const what = { SETTLED: 'settled', PARTIAL: 'partly agreed', FAILED: 'failed; the dispute goes back to the court' }[d.outcome];
  return { final: d.outcome !== 'PARTIAL', summary: `Union mediation (诉调对接) ${what}${terms}. ${d.summary}` };
}

/** The mediation decider: the union's case as it is, the command, and the mediation recorded. */
export function decideMediationCommand(c: { leadId: string; transferState: string; closureState: string; leadReceivedAt?: Date | null }, cmd: MediationCommand): MediationEvent {
  const d = decideMediation(cmd.by, c, cmd, cmd.at);
  return event(
    'MEDIATION_RECORDED',
    { type: 'UnionCase', id: c.leadId },
    c.leadId,
    { outcome: d.outcome, amountAgreedFen: d.amountAgreedFen?.toString() ?? null, agreedPayBy: d.agreedPayBy, occurredAt: d.occurredAt.toISOString() },
    { summary: d.summary },
  );
}

/**
 * What the registry hears of a mediation: the employer's latest commitment (for the watch list),
 * and the answer to a court's delegated mediation if the union accepted one (the registry knows).
 */
export function mediationMessages(e: MediationEvent, by: MediationCommand['by']): Outgoing[] {
  const leadId = e.leadId!;
  const f = e.facts;
  const out: Outgoing[] = [];
  if (f.agreedPayBy && f.amountAgreedFen !== null) {
    const signal: RiskSignal = { kind: 'MEDIATION_AGREEMENT', key: leadId, leadId, dueOn: f.agreedPayBy, outstandingFen: f.amountAgreedFen };
    out.push({ to: 'leads', type: RISK_SIGNAL, payload: signal });
  }
  const answer = delegatedMediationFeedback({ outcome: f.outcome, summary: e.text?.summary ?? '', amountAgreedFen: f.amountAgreedFen === null ? null : BigInt(f.amountAgreedFen), agreedPayBy: f.agreedPayBy });
  const feedback: TransferFeedback = { leadId, kind: 'DELEGATED_MEDIATION', to: 'UNION', ...answer, amountRecoveredFen: null, workersPaid: null, by };
  out.push({ to: 'leads', type: TRANSFER_FEEDBACK, payload: feedback });
  return out;
}
