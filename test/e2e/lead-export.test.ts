import ExcelJS from 'exceljs';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

/**
 * Exporting the lead list (GET /reports/lead-list.<csv|xlsx> through the gateway): the list's
 * filters, search and order, the caller's visibility, complainants' numbers masked by the list's
 * rule per agency, and every export on the lead_export record.
 */
describe('exporting the lead list', () => {
  let hub: TestHub;
  const wangId = '11010519491231002X';
  const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const inspection = tokenFor({ id: 'dev-inspection-140400', name: '赵监察', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] });
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startHub();
    const report = async (over: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token: union })).reportLead as { id: string; referenceNo: string };
    const a = await report({ amountOwed: '5000.00', complainants: [{ name: '王建国', idNumber: wangId, phone: '13812345678' }] });
    const b = await report({ amountOwed: '98000.00', employerName: '太行建设集团有限公司', employerCreditCode: null, complainants: [{ name: '李四' }] });
    const c = await report({ amountOwed: '36000.00', industry: 'HOSPITALITY', employerName: '潞州某餐饮有限公司', employerCreditCode: null, complainants: [{ name: '赵某', phone: '13900001111' }] });
    Object.assign(refs, { a: a.referenceNo, b: b.referenceNo, c: c.referenceNo });
    // Labour inspection is asked to take Wang's lead and has not accepted it: it sees the lead, its numbers masked.
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: a.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const download = (query: string, token: string, format: 'csv' | 'xlsx' = 'csv') => fetch(`${hub.gatewayUrl}/reports/lead-list.${format}${query}`, { headers: { authorization: `Bearer ${token}` } });
  /** The CSV's rows under its header line (RFC 4180 quoting). */
  async function csvRows(r: Response): Promise<string[][]> {
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(await r.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, '');
    const rows: string[][] = [];
    for (const line of text.split('\r\n').filter(Boolean)) {
      const cells: string[] = [];
      for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
        cells.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
        if (!m[2]) break;
      }
      rows.push(cells);
    }
    const header = rows.findIndex((r) => r[0] === '线索编号');
    expect(rows[header]).toEqual(['线索编号', '受理日期', '所在地区', '企业名称', '投诉人', '身份证号', '联系电话', '行业', '人数', '群体性', '欠薪金额（元）', '各机构状态']);
    return rows.slice(header + 1);
  }

  test('the union, holding its leads, gets them in full, filtered, searched and in the list order', async () => {
    const all = await csvRows(await download('', union));
    expect(all.map((r) => r[0])).toEqual([refs.c, refs.b, refs.a]);
    const wang = all.find((r) => r[0] === refs.a)!;
    expect(wang.slice(3, 8)).toEqual(['长治市某建筑劳务有限公司', '王建国', wangId, '13812345678', '建筑业']);
    expect(wang[11]).toBe('工会：已移送／办理中；劳动保障监察：待接收／办理中');

    const byAmount = await csvRows(await download('?orderBy=AMOUNT_DESC', union));
    expect(byAmount.map((r) => r[0])).toEqual([refs.b, refs.c, refs.a]);
    expect(byAmount[0][10]).toBe('98000.00');
    const hospitality = await csvRows(await download('?industry=HOSPITALITY', union));
    expect(hospitality.map((r) => r[0])).toEqual([refs.c]);
    const searched = await csvRows(await download(`?search=${encodeURIComponent('太行')}`, union));
    expect(searched.map((r) => r[0])).toEqual([refs.b]);
    const none = await csvRows(await download(`?employerName=${encodeURIComponent('无此单位')}`, union));
    expect(none).toEqual([]);
    const byId = await csvRows(await download(`?search=${wangId.toLowerCase()}`, union));
    expect(byId.map((r) => r[0])).toEqual([refs.a]);
    // As in the list: the search is on the personal-data record, masked.
    const searches = await hub.sql<{ viewer_id: string; search_term: string; via: string }>('leads', "select viewer_id, search_term, via from personal_data_access where kind = 'SEARCH'");
    expect(searches).toEqual([{ viewer_id: 'dev-union-140400', search_term: '1101**********002X', via: 'leadListExport' }]);
  });

  test('labour inspection, asked but not holding, gets only the lead it sees, its numbers masked (XLSX)', async () => {
    const r = await download('', inspection, 'xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    expect(wb.worksheets[0].name).toBe('线索列表');
    const header = rows.findIndex((x) => x[0] === '线索编号');
    const body = rows.slice(header + 1);
    expect(body.map((x) => x[0])).toEqual([refs.a]);
    expect(body[0].slice(4, 7)).toEqual(['王建国', '1101**********002X', '138****5678']);
    expect(JSON.stringify(rows)).not.toContain(wangId);
  });

  test('refuses a bad filter as the API does, and every export is on the record', async () => {
    const bad = await download('?industry=MINING', union);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; reason: string } };
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALUE_NOT_ALLOWED' });
    expect((await fetch(`${hub.gatewayUrl}/reports/lead-list.csv`)).status).toBe(401);

    const exports = await hub.sql<{ viewer_id: string; format: string; filter: Record<string, unknown>; search: string | null; order_by: string; row_count: number; capped: boolean; unmasked_rows: number }>(
      'leads',
      'select viewer_id, format, filter, search, order_by, row_count, capped, unmasked_rows from lead_export order by id',
    );
    expect(exports).toEqual([
      { viewer_id: 'dev-union-140400', format: 'csv', filter: {}, search: null, order_by: 'RECEIVED_DESC', row_count: 3, capped: false, unmasked_rows: 2 },
      { viewer_id: 'dev-union-140400', format: 'csv', filter: {}, search: null, order_by: 'AMOUNT_DESC', row_count: 3, capped: false, unmasked_rows: 2 },
      { viewer_id: 'dev-union-140400', format: 'csv', filter: { industry: 'HOSPITALITY' }, search: null, order_by: 'RECEIVED_DESC', row_count: 1, capped: false, unmasked_rows: 1 },
      { viewer_id: 'dev-union-140400', format: 'csv', filter: {}, search: '太行', order_by: 'RECEIVED_DESC', row_count: 1, capped: false, unmasked_rows: 0 },
      { viewer_id: 'dev-union-140400', format: 'csv', filter: { employerName: '无此单位' }, search: null, order_by: 'RECEIVED_DESC', row_count: 0, capped: false, unmasked_rows: 0 },
      { viewer_id: 'dev-union-140400', format: 'csv', filter: {}, search: '1101**********002X', order_by: 'RECEIVED_DESC', row_count: 1, capped: false, unmasked_rows: 1 },
      { viewer_id: 'dev-inspection-140400', format: 'xlsx', filter: {}, search: null, order_by: 'RECEIVED_DESC', row_count: 1, capped: false, unmasked_rows: 0 },
    ]);
    // Unmasked numbers written into a file are sightings like any other: the union's, never inspection's.
    const seen = await hub.sql<{ viewer_id: string; n: number }>('leads', "select viewer_id, count(*)::int as n from personal_data_access where kind = 'SEEN' and via = 'leadListExport' group by viewer_id");
    expect(seen).toEqual([{ viewer_id: 'dev-union-140400', n: 6 }]);
  });
});
