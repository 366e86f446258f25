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
import { AGENCY_ZH, INDUSTRY_ZH, STATE_ZH } from '../../../../../lib/i18n/labels';
import { shanghaiDate } from '../../../../../lib/dates';
import { formatFen } from '../../../../../lib/money';
import { maskIdNumber, maskPhone } from '../../../../../lib/identifiers';
import { AGENCIES, CLOSURE_STATES, INDUSTRIES, MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import { csvChunks } from '../../../../../lib/tabular/csv';
import { xlsxChunks } from '../../../../../lib/tabular/xlsx';
import type { Cell, Sheet } from '../../../../../lib/tabular/table';
import { createLeadsLoaders } from '../../loaders';
import { PersonalDataSightings } from '../personal-data/personal-data.store';
import { handlesLead } from './lead.access';
import { findLeads } from './lead.query';
import { LeadExportRecord } from './lead-export.entity';
import { LEAD_ORDERS, decodeLeadCursor, leadCursor, planSearch, type LeadOrder, type LeadSearch } from './search.rules';
import type { LeadFilter } from './lead.input';

/** GET /reports/lead-list.<csv|xlsx>?<filter fields>&search=&orderBy=: the gateway relays it like the report downloads. */
export const LEAD_LIST_FILE = /^lead-list\.(csv|xlsx)$/;
/** At most this many leads go into one file; a bigger list is narrowed by its filters first. */
export const EXPORT_CAP = 5000;
/** Leads read per query: what is held in memory at once, whatever the file's length. */
const BATCH = 200;

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', render: csvChunks },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: xlsxChunks },
} as const;

const COLUMNS: [string, number][] = [
  ['线索编号', 22], ['受理日期', 12], ['所在地区', 10], ['企业名称', 30], ['投诉人', 16], ['身份证号', 22], ['联系电话', 16],
  ['行业', 10], ['人数', 8], ['群体性', 8], ['欠薪金额（元）', 16], ['各机构状态', 40],
];

const BOOLEAN = { true: true, false: false } as Record<string, boolean>;

/** The list's filter, search and order from the query string, checked as the GraphQL arguments are. */
export function exportQuery(p: Principal, q: Request['query']): { filter: LeadFilter; search: LeadSearch | null; searchText: string | null; order: LeadOrder } {
  const one = (name: string): string | undefined => {
    const v = q[name];
    if (Array.isArray(v) || (v !== undefined && typeof v !== 'string')) throw badInput(name, 'VALUE_GIVEN_TWICE');
    return v === '' ? undefined : v;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[]): T | undefined => {
    const v = one(name);
    if (v !== undefined && !values.includes(v as T)) throw badInput(name, 'VALUE_NOT_ALLOWED', { allowed: [...values] });
    return v as T | undefined;
  };
  const flag = (name: string) => {
    const v = one(name);
    if (v !== undefined && !(v in BOOLEAN)) throw badInput(name, 'VALUE_NOT_ALLOWED', { allowed: ['true', 'false'] });
    return v === undefined ? undefined : BOOLEAN[v];
  };
  const filter: LeadFilter = {};
  const set = <K extends keyof LeadFilter>(k: K, v: LeadFilter[K] | undefined) => {
    if (v !== undefined) filter[k] = v;
  };
  set('regionCode', one('regionCode'));
  set('industry', oneOf('industry', INDUSTRIES));
  set('agency', oneOf('agency', AGENCIES));
  set('closureState', oneOf('closureState', CLOSURE_STATES));
  set('isMassCase', flag('isMassCase'));
  set('feedbackOverdue', flag('feedbackOverdue'));
  set('receivedFrom', one('receivedFrom'));
  set('receivedTo', one('receivedTo'));
  set('employerName', one('employerName'));
  const searchText = one('search') ?? null;
  const search = planSearch(p, searchText);
  return { filter, search, searchText: search ? search.shown : null, order: oneOf('orderBy', LEAD_ORDERS) ?? 'RECEIVED_DESC' };
}

interface Counted {
  rows: number;
  unmasked: number;
  capped: boolean;
}

/**
 * The list's rows, a batch at a time in the list's own keyset order: numbers masked by the same
 * rule as the API's list (in full only for staff of an agency holding the lead), every unmasked
 * sight written to personal_data_access as the batch is read.
 */
async function* exportRows(em: EntityManager, p: Principal, q: ReturnType<typeof exportQuery>, requestId: string, counted: Counted): AsyncGenerator<Cell[]> {
  let after = null as ReturnType<typeof decodeLeadCursor>;
  while (counted.rows < EXPORT_CAP) {
    const batchEm = em.fork();
    const { rows, hasNextPage, deadlineOf } = await findLeads(batchEm, p, q.filter, { first: Math.min(BATCH, EXPORT_CAP - counted.rows), after }, undefined, { search: q.search, order: q.order });
    if (!rows.length) return;
    const loaders = createLeadsLoaders(batchEm, p);
    const ids = rows.map((r) => r.id);
    const [people, involvements, employers] = await Promise.all([loaders.complainants.loadMany(ids), loaders.involvements.loadMany(ids), loaders.employers.loadMany(rows.map((r) => r.employerId))]);
    const sightings = new PersonalDataSightings(p);
    const lines: Cell[][] = rows.map((r, i) => {
      const inv = involvements[i] as Exclude<(typeof involvements)[number], Error>;
      const cs = people[i] as Exclude<(typeof people)[number], Error>;
      const employer = employers[i] as Exclude<(typeof employers)[number], Error>;
      const full = handlesLead(p, inv);
      const shown = cs.filter((c) => c.idNumber || c.phone);
      if (full && shown.length) {
        counted.unmasked++;
        for (const c of shown) {
          sightings.saw({ leadId: r.id, leadRegionCode: r.regionCode, complainantOrdinal: c.ordinal, idNumber: c.idNumber ?? null, fields: [...(c.idNumber ? (['ID_NUMBER'] as const) : []), ...(c.phone ? (['PHONE'] as const) : [])], operation: null, via: 'leadListExport' });
        }
      }
      const text = (s: string): Cell => ({ text: s });
      return [
        text(r.referenceNo),
        { date: shanghaiDate(r.receivedAt) },
        text(r.regionCode),
        text(employer?.name ?? ''),
        text(cs.map((c) => c.name).join('、')),
        text(cs.map((c) => (c.idNumber ? (full ? c.idNumber : maskIdNumber(c.idNumber)) : '')).filter(Boolean).join('、')),
        text(cs.map((c) => (c.phone ? (full ? c.phone : maskPhone(c.phone)) : '')).filter(Boolean).join('、')),
        text(INDUSTRY_ZH[r.industry] ?? r.industry),
        { integer: r.workerCount },
        text(r.workerCount >= MASS_CASE_WORKERS ? '是' : '否'),
        text(formatFen(r.amountOwedFen)),
        text(inv.map((a) => `${AGENCY_ZH[a.agency]}：${STATE_ZH[a.transferState]}／${STATE_ZH[a.closureState]}`).join('；')),
      ];
    });
    await sightings.write(batchEm, requestId);
    for (const l of lines) yield l;
    counted.rows += rows.length;
    if (!hasNextPage) return;
    if (counted.rows >= EXPORT_CAP) {
      counted.capped = true;
      return;
    }
    after = decodeLeadCursor(q.order, leadCursor(q.order, rows.at(-1)!, deadlineOf.get(rows.at(-1)!.id)));
  }
}



/**
 * The lead list as CSV or XLSX, with the list's filters, search and order and the caller's
 * visibility: streamed a batch at a time, at most EXPORT_CAP leads, and every export on the
 * lead_export record (who, filters, rows) once the file has been written.
 */
export function leadListExport({ orm, authenticate, log }: HttpRouteDeps): express.Router {
  const router = express.Router();
  const slots = new DownloadSlots();
  router.get('/reports/:file', async (req: Request, res: Response, next) => {
    const m = LEAD_LIST_FILE.exec(String(req.params.file));
    if (!m) return next();
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const format = m[1] as keyof typeof FORMATS;
    let principal: Principal;
    let q: ReturnType<typeof exportQuery>;
    try {
      principal = await authenticate(req.header('authorization'));
      q = exportQuery(principal, req.query);
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
    res.once('close', () => slot.release());
    const reqLog = log.child({ requestId, export: 'lead-list', format });
    const em = orm.em.fork();
    const counted: Counted = { rows: 0, unmasked: 0, capped: false };
    const today = shanghaiDate(new Date());
    const sheet: Sheet = {
      name: '线索列表',
      title: '欠薪线索列表',
      preamble: [`导出日期：${today}　导出人：${principal.name}（${AGENCY_ZH[principal.agency] ?? principal.agency}，${principal.region}）　每份最多 ${EXPORT_CAP} 条`],
      header: [COLUMNS.map(([label]) => ({ label }))],
      widths: COLUMNS.map(([, w]) => w),
      rows: exportRows(em, principal, q, requestId, counted),
    };
    try {
      if (q.search?.personal) {
        // A search by ID number or phone is on the record of who searched for whose data, as in the list.
        const searched = new PersonalDataSightings(principal);
        searched.searched(q.search, null, 'leadListExport');
        await searched.write(em, requestId);
      }
      const chunks = FORMATS[format].render([sheet]);
      const first = await chunks.next();
      res.status(200);
      res.setHeader('content-type', FORMATS[format].type);
      res.setHeader('content-disposition', `attachment; filename="lead-list-${today}.${format}"; filename*=UTF-8''${encodeURIComponent(`线索列表-${today}.${format}`)}`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      if (!first.done) res.write(first.value);
      await pipeline(Readable.from(chunks, { objectMode: false }), res);
      await em.fork().insertMany(LeadExportRecord, [
        { at: new Date(), format, filter: { ...q.filter }, search: q.searchText, orderBy: q.order, rowCount: counted.rows, capped: counted.capped, unmaskedRows: counted.unmasked, viewerId: principal.id, viewerName: principal.name, viewerAgency: principal.agency, viewerRegion: principal.region, requestId },
      ]);
      reqLog.info({ rows: counted.rows }, 'lead list exported');
    } catch (e) {
      if (e instanceof DomainError && !res.headersSent) return refusalAnswer(req, res, e);
      if (res.headersSent || res.destroyed) {
        if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') reqLog.error({ err: (e as Error).message }, 'lead list export failed');
        res.destroy();
      } else {
        reqLog.error({ err: (e as Error).message }, 'lead list export failed');
        refusalAnswer(req, res, refuse('INTERNAL_ERROR'), 500, { requestId });
      }
    } finally {
      slot.release();
    }
  });
  return router;
}
