/**
 * When a deadline's reminders fall due, in Asia/Shanghai working days, as staff see them counted
 * (WorkingCalendar.workingDaysLeft): "due within n working days" begins the day n working days
 * are left; "n working days overdue" begins the day the count reads -n. Pure.
 */
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../dates';
import type { WorkingCalendar } from '../calendar/working-days';

/** The last day of a deadline given as the instant it runs out (00:00 of the next day). */
export const lastDayOf = (due: Date) => shanghaiDate(new Date(due.getTime() - 1));

/** The instant "due within `n` working days" begins: the first day from which at most `n` are left. */
export function soonFrom(due: Date, n: number, calendar: WorkingCalendar): Date {
  const last = lastDayOf(due);
  let day = last;
  // Back a day while the day before still has at most n working days left.
  while (calendar.workingDaysBetween(addDays(day, -1), last) <= n) day = addDays(day, -1);
  return shanghaiStartOfDay(day);
}

/** The instant a deadline is `n` working days overdue (n = 0: the deadline itself). */
export function overdueBy(due: Date, n: number, calendar: WorkingCalendar): Date {
  return n <= 0 ? due : shanghaiStartOfDay(calendar.addWorkingDays(lastDayOf(due), n));
}

/** Working days a deadline is overdue at `now` (0 while it has not run out). */
export const workingDaysOverdue = (due: Date, now: Date, calendar: WorkingCalendar) => Math.max(0, -calendar.workingDaysLeft(due, now));

/**
 * Calendar days that surely hold `n` working days: weekends, a two-week margin for the longest run
 * of holidays (Spring Festival), and a tenth more for the year's other days off. What bounds the
 * rows a pass reads.
 */
export const calendarDaysHolding = (n: number) => Math.ceil((Math.max(0, n) * 7) / 5) + 14 + Math.ceil(Math.max(0, n) / 10);

/** How far back a pass catches up on deadlines missed while no pass ran . */
export const CATCH_UP_DAYS = 31;
