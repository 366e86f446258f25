import { badInput } from '../errors';
import { isUuid } from '../identifiers';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput('first', 'NUMBER_BETWEEN', { min: 0, max: MAX_PAGE });
  return first;
}

/** Opaque keyset cursors: base64url of the sort key, so pages stay stable while rows are added. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch {
    // fall through
  }
  throw badInput('after', 'CURSOR_INVALID');
}

/**
 * A keyset cursor of an instant and an id, as encodeCursor([date.toISOString(), id]) gave it out.
 * A forged one is refused as bad input before PostgreSQL is asked to cast it.
 */
export function decodeInstantIdCursor(cursor: string | null | undefined): [string, string] | null {
  const parts = decodeCursor(cursor, 2);
  if (!parts) return null;
  const [at, id] = parts;
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUuid(id)) {
    throw badInput('after', 'CURSOR_INVALID');
  }
  return [at, id];
}
