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

export interface HubClient {
  request<TResult, TVariables>(operation: TypedOperation<TResult, TVariables>, variables?: TVariables): Promise<TResult>;
}

export function createHubClient(o: HubClientOptions = {}): HubClient {
  const url = o.url ?? '/graphql';
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  return {
    async request(operation, variables) {
      const token = typeof o.token === 'function' ? o.token() : o.token;
      // JSON content type: the gateway's CSRF prevention lets it through (a browser must preflight it).
      const res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(o.language ? { 'accept-language': o.language } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...o.headers,
        },
        body: JSON.stringify({ query: operation, variables: variables ?? {} }),
      });
      let body: { data?: unknown; errors?: HubErrorEntry[] };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new HubError(`The hub answered HTTP ${res.status} without JSON.`, 'INTERNAL_SERVER_ERROR', [], res.status);
      }
      if (body.errors?.length) {
        const first = body.errors[0];
        throw new HubError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', body.errors, res.status);
      }
      return body.data as never;
    },
  };
}
