import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { refuse } from '../../lib/errors';
import { languageOf } from '../../lib/i18n/language';

/**
 * Persisted operations for integrators: a manifest of the operations they ship, by SHA-256 of the
 * query text. A client then sends `{"extensions": {"persistedQuery": {"sha256Hash": "…"}}}` (or
 * `{"id": "…"}`) instead of the query. With `HUB_OPERATIONS_ONLY=true` the gateway runs nothing
 * else (an allow-list). Apollo's automatic persisted queries work on top of this, unchanged.
 */
export interface OperationManifest {
  byHash: Map<string, string>;
  only: boolean;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads `{ "<sha256>": "<query>" }` or an Apollo manifest `{ "operations": [{ "id", "body" }] }`; every hash is checked. */
export function loadOperationManifest(file: string | undefined, only: boolean): OperationManifest | null {
  if (!file) {
    if (only) throw new Error('HUB_OPERATIONS_ONLY=true needs HUB_OPERATIONS_FILE, the manifest of allowed operations.');
    return null;
  }
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string> | { operations: { id: string; body: string }[] };
  const entries: [string, string][] = 'operations' in json && Array.isArray(json.operations) ? json.operations.map((o) => [o.id, o.body]) : Object.entries(json as Record<string, string>);
  for (const [hash, body] of entries) {
    if (sha256(body) !== hash) throw new Error(`${file}: the operation listed as ${hash} does not hash to it; regenerate the manifest.`);
  }
  return { byHash: new Map(entries), only };
}

/** What a request names: its query text and the hash or id of a persisted one, from a POST body or a GET query string. */
function named(req: Request): { query?: string; hash?: string; fill(query: string): void } {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const params = new URL(req.url, 'http://gateway').searchParams;
    let hash = params.get('id') ?? undefined;
    try {
      const ext = JSON.parse(params.get('extensions') ?? '{}') as { persistedQuery?: { sha256Hash?: unknown } };
      if (typeof ext?.persistedQuery?.sha256Hash === 'string') hash = ext.persistedQuery.sha256Hash;
    } catch {
      // Apollo answers malformed extensions itself (400).
    }
    return {
      query: params.get('query') ?? undefined,
      hash,
      fill(query) {
        params.set('query', query);
        req.url = `${new URL(req.url, 'http://gateway').pathname}?${params}`;
      },
    };
  }
  const body = req.body as { query?: unknown; id?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | undefined;
  if (!body || typeof body !== 'object') return { fill() {} };
  const hash = typeof body.id === 'string' ? body.id : typeof body.extensions?.persistedQuery?.sha256Hash === 'string' ? body.extensions.persistedQuery.sha256Hash : undefined;
  return { query: typeof body.query === 'string' ? body.query : undefined, hash, fill: (query) => void (body.query = query) };
}

/** Fills in a listed operation's text from its hash; with the allow-list on, refuses anything unlisted, by GET or POST. */
export function persistedOperations(manifest: OperationManifest | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!manifest) return next();
    const request = named(req);
    let query = request.query;
    if (query === undefined && request.hash && manifest.byHash.has(request.hash)) {
      query = manifest.byHash.get(request.hash)!;
      request.fill(query);
    }
    if (manifest.only && (query === undefined || !manifest.byHash.has(sha256(query)))) {
      const e = refuse('OPERATION_NOT_ALLOWED');
      const lang = languageOf(req.headers['accept-language']);
      return res.status(400).json({ errors: [{ message: e.messageIn(lang), extensions: e.extensionsIn(lang) }] });
    }
    next();
  };
}

/**
 * The same allow-list inside Apollo, on the source it is about to run whatever way it arrived (an
 * automatic persisted query from its cache, say): nothing unlisted reaches a subgraph.
 */
export function allowListPlugin(manifest: OperationManifest | null): ApolloServerPlugin {
  return {
    async requestDidStart() {
      if (!manifest?.only) return;
      return {
        async didResolveOperation({ source }) {
          if (!manifest.byHash.has(sha256(source))) throw refuse('OPERATION_NOT_ALLOWED').toGraphQL(undefined, { http: { status: 400 } });
        },
      };
    },
  };
}
