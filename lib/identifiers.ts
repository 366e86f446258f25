/** Check characters of Chinese identifiers, so typos are caught at intake. */
import { refusal, type Refusal } from './errors';

// GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from this alphabet
// (no I, O, S, V, Z); the last is a check character over the first 17.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeProblem(code: string): Refusal | undefined {
  if (code.length !== 18) return refusal('CREDIT_CODE_LENGTH');
  const values: number[] = [];
  for (const ch of code) {
    const v = CREDIT_ALPHABET.indexOf(ch);
    if (v < 0) return refusal('CREDIT_CODE_CHARACTER', { char: ch });
    values.push(v);
  }
  const sum = CREDIT_WEIGHTS.reduce((acc, w, i) => acc + w * values[i], 0);
  const expected = (31 - (sum % 31)) % 31;
  if (values[17] !== expected) return refusal('CREDIT_CODE_CHECK_CHARACTER');
  return undefined;
}

// GB 11643-1999 citizen ID number: 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberProblem(id: string): Refusal | undefined {
  if (/^\d{15}$/.test(id)) return undefined; // first-generation ID cards, no check digit
  if (!/^\d{17}[\dX]$/.test(id)) return refusal('ID_NUMBER_FORMAT');
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (id[17] !== ID_CHECK[sum % 11]) return refusal('ID_NUMBER_CHECK_DIGIT');
  return undefined;
}

export function phoneProblem(phone: string): Refusal | undefined {
  if (!/^\+?\d[\d -]{5,22}$/.test(phone) || phone.replace(/\D/g, '').length > 20) {
    return refusal('PHONE_FORMAT');
  }
  return undefined;
}

/** 140421199001011234 → 1404**********1234: enough to tell people apart, not enough to misuse. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/**
 * 13812345678 → 138****5678 (a mobile number: its carrier prefix and last four); a shorter one,
 * such as an 8-digit landline, shows its last four digits at most (62345678 → ****5678), and one of
 * seven digits or fewer none at all.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  if (digits.length < 11) return '*'.repeat(digits.length - 4) + digits.slice(-4);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record, so it is simply not found. */
export const isUuid = (id: string) => UUID.test(id);
