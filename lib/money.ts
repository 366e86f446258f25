import { refusal, type Refusal } from './errors';

/**
 * Money is CNY kept as integer fen (bigint): exact, never a float. On the API it is a decimal
 * string of yuan with exactly two fraction digits ("62436.50").
 */
export type Fen = bigint;

/** 10 billion yuan: far above any wage claim, far below where sums could lose precision. */
export const MAX_AMOUNT_FEN: Fen = 1_000_000_000_000n;

const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Why a money string is not acceptable, or undefined when it is. */
export function moneyProblem(value: string): Refusal | undefined {
  if (value.startsWith('-')) return refusal('MONEY_NEGATIVE');
  const m = MONEY.exec(value);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(value)) return refusal('MONEY_TOO_MANY_DECIMALS');
    return refusal('MONEY_FORMAT');
  }
  if (toFen(value) > MAX_AMOUNT_FEN) return refusal('MONEY_TOO_LARGE');
  return undefined;
}

export function toFen(value: string): Fen {
  const m = MONEY.exec(value);
  if (!m) throw new Error(`not a money string: ${JSON.stringify(value)}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function formatFen(fen: Fen | number | string): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** 万元 with four fraction digits, as the official report templates ask (exact: 1 fen = 0.000001 万元, so this rounds half up). */
export function formatTenThousandYuan(fen: Fen): string {
  const scaled = (fen + 50n) / 100n; // 万元 × 10^4 = fen / 100
  return `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
}
