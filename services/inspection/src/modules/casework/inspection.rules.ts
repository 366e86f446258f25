/**
 * Labour inspection's statutory clock and casework (seeds 001, 004): accept or return a referred
 * lead within 5 working days, contact the complainant the day it arrives (首日对接), order payment
 * by a deadline, hand over (三交办), call back afterwards (回头看). Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, forbidden, invalidInput, invalidTransition, type InvalidField } from '../../../../../lib/errors';
import { formatFen, moneyProblem, toFen, type Fen } from '../../../../../lib/money';
import { dateProblem, shanghaiDate } from '../../../../../lib/dates';
import type { WorkingCalendar } from '../../../../../lib/calendar/working-days';

export const ACCEPT_WITHIN_WORKING_DAYS = 5;

export interface InspectionCaseNow {
  transferState: string;
  closureState: string;
  openedAt: Date;
  arrivedAt?: Date | null;
  firstContactAt?: Date | null;
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

const clean = (s: string | null | undefined) => (s ?? '').replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/\s+/g, ' ').trim();

function mayWork(by: Principal, c: InspectionCaseNow) {
  if (by.agency !== 'INSPECTION' || !hasRole(by, 'HANDLER', 'SUPERVISOR')) throw forbidden('This needs a labour inspection HANDLER or SUPERVISOR.');
  if (c.closureState !== 'OPEN') throw invalidTransition('The inspection case is closed; reopen it first.');
  if (!['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'].includes(c.transferState)) throw invalidTransition(`The inspection case is ${c.transferState}: accept the lead first.`);
}

function requiredNote(field: string, note: string, required: boolean): string {
  const text = clean(note);
  if (required && !text) throw badInput(field, 'is required');
  if (text.length > 2000) throw badInput(field, 'is longer than 2000 characters');
  return text;
}

export function decideFirstContact(by: Principal, c: InspectionCaseNow, note: string): { note: string } {
  mayWork(by, c);
  if (c.firstContactAt) throw invalidTransition(`The first contact was already recorded at ${c.firstContactAt.toISOString()}.`);
  return { note: requiredNote('note', note, true) };
}

export function decidePaymentOrder(by: Principal, c: InspectionCaseNow, r: { amount: string; payBy: string }, now: Date): { amountFen: Fen; payBy: string } {
  mayWork(by, c);
  const problems: InvalidField[] = [];
  const mp = moneyProblem(r.amount);
  if (mp) problems.push({ field: 'input.amount', message: mp });
  else if (toFen(r.amount) === 0n) problems.push({ field: 'input.amount', message: 'must be more than 0.00' });
  const dp = dateProblem(r.payBy);
  if (dp) problems.push({ field: 'input.payBy', message: dp });
  else if (r.payBy < shanghaiDate(now)) problems.push({ field: 'input.payBy', message: 'is in the past: a payment order gives the employer a deadline from today' });
  if (problems.length) throw invalidInput(problems);
  return { amountFen: toFen(r.amount), payBy: r.payBy };
}

export function decideOrderPayment(by: Principal, c: InspectionCaseNow, order: { amountFen: Fen; paidFen: Fen }, amount: string, paidOn: string, now: Date): { amountFen: Fen } {
  mayWork(by, c);
  const problems: InvalidField[] = [];
  const mp = moneyProblem(amount);
  if (mp) problems.push({ field: 'amount', message: mp });
  else if (toFen(amount) === 0n) problems.push({ field: 'amount', message: 'must be more than 0.00' });
  const dp = dateProblem(paidOn);
  if (dp) problems.push({ field: 'paidOn', message: dp });
  else if (paidOn > shanghaiDate(now)) problems.push({ field: 'paidOn', message: 'is in the future' });
  if (problems.length) throw invalidInput(problems);
  const outstanding = order.amountFen - order.paidFen;
  if (toFen(amount) > outstanding) throw badInput('amount', `is more than the ${formatFen(outstanding)} yuan still unpaid on this order`);
  return { amountFen: toFen(amount) };
}

/** An order is overdue once its pay-by day (Asia/Shanghai) is over and it is not paid in full. */
export const orderOverdue = (o: { amountFen: Fen; paidFen: Fen; payBy: string }, now: Date) => o.paidFen < o.amountFen && o.payBy < shanghaiDate(now);

export function decideHandover(by: Principal, c: InspectionCaseNow, note: string): { note: string } {
  mayWork(by, c);
  return { note: requiredNote('input.note', note, true) };
}

export function decideCallback(by: Principal, c: InspectionCaseNow, note: string): { note: string } {
  mayWork(by, c);
  return { note: requiredNote('input.note', note, false) };
}

/** A referred lead is closed only after the complainant was called back (回头看). */
export function checkCloseInspection(c: InspectionCaseNow, callbacks: number): void {
  if (c.arrivedAt && callbacks === 0) {
    throw invalidTransition('This lead was referred to inspection: call the complainant back (recordCallback) before closing the case.');
  }
}
