/**
 * What a staff search box was given: a reference number, a credit code, a citizen ID number, a
 * phone number, or else a name. Personal identifiers are matched whole (never by substring), so
 * they are compared by a digest of their normalised form and shown in the audit trail masked.
 */
import { createHash } from 'node:crypto';
import { creditCodeProblem, idNumberProblem, maskIdNumber, maskPhone } from './identifiers';

export type SearchTerm =
  | { kind: 'reference'; value: string }
  | { kind: 'creditCode'; value: string }
  | { kind: 'idNumber'; value: string; digest: string; masked: string }
  | { kind: 'phone'; value: string; digest: string; masked: string }
  | { kind: 'name'; value: string };

const REFERENCE = /^QX-\d{6}-\d{4}-\d{6}$/;

/** The digits a phone is dialled with: spaces, dashes and a +86 / 0086 country prefix dropped. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 11 && digits.startsWith('0086') ? digits.slice(4) : digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** sha256 of kind and normalised value: lets a column be indexed and compared without a LIKE scan. */
export const identifierDigest = (kind: 'idNumber' | 'phone', normalised: string) =>
  createHash('sha256').update(`${kind}:${normalised}`).digest('hex');

export function parseSearchTerm(text: string): SearchTerm | null {
  const raw = text.replace(/\u0000/g, '').trim();
  if (!raw) return null;
  const upper = raw.toUpperCase().replace(/\s+/g, '');
  if (REFERENCE.test(upper)) return { kind: 'reference', value: upper };
  if (upper.length === 18 && !creditCodeProblem(upper)) return { kind: 'creditCode', value: upper };
  if (!idNumberProblem(upper)) {
    return { kind: 'idNumber', value: upper, digest: identifierDigest('idNumber', upper), masked: maskIdNumber(upper) };
  }
  if (/^\+?[\d -]{7,24}$/.test(raw)) {
    const phone = normalisePhone(raw);
    return { kind: 'phone', value: phone, digest: identifierDigest('phone', phone), masked: maskPhone(phone) };
  }
  return { kind: 'name', value: raw.replace(/\s+/g, ' ') };
}

/** The digests stored with a complainant, matched by a search for their ID number or phone. */
export const complainantDigests = (c: { idNumber?: string | null; phone?: string | null }) => ({
  idNumberDigest: c.idNumber ? identifierDigest('idNumber', c.idNumber.trim().toUpperCase()) : null,
  phoneDigest: c.phone ? identifierDigest('phone', normalisePhone(c.phone)) : null,
});
