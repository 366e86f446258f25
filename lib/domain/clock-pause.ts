/**
 * Deadline clocks that pause (中止/恢复): an investigation's 60 working days, a transfer's
 * feedback deadline. A SUPERVISOR of the agency whose deadline it is suspends it, with the reason,
 * dated the day it took effect; resuming moves the deadline later by the working days it stood
 * suspended (Asia/Shanghai, holidays and 调休 counted). While suspended the deadline is never
 * overdue. Pure: the investigation and transfer deciders call it with the facts they locked.
 */
import type { Principal } from '../auth';
import type { Agency } from './enums';
import { badInput, invalidInput, refuse, type InvalidField } from '../errors';
import { actDay } from './act-dates';
import { TEXT_MAX, cleanText, textLength } from '../vocabulary/text';
import { maySuspendClock } from '../vocabulary/acts';
import type { WorkingCalendar } from '../calendar/working-days';

export type ClockCommand = { type: 'suspend'; reason: string; suspendedOn?: string | null } | { type: 'resume'; resumedOn?: string | null };

export interface ClockNow {
  /** The agency whose deadline it is: only its SUPERVISORs suspend or resume it. */
  agency: Agency;
  /** The case is closed: nothing runs any more. */
  closed: boolean;
  /** The deadline runs (an investigation is open; a transfer is accepted and owed feedback). */
  running: boolean;
  /** The day it was suspended, while it is. */
  suspendedOn: string | null;
  leadReceivedAt?: Date | null;
}

export type ClockDecision =
  | { type: 'suspended'; suspendedOn: string; reason: string }
  | { type: 'resumed'; suspendedOn: string; resumedOn: string; workingDays: number };

/** The working days a deadline stood suspended: those after the day it was suspended up to the day it resumed. */
export const suspendedWorkingDays = (calendar: WorkingCalendar, suspendedOn: string, resumedOn: string) => calendar.workingDaysBetween(suspendedOn, resumedOn);

export function decideClock(by: Principal, c: ClockNow, cmd: ClockCommand, now: Date, calendar: WorkingCalendar): ClockDecision {
  if (!maySuspendClock(by, c.agency)) throw refuse('CLOCK_SUPERVISOR_REQUIRED', { agency: c.agency });
  if (c.closed) throw refuse('CLOCK_CASE_CLOSED');
  const problems: InvalidField[] = [];
  if (cmd.type === 'suspend') {
    if (c.suspendedOn) throw refuse('CLOCK_ALREADY_SUSPENDED', { since: c.suspendedOn });
    if (!c.running) throw refuse('CLOCK_NOT_RUNNING');
    const reason = cleanText(cmd.reason, 'paragraph');
    if (!reason) throw badInput('input.reason', 'FIELD_REQUIRED');
    if (textLength(reason) > TEXT_MAX) throw badInput('input.reason', 'TEXT_TOO_LONG', { max: TEXT_MAX });
    const suspendedOn = actDay(problems, 'input.suspendedOn', cmd.suspendedOn, { now, leadReceivedAt: c.leadReceivedAt });
    if (problems.length) throw invalidInput(problems);
    return { type: 'suspended', suspendedOn, reason };
  }
  if (!c.suspendedOn) throw refuse('CLOCK_NOT_SUSPENDED');
  const resumedOn = actDay(problems, 'input.resumedOn', cmd.resumedOn, { now, leadReceivedAt: c.leadReceivedAt, after: { at: c.suspendedOn, reason: 'DATE_BEFORE_SUSPENSION' } });
  if (problems.length) throw invalidInput(problems);
  return { type: 'resumed', suspendedOn: c.suspendedOn, resumedOn, workingDays: suspendedWorkingDays(calendar, c.suspendedOn, resumedOn) };
}
