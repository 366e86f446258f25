/**
 * The import template (导入模板): one row per lead, Chinese headers, and how a row becomes the
 * ReportLeadInput that reportLead takes. Pure: no I/O. The intake rules themselves stay in
 * lead.intake.ts (acceptLeadReport); here only the file's shape is read.
 */
import type { Principal } from '../../../../../lib/auth';
import { DomainError, refusal, type InvalidField, type Refusal } from '../../../../../lib/errors';
import { INDUSTRIES, type Industry, type IntakeChannel } from '../../../../../lib/domain/enums';
import { cleanText, textLength } from '../../../../../lib/vocabulary';
import { acceptLeadReport, type AcceptedLead, type LeadReport } from '../lead/lead.intake';

/** The columns, in template order, and the reportLead field each one fills. */
export const COLUMNS = [
  { header: '线索来源编号', field: 'sourceRef', required: true },
  { header: '反映时间', field: 'receivedAt', required: true },
  { header: '地区代码', field: 'regionCode', required: true },
  { header: '用人单位名称', field: 'employerName', required: true },
  { header: '统一社会信用代码', field: 'employerCreditCode', required: false },
  { header: '项目名称', field: 'projectName', required: false },
  { header: '施工总承包单位', field: 'generalContractorName', required: false },
  { header: '所属行业', field: 'industry', required: true },
  { header: '涉及人数', field: 'workerCount', required: true },
  { header: '欠薪金额（元）', field: 'amountOwed', required: true },
  { header: '欠薪起止日期', field: 'wagePeriod', required: false },
  { header: '情况描述', field: 'description', required: true },
  { header: '投诉人姓名', field: 'complainantNames', required: false },
  { header: '身份证号码', field: 'complainantIdNumbers', required: false },
  { header: '联系电话', field: 'complainantPhones', required: false },
  { header: '反映渠道', field: 'channel', required: false },
] as const;
export type ColumnField = (typeof COLUMNS)[number]['field'];
export const HEADERS = COLUMNS.map((c) => c.header);

/**
 * Several complainants in one row: separated by "；" (or ";", or a line break), aligned by position.
 * One separator per gap, so an empty place (";;") keeps the complainants after it aligned.
 */
export const COMPLAINANT_SEPARATOR = /\r\n|[；;\r\n]/;
/** The wage period as one cell: "2026-01-01至2026-03-31" (also "~", "～", "—" or "-" between two dates). */
const PERIOD = /^\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:至|~|～|—|–|到|\s-\s)\s*(\d{4}-\d{1,2}-\d{1,2})\s*$/;
const ONE_DATE = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/;
const DATE_TIME = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

/** The industries as the template writes them. */
export const INDUSTRY_NAMES: Record<Industry, string> = { MANUFACTURING: '制造业', CONSTRUCTION: '建筑业', REAL_ESTATE: '房地产业', HOSPITALITY: '住宿和餐饮业', OTHER: '其他' };
/** The channels as the template writes them; a row without one came by referral (转办), as the national platform's do. */
export const CHANNEL_NAMES: Record<IntakeChannel, string> = { HOTLINE: '12351热线', WALK_IN: '来访', ONLINE: '网上投诉', QR_CODE: '一码通', LETTER: '来信', PATROL: '巡查发现', MEDIA: '媒体报道', REFERRAL: '转办' };
export const DEFAULT_CHANNEL: IntakeChannel = 'REFERRAL';

export const SOURCE_REF_MAX = 100;

/** One data row as read from the file: its number in the file (the header is row 1) and its cells by header. */
export interface ImportRow {
  rowNo: number;
  cells: Record<string, string>;
}

/** What is wrong with a row: the column (its Chinese header) and the reason. */
export interface RowProblem extends Refusal {
  column: string;
  /** The reportLead field, for rendering its label inside the message. */
  field: string;
}

export type ParsedRow = { ok: true; rowNo: number; sourceRef: string; lead: AcceptedLead } | { ok: false; rowNo: number; sourceRef: string | null; problems: RowProblem[] };

/** The header row's problems: every template column must be there, once. Unknown columns are ignored. */
export function headerProblems(header: string[]): { index: Map<string, number>; problems: RowProblem[] } {
  const index = new Map<string, number>();
  const problems: RowProblem[] = [];
  header.forEach((h, i) => {
    const name = normalizeHeader(h);
    if (!name) return;
    if (index.has(name)) problems.push({ column: name, field: name, ...refusal('IMPORT_HEADER_TWICE', { column: name }) });
    else index.set(name, i);
  });
  const missing = COLUMNS.filter((c) => c.required && !index.has(c.header)).map((c) => c.header);
  if (missing.length) problems.push({ column: missing[0], field: missing[0], ...refusal('IMPORT_HEADER_MISSING', { columns: missing }) });
  return { index, problems };
}

/** Headers as people type them: full- or half-width brackets, stray spaces, a BOM. */
export function normalizeHeader(h: string): string {
  const t = h.replace(/^\ufeff/, '').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  return t === '欠薪金额' || t === '欠薪金额（元）' ? '欠薪金额（元）' : t;
}

const columnOfField = (field: string): string => {
  if (field === 'wagePeriodStart' || field === 'wagePeriodEnd') return '欠薪起止日期';
  if (field === 'generalContractorCreditCode') return '施工总承包单位';
  const m = /^complainants(?:\[\d+\])?(?:\.(\w+))?$/.exec(field);
  if (m) return m[1] === 'idNumber' ? '身份证号码' : m[1] === 'phone' ? '联系电话' : '投诉人姓名';
  return COLUMNS.find((c) => c.field === field)?.header ?? field;
};

/** A Shanghai wall-clock date or time as an instant. */
function shanghaiInstant(y: string, mo: string, d: string, h = '0', mi = '0', s = '0'): Date {
  const pad = (v: string) => v.padStart(2, '0');
  return new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`);
}
const isoDate = (v: string): string | null => {
  const m = ONE_DATE.exec(v);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
};

/**
 * One row to a lead: the file's shape first (columns, dates, numbers, the complainant lists), then
 * acceptLeadReport, the very rules reportLead applies. Every problem of the row is reported at once.
 */
export function parseRow(row: ImportRow, by: Principal, now: Date): ParsedRow {
  const problems: RowProblem[] = [];
  const bad = (column: string, field: string, r: Refusal) => problems.push({ column, field, ...r });
  const cell = (header: string) => (row.cells[header] ?? '').trim();

  const sourceRef = cleanText(cell('线索来源编号'), 'name') || null;
  if (!sourceRef) bad('线索来源编号', 'sourceRef', refusal('FIELD_REQUIRED'));
  else if (textLength(sourceRef) > SOURCE_REF_MAX) bad('线索来源编号', 'sourceRef', refusal('TEXT_TOO_LONG', { max: SOURCE_REF_MAX }));

  let receivedAt: Date | null = null;
  const received = cell('反映时间');
  if (!received) bad('反映时间', 'receivedAt', refusal('FIELD_REQUIRED'));
  else {
    const m = DATE_TIME.exec(received);
    receivedAt = m ? shanghaiInstant(m[1], m[2], m[3], m[4], m[5], m[6]) : null;
    if (!receivedAt || Number.isNaN(receivedAt.getTime())) {
      bad('反映时间', 'receivedAt', refusal('IMPORT_TIME_FORMAT'));
      receivedAt = null;
    }
  }

  const industryText = cell('所属行业');
  const industry = (Object.keys(INDUSTRY_NAMES) as Industry[]).find((k) => INDUSTRY_NAMES[k] === industryText || k === industryText.toUpperCase());
  if (industryText && !industry) bad('所属行业', 'industry', refusal('VALUE_NOT_ALLOWED', { allowed: Object.values(INDUSTRY_NAMES) }));

  const channelText = cell('反映渠道');
  const channel = channelText ? (Object.keys(CHANNEL_NAMES) as IntakeChannel[]).find((k) => CHANNEL_NAMES[k] === channelText.replace(/\s+/g, '') || k === channelText.toUpperCase()) : DEFAULT_CHANNEL;
  if (!channel) bad('反映渠道', 'channel', refusal('VALUE_NOT_ALLOWED', { allowed: Object.values(CHANNEL_NAMES) }));

  const workers = cell('涉及人数');
  const workerCount = /^\d{1,9}$/.test(workers) ? Number(workers) : Number.NaN;
  if (workers && Number.isNaN(workerCount)) bad('涉及人数', 'workerCount', refusal('NUMBER_AT_LEAST', { min: 1 }));

  // Amounts as Excel shows them: "89,195.00" or "89195" are the same yuan.
  const amountOwed = cell('欠薪金额（元）').replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');

  let wagePeriodStart: string | null = null;
  let wagePeriodEnd: string | null = null;
  const period = cell('欠薪起止日期');
  if (period) {
    const m = PERIOD.exec(period);
    const start = m && isoDate(m[1]);
    const end = m && isoDate(m[2]);
    if (!start || !end) bad('欠薪起止日期', 'wagePeriodStart', refusal('IMPORT_PERIOD_FORMAT'));
    else [wagePeriodStart, wagePeriodEnd] = [start, end];
  }

  const split = (header: string) => {
    const v = cell(header);
    return v ? v.split(COMPLAINANT_SEPARATOR).map((s) => s.trim()) : [];
  };
  const names = split('投诉人姓名');
  const ids = split('身份证号码');
  const phones = split('联系电话');
  if (ids.length > names.length) bad('身份证号码', 'complainants', refusal('IMPORT_COMPLAINANTS_MISALIGNED', { names: names.length, column: '身份证号码', count: ids.length }));
  if (phones.length > names.length) bad('联系电话', 'complainants', refusal('IMPORT_COMPLAINANTS_MISALIGNED', { names: names.length, column: '联系电话', count: phones.length }));
  const complainants = names.map((name, i) => ({ name, idNumber: ids[i] || null, phone: phones[i] || null }));

  for (const c of COLUMNS) {
    if (c.required && !cell(c.header) && !problems.some((p) => p.column === c.header)) {
      // Left to acceptLeadReport, which names the same field, unless it has no such field.
      if (c.field === 'industry' || c.field === 'workerCount') bad(c.header, c.field, refusal('FIELD_REQUIRED'));
    }
  }

  const report: LeadReport = {
    channel: channel ?? DEFAULT_CHANNEL,
    receivedAt: receivedAt ?? undefined,
    regionCode: cell('地区代码'),
    employerName: cell('用人单位名称'),
    employerCreditCode: cell('统一社会信用代码') || null,
    projectName: cell('项目名称') || null,
    generalContractorName: cell('施工总承包单位') || null,
    industry: industry ?? INDUSTRIES[0],
    workerCount: Number.isNaN(workerCount) ? 1 : workerCount,
    amountOwed,
    wagePeriodStart,
    wagePeriodEnd,
    description: cell('情况描述'),
    complainants,
  };
  let lead: AcceptedLead | undefined;
  try {
    lead = acceptLeadReport(report, by, now);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const fields: InvalidField[] = e.details.invalidFields ?? [];
    if (!fields.length) throw e;
    for (const f of fields) {
      const column = columnOfField(f.field);
      // A cell the file's reading already refused is not refused twice.
      if (problems.some((p) => p.column === column)) continue;
      // Without a reception time acceptLeadReport assumes now: the missing cell is the problem.
      if (f.field === 'receivedAt' && !receivedAt) continue;
      bad(column, f.field, refusal(f.reason, f.params as never));
    }
  }
  if (problems.length || !lead) return { ok: false, rowNo: row.rowNo, sourceRef, problems };
  return { ok: true, rowNo: row.rowNo, sourceRef: sourceRef!, lead };
}
