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
/** Headers of the leads service's answer that the client needs; nothing else passes. */
const PASSED = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'];

/** One file request to relay (a report download, an import upload or download), once its token is accepted. */
export interface RelayCall {
  requestId: string;
  authorization: string;
  acceptLanguage?: string;
  /** Answers a refusal in the caller's language, as the API's errors read. */
  answer: (status: number, e: DomainError) => void;
}

/**
 * Gives the request its id and checks its token, answering 401 itself when the token is refused.
 * `closeAfterRefusal`: for uploads, so a refused body is not read to its end.
 */
export async function openRelay(req: Request, res: Response, authenticate: Authenticate, closeAfterRefusal = false): Promise<RelayCall | undefined> {
  const given = req.header('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', requestId);
  const authorization = req.header('authorization') ?? '';
  const acceptLanguage = req.header('accept-language');
  const lang = languageOf(acceptLanguage);
  const answer = (status: number, e: DomainError) => {
    if (closeAfterRefusal) res.setHeader('connection', 'close');
    res.status(status).json({ error: { message: e.messageIn(lang), ...e.extensionsIn(lang), ...(status === 502 ? { requestId } : {}) } });
  };
  try {
    await authenticate(authorization);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    answer(401, e);
    return undefined;
  }
  return { requestId, authorization, acceptLanguage, answer };
}

/** The query string of the request as the client sent it. */
export const queryOf = (req: Request) => (req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '');

/**
 * Streams the request to the leads service, signed as the gateway, and its answer back, with
 * backpressure both ways: a slow client slows the leads service's reads; a client that leaves
 * ends the transfer there too. The leads service checks the token and visibility itself.
 */
export async function relayToLeads(call: RelayCall, req: Request, res: Response, o: { target: URL; upload: boolean; log: Logger; what: string }): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const length = req.header('content-length');
  const headers: Record<string, string> = {
    authorization: call.authorization,
    'x-request-id': call.requestId,
    ...(call.acceptLanguage ? { 'accept-language': call.acceptLanguage } : {}),
    [GATEWAY_HEADER]: signGatewayCall(internalSecret(), call.authorization),
    ...traceHeaders(),
    ...(o.upload ? { 'content-type': 'application/octet-stream', ...(length ? { 'content-length': length } : {}) } : {}),
  };
  const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const r = (o.target.protocol === 'https:' ? https : http).request(o.target, { method: o.upload ? 'POST' : 'GET', headers, signal: abort.signal }, resolve);
    r.on('error', reject);
    if (o.upload) pipeline(req, r).catch(reject);
    else r.end();
  }).catch((e: Error) => {
    if (!abort.signal.aborted) o.log.error({ requestId: call.requestId, err: e.message }, `${o.what}: leads service not answering`);
    return undefined;
  });
  if (!upstream) {
    if (!res.headersSent && !res.destroyed) call.answer(502, refuse('SERVICE_UNAVAILABLE', { service: 'leads' }));
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
    if (!abort.signal.aborted) o.log.warn({ requestId: call.requestId, err: (e as Error).message }, `${o.what} cut off`);
    res.destroy();
  }
}
