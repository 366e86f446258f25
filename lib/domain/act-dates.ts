/**
 * When an act happened, as opposed to when it was entered: staff often record a decision, a
 * filing or a payment days after it happened. An act's date may be given (defaulting to now) and
 * is bounded here, for every service alike: not in the future, not before the lead was received,
 * not before the act it follows (a filing after the decision to support, a payment after its
 * order). Pure: the deciders call it with the facts they locked.
 */
import { invalid, type InvalidField } from '../errors';
import { dateProblem, shanghaiDate } from '../dates';

/** A time stamp may run ahead of the hub's clock by this much (a client's clock). */
export const ACT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The reasons an act is out of order with the act it follows (each names that act). */
export type ActOrderReason = 'DATE_BEFORE_SUPPORT_DECISION' | 'DATE_BEFORE_FILING' | 'DATE_BEFORE_COURT_OUTCOME' | 'DATE_BEFORE_PAYMENT_ORDER' | 'DATE_BEFORE_HEARING' | 'DATE_BEFORE_ADVANCE'
  | 'DATE_BEFORE_BLACKLIST_PROPOSAL' | 'DATE_BEFORE_BLACKLIST_NOTICE' | 'DATE_BEFORE_BLACKLIST_STATEMENT' | 'DATE_BEFORE_BLACKLIST_LISTING' | 'DATE_BEFORE_LAST_ORDER_PAYMENT' | 'DATE_BEFORE_EVIDENCE_REQUEST'
  | 'DATE_BEFORE_SUSPENSION';

export interface ActBounds {
  now: Date;
  /** When the lead was received, when the service knows it. */
  leadReceivedAt?: Date | null;
  /** The act this one follows: a time, or a day (YYYY-MM-DD). */
  after?: { at: Date | string; reason: ActOrderReason } | null;
}

const dayOf = (v: Date | string) => (typeof v === 'string' ? v : shanghaiDate(v));

/** An act dated by a time: a missing time is now; a wrong one is added to `problems`. */
export function actTime(problems: InvalidField[], field: string, at: Date | null | undefined, b: ActBounds): Date {
  if (at == null) return b.now;
  if (Number.isNaN(at.getTime())) problems.push(invalid(field, 'TIME_FORMAT'));
  else if (at.getTime() > b.now.getTime() + ACT_CLOCK_SKEW_MS) problems.push(invalid(field, 'IN_FUTURE'));
  else if (b.leadReceivedAt && at.getTime() < b.leadReceivedAt.getTime()) problems.push(invalid(field, 'DATE_BEFORE_LEAD_RECEIVED', { date: shanghaiDate(b.leadReceivedAt) }));
  else if (b.after && (typeof b.after.at === 'string' ? shanghaiDate(at) < b.after.at : at.getTime() < b.after.at.getTime())) {
    problems.push(invalid(field, b.after.reason, { date: dayOf(b.after.at) }));
  }
  return at;
}

/** An act dated by a day (Asia/Shanghai): a missing day is today; a wrong one is added to `problems`. */
export function actDay(problems: InvalidField[], field: string, on: string | null | undefined, b: ActBounds): string {
  if (on == null) return shanghaiDate(b.now);
  const p = dateProblem(on);
  if (p) problems.push(invalid(field, p));
  else if (on > shanghaiDate(b.now)) problems.push(invalid(field, 'IN_FUTURE'));
  else if (b.leadReceivedAt && on < shanghaiDate(b.leadReceivedAt)) problems.push(invalid(field, 'DATE_BEFORE_LEAD_RECEIVED', { date: shanghaiDate(b.leadReceivedAt) }));
  else if (b.after && on < dayOf(b.after.at)) problems.push(invalid(field, b.after.reason, { date: dayOf(b.after.at) }));
  return on;
}

