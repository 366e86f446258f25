/**
 * Inputs people and integrators actually send, and the ones they send by mistake: for the
 * property-based tests of the mutations. Each arbitrary mixes values the API must accept with
 * values it must refuse cleanly; the oracles below say which is which without using the hub's code.
 */
import * as fc from 'fast-check';
import { shanghaiDate } from '../../lib/dates';

export const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

// --- strings -------------------------------------------------------------------------------

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085'];
const ODD = ['\u00a0', '\u2028', '\u2029', '\u200b', '\u200d', '\u202e', '\u3000', '\ufeff', '\ufffd', '\ud800', '\udfff', 'e\u0301', '\u01c4', '\ufb03'];
const TEXTS = ['长治市某建筑劳务有限公司', '王某', '𠀀𠮷', '（集团）', "'; drop table lead; --", '${x}', '<script>alert(1)</script>', '\\', '"', '%s%n', '   ', '🧱👷‍♀️'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 3, arbitrary: fc.constantFrom(...TEXTS) },
);

/** Short text with unicode, control characters, odd white space and injection attempts. */
export const shortText = fc.array(piece, { maxLength: 6 }).map((a) => a.join(''));

/** Very long text, around the limits (200, 2000, 5000 characters) and beyond; astral characters count twice in UTF-16. */
export const longText = fc
  .tuple(fc.constantFrom('x', '字', '𠀀', ' ', 'a\u0000', '\u3000b'), fc.constantFrom(99, 100, 101, 199, 200, 201, 1000, 1999, 2000, 2001, 4999, 5000, 5001, 12_000))
  .map(([c, n]) => c.repeat(n));

export const anyText = fc.oneof({ weight: 7, arbitrary: shortText }, { weight: 2, arbitrary: longText }, { weight: 1, arbitrary: fc.constant('') });

/** Mostly a sensible value, sometimes anything. */
export const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>, goodWeight = 3) =>
  fc.oneof({ weight: goodWeight, arbitrary: good }, { weight: 2, arbitrary: bad });

// --- money -----------------------------------------------------------------------------------

const MAX_FEN = 1_000_000_000_000n;

export const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/** Money given as a JSON value of the wrong type: the API must refuse it as bad input. */
export const WRONG_TYPE = Symbol('wrong type');

export const money = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 10_000_000n }).map(yuan) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: MAX_FEN + 10n }).map(yuan) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 99_999 }), fc.constantFrom('', '.', '.5', '.50', '.05', '.123', '.1', '.999')).map(([y, f]) => `${y}${f}`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0', '0.00', '-0.00', '-1.00', '-0.01', '+1.00', '1e3', '1E-2', '0x10', '0b11', '1,000.00', '1_000', '１２３.００', '١٢٣', '𝟙𝟚𝟛', ' 12.50 ', '\t7\n',
      '\u300012.00\u3000', '.5', '5.', '', ' ', 'NaN', 'Infinity', '-Infinity', 'null', '1.005', '00000000000012.34', '0000000000012.34', '9999999999999.99',
      '10000000000.00', '10000000000.01', '9999999999.99', '99999999999999999999', '12\u0000', '1 000', '¥100', '100元', '12.5.0', '1.2e+3',
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Money, sometimes as a JSON number, null or boolean instead of a string. */
export const moneyOrWrongType = fc.oneof({ weight: 12, arbitrary: money }, { weight: 1, arbitrary: fc.constantFrom<unknown>(12.5, 0, -1, true, 1e21) });

/** Exact fen of an acceptable money string (yuan, at most two decimals, not negative, at most 10 billion), else null. */
export function fenOf(value: unknown): bigint | null {
  if (typeof value !== 'string') return null;
  const m = /^([0-9]{1,13})(?:\.([0-9]{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

// --- dates -----------------------------------------------------------------------------------

export const date = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -800, max: 800 }).map(day) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2026-02-30', '2026-02-29', '2024-02-29', '2100-02-29', '2000-02-29', '2026-13-01', '2026-00-10', '2026-11-31', '2026-04-31', '2026-1-1', '2026/11/23', '20261123',
      '23.11.2026', '', ' ', '2026-11-23T00:00:00Z', '1948-12-31', '1949-01-01', '2200-12-31', '2201-01-01', '0000-00-00', '9999-12-31', '９９９９-01-01',
      `${day(0)}\u0000`, ` ${day(0)} `, `\t${day(1)}\n`, '+02026-11-23', '-2026-11-23',
    ),
  },
);

export const dateOrWrongType = fc.oneof({ weight: 12, arbitrary: date }, { weight: 1, arbitrary: fc.constantFrom<unknown>(20261123, true) });

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** A real calendar day written YYYY-MM-DD (white space around it is trimmed). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

const instant = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

export const dateTime = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -40 * 86_400, max: 40 * 86_400 }).map((s) => instant(s * 1000)) },
  { weight: 1, arbitrary: fc.integer({ min: -40 * 86_400, max: 40 * 86_400 }).map((s) => instant(s * 1000).replace('Z', '+08:00')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2026-11-23T09:30:00+08:00', '2027-02-30T09:00:00+08:00', '2026-02-30T09:00:00Z', '2027-02-29T00:00:00Z', '2028-02-29T00:00:00Z', '2026-11-31T10:00:00Z', '2027-01-15T24:00:00Z',
      '2027-01-15T23:60:00Z', '2027-01-15T23:59:60Z', '2027-01-15T10:00:00+24:00', '2027-01-15T10:00:00', '2027-01-15 10:00:00Z', '2027-01-15t10:00:00z', '2027-01-15',
      '1999-12-31T23:59:59+08:00', '2000-01-01T00:00:00+08:00', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '', 'now', '2027-01-15T10:00:00.123456789Z', '1800000000',
    ),
  },
);

/** An RFC 3339 instant whose calendar date and clock time exist. */
export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$/.exec(value.trim());
  if (!m || !isCalendarDate(m[1])) return false;
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return h <= 23 && mi <= 59 && s <= 59 && (m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59));
}

// --- numbers and ids ---------------------------------------------------------------------------

export const count = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(0, -1, 49, 50, 999_999, 1_000_000, 1_000_001, 2 ** 31 - 1, -(2 ** 31)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(2 ** 31, 1.5, Number.MAX_SAFE_INTEGER, '5', null, 1e100) },
);

export const garbageId = fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-an-id', '', ' ', "1' or '1'='1", '0'.repeat(5000), 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\u0000');

/** An enum value, or something that is not one. */
export const enumOf = <T extends string>(values: readonly T[]) =>
  mostly(fc.constantFrom(...values) as fc.Arbitrary<string>, fc.constantFrom('', 'unknown', values[0].toLowerCase(), `${values[0]} `));

// --- what comes back -----------------------------------------------------------------------------

/** PostgreSQL stores text as UTF-8: a lone surrogate cannot be kept and comes back as U+FFFD. */
export const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * What a person reads: the text without white space, control characters or invisible formatting
 * characters (zero-width, bidirectional: names lose these at intake), composed.
 */
export const visible = (s: string) => wellFormed(s).normalize('NFC').replace(/[\s\p{Cc}\p{Cf}]/gu, '');

/**
 * A text field that was stored was at most cleaned: control characters dropped, white space folded
 * and trimmed. Nothing a person reads may change, and no NUL or other control character (but line
 * breaks and tabs) may remain.
 */
export function expectCleaned(stored: string, given: string): void {
  expect(visible(stored)).toBe(visible(given));
  expect(stored).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  expect(stored).toBe(stored.trim());
}

// --- whole inputs ------------------------------------------------------------------------------

/**
 * An input that is valid but for a few fields: each run takes every field from `good`, then
 * replaces none, one, or two or three of them by a value from `bad`. So that the property sees
 * accepted calls (and checks what is read back) as well as refusals naming the one bad field.
 */
export function withFaults<G extends Record<string, unknown>>(good: { [K in keyof G]: fc.Arbitrary<G[K]> }, bad: NoInfer<Record<string, fc.Arbitrary<unknown>>>): fc.Arbitrary<Record<keyof G, any> & Record<string, any>> {
  const keys = Object.keys(bad);
  const faulty = fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 4, arbitrary: fc.shuffledSubarray(keys, { minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.shuffledSubarray(keys, { minLength: Math.min(2, keys.length), maxLength: Math.min(3, keys.length) }) },
  );
  return fc
    .tuple(fc.record(good) as fc.Arbitrary<G>, fc.record(bad), faulty)
    .map(([g, b, ks]) => ({ ...g, ...Object.fromEntries(ks.map((k) => [k, b[k]])) }));
}

/** Text a person would type: something visible, within a field's usual length, with odd characters now and then. */
export const someText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TEXTS.filter((t) => /[\p{L}\p{N}]/u.test(t))) },
  { weight: 2, arbitrary: shortText.filter((t) => /[\p{L}\p{N}]/u.test(t) && [...t].length <= 150) },
);
