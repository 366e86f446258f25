/**
 * A small typed client for the hub's GraphQL API: `request(document, variables)` returns the
 * operation's data, typed from client/generated.ts, or throws a HubError carrying the API's code.
 * Works in browsers and Node 20+ (global fetch). The staff console (console/) is built on it.
 */
import type { TypedOperation } from './generated';

export * from './generated';

/** One field at fault: its path, message (in the requested language), reason code and the values the message shows. */
export interface HubInvalidField {
  field: string;
  message: string;
  reason?: string;
  params?: Record<string, unknown>;
}

/**
 * One error as the API answers it: a contract code, a stable reason code (docs/reasons.md) with the
 * values its message needs, and, for bad input, the fields at fault.
 */
export interface HubErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; params?: Record<string, unknown>; field?: string; invalidFields?: HubInvalidField[]; requestId?: string; [k: string]: unknown };
}

export class HubError extends Error {
  constructor(
    message: string,
    /** UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, INVALID_TRANSITION, CONFLICT, … */
    readonly code: string,
    readonly errors: HubErrorEntry[],
    readonly status: number,
  ) {
    super(message);
    this.name = 'HubError';
  }

  /** The first error's reason code (docs/reasons.md), e.g. FUND_INSUFFICIENT. */
  get reason(): string | undefined {
    return this.errors[0]?.extensions?.reason;
  }

  /** Every bad input field with its message (BAD_USER_INPUT), e.g. `{ field: "amountOwed", message, reason }`. */
  get invalidFields(): HubInvalidField[] {
    return this.errors.flatMap(
      (e) => e.extensions?.invalidFields ?? (e.extensions?.field ? [{ field: e.extensions.field, message: e.message, reason: e.extensions.reason, params: e.extensions.params }] : []),
    );
  }
}

export interface HubClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql (default: /graphql on this origin). */
  url?: string;
  /** A JWT, sent as `Authorization: Bearer <token>`; a function is asked before every request. */
  token?: string | (() => string | undefined);
  fetch?: typeof fetch;
  /** Extra headers, e.g. x-request-id. */
  headers?: Record<string, string>;
  /**
   * The language of the API's messages, sent as Accept-Language: "zh-CN" for Chinese, "en" for
   * English (the default when none is sent). Reason codes are the same in every language.
   */
  language?: string;
}

export interface RequestOptions {
  /**
   * The Idempotency-Key of a mutation (docs/security.md "Idempotent writes"). By default the client
   * makes one per submission (a random UUID) and keeps it while no answer has come: its own retries
   * after a network failure, and the same mutation with the same variables sent again meanwhile (a
   * second click), carry the same key, so the hub does it once.
   */
  idempotencyKey?: string;
}

export interface HubClient {
  request<TResult, TVariables>(operation: TypedOperation<TResult, TVariables>, variables?: TVariables, options?: RequestOptions): Promise<TResult>;
}

const MUTATION = /^\s*(?:#[^\n]*\n\s*)*mutation\b/;
/** Pauses before the client's own retries of a mutation that got no answer (network failure). */
const RETRY_AFTER_MS = [250, 1000];

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); a console served over plain http has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON with sorted object keys: the same variables are the same submission, whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createHubClient(o: HubClientOptions = {}): HubClient {
  const url = o.url ?? '/graphql';
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  /** Keys of submissions that have not been answered yet, by operation and variables. */
  const unanswered = new Map<string, string>();
  return {
    async request(operation, variables, options = {}) {
      const token = typeof o.token === 'function' ? o.token() : o.token;
      const body = JSON.stringify({ query: operation, variables: variables ?? {} });
      const mutation = MUTATION.test(operation);
      const submission = mutation ? canonical([operation, variables ?? {}]) : '';
      const key = mutation ? (options.idempotencyKey ?? unanswered.get(submission) ?? newKey()) : undefined;
      if (key && !options.idempotencyKey) unanswered.set(submission, key);
      const send = () =>
        // JSON content type: the gateway's CSRF prevention lets it through (a browser must preflight it).
        doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(o.language ? { 'accept-language': o.language } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
            ...o.headers,
          },
          body,
        });
      let res: Response;
      for (let attempt = 0; ; attempt++) {
        try {
          res = await send();
          break;
        } catch (e) {
          // No answer: the mutation may or may not have run. Its key makes sending it again safe.
          if (!key || attempt >= RETRY_AFTER_MS.length) throw e;
          await sleep(RETRY_AFTER_MS[attempt]);
        }
      }
      let answer: { data?: unknown; errors?: HubErrorEntry[] };
      try {
        answer = (await res.json()) as typeof answer;
      } catch {
        throw new HubError(`The hub answered HTTP ${res.status} without JSON.`, 'INTERNAL_SERVER_ERROR', [], res.status);
      }
      const code = answer.errors?.length ? (answer.errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') : undefined;
      // Answered: the next identical submission is a new one. An internal error may have come after the effect: keep the key.
      if (key && code !== 'INTERNAL_SERVER_ERROR' && unanswered.get(submission) === key) unanswered.delete(submission);
      if (answer.errors?.length) {
        const first = answer.errors[0];
        throw new HubError(first.message, code!, answer.errors, res.status);
      }
      return answer.data as never;
    },
  };
}
