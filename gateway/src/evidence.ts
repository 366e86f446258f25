import type { Request, Response } from 'express';
import type { Authenticate } from '../../lib/oidc';
import type { Logger } from '../../lib/logger';
import { numberSetting } from '../../lib/config';
import { refuse } from '../../lib/errors';
import { EVIDENCE_MAX_MB } from '../../lib/vocabulary/evidence';
import { openRelay, queryOf, relayToLeads } from './relay';

/**
 * Evidence uploads (POST /evidence/files) and downloads (GET /evidence/<id>/file), forwarded to
 * the leads service, which checks the token, the lead's visibility and the file's content. The
 * upload is never parsed here, only counted against HUB_EVIDENCE_MAX_MB; every other body keeps
 * HUB_MAX_BODY_BYTES.
 */
export function evidenceProxy(o: { leadsUrl: string; authenticate: Authenticate; log: Logger }) {
  const maxBytes = numberSetting('HUB_EVIDENCE_MAX_MB', EVIDENCE_MAX_MB) * 1024 * 1024;
  return async (req: Request, res: Response) => {
    const upload = req.method === 'POST';
    const call = await openRelay(req, res, o.authenticate, upload);
    if (!call) return;
    const path = req.baseUrl + req.path;
    const allowed = upload ? path === '/evidence/files' : req.method === 'GET' && /^\/evidence\/[0-9a-f-]{36}\/file$/.test(path);
    if (!allowed) return call.answer(404, refuse('EVIDENCE_NOT_FOUND'));
    if (upload && Number(req.header('content-length') ?? '0') > maxBytes) return call.answer(413, refuse('EVIDENCE_FILE_TOO_LARGE', { max: Math.round(maxBytes / 1024 / 1024) }));
    await relayToLeads(call, req, res, { target: new URL(`${path}${queryOf(req)}`, o.leadsUrl), upload, log: o.log, what: upload ? 'evidence upload' : 'evidence download' });
  };
}
