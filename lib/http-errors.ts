import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';

/**
 * The last handlers of every server (gateway and subgraphs). Express's own answers are HTML pages
 * with a stack trace and absolute paths outside production (a bad `/console/assets/%E0` path, a
 * message body over its limit); these answer in JSON, a client's mistake with its 4xx status and a
 * contract code, anything else as a logged INTERNAL_SERVER_ERROR, never with internals.
 */
const CODES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'BAD_REQUEST', 408: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 414: 'BAD_REQUEST', 415: 'BAD_REQUEST', 416: 'BAD_REQUEST', 431: 'BAD_REQUEST' };

const MESSAGES: Record<string, string> = {
  BAD_REQUEST: 'The request is malformed.',
  UNAUTHENTICATED: 'Authentication is required.',
  FORBIDDEN: 'This is not allowed.',
  NOT_FOUND: 'There is nothing at this address.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
};

export function notFoundHandler(_req: Request, res: Response): void {
  res.status(404).json({ errors: [{ message: MESSAGES.NOT_FOUND, extensions: { code: 'NOT_FOUND' } }] });
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string } | undefined;
    const status = e?.status ?? e?.statusCode;
    const requestId = res.getHeader('x-request-id') ?? req.header('x-request-id');
    if (status && status >= 400 && status < 500) {
      const code = CODES[status] ?? 'BAD_REQUEST';
      res.status(status).json({ errors: [{ message: MESSAGES[code], extensions: { code } }] });
      return;
    }
    log.error({ requestId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err), path: req.path }, 'unexpected error in an HTTP route');
    res.status(500).json({ errors: [{ message: 'Internal server error: it has been logged; please try again or report the request id.', extensions: { code: 'INTERNAL_SERVER_ERROR', ...(typeof requestId === 'string' ? { requestId } : {}) } }] });
  };
}
