/**
 * Chinese working days for deadlines ("feedback due in 10 working days").
 *
 * The data is the State Council General Office's yearly notice 国务院办公厅关于XXXX年部分节假日安排的通知
 * (gov.cn, usually published in October or November for the following year): `holidays` are the days off it lists,
 * weekend days inside a holiday block included; `workdays` are the weekend days it turns into working days (调休上班).
 * One JSON file per year in ./data, each naming its notice in `source`. An operator adds a year without a release by
 * dropping YYYY.json into HUB_CALENDAR_DIR. Dates are Asia/Shanghai calendar dates (see lib/dates.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dateProblem, shanghaiDate, shanghaiStartOfDay } from '../dates';
import { renderReason } from '../i18n/render';
import data2024 from './data/2024.json';
import data2025 from './data/2025.json';
import data2026 from './data/2026.json';

export interface YearSchedule {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Dates are handled as UTC midnights so that day arithmetic and weekdays never depend on the host's time zone.
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string): number => new Date(Date.parse(`${date}T00:00:00.000Z`)).getUTCDay();
const nextDay = (date: string): string => fromDayNumber(dayNumber(date) + 1);

function checkDate(date: string, what: string): void {
  // A broken calendar file or a caller's bug, not a person's input: an error for the log, in English.
  const problem = typeof date === 'string' ? dateProblem(date) : { reason: 'DATE_FORMAT' as const, params: {} };
  if (problem) throw new Error(`${what} ${JSON.stringify(date)} ${renderReason(problem.reason, problem.params, 'en')}`);
}

export class WorkingCalendar {
  private readonly byYear = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  private readonly warnedYears = new Set<number>();

  constructor(
    schedules: YearSchedule[],
    private readonly warn: (message: string) => void = () => {},
  ) {
    for (const raw of schedules) {
      const s = validateSchedule(raw, `schedule for ${String(raw?.year)}`);
      // Two schedules for one year would make the answer depend on their order.
      if (this.byYear.has(s.year)) throw new Error(`two holiday schedules for ${s.year}`);
      this.byYear.set(s.year, { holidays: new Set(s.holidays), workdays: new Set(s.workdays) });
    }
  }

  /** Years with a holiday schedule, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    checkDate(date, 'date');
    const year = Number(date.slice(0, 4));
    const schedule = this.byYear.get(year);
    const day = weekday(date);
    const mondayToFriday = day >= 1 && day <= 5;
    if (!schedule) {
      // Once per year: a deadline computation touches the same year many times.
      if (!this.warnedYears.has(year)) {
        this.warnedYears.add(year);
        this.warn(
          `no holiday schedule for ${year}: counting Monday to Friday as working days; ` +
            `add lib/calendar/data/${year}.json or a ${year}.json in HUB_CALENDAR_DIR`,
        );
      }
      return mondayToFriday;
    }
    if (schedule.holidays.has(date)) return false;
    if (schedule.workdays.has(date)) return true;
    return mondayToFriday;
  }

  /** The n-th working day after `date`; `date` itself never counts. */
  addWorkingDays(date: string, n: number): string {
    checkDate(date, 'date');
    if (!Number.isInteger(n) || n < 1) throw new Error(`the number of working days must be a whole number of at least 1, not ${n}`);
    let day = date;
    for (let left = n; left > 0; ) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    checkDate(from, 'from');
    checkDate(to, 'to');
    let count = 0;
    for (let day = nextDay(from); day <= to; day = nextDay(day)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * What a person sees counted down for a deadline `due` (an instant from dueAt): the working days
   * left after today up to its last day (0: due by the end of today), or, once past, minus the
   * working days since it ran out.
   */
  workingDaysLeft(due: Date, now: Date): number {
    const lastDay = shanghaiDate(new Date(due.getTime() - 1));
    const today = shanghaiDate(now);
    return today <= lastDay ? this.workingDaysBetween(today, lastDay) : -Math.max(1, this.workingDaysBetween(lastDay, today));
  }

  /** A deadline `due` (an instant from dueAt) moved later by `n` working days: its last day is the n-th working day after the old one. */
  moveDue(due: Date, n: number): Date {
    if (n === 0) return due;
    const lastDay = shanghaiDate(new Date(due.getTime() - 1));
    return shanghaiStartOfDay(nextDay(this.addWorkingDays(lastDay, n)));
  }

  /**
   * Deadline for something that arrived at `from`: the end of the `workingDays`-th working day after the Shanghai date
   * of `from`, i.e. the instant (00:00 Asia/Shanghai) the next calendar day begins.
   */
  dueAt(from: Date, workingDays: number): Date {
    if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw new Error('dueAt needs a valid instant');
    const lastDay = this.addWorkingDays(shanghaiDate(from), workingDays);
    return shanghaiStartOfDay(nextDay(lastDay));
  }
}

/** Checks a year's schedule (built-in or operator-supplied); errors name `origin` so the bad file is easy to find. */
export function validateSchedule(raw: unknown, origin: string): YearSchedule {
  const fail = (problem: string): never => {
    throw new Error(`${origin}: ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be a JSON object');
  const o = raw as Record<string, unknown>;
  const year = o.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1949 || year > 2200) {
    return fail('"year" must be a whole number between 1949 and 2200');
  }
  if (typeof o.source !== 'string' || o.source.trim() === '') return fail('"source" must name the notice the dates come from');

  const dates = (key: 'holidays' | 'workdays'): string[] => {
    const list = o[key];
    if (!Array.isArray(list)) return fail(`"${key}" must be an array of dates`);
    const seen = new Set<string>();
    list.forEach((d: unknown, i) => {
      if (typeof d !== 'string') return fail(`${key}[${i}] must be a date string as YYYY-MM-DD`);
      const problem = dateProblem(d);
      if (problem) return fail(`${key}[${i}] "${d}" ${renderReason(problem.reason, problem.params, 'en')}`);
      if (Number(d.slice(0, 4)) !== year) return fail(`${key}[${i}] "${d}" is not in ${year}`);
      if (seen.has(d)) return fail(`${key}[${i}] "${d}" is listed twice`);
      seen.add(d);
    });
    return [...seen].sort();
  };
  const holidays = dates('holidays');
  const workdays = dates('workdays');

  const holidaySet = new Set(holidays);
  for (const d of workdays) {
    if (holidaySet.has(d)) fail(`"${d}" is listed both as a holiday and as a workday`);
    const day = weekday(d);
    // Adjusted workdays only ever move work onto a weekend; a weekday here is a typo.
    if (day !== 0 && day !== 6) fail(`workday "${d}" is not a Saturday or Sunday`);
  }
  return { year, source: o.source, holidays, workdays };
}

const BUILT_IN: ReadonlyArray<{ origin: string; data: unknown }> = [
  { origin: 'lib/calendar/data/2024.json', data: data2024 },
  { origin: 'lib/calendar/data/2025.json', data: data2025 },
  { origin: 'lib/calendar/data/2026.json', data: data2026 },
];

/**
 * The built-in years plus every YYYY.json in `extraDir` (default HUB_CALENDAR_DIR); a file there replaces the built-in
 * year of the same number. Any bad file throws, so a typo stops start-up instead of silently moving deadlines.
 */
export function loadWorkingCalendar(o: { extraDir?: string; warn?: (m: string) => void } = {}): WorkingCalendar {
  const byYear = new Map<number, YearSchedule>();
  for (const { origin, data } of BUILT_IN) {
    const s = validateSchedule(data, origin);
    byYear.set(s.year, s);
  }

  const dir = o.extraDir ?? (process.env.HUB_CALENDAR_DIR || undefined);
  if (dir !== undefined) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (e) {
      throw new Error(`cannot read the holiday schedule directory ${dir} (HUB_CALENDAR_DIR): ${(e as Error).message}`);
    }
    for (const name of names.filter((n) => /^\d{4}\.json$/.test(n)).sort()) {
      const file = path.join(dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file}: not readable JSON: ${(e as Error).message}`);
      }
      const s = validateSchedule(raw, file);
      // The file name is what an operator looks for; it must agree with the content.
      if (String(s.year) !== name.slice(0, 4)) throw new Error(`${file}: "year" is ${s.year} but the file is named ${name}`);
      byYear.set(s.year, s);
    }
  }
  return new WorkingCalendar([...byYear.values()], o.warn);
}
