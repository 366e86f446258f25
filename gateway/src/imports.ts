import type { Request, Response } from 'express';
import type { Authenticate } from '../../lib/oidc';
import type { Logger } from '../../lib/logger';
import { numberSetting } from '../../lib/config';
import { refuse } from '../../lib/errors';
import { openRelay, queryOf, relayToLeads } from './relay';

/** What may be asked of the leads service under /imports; nothing else is forwarded. */
const PATHS = [/^\/imports\/files$/, /^\/imports\/template\.(csv|xlsx)$/, /^\/imports\/[0-9a-f-]{36}\/refused\.(csv|xlsx)$/];

/**
 * Bulk-import uploads and downloads, forwarded to the leads service. The upload is the one body
 * larger than HUB_MAX_BODY_BYTES the gateway takes: it is never parsed here, only counted against
 * HUB_IMPORT_MAX_MB (the leads service checks it again).
 */
export function importProxy(o: { leadsUrl: string; authenticate: Authenticate; log: Logger }) {
  const maxBytes = numberSetting('HUB_IMPORT_MAX_MB', 64) * 1024 * 1024;
  return async (req: Request, res: Response) => {
    const upload = req.method === 'POST';
    const call = await openRelay(req, res, o.authenticate, upload);
    if (!call) return;
    const path = req.baseUrl + req.path;
    if (!PATHS.some((p) => p.test(path)) || (req.method !== 'GET' && !upload) || upload !== (path === '/imports/files')) return call.answer(404, refuse('IMPORT_NOT_FOUND'));
    if (upload && Number(req.header('content-length') ?? '0') > maxBytes) return call.answer(413, refuse('IMPORT_FILE_TOO_LARGE', { max: Math.round(maxBytes / 1024 / 1024) }));
    await relayToLeads(call, req, res, { target: new URL(`${path}${queryOf(req)}`, o.leadsUrl), upload, log: o.log, what: upload ? 'import upload' : 'import download' });
  };
}
