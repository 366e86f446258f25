/**
 * Idempotency-Key on mutations (IETF httpapi draft "The Idempotency-Key HTTP Header Field"): the
 * header's parsing and the fingerprint that tells a copy of a request from a different one.
 * docs/security.md "Idempotent writes" says what integrators get.
 */
import { createHash } from 'node:crypto';
import { refuse } from '../errors';
import { requestLanguage } from '../i18n/language';
import { parseItem, Token } from 'structured-headers';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/**
 * The gateway's fingerprint of the client's request (operation text, name, variables), forwarded to
 * the subgraphs with the key: a subgraph sees only its part of the operation.
 */
export const REQUEST_FINGERPRINT_HEADER = 'x-hub-request-fingerprint';

export const MAX_KEY_LENGTH = 255;

/** HTTP 400 BAD_REQUEST, reason IDEMPOTENCY_KEY_INVALID: nothing runs. */
export const keyInvalid = () => refuse('IDEMPOTENCY_KEY_INVALID').toGraphQL(requestLanguage(), { http: { status: 400 } });
const PRINTABLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The key from the header: the draft's sf-string (`"8e03978e-…"`), or, as many clients send it, the
 * bare value (`8e03978e-…`). Undefined when absent; `invalid` when unusable.
 */
export function parseIdempotencyKey(raw: string | undefined): { key?: string; invalid?: true } {
  if (raw === undefined) return {};
  const value = raw.trim();
  let key: string | undefined;
  try {
    const [item] = parseItem(value);
    if (typeof item === 'string') key = item;
    else if (item instanceof Token) key = item.toString();
  } catch {
    // not a structured item: a bare key such as a UUID starting with a digit
  }
  if (key === undefined && !value.startsWith('"')) key = value;
  if (!key || !PRINTABLE.test(key) || key.length > MAX_KEY_LENGTH) return { invalid: true };
  return { key };
}

/** JSON with object keys sorted, so that the same variables written in another order are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha-256 (hex) of one GraphQL request: its operation text, operation name and variables. */
export function requestFingerprint(body: { query?: unknown; operationName?: unknown; variables?: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson([typeof body.query === 'string' ? body.query : null, body.operationName ?? null, body.variables ?? {}]))
    .digest('hex');
}

/** The key of one request, and while its transaction is open what the mutation did in it. */
export class IdempotentRequest {
  /** True while this request's own transaction is open: ctx.transact then runs in a savepoint. */
  open = false;
  /** How many ctx.transact calls succeeded: an effect the stored answer stands for. */
  effects = 0;
  /** Outbox destinations to deliver to once the whole request has committed. */
  readonly destinations = new Set<string>();

  constructor(
    readonly principalId: string,
    readonly key: string,
    readonly fingerprint: string,
  ) {}
}

/**
 * The request's key and fingerprint, or undefined without a key. The fingerprint covers the client's
 * request as the gateway saw it and this subgraph's part of it; the key is the caller's own.
 */
export function idempotentRequest(req: { header(name: string): string | undefined; body?: unknown }, principal: { id: string }): IdempotentRequest | undefined {
  const { key, invalid } = parseIdempotencyKey(req.header(IDEMPOTENCY_KEY_HEADER));
  if (invalid) throw keyInvalid();
  if (!key) return undefined;
  const fingerprint = createHash('sha256')
    .update(`${req.header(REQUEST_FINGERPRINT_HEADER) ?? ''}:${requestFingerprint((req.body ?? {}))}`)
    .digest('hex');
  return new IdempotentRequest(principal.id, key, fingerprint);
}
