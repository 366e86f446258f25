/**
 * Staff search and sorting of the lead list (issue 16): what a search box's text is taken for,
 * which leads it may match, what goes on the personal-data record, and the keyset cursor of each
 * order. Pure, but for the digests lib/search-term.ts computes.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput } from '../../../../../lib/errors';
import { decodeCursor, decodeInstantIdCursor, encodeCursor } from '../../../../../lib/graphql/pagination';
import { isUuid } from '../../../../../lib/identifiers';
import { parseSearchTerm, type SearchTerm } from '../../../../../lib/search-term';
import { textLength } from '../../../../../lib/vocabulary/text';

export const SEARCH_MAX = 100;

export const SEARCH_KINDS = ['REFERENCE', 'CREDIT_CODE', 'ID_NUMBER', 'PHONE', 'NAME'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const KIND: Record<SearchTerm['kind'], SearchKind> = { reference: 'REFERENCE', creditCode: 'CREDIT_CODE', idNumber: 'ID_NUMBER', phone: 'PHONE', name: 'NAME' };

export interface LeadSearch {
  term: SearchTerm;
  kind: SearchKind;
  /** What the search is shown (and recorded) as: an ID number or phone masked. */
  shown: string;
  /** An ID number or phone: matches only leads on which the caller may see the numbers. */
  personal: boolean;
  /** False when nothing can match (a viewer searching by ID number): the page is empty. */
  mayMatch: boolean;
}

/**
 * A search by ID number or phone finds only leads whose numbers the caller is shown in full (its
 * agency holds the lead, and not a VIEWER account): anyone else could otherwise learn from a
 * masked lead whether a given person complained on it.
 */
export function planSearch(by: Principal, text: string | null | undefined): LeadSearch | null {
  if (text == null) return null;
  if (textLength(text) > SEARCH_MAX) throw badInput('search', 'TEXT_TOO_LONG', { max: SEARCH_MAX });
  const term = parseSearchTerm(text);
  if (!term) return null;
  const personal = term.kind === 'idNumber' || term.kind === 'phone';
  return {
    term,
    kind: KIND[term.kind],
    shown: personal ? term.masked : term.value,
    personal,
    mayMatch: !personal || hasRole(by, 'INTAKE', 'HANDLER', 'SUPERVISOR'),
  };
}

export const LEAD_ORDERS = ['RECEIVED_DESC', 'RECEIVED_ASC', 'AMOUNT_DESC', 'WORKERS_DESC', 'DEADLINE_ASC'] as const;
export type LeadOrder = (typeof LEAD_ORDERS)[number];

/**
 * Where a page starts in its order: after this sort value and lead id. DEADLINE_ASC walks the
 * leads with a deadline of the caller's agency first (nearest first, overdue ones before), then
 * the rest newest first: `phase` says which part the value belongs to.
 */
export type LeadKey = [value: string, id: string, phase?: DeadlinePhase];
export type DeadlinePhase = 'DEADLINE' | 'RECEIVED';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Newest first keeps the cursors it always gave out; every other order names itself in its cursor. */
export function leadCursor(order: LeadOrder, r: { receivedAt: Date; amountOwedFen: string; workerCount: number; id: string }, deadlineAt?: Date | null): string {
  switch (order) {
    case 'RECEIVED_DESC':
      return encodeCursor([r.receivedAt.toISOString(), r.id]);
    case 'RECEIVED_ASC':
      return encodeCursor([order, r.receivedAt.toISOString(), r.id]);
    case 'AMOUNT_DESC':
      return encodeCursor([order, String(r.amountOwedFen), r.id]);
    case 'WORKERS_DESC':
      return encodeCursor([order, String(r.workerCount), r.id]);
    case 'DEADLINE_ASC':
      return deadlineAt ? encodeCursor([order, 'DEADLINE', deadlineAt.toISOString(), r.id]) : encodeCursor([order, 'RECEIVED', r.receivedAt.toISOString(), r.id]);
  }
}

/** A cursor given out for this order, checked before PostgreSQL is asked to cast it. */
export function decodeLeadCursor(order: LeadOrder, after: string | null | undefined): LeadKey | null {
  if (order === 'RECEIVED_DESC') return decodeInstantIdCursor(after);
  if (order === 'DEADLINE_ASC') {
    const parts = decodeCursor(after, 4);
    if (!parts) return null;
    const [tag, phase, at, id] = parts;
    const fits = (phase === 'DEADLINE' || phase === 'RECEIVED') && typeof at === 'string' && ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at));
    if (tag !== order || !fits || typeof id !== 'string' || !isUuid(id)) throw badInput('after', 'CURSOR_INVALID');
    return [at, id, phase];
  }
  const parts = decodeCursor(after, 3);
  if (!parts) return null;
  const [tag, value, id] = parts;
  const fits = order === 'RECEIVED_ASC' ? ISO_INSTANT.test(String(value)) && !Number.isNaN(Date.parse(String(value))) : /^\d{1,19}$/.test(String(value));
  if (tag !== order || typeof value !== 'string' || !fits || typeof id !== 'string' || !isUuid(id)) throw badInput('after', 'CURSOR_INVALID');
  return [value, id];
}
