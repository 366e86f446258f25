import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HttpRouteDeps } from '../../../../../lib/service';
import type { Principal } from '../../../../../lib/auth';
import { DownloadSlots } from '../../../../../lib/slow-clients';
import { DomainError, badInput, refuse } from '../../../../../lib/errors';
import { REQUEST_ID, refusalAnswer } from '../../../../../lib/http-errors';
import { shanghaiDate } from '../../../../../lib/dates';
import { cursorRows } from '../../../../../lib/db-cursor';
import { csvChunks } from '../../../../../lib/tabular/csv';
import { xlsxChunks } from '../../../../../lib/tabular/xlsx';
import { eachRow, type Sheet } from '../../../../../lib/tabular/table';
import { campaignScope, isZeroReport, monthlyScope, weeklyScope, type ReportScope } from './report.rules';
import { campaignFacts, leadSummaryQuery, weeklyFacts, type LeadSummaryFacts } from './report.query';
import { campaignSheet, leadSummarySheet, toLeadSummaryLine, weeklySheets } from './report.format';

/** Where the gateway forwards report downloads: GET /reports/<report>.<csv|xlsx>?<parameters>. */
export const REPORTS_PATH = '/reports';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', render: csvChunks },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: xlsxChunks },
} as const;
export type Format = keyof typeof FORMATS;

interface Report {
  /** The file's name in the official template's words. */
  title: string;
  scope(p: Principal, q: (name: string, required?: boolean) => string | undefined): ReportScope;
  /** Names the file by what it covers: region and period. */
  label(s: ReportScope): string;
  sheets(em: EntityManager, s: ReportScope): Promise<Sheet[]>;
}

const REPORTS = {
  'monthly-lead-summary': {
    title: '欠薪事件线索汇总表',
    scope: (p, q) => monthlyScope(p, q('month', true)!, q('regionCode')),
    label: (s) => `${s.regionCode}-${s.period.firstDay.slice(0, 7)}`,
    async sheets(em, s) {
      let rowNo = 0;
      const lines = eachRow(cursorRows<LeadSummaryFacts>(em.getKnex(), leadSummaryQuery(em, s)), (f) => toLeadSummaryLine(f, ++rowNo));
      return [leadSummarySheet(s.regionCode, s.period, lines)];
    },
  },
  'weekly-report': {
    title: '欠薪案件周报',
    scope: (p, q) => weeklyScope(p, q('weekStart', true)!, q('regionCode')),
    label: (s) => `${s.regionCode}-${s.period.firstDay}`,
    async sheets(em, s) {
      const facts = await weeklyFacts(em, s);
      return weeklySheets({ ...facts, regionCode: s.regionCode, period: s.period, zeroReport: isZeroReport(facts.newLeads, facts.resolvedLeads) });
    },
  },
  'campaign-summary': {
    title: '工会参与集中整治拖欠农民工工资问题专项行动情况表',
    scope: (p, q) => campaignScope(p, q('from', true)!, q('to', true)!, q('regionCode')),
    label: (s) => `${s.regionCode}-${s.period.firstDay}-${s.period.lastDay}`,
    async sheets(em, s) {
      return [campaignSheet(s.regionCode, s.period, shanghaiDate(new Date()), await campaignFacts(em, s))];
    },
  },
} satisfies Record<string, Report>;
export type ReportName = keyof typeof REPORTS;

/** A report as a file: its names and its bytes, produced as they are read. */
export async function reportFile(em: EntityManager, report: ReportName, format: Format, scope: ReportScope) {
  const r: Report = REPORTS[report];
  return {
    name: `${report}-${r.label(scope)}.${format}`,
    localName: `${r.title}-${r.label(scope)}.${format}`,
    contentType: FORMATS[format].type,
    chunks: FORMATS[format].render(await r.sheets(em, scope)),
  };
}



/**
 * Report downloads as CSV and XLSX, with the same token and the same visibility as the GraphQL
 * queries. The monthly summary streams from a database cursor with backpressure: a slow client
 * slows the reads instead of filling memory.
 */
export function reportDownloads({ orm, authenticate, log }: HttpRouteDeps): express.Router {
  const router = express.Router();
  const slots = new DownloadSlots();
  router.get(`${REPORTS_PATH}/:file`, async (req: Request, res: Response) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(String(req.params.file));
    const report: Report | undefined = m && Object.hasOwn(REPORTS, m[1]) ? REPORTS[m[1] as ReportName] : undefined;
    if (!m || !report) {
      refusalAnswer(req, res, refuse('REPORT_UNKNOWN', { reports: Object.keys(REPORTS).map((r) => `${r}.csv|.xlsx`) }));
      return;
    }
    const format = m[2] as Format;
    let scope: ReportScope;
    let principal: Principal;
    try {
      principal = await authenticate(req.header('authorization'));
      scope = report.scope(principal, (name, required) => {
        const v = req.query[name];
        if (Array.isArray(v) || (v !== undefined && typeof v !== 'string')) throw badInput(name, 'VALUE_GIVEN_TWICE');
        if (required && (v === undefined || v === '')) throw badInput(name, 'FIELD_REQUIRED');
        return v === '' ? undefined : v;
      });
    } catch (e) {
      if (e instanceof DomainError) return refusalAnswer(req, res, e);
      throw e;
    }
    const slot = slots.take(principal.id);
    if (slot === 'BUSY' || slot === 'YOURS_BUSY') {
      res.setHeader('retry-after', '5');
      refusalAnswer(req, res, slot === 'BUSY' ? refuse('DOWNLOADS_BUSY') : refuse('DOWNLOADS_BUSY_FOR_YOU', { max: slots.perStaff }), 503);
      return;
    }
    // Released however the download ends: finished, failed, or the client gone or cut off as idle.
    res.once('close', () => slot.release());
    const started = Date.now();
    const reqLog = log.child({ requestId, report: m[1], format, regionCode: scope.regionCode });
    try {
      const file = await reportFile(orm.em.fork(), m[1] as ReportName, format, scope);
      const chunks = file.chunks;
      // The first chunk before the headers: a query that fails at once is still a plain 500.
      const first = await chunks.next();
      res.status(200);
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-disposition', `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.localName)}`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      if (!first.done) res.write(first.value);
      // Byte-sized buffering (not 16 chunks of objects) keeps what waits for a slow client small.
      await pipeline(Readable.from(chunks, { objectMode: false }), res);
      reqLog.info({ ms: Date.now() - started }, 'report downloaded');
    } catch (e) {
      if (res.headersSent || res.destroyed) {
        // Mid-stream: the client sees a cut-off transfer, never a complete-looking file.
        if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') reqLog.error({ err: (e as Error).message }, 'report download failed');
        res.destroy();
      } else {
        reqLog.error({ err: (e as Error).message }, 'report download failed');
        refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500, { requestId });
      }
    } finally {
      slot.release();
    }
  });
  return router;
}
