import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Authenticate } from '../../lib/oidc';
import type { Logger } from '../../lib/logger';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { internalSecret } from '../../lib/config';
import { DomainError, refuse } from '../../lib/errors';
import { languageOf } from '../../lib/i18n/language';
import { traceHeaders } from '../../lib/telemetry';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const FILE = /^[a-z-]+\.(csv|xlsx)$/;
/** Headers of the leads service's answer that the client needs; nothing else passes. */
const PASSED = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'];

/**
 * GET /reports/<report>.<csv|xlsx>: streamed from the leads service, which owns the data and
 * checks the token and visibility itself. Piped with backpressure both ways: a slow client slows
 * the leads service's reads; a client that leaves ends the download there too.
 */
export function reportDownloadProxy(o: { leadsUrl: string; authenticate: Authenticate; log: Logger }) {
  return async (req: Request, res: Response) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const authorization = req.header('authorization') ?? '';
    const acceptLanguage = req.header('accept-language');
    const lang = languageOf(acceptLanguage);
    const answer = (status: number, e: DomainError, extra: Record<string, unknown> = {}) => res.status(status).json({ error: { message: e.messageIn(lang), ...e.extensionsIn(lang), ...extra } });
    try {
      await o.authenticate(authorization);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      answer(401, e);
      return;
    }
    if (!FILE.test(String(req.params.file))) {
      answer(404, refuse('REPORT_NOT_FOUND'));
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = new URL(`/reports/${String(req.params.file)}${query}`, o.leadsUrl);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const r = (target.protocol === 'https:' ? https : http).get(target, { headers: { authorization, 'x-request-id': requestId, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}), [GATEWAY_HEADER]: signGatewayCall(internalSecret(), authorization), ...traceHeaders() }, signal: abort.signal }, resolve);
      r.on('error', reject);
    }).catch((e: Error) => {
      if (!abort.signal.aborted) o.log.error({ requestId, err: e.message }, 'report download: leads service not answering');
      return undefined;
    });
    if (!upstream) {
      if (!res.headersSent && !res.destroyed) answer(502, refuse('SERVICE_UNAVAILABLE', { service: 'leads' }), { requestId });
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
      // The client left, or the leads service cut the stream off: either way the transfer ends unfinished.
      if (!abort.signal.aborted) o.log.warn({ requestId, err: (e as Error).message }, 'report download cut off');
      res.destroy();
    }
  };
}
