import type { Request, Response } from 'express';
import type { Authenticate } from '../../lib/oidc';
import type { Logger } from '../../lib/logger';
import { refuse } from '../../lib/errors';
import { openRelay, queryOf, relayToLeads } from './relay';

const FILE = /^[a-z-]+\.(csv|xlsx)$/;

/** GET /reports/<report>.<csv|xlsx>: streamed from the leads service, which owns the data. */
export function reportDownloadProxy(o: { leadsUrl: string; authenticate: Authenticate; log: Logger }) {
  return async (req: Request, res: Response) => {
    const call = await openRelay(req, res, o.authenticate);
    if (!call) return;
    if (!FILE.test(String(req.params.file))) return call.answer(404, refuse('REPORT_NOT_FOUND'));
    const target = new URL(`/reports/${String(req.params.file)}${queryOf(req)}`, o.leadsUrl);
    await relayToLeads(call, req, res, { target, upload: false, log: o.log, what: 'report download' });
  };
}
