/**
 * Bulk import over plain HTTP, behind the gateway (which forwards and signs, as for report
 * downloads): the file upload, the template, and the refused rows as a file to correct and import
 * again. The import itself is started and followed through GraphQL (startLeadImport, leadImport).
 *
 *   POST /imports/files?fileName=<name>     body: the file's bytes → 201 { id, digest, sizeBytes, format }
 *   GET  /imports/template.<xlsx|csv>       the template with a filled example
 *   GET  /imports/<id>/refused.<xlsx|csv>   the refused rows with a 拒绝原因 column
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { HttpRouteDeps } from '../../../../../lib/service';
import type { Principal } from '../../../../../lib/auth';
import { DomainError, refuse } from '../../../../../lib/errors';
import { refusalAnswer } from '../../../../../lib/http-errors';
import { languageOf, type Language } from '../../../../../lib/i18n/language';
import { csvChunks } from '../../../../../lib/tabular/csv';
import { xlsxChunks } from '../../../../../lib/tabular/xlsx';
import type { Cell, Sheet } from '../../../../../lib/tabular/table';
import { isUuid } from '../../../../../lib/identifiers';
import { LeadImportRecord, LeadImportRowRecord } from './import.entity';
import { checkMayImport, checkOwnImport } from './import.rules';
import { formatOf } from './import.read';
import { storeUpload } from './import.store';
import { importSettings } from './import.worker';
import { HEADERS, TEMPLATE_EXAMPLE, TEMPLATE_NOTES } from './import.template';
import { problemText } from './import.type';
import { IMPORTS_PATH } from './import.paths';

export { IMPORTS_PATH };


const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', render: csvChunks },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: xlsxChunks },
} as const;



const text = (v: string): Cell => (v ? { text: v } : null);
const WIDTHS = HEADERS.map((h) => (h === '情况描述' ? 40 : h === '身份证号码' || h === '统一社会信用代码' ? 22 : 16));

function templateSheet(): Sheet {
  return { name: '线索导入模板', title: '欠薪线索批量导入模板', preamble: TEMPLATE_NOTES, header: [HEADERS.map((label) => ({ label }))], widths: WIDTHS, rows: TEMPLATE_EXAMPLE.map((row) => HEADERS.map((h) => text(row[h] ?? ''))) };
}

async function* refusedRows(orm: HttpRouteDeps['orm'], importId: string, lang: Language): AsyncGenerator<Cell[]> {
  let after = 0;
  for (;;) {
    const page = await orm.em.fork().find(LeadImportRowRecord, { importId, outcome: 'REFUSED', rowNo: { $gt: after } }, { orderBy: { rowNo: 'asc' }, limit: 500 });
    for (const r of page) {
      const reasons = r.problems.map((p) => `${p.column}：${problemText(p, lang)}`).join('\n');
      yield [...HEADERS.map((h) => text(r.cells[h] ?? '')), { integer: r.rowNo }, { text: reasons }];
    }
    if (page.length < 500) return;
    after = page[page.length - 1].rowNo;
  }
}

async function send(res: Response, format: keyof typeof FORMATS, name: string, localName: string, sheets: Sheet[]) {
  res.status(200);
  res.setHeader('content-type', FORMATS[format].type);
  res.setHeader('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(localName)}`);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  await pipeline(Readable.from(FORMATS[format].render(sheets), { objectMode: false }), res);
}

/** The upload's bytes, its first chunk looked at before anything is stored. */
async function peek(body: AsyncIterable<Buffer>): Promise<{ first: Buffer; all: AsyncIterable<Buffer> }> {
  const it = body[Symbol.asyncIterator]();
  const head = await it.next();
  const first = head.done ? Buffer.alloc(0) : Buffer.from(head.value);
  return {
    first,
    all: (async function* () {
      if (first.length) yield first;
      for (let n = await it.next(); !n.done; n = await it.next()) yield Buffer.from(n.value);
    })(),
  };
}

export function importRoutes({ orm, authenticate, log }: HttpRouteDeps): express.Router {
  const router = express.Router();
  const settings = importSettings();
  const who = async (req: Request): Promise<Principal> => {
    const p = await authenticate(req.header('authorization'));
    checkMayImport(p);
    return p;
  };

  router.post(`${IMPORTS_PATH}/files`, async (req, res) => {
    const requestId = randomUUID();
    try {
      const by = await who(req);
      const given = typeof req.query.fileName === 'string' ? req.query.fileName : '';
      const fileName = given.replace(/[\u0000-\u001f/\\]/g, '').slice(0, 200) || 'import';
      const { first, all } = await peek(req as AsyncIterable<Buffer>);
      if (!first.length) throw refuse('IMPORT_FILE_EMPTY');
      const format = formatOf(first, fileName);
      if (!format) throw refuse('IMPORT_FORMAT_UNKNOWN');
      const job = await storeUpload(orm, by, { fileName, format, body: all, maxBytes: settings.maxBytes });
      log.info({ requestId, importId: job.id, digest: job.digest, sizeBytes: job.sizeBytes, format }, 'lead import file uploaded');
      res.status(201).json({ id: job.id, fileName: job.fileName, digest: job.digest, sizeBytes: job.sizeBytes, format: job.format });
    } catch (e) {
      // The rest of a refused upload is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      if (e instanceof DomainError) return refusalAnswer(req, res, e);
      log.error({ requestId, err: (e as Error).message }, 'lead import upload failed');
      refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500);
    }
  });

  router.get(`${IMPORTS_PATH}/template.:format`, async (req, res) => {
    const format = String(req.params.format);
    try {
      await who(req);
      if (format !== 'csv' && format !== 'xlsx') throw refuse('IMPORT_NOT_FOUND');
      await send(res, format, `lead-import-template.${format}`, `欠薪线索批量导入模板.${format}`, [templateSheet()]);
    } catch (e) {
      if (e instanceof DomainError && !res.headersSent) return refusalAnswer(req, res, e);
      res.destroy();
    }
  });

  router.get(`${IMPORTS_PATH}/:id/refused.:format`, async (req, res) => {
    const format = String(req.params.format);
    const id = String(req.params.id);
    const lang = languageOf(req.headers['accept-language']);
    try {
      const by = await who(req);
      if ((format !== 'csv' && format !== 'xlsx') || !isUuid(id)) throw refuse('IMPORT_NOT_FOUND');
      const job = await orm.em.fork().findOne(LeadImportRecord, { id });
      checkOwnImport(by, job);
      const sheet: Sheet = {
        name: '被拒绝的行',
        title: `被拒绝的行（${job.fileName}）：更正后可直接重新导入`,
        header: [[...HEADERS, '原行号', '拒绝原因'].map((label) => ({ label }))],
        widths: [...WIDTHS, 8, 50],
        rows: refusedRows(orm, id, lang),
      };
      await send(res, format, `lead-import-refused-${id}.${format}`, `导入被拒绝的行-${job.fileName.replace(/\.[^.]*$/, '')}.${format}`, [sheet]);
    } catch (e) {
      if (e instanceof DomainError && !res.headersSent) return refusalAnswer(req, res, e);
      if (!res.headersSent) return refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500);
      res.destroy();
    }
  });
  return router;
}
