import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';
import { refuse, type DomainError, type Reason } from './errors';
import { languageOf } from './i18n/language';

/**
 * The last handlers of every server (gateway and subgraphs). Express's own answers are HTML pages
 * with a stack trace and absolute paths outside production (a bad `/console/assets/%E0` path, a
 * message body over its limit); these answer in JSON, a client's mistake with its 4xx status and a
 * contract code, anything else as a logged INTERNAL_SERVER_ERROR, never with internals.
 */
const REASON_BY_STATUS = { 403: 'HTTP_FORBIDDEN', 404: 'HTTP_NOT_FOUND' } as const;

function answer(req: Request, res: Response, status: number, reason: Reason): void {
  const e = refuse(reason as 'HTTP_BAD_REQUEST');
  const lang = languageOf(req.headers['accept-language']);
  res.status(status).json({ errors: [{ message: e.messageIn(lang), extensions: e.extensionsIn(lang) }] });
}

export function notFoundHandler(req: Request, res: Response): void {
  answer(req, res, 404, 'HTTP_NOT_FOUND');
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string } | undefined;
    const status = e?.status ?? e?.statusCode;
    const requestId = res.getHeader('x-request-id') ?? req.header('x-request-id');
    if (e?.type === 'entity.too.large') return answer(req, res, 413, 'BODY_TOO_LARGE_HERE');
    if (status && status >= 400 && status < 500) return answer(req, res, status, REASON_BY_STATUS[status as 403 | 404] ?? 'HTTP_BAD_REQUEST');
    log.error({ requestId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err), path: req.path }, 'unexpected error in an HTTP route');
    res.status(500).json({ errors: [{ message: 'Internal server error: it has been logged; please try again or report the request id.', extensions: { code: 'INTERNAL_SERVER_ERROR', ...(typeof requestId === 'string' ? { requestId } : {}) } }] });
  };
}

/** A plain route's caller-supplied request id, when it is safe to echo and log. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const STATUS_BY_CODE: Record<string, number> = { UNAUTHENTICATED: 401, BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413 };

/** A plain route's refusal as JSON, in the language the request prefers, with its reason and params as GraphQL gives them. */
export function refusalAnswer(req: Request, res: Response, e: DomainError, status = STATUS_BY_CODE[e.code] ?? 400, extra: Record<string, unknown> = {}): void {
  const lang = languageOf(req.headers['accept-language']);
  res.status(status).json({ error: { message: e.messageIn(lang), ...e.extensionsIn(lang), ...extra } });
}
