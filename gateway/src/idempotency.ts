import type { ApolloServerPlugin } from '@apollo/server';
import { IDEMPOTENCY_KEY_HEADER, keyInvalid, REQUEST_FINGERPRINT_HEADER, parseIdempotencyKey, requestFingerprint } from '../../lib/idempotency/idempotency';

/** What the gateway passes on to the subgraphs for a request with an Idempotency-Key. */
export interface ForwardedKey {
  key: string;
  fingerprint: string;
}


/**
 * Checks the client's Idempotency-Key (400 when unusable) and fingerprints the client's request: the
 * subgraph doing the write keeps the key, and needs to know whether a copy is the same request.
 */
export function forwardedKey(req: { header(name: string): string | undefined; body?: unknown }): ForwardedKey | undefined {
  const raw = req.header(IDEMPOTENCY_KEY_HEADER);
  const { key, invalid } = parseIdempotencyKey(raw);
  if (invalid) throw keyInvalid();
  if (!key || raw === undefined) return undefined;
  return { key: raw.trim(), fingerprint: requestFingerprint((req.body ?? {})) };
}

export function forwardKey(headers: { set(name: string, value: string): unknown } | undefined, forwarded: ForwardedKey | undefined) {
  if (!forwarded || !headers) return;
  headers.set(IDEMPOTENCY_KEY_HEADER, forwarded.key);
  headers.set(REQUEST_FINGERPRINT_HEADER, forwarded.fingerprint);
}

/** The subgraph that did the write answered a copy with the first answer: tell the client so. */
export const REPLAYED = 'idempotent-replayed';

export function noteReplayed<R extends { http?: { headers: { get(name: string): string | null } } }>(response: R, context: { idempotencyKey?: ForwardedKey; replayed?: boolean }) {
  if (context.idempotencyKey && response.http?.headers.get(REPLAYED) === 'true') context.replayed = true;
  return response;
}

export const replayedHeader: ApolloServerPlugin<{ replayed?: boolean }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue?.replayed) response.http.headers.set(REPLAYED, 'true');
      },
    };
  },
};
