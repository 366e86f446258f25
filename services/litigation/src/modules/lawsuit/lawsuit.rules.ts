/**
 * Civil support to sue (民事支持起诉) and the lawsuit it supports, from the procuratorate's decision
 * to the last installment (seed 002, the Lin'an case). Pure: every function decides from the case
 * as it is now and the command, and returns what to record or throws a DomainError.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { creditCodeProblem } from '../../../../../lib/identifiers';
import { actDay, actTime } from '../../../../../lib/domain/act-dates';
import { TEXT_MAX, cleanText, holdsLead, textLength } from '../../../../../lib/vocabulary';
import { event } from '../../../../../lib/vocabulary/events';
import type { LawsuitCommand, LawsuitEvent, LawsuitState } from './lawsuit.commands';

export const MAX_INSTALLMENTS = 120;

export type OutcomeKind = 'MEDIATED' | 'JUDGMENT' | 'WITHDRAWN';

export interface AgencyCaseNow {
  transferState: string;
  closureState: string;
  /** When the lead was received, when known: no act is dated earlier. */
  leadReceivedAt?: Date | null;
}

export interface SupportCaseNow extends AgencyCaseNow {
  decisionSupported?: boolean | null;
  /** When the procuratorate decided (the act's time, not when it was entered). */
  decidedAt?: Date | null;
  letterNo?: string | null;
}

export interface LawsuitNow {
  filedOn?: string | null;
  outcomeKind?: string | null;
  decidedOn?: string | null;
  totalFen?: Fen | null;
  enforcementAppliedAt?: Date | null;
}

export interface InstallmentNow {
  id: string;
  seq: number;
  dueOn: string;
  amountFen: Fen;
  paidFen: Fen;
}


function text(problems: InvalidField[], field: string, value: string | null | undefined, o: { required: boolean; max?: number }): string {
  const v = cleanText(value);
  const max = o.max ?? TEXT_MAX;
  if (o.required && !v) problems.push(invalid(field, 'FIELD_REQUIRED'));
  else if (textLength(v) > max) problems.push(invalid(field, 'TEXT_TOO_LONG', { max: max }));
  return v;
}

/** A day something happened: not in the future, not before the lead was received, not before the act it follows. */
function pastDate(problems: InvalidField[], field: string, value: string, now: Date, c: AgencyCaseNow, notBefore?: { date: string; what: 'DATE_BEFORE_SUPPORT_DECISION' | 'DATE_BEFORE_FILING' | 'DATE_BEFORE_COURT_OUTCOME' }) {
  actDay(problems, field, value, { now, leadReceivedAt: c.leadReceivedAt, after: notBefore ? { at: notBefore.date, reason: notBefore.what } : null });
}

function mayHandle(c: AgencyCaseNow, agency: 'PROCURATORATE' | 'COURT') {
  if (c.closureState !== 'OPEN') throw refuse('LITIGATION_CASE_CLOSED', { agency });
  if (c.transferState === 'PENDING_ACCEPTANCE') throw refuse('LITIGATION_CASE_NOT_ACCEPTED', { agency });
  if (!holdsLead(c.transferState)) throw refuse('LITIGATION_CASE_READ_ONLY', { agency, state: c.transferState });
}

/** 民事支持起诉: the procuratorate reviews the application and supports the workers' suit, or declines. */
export function decideSupport(by: Principal, c: SupportCaseNow, cmd: { supported: boolean; reason: string; occurredAt?: Date | null }, now: Date): { supported: boolean; reason: string; decidedAt: Date; feedbackToSender: string | null } {
  if (by.agency !== 'PROCURATORATE' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('SUPPORT_DECISION_STAFF_REQUIRED');
  mayHandle(c, 'PROCURATORATE');
  if (c.decisionSupported != null) throw refuse(c.decisionSupported ? 'SUPPORT_ALREADY_GRANTED' : 'SUPPORT_ALREADY_DECLINED', { at: c.decidedAt?.toISOString() ?? '' });
  const problems: InvalidField[] = [];
  const reason = text(problems, 'input.reason', cmd.reason, { required: true });
  const decidedAt = actTime(problems, 'input.occurredAt', cmd.occurredAt, { now, leadReceivedAt: c.leadReceivedAt });
  if (problems.length) throw invalidInput(problems);
  // A decline answers the application: the sender hears it as final feedback.
  return { supported: cmd.supported, reason, decidedAt, feedbackToSender: cmd.supported ? null : `The procuratorate declined to support the lawsuit (不予支持起诉): ${reason}` };
}

/** The letter of support (支持起诉书) the procuratorate issues once it supports the suit. */
export function decideSupportLetter(by: Principal, c: SupportCaseNow, cmd: { number: string; issuedOn: string }, now: Date): { number: string; issuedOn: string } {
  if (by.agency !== 'PROCURATORATE' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('LETTER_STAFF_REQUIRED');
  mayHandle(c, 'PROCURATORATE');
  if (c.decisionSupported !== true) throw refuse('LETTER_NEEDS_SUPPORT');
  if (c.letterNo) throw refuse('LETTER_ALREADY_RECORDED', { letterNo: c.letterNo });
  const problems: InvalidField[] = [];
  const number = text(problems, 'input.number', cmd.number, { required: true, max: 100 });
  pastDate(problems, 'input.issuedOn', cmd.issuedOn, now, c, c.decidedAt ? { date: shanghaiDate(c.decidedAt), what: 'DATE_BEFORE_SUPPORT_DECISION' } : undefined);
  if (problems.length) throw invalidInput(problems);
  return { number, issuedOn: cmd.issuedOn };
}

/**
 * Court events (filing, hearings, outcome, payments, enforcement) are recorded by the court that
 * took the case (COURT_FILING transfer accepted) or by the supporting procuratorate.
 */
export function mayRecordCourtEvent(by: Principal, support: SupportCaseNow, court: AgencyCaseNow | null): void {
  if (by.agency !== 'PROCURATORATE' && by.agency !== 'COURT') throw refuse('COURT_EVENT_AGENCY_ONLY');
  if (!hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('COURT_EVENT_ROLE_REQUIRED');
  if (by.agency === 'COURT') {
    if (!court) throw refuse('COURT_NOT_ON_LEAD');
    mayHandle(court, 'COURT');
  } else {
    mayHandle(support, 'PROCURATORATE');
  }
  if (support.decisionSupported !== true) {
    throw refuse(support.decisionSupported === false ? 'SUPPORT_DECLINED' : 'SUPPORT_NOT_DECIDED');
  }
}

/** 立案: the court files the case. */
export function decideFiling(l: LawsuitNow | null, cmd: { court: string; docketNo: string; filedOn: string }, support: SupportCaseNow, now: Date) {
  if (l?.filedOn) throw refuse('FILING_ALREADY_RECORDED', { filedOn: l.filedOn });
  const problems: InvalidField[] = [];
  const court = text(problems, 'input.court', cmd.court, { required: true, max: 200 });
  const docketNo = text(problems, 'input.docketNo', cmd.docketNo, { required: true, max: 100 });
  pastDate(problems, 'input.filedOn', cmd.filedOn, now, support, support.decidedAt ? { date: shanghaiDate(support.decidedAt), what: 'DATE_BEFORE_SUPPORT_DECISION' } : undefined);
  if (problems.length) throw invalidInput(problems);
  return { court, docketNo, filedOn: cmd.filedOn };
}

export function decideHearing(l: LawsuitNow | null, cmd: { date: string; courtRoom: string; note?: string | null; occurredAt?: Date | null }, support: AgencyCaseNow, now: Date) {
  if (!l?.filedOn) throw refuse('HEARING_NEEDS_FILING');
  if (l.outcomeKind) throw refuse('HEARING_AFTER_OUTCOME');
  const problems: InvalidField[] = [];
  const p = dateProblem(cmd.date);
  if (p) problems.push(invalid('input.date', p));
  else if (cmd.date < l.filedOn) problems.push(invalid('input.date', 'DATE_BEFORE_FILING', { date: l.filedOn }));
  const courtRoom = text(problems, 'input.courtRoom', cmd.courtRoom, { required: true, max: 200 });
  const note = text(problems, 'input.note', cmd.note, { required: false });
  // The court scheduled it on or after the filing; the hearing itself may lie ahead.
  const scheduledAt = actTime(problems, 'input.occurredAt', cmd.occurredAt, { now, leadReceivedAt: support.leadReceivedAt, after: { at: l.filedOn, reason: 'DATE_BEFORE_FILING' } });
  if (problems.length) throw invalidInput(problems);
  return { date: cmd.date, courtRoom, note, scheduledAt };
}

export function decideHearingResult(h: { date: string; outcomeNote?: string | null }, note: string, now: Date, occurredAt?: Date | null): { note: string; occurredAt: Date } {
  if (h.outcomeNote) throw refuse('HEARING_RESULT_ALREADY_RECORDED');
  if (h.date > shanghaiDate(now)) throw refuse('HEARING_NOT_HELD_YET', { date: h.date });
  const problems: InvalidField[] = [];
  const text_ = text(problems, 'note', note, { required: true });
  const at = actTime(problems, 'occurredAt', occurredAt, { now, after: { at: h.date, reason: 'DATE_BEFORE_HEARING' } });
  if (problems.length) throw invalidInput(problems);
  return { note: text_, occurredAt: at };
}

export interface OutcomeCommand {
  kind: OutcomeKind;
  decidedOn: string;
  totalAmount: string;
  installments: { dueOn: string; amount: string }[];
  jointlyLiable: { name: string; creditCode?: string | null }[];
}

export interface DecidedOutcome {
  kind: OutcomeKind;
  decidedOn: string;
  totalFen: Fen;
  installments: { seq: number; dueOn: string; amountFen: Fen }[];
  jointlyLiable: { name: string; creditCode: string | null }[];
}

/**
 * 调解 or 判决 (or the suit withdrawn): the total and a schedule of installments that must add up to
 * it exactly, and the employers held jointly liable (the Lin'an settlement bound the branch and its
 * head company).
 */
export function decideOutcome(l: LawsuitNow | null, cmd: OutcomeCommand, now: Date, support: AgencyCaseNow = {} as AgencyCaseNow): DecidedOutcome {
  if (!l?.filedOn) throw refuse('OUTCOME_NEEDS_FILING');
  if (l.outcomeKind) throw refuse('OUTCOME_ALREADY_RECORDED', { kind: l.outcomeKind, decidedOn: l.decidedOn ?? '' });
  const problems: InvalidField[] = [];
  pastDate(problems, 'input.decidedOn', cmd.decidedOn, now, support, { date: l.filedOn, what: 'DATE_BEFORE_FILING' });
  const mp = moneyProblem(cmd.totalAmount);
  if (mp) problems.push(invalid('input.totalAmount', mp));
  const total = mp ? null : toFen(cmd.totalAmount);
  if (total === 0n && cmd.kind !== 'WITHDRAWN') problems.push(invalid('input.totalAmount', 'OUTCOME_TOTAL_NOT_POSITIVE', { kind: cmd.kind }));
  if (cmd.installments.length > MAX_INSTALLMENTS) problems.push(invalid('input.installments', 'INSTALLMENTS_TOO_MANY', { max: MAX_INSTALLMENTS }));
  let sum = 0n;
  let sumKnown = true;
  cmd.installments.forEach((i, n) => {
    const dp = dateProblem(i.dueOn);
    if (dp) problems.push(invalid(`input.installments[${n}].dueOn`, dp));
    else if (!dateProblem(cmd.decidedOn) && i.dueOn < cmd.decidedOn) problems.push(invalid(`input.installments[${n}].dueOn`, 'DATE_BEFORE_OUTCOME', { date: cmd.decidedOn }));
    const ap = moneyProblem(i.amount);
    if (ap) {
      problems.push(invalid(`input.installments[${n}].amount`, ap));
      sumKnown = false;
    } else if (toFen(i.amount) === 0n) problems.push(invalid(`input.installments[${n}].amount`, 'MONEY_NOT_POSITIVE'));
    else sum += toFen(i.amount);
  });
  if (total !== null && sumKnown && sum !== total) {
    problems.push(invalid('input.installments', 'INSTALLMENTS_SUM_MISMATCH', { sum: formatFen(sum), total: formatFen(total) }));
  }
  if (cmd.kind !== 'WITHDRAWN' && cmd.jointlyLiable.length === 0) problems.push(invalid('input.jointlyLiable', 'LIABLE_EMPLOYER_REQUIRED'));
  const seen = new Set<string>();
  const liable = cmd.jointlyLiable.map((e, n) => {
    const name = text(problems, `input.jointlyLiable[${n}].name`, e.name, { required: true, max: 200 });
    const code = cleanText(e.creditCode).toUpperCase() || null;
    const cp = code ? creditCodeProblem(code) : undefined;
    if (cp) problems.push(invalid(`input.jointlyLiable[${n}].creditCode`, cp));
    const key = code ?? name.normalize('NFKC').replace(/\s+/g, '');
    if (name && seen.has(key)) problems.push(invalid(`input.jointlyLiable[${n}]`, 'LIABLE_EMPLOYER_TWICE'));
    seen.add(key);
    return { name, creditCode: code };
  });
  if (problems.length) throw invalidInput(problems);
  const installments = [...cmd.installments]
    .map((i) => ({ dueOn: i.dueOn, amountFen: toFen(i.amount) }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
    .map((i, n) => ({ seq: n + 1, ...i }));
  return { kind: cmd.kind, decidedOn: cmd.decidedOn, totalFen: total!, installments, jointlyLiable: liable };
}

/** Past its due day (Asia/Shanghai) and not paid in full. */
export const installmentOverdue = (i: { dueOn: string; amountFen: Fen; paidFen: Fen }, today: string) => i.paidFen < i.amountFen && i.dueOn < today;

export const outstandingFen = (installments: readonly { amountFen: Fen; paidFen: Fen }[]) => installments.reduce((s, i) => s + i.amountFen - i.paidFen, 0n);

/**
 * A payment against an installment. Partial payments are fine; more than that installment still
 * needs goes to the next unpaid ones in due order (the employer paying ahead), but never beyond
 * what is outstanding overall.
 */
export function allocatePayment(
  l: LawsuitNow,
  installments: readonly InstallmentNow[],
  targetId: string,
  cmd: { amount: string; paidOn: string },
  now: Date,
  support: AgencyCaseNow = {} as AgencyCaseNow,
): { allocations: { id: string; fen: Fen }[]; amountFen: Fen } {
  const problems: InvalidField[] = [];
  const mp = moneyProblem(cmd.amount);
  if (mp) problems.push(invalid('amount', mp));
  else if (toFen(cmd.amount) === 0n) problems.push(invalid('amount', 'MONEY_NOT_POSITIVE'));
  pastDate(problems, 'paidOn', cmd.paidOn, now, support, l.decidedOn ? { date: l.decidedOn, what: 'DATE_BEFORE_COURT_OUTCOME' } : undefined);
  if (problems.length) throw invalidInput(problems);
  const amount = toFen(cmd.amount);
  const outstanding = outstandingFen(installments);
  if (outstanding === 0n) throw refuse('SETTLEMENT_PAID_IN_FULL');
  if (amount > outstanding) throw badInput('amount', 'PAYMENT_EXCEEDS_OUTSTANDING', { outstanding: formatFen(outstanding) });
  const ordered = [...installments].sort((a, b) => a.seq - b.seq);
  const target = ordered.find((i) => i.id === targetId)!;
  const allocations: { id: string; fen: Fen }[] = [];
  let left = amount;
  for (const i of [target, ...ordered.filter((x) => x.id !== targetId)]) {
    const room = i.amountFen - i.paidFen;
    if (left === 0n) break;
    if (room <= 0n) continue;
    const fen = left < room ? left : room;
    allocations.push({ id: i.id, fen });
    left -= fen;
  }
  return { allocations, amountFen: amount };
}

/** 申请强制执行: once installments are missed. */
export function decideEnforcement(l: LawsuitNow | null, installments: readonly InstallmentNow[], note: string, now: Date): { note: string; overdue: InstallmentNow[] } {
  if (!l?.outcomeKind) throw refuse('ENFORCEMENT_NEEDS_OUTCOME');
  if (l.enforcementAppliedAt) throw refuse('ENFORCEMENT_ALREADY_APPLIED', { at: l.enforcementAppliedAt.toISOString() });
  const today = shanghaiDate(now);
  const overdue = installments.filter((i) => installmentOverdue(i, today));
  if (!overdue.length) throw refuse('ENFORCEMENT_NOTHING_OVERDUE');
  const problems: InvalidField[] = [];
  const n = text(problems, 'note', note, { required: false });
  if (problems.length) throw invalidInput(problems);
  return { note: n, overdue };
}

/** The support case closes as paid only when the settlement is paid. */
export function checkCloseSupport(reason: string, l: LawsuitNow | null, installments: readonly InstallmentNow[]): void {
  if (!l?.outcomeKind || !['PAID_IN_FULL', 'JUDGMENT_ENFORCED'].includes(reason)) return;
  const left = outstandingFen(installments);
  if (left > 0n) throw refuse('SUPPORT_CLOSE_UNPAID', { unpaid: formatFen(left) });
}

/** Acts recorded by the court on the case, or by the supporting procuratorate. */
export const COURT_EVENTS: ReadonlySet<LawsuitCommand['type']> = new Set(['recordCourtFiling', 'scheduleHearing', 'recordHearingResult', 'recordCourtOutcome', 'recordInstallmentPayment', 'applyForEnforcement']);

/** The lawsuit decider: support, letter, and the court events recorded by the court or the procuratorate. */
export function decideLawsuit(s: LawsuitState, cmd: LawsuitCommand): LawsuitEvent {
  const entity = { type: 'SupportCase', id: s.leadId };
  const leadId = s.leadId;
  if (COURT_EVENTS.has(cmd.type)) mayRecordCourtEvent(cmd.by, s.support, s.court);
  switch (cmd.type) {
    case 'decideSupport': {
      const d = decideSupport(cmd.by, s.support, cmd, cmd.at);
      const occurredAt = d.decidedAt.toISOString();
      return d.supported
        ? event('SUPPORT_GRANTED', entity, leadId, { supported: true, occurredAt }, { reason: d.reason })
        : { ...event('SUPPORT_DECLINED', entity, leadId, { supported: false, occurredAt }, { reason: d.reason }), feedbackToSender: d.feedbackToSender! };
    }
    case 'recordSupportLetter': {
      const d = decideSupportLetter(cmd.by, s.support, cmd, cmd.at);
      return event('SUPPORT_LETTER_ISSUED', entity, leadId, { letterNo: d.number, issuedOn: d.issuedOn });
    }
    case 'recordCourtFiling': {
      const d = decideFiling(s.lawsuit, cmd, s.support, cmd.at);
      return event('COURT_FILED', entity, leadId, { filedOn: d.filedOn, docketNo: d.docketNo }, { court: d.court });
    }
    case 'scheduleHearing': {
      const d = decideHearing(s.lawsuit, cmd, s.support, cmd.at);
      return event('HEARING_SCHEDULED', entity, leadId, { date: d.date, occurredAt: d.scheduledAt.toISOString() }, { courtRoom: d.courtRoom, note: d.note });
    }
    case 'recordHearingResult': {
      const h = s.hearing!;
      const d = decideHearingResult(h, cmd.note, cmd.at, cmd.occurredAt);
      return { ...event('HEARING_HELD', entity, leadId, { date: h.date, occurredAt: d.occurredAt.toISOString() }, { note: d.note }), hearingId: h.id };
    }
    case 'recordCourtOutcome': {
      const d = decideOutcome(s.lawsuit, cmd.outcome, cmd.at, s.support);
      const facts = {
        kind: d.kind,
        decidedOn: d.decidedOn,
        totalFen: d.totalFen.toString(),
        installments: d.installments.length,
        firstDueOn: d.installments[0]?.dueOn ?? null,
        lastDueOn: d.installments.at(-1)?.dueOn ?? null,
        jointlyLiable: d.jointlyLiable.length,
      };
      const liable = d.jointlyLiable.map((e) => e.name).join('、');
      return { ...event('COURT_OUTCOME_RECORDED', entity, leadId, facts, liable ? { jointlyLiable: liable } : undefined), outcomeId: s.newIds.outcome, outcome: d };
    }
    case 'recordInstallmentPayment': {
      const d = allocatePayment(s.lawsuit!, s.installments, cmd.installmentId, cmd, cmd.at, s.support);
      const after = s.installments.map((i) => ({ ...i, paidFen: i.paidFen + (d.allocations.find((a) => a.id === i.id)?.fen ?? 0n) }));
      const left = outstandingFen(after);
      const today = shanghaiDate(cmd.at);
      const facts = { paymentId: s.newIds.payment, amountFen: d.amountFen.toString(), paidOn: cmd.paidOn, outstandingFen: left.toString(), overdueInstallments: after.filter((i) => installmentOverdue(i, today)).length };
      return { ...event(left === 0n ? 'SETTLEMENT_PAID_OFF' : 'INSTALLMENT_PAID', entity, leadId, facts), allocations: d.allocations };
    }
    case 'applyForEnforcement': {
      const d = decideEnforcement(s.lawsuit, s.installments, cmd.note, cmd.at);
      return event('ENFORCEMENT_APPLIED', entity, leadId, { missedInstallments: d.overdue.length, overdueFen: outstandingFen(d.overdue).toString() }, { note: d.note });
    }
  }
}
