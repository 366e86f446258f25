/**
 * Labour inspection's statutory clock and casework (seeds 001, 004): accept or return a referred
 * lead within 5 working days, contact the complainant the day it arrives (首日对接), order payment
 * by a deadline, hand over (三交办), call back afterwards (回头看). Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { event } from '../../../../../lib/vocabulary/events';
import type { InspectionCommand, InspectionEvent, InspectionState } from './casework.commands';
import { badInput, invalid, type InvalidField, invalidInput, refuse } from '../../../../../lib/errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import { actDay, actTime } from '../../../../../lib/domain/act-dates';
import type { WorkingCalendar } from '../../../../../lib/calendar/working-days';
import { TEXT_MAX, cleanText, holdsLead, textLength } from '../../../../../lib/vocabulary';
import { decideClock } from '../../../../../lib/domain/clock-pause';

import { ACCEPT_WITHIN_WORKING_DAYS } from '../../../../../lib/domain/deadlines';
export { ACCEPT_WITHIN_WORKING_DAYS };

export interface InspectionCaseNow {
  transferState: string;
  closureState: string;
  openedAt: Date;
  arrivedAt?: Date | null;
  firstContactAt?: Date | null;
  /** When the lead was received, when known: no act is dated earlier. */
  leadReceivedAt?: Date | null;
}

/** Accept-or-return deadline of a referred lead; none for inspection's own intake. */
export function acceptBy(c: InspectionCaseNow, calendar: WorkingCalendar): Date | null {
  return c.arrivedAt ? calendar.dueAt(c.arrivedAt, ACCEPT_WITHIN_WORKING_DAYS) : null;
}

/** The complainant must be contacted on the (Asia/Shanghai) day the lead arrived. */
export function firstContactLate(c: InspectionCaseNow, now: Date): boolean {
  const arrivedOn = shanghaiDate(c.arrivedAt ?? c.openedAt);
  const contactedOn = c.firstContactAt ? shanghaiDate(c.firstContactAt) : shanghaiDate(now);
  return contactedOn > arrivedOn;
}


export function mayWork(by: Principal, c: InspectionCaseNow) {
  if (by.agency !== 'INSPECTION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw refuse('INSPECTION_STAFF_REQUIRED');
  if (c.closureState !== 'OPEN') throw refuse('INSPECTION_CASE_CLOSED');
  if (!holdsLead(c.transferState)) throw refuse('INSPECTION_CASE_NOT_HANDLING', { state: c.transferState });
}

export function requiredNote(field: string, note: string, required: boolean): string {
  const text = cleanText(note);
  if (required && !text) throw badInput(field, 'FIELD_REQUIRED');
  if (textLength(text) > TEXT_MAX) throw badInput(field, 'TEXT_TOO_LONG', { max: TEXT_MAX });
  return text;
}

/** When an act happened: a time given (not in the future, not before the lead was received), or now. */
function happened(field: string, c: InspectionCaseNow, at: Date | null | undefined, now: Date): Date {
  const problems: InvalidField[] = [];
  const t = actTime(problems, field, at, { now, leadReceivedAt: c.leadReceivedAt });
  if (problems.length) throw invalidInput(problems);
  return t;
}

export function decideFirstContact(by: Principal, c: InspectionCaseNow, note: string, occurredAt: Date | null | undefined, now: Date): { note: string; occurredAt: Date } {
  mayWork(by, c);
  if (c.firstContactAt) throw refuse('FIRST_CONTACT_ALREADY_RECORDED', { at: c.firstContactAt.toISOString() });
  const text = requiredNote('note', note, true);
  return { note: text, occurredAt: happened('occurredAt', c, occurredAt, now) };
}

/** The deadline runs from the day the order was issued (today unless given), not from when it was entered. */
export function decidePaymentOrder(by: Principal, c: InspectionCaseNow, r: { amount: string; payBy: string; issuedOn?: string | null }, now: Date): { amountFen: Fen; payBy: string; issuedOn: string } {
  mayWork(by, c);
  const problems: InvalidField[] = [];
  const mp = moneyProblem(r.amount);
  if (mp) problems.push(invalid('input.amount', mp));
  else if (toFen(r.amount) === 0n) problems.push(invalid('input.amount', 'MONEY_NOT_POSITIVE'));
  const issuedOn = actDay(problems, 'input.issuedOn', r.issuedOn, { now, leadReceivedAt: c.leadReceivedAt });
  const dp = dateProblem(r.payBy);
  if (dp) problems.push(invalid('input.payBy', dp));
  else if (issuedOn === shanghaiDate(now) && r.payBy < issuedOn) problems.push(invalid('input.payBy', 'PAY_BY_IN_PAST'));
  else if (!dateProblem(issuedOn) && r.payBy < issuedOn) problems.push(invalid('input.payBy', 'PAY_BY_BEFORE_ISSUE', { date: issuedOn }));
  if (problems.length) throw invalidInput(problems);
  return { amountFen: toFen(r.amount), payBy: r.payBy, issuedOn };
}

export function decideOrderPayment(by: Principal, c: InspectionCaseNow, order: { amountFen: Fen; paidFen: Fen; issuedOn?: string }, amount: string, paidOn: string, now: Date): { amountFen: Fen } {
  mayWork(by, c);
  const problems: InvalidField[] = [];
  const mp = moneyProblem(amount);
  if (mp) problems.push(invalid('amount', mp));
  else if (toFen(amount) === 0n) problems.push(invalid('amount', 'MONEY_NOT_POSITIVE'));
  actDay(problems, 'paidOn', paidOn, { now, leadReceivedAt: c.leadReceivedAt, after: order.issuedOn ? { at: order.issuedOn, reason: 'DATE_BEFORE_PAYMENT_ORDER' } : null });
  if (problems.length) throw invalidInput(problems);
  const outstanding = order.amountFen - order.paidFen;
  if (toFen(amount) > outstanding) throw badInput('amount', 'ORDER_PAYMENT_EXCEEDS_UNPAID', { outstanding: formatFen(outstanding) });
  return { amountFen: toFen(amount) };
}

/** An order is overdue once its pay-by day (Asia/Shanghai) is over and it is not paid in full. */
export const orderOverdue = (o: { amountFen: Fen; paidFen: Fen; payBy: string }, now: Date) => o.paidFen < o.amountFen && o.payBy < shanghaiDate(now);

export function decideHandover(by: Principal, c: InspectionCaseNow, note: string, occurredAt: Date | null | undefined, now: Date): { note: string; occurredAt: Date } {
  mayWork(by, c);
  const text = requiredNote('input.note', note, true);
  return { note: text, occurredAt: happened('input.occurredAt', c, occurredAt, now) };
}

export function decideCallback(by: Principal, c: InspectionCaseNow, note: string, occurredAt: Date | null | undefined, now: Date): { note: string; occurredAt: Date } {
  mayWork(by, c);
  const text = requiredNote('input.note', note, false);
  return { note: text, occurredAt: happened('input.occurredAt', c, occurredAt, now) };
}

/** A referred lead is closed only after the complainant was called back (回头看). */
export function checkCloseInspection(c: InspectionCaseNow, callbacks: number): void {
  if (c.arrivedAt && callbacks === 0) {
    throw refuse('CALLBACK_REQUIRED_BEFORE_CLOSE');
  }
}

export const POLICE_SEND_WITHIN_MS = 24 * 60 * 60 * 1000;

/**
 * Suspected refusal to pay wages (拒不支付劳动报酬罪, Criminal Law art. 276-1) goes to the police
 * only when the employer let a payment order lapse unpaid; it is sent within 24 hours of the
 * decision, so the decision time cannot be more than 24 hours before now (the time of sending).
 */
export function decidePoliceReferral(
  by: Principal,
  c: InspectionCaseNow & { policeSentAt?: Date | null },
  orders: { amountFen: Fen; paidFen: Fen; payBy: string }[],
  r: { policeUnit: string; decidedAt: Date },
  now: Date,
): { policeUnit: string; decidedAt: Date; sentAt: Date } {
  mayWork(by, c);
  if (c.policeSentAt) throw refuse('POLICE_ALREADY_REFERRED', { at: c.policeSentAt.toISOString() });
  if (!orders.some((o) => orderOverdue(o, now))) {
    throw refuse('POLICE_NEEDS_OVERDUE_ORDER');
  }
  const problems: InvalidField[] = [];
  const unit = cleanText(r.policeUnit);
  if (!unit) problems.push(invalid('input.policeUnit', 'FIELD_REQUIRED'));
  else if (textLength(unit) > 200) problems.push(invalid('input.policeUnit', 'TEXT_TOO_LONG', { max: 200 }));
  if (Number.isNaN(r.decidedAt.getTime())) problems.push(invalid('input.decidedAt', 'TIME_FORMAT'));
  else if (r.decidedAt.getTime() > now.getTime() + 5 * 60 * 1000) problems.push(invalid('input.decidedAt', 'IN_FUTURE'));
  else if (now.getTime() - r.decidedAt.getTime() > POLICE_SEND_WITHIN_MS) {
    problems.push(invalid('input.decidedAt', 'POLICE_DECISION_TOO_OLD'));
  } else if (c.leadReceivedAt && r.decidedAt < c.leadReceivedAt) problems.push(invalid('input.decidedAt', 'DATE_BEFORE_LEAD_RECEIVED', { date: shanghaiDate(c.leadReceivedAt) }));
  if (problems.length) throw invalidInput(problems);
  return { policeUnit: unit, decidedAt: r.decidedAt, sentAt: now };
}

export const INVESTIGATION_WORKING_DAYS = 60;
export const EXTENSION_WORKING_DAYS = 30;

export interface InvestigationClock {
  investigationOpenedAt?: Date | null;
  investigationExtendedAt?: Date | null;
  investigationSuspendedOn?: string | null;
  investigationSuspendedDays?: number;
}

/**
 * An investigation finishes within 60 working days of opening, 90 once extended, later by the
 * working days it stood suspended (中止). While suspended the deadline stands where it was when
 * suspended and is never overdue (investigationRunning).
 */
export function investigationDueAt(c: InvestigationClock, calendar: WorkingCalendar): Date | null {
  if (!c.investigationOpenedAt) return null;
  return calendar.dueAt(c.investigationOpenedAt, INVESTIGATION_WORKING_DAYS + (c.investigationExtendedAt ? EXTENSION_WORKING_DAYS : 0) + (c.investigationSuspendedDays ?? 0));
}

/** The investigation's deadline runs: it is open and not suspended. */
export const investigationRunning = (c: InvestigationClock) => !!c.investigationOpenedAt && !c.investigationSuspendedOn;

export function decideExtension(by: Principal, c: InspectionCaseNow & { investigationOpenedAt?: Date | null; investigationExtendedAt?: Date | null }, reason: string): { reason: string } {
  if (by.agency !== 'INSPECTION' || !hasRole(by, 'SUPERVISOR')) throw refuse('EXTENSION_SUPERVISOR_REQUIRED');
  if (c.closureState !== 'OPEN') throw refuse('EXTENSION_CASE_CLOSED');
  if (!c.investigationOpenedAt) throw refuse('NO_INVESTIGATION_OPEN');
  if (c.investigationExtendedAt) throw refuse('INVESTIGATION_ALREADY_EXTENDED');
  return { reason: requiredNote('reason', reason, true) };
}

export type DeadlineKind = 'ACCEPT_BY' | 'FIRST_CONTACT' | 'PAYMENT_ORDER' | 'INVESTIGATION' | 'FEEDBACK';

export interface CaseDeadlineFacts extends InspectionCaseNow, InvestigationClock {
  feedbackState: string;
  feedbackDueAt?: Date | null;
}

/** The nearest thing an inspector must do on a case, and by when: what orders the work queue. */
export function nextDeadline(c: CaseDeadlineFacts, orders: { amountFen: Fen; paidFen: Fen; payBy: string }[], calendar: WorkingCalendar): { kind: DeadlineKind; at: Date } | null {
  if (c.closureState !== 'OPEN') return null;
  const candidates: { kind: DeadlineKind; at: Date | null }[] = [];
  if (c.transferState === 'PENDING_ACCEPTANCE') candidates.push({ kind: 'ACCEPT_BY', at: acceptBy(c, calendar) });
  else {
    if (!c.firstContactAt) {
      const arrivedOn = shanghaiDate(c.arrivedAt ?? c.openedAt);
      candidates.push({ kind: 'FIRST_CONTACT', at: new Date(Date.parse(`${arrivedOn}T00:00:00+08:00`) + 86_400_000) });
    }
    for (const o of orders) if (o.paidFen < o.amountFen) candidates.push({ kind: 'PAYMENT_ORDER', at: new Date(Date.parse(`${o.payBy}T00:00:00+08:00`) + 86_400_000) });
    // A suspended investigation has no deadline running: it is not due, nor overdue.
    if (investigationRunning(c)) candidates.push({ kind: 'INVESTIGATION', at: investigationDueAt(c, calendar) });
  }
  if ((c.feedbackState === 'DUE' || c.feedbackState === 'AWAITING') && c.feedbackDueAt) candidates.push({ kind: 'FEEDBACK', at: c.feedbackDueAt });
  const dated = candidates.filter((x): x is { kind: DeadlineKind; at: Date } => !!x.at).sort((a, b) => a.at.getTime() - b.at.getTime());
  return dated[0] ?? null;
}

/** The labour inspection casework decider: the case and its orders as locked, the command, what happened. */
export function decideInspection(s: InspectionState, cmd: InspectionCommand, calendar: WorkingCalendar): InspectionEvent {
  const c = s.case;
  const entity = { type: 'InspectionCase', id: s.leadId };
  const on = <K extends InspectionEvent['kind']>(kind: K, facts: Extract<InspectionEvent, { kind: K }>['facts'], text?: Record<string, string>) => event(kind, entity, s.leadId, facts as never, text) as InspectionEvent;
  switch (cmd.type) {
    case 'recordFirstContact': {
      const d = decideFirstContact(cmd.by, c, cmd.note, cmd.occurredAt, cmd.at);
      return on('FIRST_CONTACT', { late: firstContactLate({ ...c, firstContactAt: d.occurredAt }, cmd.at), occurredAt: d.occurredAt.toISOString() }, { note: d.note });
    }
    case 'issuePaymentOrder': {
      const d = decidePaymentOrder(cmd.by, c, cmd, cmd.at);
      return on('PAYMENT_ORDER_ISSUED', { orderId: s.newOrderId, amountFen: d.amountFen.toString(), payBy: d.payBy, issuedOn: d.issuedOn });
    }
    case 'recordOrderPayment': {
      const o = s.orders.find((x) => x.id === cmd.orderId)!;
      const d = decideOrderPayment(cmd.by, c, o, cmd.amount, cmd.paidOn, cmd.at);
      return on('ORDER_PAYMENT', { orderId: o.id, amountFen: d.amountFen.toString(), paidOn: cmd.paidOn, payBy: o.payBy, outstandingFen: (o.amountFen - o.paidFen - d.amountFen).toString() });
    }
    case 'recordHandover': {
      const d = decideHandover(cmd.by, c, cmd.note, cmd.occurredAt, cmd.at);
      return on('HANDOVER', { to: cmd.to, occurredAt: d.occurredAt.toISOString() }, { note: d.note });
    }
    case 'recordCallback': {
      const d = decideCallback(cmd.by, c, cmd.note, cmd.occurredAt, cmd.at);
      return on('CALLBACK', { wagesPaid: cmd.wagesPaid, procedureLawful: cmd.procedureLawful, satisfied: cmd.satisfied, occurredAt: d.occurredAt.toISOString() }, { note: d.note });
    }
    case 'referToPolice': {
      const d = decidePoliceReferral(cmd.by, c, s.orders, cmd, cmd.at);
      return on('POLICE_REFERRAL', { decidedAt: d.decidedAt.toISOString() }, { policeUnit: d.policeUnit });
    }
    case 'extendInvestigation': {
      const d = decideExtension(cmd.by, c, cmd.reason);
      const due = investigationDueAt({ ...c, investigationExtendedAt: cmd.at }, calendar)!;
      return on('INVESTIGATION_EXTENDED', { dueAt: due.toISOString(), dueOn: shanghaiDate(new Date(due.getTime() - 1)) }, { reason: d.reason });
    }
    case 'suspendInvestigation':
    case 'resumeInvestigation': {
      const clock = { agency: 'INSPECTION' as const, closed: c.closureState !== 'OPEN', running: !!c.investigationOpenedAt, suspendedOn: c.investigationSuspendedOn ?? null, leadReceivedAt: c.leadReceivedAt };
      const d = decideClock(cmd.by, clock, cmd.type === 'suspendInvestigation' ? { type: 'suspend', reason: cmd.reason, suspendedOn: cmd.suspendedOn } : { type: 'resume', resumedOn: cmd.resumedOn }, cmd.at, calendar);
      if (d.type === 'suspended') return on('INVESTIGATION_SUSPENDED', { suspendedOn: d.suspendedOn }, { reason: d.reason });
      const due = investigationDueAt({ ...c, investigationSuspendedOn: null, investigationSuspendedDays: (c.investigationSuspendedDays ?? 0) + d.workingDays }, calendar)!;
      return on('INVESTIGATION_RESUMED', { suspendedOn: d.suspendedOn, resumedOn: d.resumedOn, workingDays: d.workingDays, dueAt: due.toISOString(), dueOn: shanghaiDate(new Date(due.getTime() - 1)) });
    }
  }
}

export function mayReadQueue(by: Principal): void {
  if (by.agency !== 'INSPECTION') throw refuse('INSPECTION_QUEUE_AGENCY_ONLY');
}

export function mayReadOverdueAcceptances(by: Principal): void {
  if (by.agency !== 'INSPECTION' || !hasRole(by, 'SUPERVISOR')) throw refuse('OVERDUE_ACCEPTANCE_SUPERVISORS_ONLY');
}
