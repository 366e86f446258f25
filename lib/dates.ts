/**
 * Calendar dates are "YYYY-MM-DD" strings; report days and weeks are Asia/Shanghai (UTC+8, no
 * daylight saving since 1991), so the conversion is a fixed offset.
 */
import { refusal, type Refusal } from './errors';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function dateProblem(value: string): Refusal | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return refusal('DATE_FORMAT');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return refusal('DATE_NOT_IN_CALENDAR');
  if (y < 1949 || y > 2200) return refusal('DATE_OUT_OF_RANGE');
  return undefined;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar date begins. */
export function shanghaiStartOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** The calendar date `days` after (or before, when negative) a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
