/**
 * Evidence files over plain HTTP, behind the gateway (which forwards and signs, as for imports):
 *
 *   POST /evidence/files?leadId=&kind=&title=&documentDate=&containsPersonalData=&fileName=
 *        body: the file's bytes → 201 the evidence (200 when the same file is on the lead already)
 *   GET  /evidence/<id>/file[?inline=1]   the file, audited before its first byte
 *
 * Listing and withdrawing are GraphQL (Lead.evidence, withdrawEvidence).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { HttpRouteDeps } from '../../../../../lib/service';
import { DomainError, refuse } from '../../../../../lib/errors';
import { REQUEST_ID, refusalAnswer } from '../../../../../lib/http-errors';
import { numberSetting } from '../../../../../lib/config';
import { isUuid } from '../../../../../lib/identifiers';
import { EVIDENCE_MAX_MB, previewable } from '../../../../../lib/vocabulary/evidence';
import { checkMayAttach, evidenceFields } from './evidence.rules';
import { fileTypeOf, HEAD_BYTES } from './evidence.content';
import { attachEvidence, evidenceLead, recordDownload } from './evidence.store';
import { evidenceFiles, filesOf } from './evidence.files';
import { EVIDENCE_PATH } from './evidence.paths';
import type { EvidenceRecord } from './evidence.entity';



/** The upload's first bytes (enough to tell its type) and then all of it, the head included. */
async function head(body: AsyncIterable<Buffer>): Promise<{ first: Buffer; all: AsyncIterable<Buffer> }> {
  const it = body[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < HEAD_BYTES) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    seen.push(Buffer.from(n.value));
    bytes += n.value.length;
  }
  return {
    first: Buffer.concat(seen, bytes),
    all: (async function* () {
      yield* seen;
      seen.length = 0;
      if (done) return;
      for (let n = await it.next(); !n.done; n = await it.next()) yield Buffer.from(n.value);
    })(),
  };
}

export const evidenceJson = (e: EvidenceRecord) => ({
  id: e.id, leadId: e.leadId, kind: e.kind, title: e.title, documentDate: e.documentDate, fileName: e.fileName, contentType: e.contentType,
  sizeBytes: Number(e.sizeBytes), digest: e.digest, containsPersonalData: e.containsPersonalData, uploadedAt: e.uploadedAt.toISOString(),
});

const query = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
};

/** A file name for Content-Disposition: ASCII for old clients, UTF-8 for the rest. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function evidenceRoutes({ orm, authenticate, log }: HttpRouteDeps): express.Router {
  const router = express.Router();
  const maxBytes = numberSetting('HUB_EVIDENCE_MAX_MB', EVIDENCE_MAX_MB) * 1024 * 1024;
  const files = evidenceFiles();
  const requestIdOf = (req: Request, res: Response) => {
    const given = req.header('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    return id;
  };

  router.post(`${EVIDENCE_PATH}/files`, async (req, res) => {
    const requestId = requestIdOf(req, res);
    try {
      const by = await authenticate(req.header('authorization'));
      const leadId = query(req, 'leadId') ?? '';
      const lead = isUuid(leadId) ? await evidenceLead(orm.em.fork(), leadId) : null;
      checkMayAttach(by, lead);
      const fields = evidenceFields({ kind: query(req, 'kind'), title: query(req, 'title'), documentDate: query(req, 'documentDate'), containsPersonalData: query(req, 'containsPersonalData'), fileName: query(req, 'fileName') });
      if (Number(req.header('content-length') ?? '0') > maxBytes) throw refuse('EVIDENCE_FILE_TOO_LARGE', { max: Math.round(maxBytes / 1024 / 1024) });
      const { first, all } = await head(req as AsyncIterable<Buffer>);
      if (!first.length) throw refuse('EVIDENCE_FILE_EMPTY');
      const type = fileTypeOf(first, fields.fileName);
      if (!type) throw refuse('EVIDENCE_TYPE_NOT_ACCEPTED');
      const { evidence, existed } = await attachEvidence(orm, files, by, requestId, { id: randomUUID(), lead, fields, type, body: all, maxBytes });
      log.info({ requestId, evidenceId: evidence.id, leadId: lead.id, digest: evidence.digest, sizeBytes: evidence.sizeBytes, contentType: evidence.contentType, existed }, 'evidence uploaded');
      res.status(existed ? 200 : 201).json(evidenceJson(evidence));
    } catch (e) {
      // The rest of a refused upload is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      if (e instanceof DomainError) return refusalAnswer(req, res, e);
      log.error({ requestId, err: (e as Error).message }, 'evidence upload failed');
      refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500);
    }
  });

  router.get(`${EVIDENCE_PATH}/:id/file`, async (req, res) => {
    const requestId = requestIdOf(req, res);
    const id = String(req.params.id);
    try {
      const by = await authenticate(req.header('authorization'));
      const e = await recordDownload(orm, by, requestId, id);
      const source = filesOf(files, e.storage);
      res.status(200);
      res.setHeader('content-type', e.contentType);
      res.setHeader('content-disposition', disposition(query(req, 'inline') === '1' && previewable(e.contentType) ? 'inline' : 'attachment', e.fileName));
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-length', e.sizeBytes);
      // Not object mode: it reads one piece ahead, not sixteen.
      await pipeline(Readable.from(source.get(orm, e), { objectMode: false }), res);
    } catch (e) {
      if (e instanceof DomainError && !res.headersSent) return refusalAnswer(req, res, e);
      if (!res.headersSent) {
        log.error({ requestId, err: (e as Error).message }, 'evidence download failed');
        return refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500);
      }
      res.destroy();
    }
  });
  return router;
}
