import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Authenticate } from '../../lib/oidc';
import type { Logger } from '../../lib/logger';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { internalSecret, numberSetting } from '../../lib/config';
import { DomainError, refuse } from '../../lib/errors';
import { languageOf } from '../../lib/i18n/language';
import { traceHeaders } from '../../lib/telemetry';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
/** What may be asked of the leads service under /imports; nothing else is forwarded. */
const PATHS = [/^\/imports\/files$/, /^\/imports\/template\.(csv|xlsx)$/, /^\/imports\/[0-9a-f-]{36}\/refused\.(csv|xlsx)$/];
const PASSED = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'];

/**
 * Bulk-import uploads and downloads, forwarded to the leads service signed as the gateway, streamed
 * both ways. The upload is the one body larger than HUB_MAX_BODY_BYTES the gateway takes: it is
 * never parsed here, only counted against HUB_IMPORT_MAX_MB (the leads service checks it again).
 */
export function importProxy(o: { leadsUrl: string; authenticate: Authenticate; log: Logger }) {
  const maxBytes = numberSetting('HUB_IMPORT_MAX_MB', 64) * 1024 * 1024;
  return async (req: Request, res: Response) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const authorization = req.header('authorization') ?? '';
    const acceptLanguage = req.header('accept-language');
    const lang = languageOf(acceptLanguage);
    const answer = (status: number, e: DomainError) => {
      if (req.method === 'POST') res.setHeader('connection', 'close');
      res.status(status).json({ error: { message: e.messageIn(lang), ...e.extensionsIn(lang) } });
    };
    try {
      await o.authenticate(authorization);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return answer(401, e);
    }
    const path = req.baseUrl + req.path;
    const upload = req.method === 'POST';
    if (!PATHS.some((p) => p.test(path)) || upload !== (path === '/imports/files')) return answer(404, refuse('IMPORT_NOT_FOUND'));
    const length = Number(req.header('content-length') ?? '0');
    if (upload && length > maxBytes) return answer(413, refuse('IMPORT_FILE_TOO_LARGE', { max: Math.round(maxBytes / 1024 / 1024) }));
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = new URL(`${path}${query}`, o.leadsUrl);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const headers: Record<string, string> = {
      authorization, 'x-request-id': requestId, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}), [GATEWAY_HEADER]: signGatewayCall(internalSecret(), authorization), ...traceHeaders(),
      ...(upload ? { 'content-type': 'application/octet-stream', ...(req.header('content-length') ? { 'content-length': req.header('content-length')! } : {}) } : {}),
    };
    const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const r = (target.protocol === 'https:' ? https : http).request(target, { method: req.method, headers, signal: abort.signal }, resolve);
      r.on('error', reject);
      if (upload) pipeline(req, r).catch(reject);
      else r.end();
    }).catch((e: Error) => {
      if (!abort.signal.aborted) o.log.error({ requestId, err: e.message }, 'import: leads service not answering');
      return undefined;
    });
    if (!upstream) {
      if (!res.headersSent && !res.destroyed) answer(502, refuse('SERVICE_UNAVAILABLE', { service: 'leads' }));
      return;
    }
    res.status(upstream.statusCode ?? 502);
    for (const h of PASSED) {
      const v = upstream.headers[h];
      if (v !== undefined) res.setHeader(h, v);
    }
    try {
      await pipeline(upstream, res);
    } catch (e) {
      if (!abort.signal.aborted) o.log.warn({ requestId, err: (e as Error).message }, 'import transfer cut off');
      res.destroy();
    }
  };
}
