/** Bulk-import helpers for the import tests: files in the template's shape, upload, start, wait. */
import { gql, ok } from '../support/hub';
import { HEADERS } from '../../services/leads/src/modules/import/import.columns';

export type Row = Record<string, string>;

/** A good row (Changzhi, 140400), with any cells replaced. */
export function goodRow(sourceRef: string, over: Row = {}): Row {
  return {
    线索来源编号: sourceRef,
    反映时间: '2026-03-02 09:30',
    地区代码: '140421',
    用人单位名称: '长治市某建筑劳务有限公司',
    统一社会信用代码: '91140400MA0K6X5Y12',
    项目名称: `项目-${sourceRef}`,
    施工总承包单位: '',
    所属行业: '建筑业',
    涉及人数: '4',
    '欠薪金额（元）': '89195.00',
    欠薪起止日期: '2025-03-01至2025-12-31',
    情况描述: '农民工反映被拖欠工资',
    投诉人姓名: '王某',
    身份证号码: '11010519491231002X',
    联系电话: '13812345678',
    ...over,
  };
}

/** Staff read Chinese: the hub answers in English unless asked (Accept-Language). */
export const LANGUAGE = 'zh-CN';

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV text in the template's columns (header first, CRLF). */
export function csvText(rows: Row[], headers: readonly string[] = HEADERS): string {
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}

export async function upload(gatewayUrl: string, token: string, body: Buffer, fileName: string) {
  const res = await fetch(`${gatewayUrl}/imports/files?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'accept-language': LANGUAGE }, body: new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export const IMPORT_FIELDS = `id fileName digest status allOrNothing rowsTotal rowsDone imported refused alreadyPresent possibleDuplicates failure failureReason refusedRowsUrl
  rows(first: 1000) { rowNo outcome sourceRef referenceNo problems { column field reason message } }`;

export async function start(gatewayUrl: string, token: string, id: string, allOrNothing = false) {
  return gql(gatewayUrl, `mutation($id: ID!, $all: Boolean!) { startLeadImport(id: $id, allOrNothing: $all) { id status } }`, { id, all: allOrNothing }, { token, language: LANGUAGE });
}

/** What the console's import screen polls while an import runs: its counts, not its rows. */
export const PROGRESS_FIELDS = 'id fileName status allOrNothing rowsTotal rowsDone imported refused alreadyPresent possibleDuplicates failure failureReason refusedRowsUrl';

export async function status(gatewayUrl: string, token: string, id: string, fields = IMPORT_FIELDS) {
  return ok(await gql(gatewayUrl, `query($id: ID!) { leadImport(id: $id) { ${fields} } }`, { id }, { token, language: LANGUAGE })).leadImport;
}

/** Polls until the import has ended (the worker runs in the background). */
export async function ended(gatewayUrl: string, token: string, id: string, until = (s: { status: string }) => ['DONE', 'REFUSED', 'CANCELLED', 'FAILED'].includes(s.status), fields = IMPORT_FIELDS) {
  for (;;) {
    const s = await status(gatewayUrl, token, id, fields);
    if (until(s)) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Upload, start and wait: the import's final report. */
export async function importFile(gatewayUrl: string, token: string, body: Buffer, fileName: string, allOrNothing = false) {
  const up = await upload(gatewayUrl, token, body, fileName);
  if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${JSON.stringify(up.body)}`);
  ok(await start(gatewayUrl, token, up.body.id, allOrNothing));
  return ended(gatewayUrl, token, up.body.id);
}
