import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
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

export function persistedOperations(manifest: OperationManifest | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!manifest) return next();
    const body = req.body as { query?: unknown; id?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | undefined;
    if (!body || typeof body !== 'object') return next();
    const hash = typeof body.id === 'string' ? body.id : typeof body.extensions?.persistedQuery?.sha256Hash === 'string' ? body.extensions.persistedQuery.sha256Hash : undefined;
    if (typeof body.query !== 'string' && hash && manifest.byHash.has(hash)) body.query = manifest.byHash.get(hash);
    if (manifest.only) {
      if (typeof body.query !== 'string' || !manifest.byHash.has(sha256(body.query))) {
        const e = refuse('OPERATION_NOT_ALLOWED');
        const lang = languageOf(req.headers['accept-language']);
        return res.status(400).json({ errors: [{ message: e.messageIn(lang), extensions: e.extensionsIn(lang) }] });
      }
    }
    next();
  };
}
