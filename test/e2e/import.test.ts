/**
 * Bulk import of leads through the gateway on real PostgreSQL: a mixed file (good rows, every kind
 * of bad row, a row repeated within the file, a row imported before), GB18030 and UTF-8 files,
 * re-import creating nothing twice, all-or-nothing, the template and the refused-rows file.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { gql, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { csvText, ended, goodRow, importFile, start, status, upload } from './import-support';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (text: string, bom = true) => Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
const lead = async (token: string, referenceNo: string) =>
  ok(
    await gql(
      hub.gatewayUrl,
      `query($r: String!) { leadByReference(referenceNo: $r) { id referenceNo sourceRef regionCode channel workerCount amountOwed isMassCase receivedAt wagePeriodStart wagePeriodEnd
         employer { name creditCode } complainants { name idNumber phone } agencies { agency transferState } timeline { kind } possibleDuplicates { referenceNo } } }`,
      { r: referenceNo },
      { token },
    ),
  ).leadByReference;

describe('a mixed file', () => {
  const officer = { agency: 'UNION' as const, region: '140400', id: 'import-officer', roles: ['INTAKE' as const] };
  const token = tokenFor(officer);
  let report: Record<string, any>;
  let file: Buffer;

  beforeAll(async () => {
    // An earlier file already brought in one of the rows.
    const earlier = await importFile(hub.gatewayUrl, token, utf8(csvText([goodRow('MIX-EARLIER', { 用人单位名称: '长治市先前导入公司', 统一社会信用代码: '' })])), 'earlier.csv');
    expect(earlier).toMatchObject({ status: 'DONE', imported: 1 });
    file = utf8(
      csvText([
        goodRow('MIX-001'), // row 2
        goodRow('MIX-002', { 涉及人数: '60', '欠薪金额（元）': '1,200,000.50', 投诉人姓名: '张三；李四\n王五', 身份证号码: '140402198503120015；；140421199007010021', 联系电话: '；13912345678', 用人单位名称: '长治市群体欠薪公司', 统一社会信用代码: '' }), // row 3
        goodRow('MIX-BAD-CODE', { 统一社会信用代码: '91140400MA0K6X5Y13' }), // row 4
        goodRow('MIX-BAD-ID', { 身份证号码: '110105194912310021' }), // row 5
        goodRow('MIX-BAD-MONEY', { '欠薪金额（元）': '12.345' }), // row 6
        goodRow('MIX-OUTSIDE', { 地区代码: '110101' }), // row 7
        goodRow('MIX-BAD-DATE', { 反映时间: '2026年13月45日' }), // row 8
        goodRow('MIX-001'), // row 9: repeats row 2
        goodRow('MIX-EARLIER', { 用人单位名称: '长治市先前导入公司', 统一社会信用代码: '' }), // row 10: imported before
        goodRow('MIX-NO-DESC', { 情况描述: '' }), // row 11
        goodRow('MIX-PERIOD', { 欠薪起止日期: '2025-12-31至2025-03-01' }), // row 12
        goodRow('', {}), // row 13: no source reference
      ]),
    );
    report = await importFile(hub.gatewayUrl, token, file, '混合.csv');
  });

  it('imports the good rows and refuses each bad one with its row, column and the reason in Chinese', () => {
    expect(report).toMatchObject({ status: 'DONE', rowsTotal: 12, rowsDone: 12, imported: 2, refused: 8, alreadyPresent: 2 });
    const refused = report.rows.filter((r: { outcome: string }) => r.outcome === 'REFUSED');
    const byRow = Object.fromEntries(refused.map((r: { rowNo: number; problems: { column: string; reason: string; message: string }[] }) => [r.rowNo, r.problems]));
    expect(Object.keys(byRow).map(Number)).toEqual([4, 5, 6, 7, 8, 11, 12, 13]);
    expect(byRow[4]).toEqual([expect.objectContaining({ column: '统一社会信用代码', reason: 'CREDIT_CODE_CHECK_CHARACTER' })]);
    expect(byRow[5]).toEqual([expect.objectContaining({ column: '身份证号码', field: 'complainants[0].idNumber' })]);
    expect(byRow[6]).toEqual([expect.objectContaining({ column: '欠薪金额（元）', reason: 'MONEY_TOO_MANY_DECIMALS' })]);
    expect(byRow[7]).toEqual([expect.objectContaining({ column: '地区代码', reason: 'REGION_OUTSIDE_JURISDICTION' })]);
    expect(byRow[8]).toEqual([expect.objectContaining({ column: '反映时间', reason: 'IMPORT_TIME_FORMAT' })]);
    expect(byRow[11]).toEqual([expect.objectContaining({ column: '情况描述', reason: 'FIELD_REQUIRED' })]);
    expect(byRow[12]).toEqual([expect.objectContaining({ column: '欠薪起止日期', reason: 'WAGE_PERIOD_REVERSED' })]);
    expect(byRow[13]).toEqual([expect.objectContaining({ column: '线索来源编号', reason: 'FIELD_REQUIRED' })]);
    // Chinese messages a person can act on.
    for (const problems of Object.values(byRow) as { message: string }[][]) expect(problems[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(byRow[13][0].message).toBe('线索来源编号为必填项');
  });

  it('says which rows were already there: repeated within the file, or imported before', () => {
    const present = report.rows.filter((r: { outcome: string }) => r.outcome === 'ALREADY_PRESENT');
    expect(present.map((r: { rowNo: number }) => r.rowNo)).toEqual([9, 10]);
    expect(present[0].problems[0].reason).toMatch(/^IMPORT_ROW_REPEATED/);
    expect(present[1].problems[0]).toMatchObject({ reason: 'IMPORT_ALREADY_PRESENT' });
    expect(present[1].referenceNo).toMatch(/^QX-140421-2026-\d{6}$/);
  });

  it('creates leads with the effects of reportLead: agency case, timeline, mass-case alert, audit', async () => {
    const [l1] = await hub.sql<{ reference_no: string }>('leads', `select reference_no from lead where source_ref = 'MIX-001'`);
    const [l2] = await hub.sql<{ reference_no: string; id: string }>('leads', `select reference_no, id from lead where source_ref = 'MIX-002'`);
    const first = await lead(token, l1.reference_no);
    expect(first).toMatchObject({ sourceRef: 'MIX-001', regionCode: '140421', channel: 'REFERRAL', amountOwed: '89195.00', wagePeriodStart: '2025-03-01', wagePeriodEnd: '2025-12-31', receivedAt: '2026-03-02T01:30:00.000Z' });
    expect(first.agencies).toEqual([{ agency: 'UNION', transferState: 'ORIGINATED' }]);
    const mass = await lead(token, l2.reference_no);
    expect(mass).toMatchObject({ workerCount: 60, isMassCase: true, amountOwed: '1200000.50' });
    // Several complainants in one row, aligned by position.
    expect(mass.complainants).toEqual([
      { name: '张三', idNumber: '140402198503120015', phone: null },
      { name: '李四', idNumber: null, phone: '13912345678' },
      { name: '王五', idNumber: '140421199007010021', phone: null },
    ]);
    expect(await hub.sql('leads', `select province from mass_case_alert where lead_id = $1`, [l2.id])).toEqual([{ province: '140000' }]);
    // The union's case opens through the outbox, as for reportLead.
    for (;;) {
      const { timeline } = await lead(token, l2.reference_no);
      if (timeline.some((t: { kind: string }) => t.kind === 'CASE_OPENED')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await lead(token, l2.reference_no)).timeline.map((t: { kind: string }) => t.kind)).toEqual(['LEAD_REPORTED', 'MASS_CASE_FLAGGED', 'CASE_OPENED']);
    expect(await hub.sql('union', `select count(*)::int as n from union_case where lead_id = $1`, [l2.id])).toEqual([{ n: 1 }]);
    const audit = await hub.sql<{ action: string; actor_id: string }>('leads', `select action, actor_id from audit_entry where entity_id = $1 order by seq`, [l2.id]);
    expect(audit.map((a) => a.action)).toEqual(['LEAD_REPORTED', 'MASS_CASE_FLAGGED']);
    expect(audit.every((a) => a.actor_id === 'import-officer')).toBe(true);
  });

  it('audits the import: who, the file digest, the counts', async () => {
    const audit = await hub.sql<{ action: string; actor_id: string; data: Record<string, unknown> }>('leads', `select action, actor_id, data from audit_entry where entity_type = 'LeadImport' and entity_id = $1 order by seq`, [report.id]);
    const digest = createHash('sha256').update(file).digest('hex');
    expect(report.digest).toBe(digest);
    expect(audit).toEqual([
      { action: 'LEAD_IMPORT_STARTED', actor_id: 'import-officer', data: expect.objectContaining({ digest, format: 'csv', allOrNothing: false }) },
      { action: 'LEAD_IMPORT_FINISHED', actor_id: 'import-officer', data: expect.objectContaining({ digest, status: 'DONE', rows: 12, imported: 2, refused: 8, alreadyPresent: 2 }) },
    ]);
  });

  it('creates nothing twice when the same file is imported again, and says which rows were there', async () => {
    const before = await hub.sql<{ n: number }>('leads', `select count(*)::int as n from lead`);
    const again = await importFile(hub.gatewayUrl, token, file, '混合.csv');
    expect(again).toMatchObject({ status: 'DONE', imported: 0, refused: 8, alreadyPresent: 4 });
    expect(again.rows.filter((r: { outcome: string }) => r.outcome === 'ALREADY_PRESENT').map((r: { rowNo: number }) => r.rowNo)).toEqual([2, 3, 9, 10]);
    expect(await hub.sql('leads', `select count(*)::int as n from lead`)).toEqual(before);
    // The repeated import of rows with the same project and employer flags nothing new; the
    // possible duplicates of leads already there are what possibleDuplicates shows.
  });

  it('imports nothing when all-or-nothing is asked and a row is refused', async () => {
    const before = await hub.sql<{ n: number }>('leads', `select count(*)::int as n from lead`);
    const fresh = utf8(csvText([goodRow('AON-001'), goodRow('AON-002', { 地区代码: '110101' })]));
    const all = await importFile(hub.gatewayUrl, token, fresh, 'aon.csv', true);
    expect(all).toMatchObject({ status: 'REFUSED', allOrNothing: true, imported: 0, refused: 1, failureReason: 'IMPORT_NOT_IMPORTED_ALL_OR_NOTHING' });
    expect(all.failure).toContain('未导入任何线索');
    expect(all.rows.map((r: { rowNo: number }) => r.rowNo)).toEqual([3]);
    expect(await hub.sql('leads', `select count(*)::int as n from lead`)).toEqual(before);
    // The same file corrected goes in whole.
    const fixed = await importFile(hub.gatewayUrl, token, utf8(csvText([goodRow('AON-001'), goodRow('AON-002')])), 'aon.csv', true);
    expect(fixed).toMatchObject({ status: 'DONE', imported: 2, refused: 0 });
  });

  it('gives the refused rows as an XLSX with a 拒绝原因 column, which imports again as it is', async () => {
    const res = await fetch(`${hub.gatewayUrl}${report.refusedRowsUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const sheet = wb.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    const header = rows.findIndex((r) => r[0] === '线索来源编号');
    expect(rows[header]).toEqual(expect.arrayContaining(['线索来源编号', '情况描述', '拒绝原因']));
    const data = rows.slice(header + 1);
    expect(data).toHaveLength(8);
    const reason = rows[header].indexOf('拒绝原因');
    expect(data[0][reason]).toMatch(/^统一社会信用代码：/);
    // Uploaded again unchanged, the same rows are refused for the same reasons.
    const back = await importFile(hub.gatewayUrl, token, bytes, 'refused.xlsx');
    expect(back).toMatchObject({ status: 'DONE', imported: 0, refused: 8 });
  });

  it('lets only INTAKE staff import, and only their own imports be seen', async () => {
    const handler = tokenFor({ agency: 'UNION', region: '140400', roles: ['HANDLER'] });
    const refused = await upload(hub.gatewayUrl, handler, file, 'x.csv');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ reason: 'IMPORT_ROLE_REQUIRED', message: '批量导入线索需要受理角色。' });
    const colleague = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE'] });
    expect(await status(hub.gatewayUrl, colleague, report.id)).toBeNull();
    const startOther = await start(hub.gatewayUrl, colleague, report.id);
    expect(startOther.errors?.[0].extensions).toMatchObject({ reason: 'IMPORT_NOT_FOUND' });
    const startAgain = await start(hub.gatewayUrl, token, report.id);
    expect(startAgain.errors?.[0].extensions).toMatchObject({ reason: 'IMPORT_ALREADY_STARTED' });
  });
});

describe('encodings and formats', () => {
  const token = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'enc-officer', roles: ['INTAKE'] });

  it('reads a GB18030 CSV, as Chinese Excel saves it', async () => {
    const text = csvText([goodRow('GB-001', { 用人单位名称: '长治市繁體与生僻字𠀀公司', 统一社会信用代码: '', 情况描述: '工人反映：拖欠工资，“急”' })]);
    const report = await importFile(hub.gatewayUrl, token, iconv.encode(text, 'gb18030'), 'gb.csv');
    expect(report).toMatchObject({ status: 'DONE', imported: 1, refused: 0 });
    const [row] = await hub.sql<{ reference_no: string }>('leads', `select reference_no from lead where source_ref = 'GB-001'`);
    const l = await lead(token, row.reference_no);
    expect(l.employer.name).toBe('长治市繁體与生僻字𠀀公司');
  });

  it('reads UTF-8 with and without a BOM', async () => {
    const withBom = await importFile(hub.gatewayUrl, token, utf8(csvText([goodRow('U8-BOM', { 统一社会信用代码: '', 用人单位名称: '带BOM公司' })])), 'bom.csv');
    const without = await importFile(hub.gatewayUrl, token, utf8(csvText([goodRow('U8-NOBOM', { 统一社会信用代码: '', 用人单位名称: '无BOM公司' })]), false), 'nobom.csv');
    expect([withBom.imported, without.imported]).toEqual([1, 1]);
    expect(await hub.sql('leads', `select source_ref from lead where source_ref like 'U8-%' order by 1`)).toEqual([{ source_ref: 'U8-BOM' }, { source_ref: 'U8-NOBOM' }]);
  });

  it('serves the template as XLSX and CSV, which import as they are', async () => {
    for (const format of ['xlsx', 'csv']) {
      const res = await fetch(`${hub.gatewayUrl}/imports/template.${format}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('欠薪线索批量导入模板'));
      const report = await importFile(hub.gatewayUrl, token, Buffer.from(await res.arrayBuffer()), `template.${format}`);
      // The second time, the same example rows are already there.
      expect(report).toMatchObject(format === 'xlsx' ? { status: 'DONE', imported: 2, refused: 0 } : { status: 'DONE', imported: 0, alreadyPresent: 2 });
    }
  });

  it('fails a file whose header is not the template, saying which columns are missing', async () => {
    const report = await importFile(hub.gatewayUrl, token, utf8('名称,金额\r\n某公司,100\r\n'), 'wrong.csv');
    expect(report).toMatchObject({ status: 'FAILED', imported: 0, failureReason: 'IMPORT_HEADER_MISSING' });
    expect(report.failure).toContain('线索来源编号');
  });

  it('refuses an empty or unreadable upload at once', async () => {
    expect((await upload(hub.gatewayUrl, token, Buffer.alloc(0), 'empty.csv')).body.error.reason).toBe('IMPORT_FILE_EMPTY');
    expect((await upload(hub.gatewayUrl, token, Buffer.from([0, 1, 2, 3]), 'x.bin')).body.error.reason).toBe('IMPORT_FORMAT_UNKNOWN');
  });

  it('cancels an import that has not ended; an ended one cannot be cancelled', async () => {
    const up = await upload(hub.gatewayUrl, token, utf8(csvText([goodRow('CANCEL-1')])), 'c.csv');
    const cancel = (id: string) => gql(hub.gatewayUrl, `mutation($id: ID!) { cancelLeadImport(id: $id) { status } }`, { id }, { token });
    expect(ok(await cancel(up.body.id)).cancelLeadImport.status).toBe('CANCELLED');
    expect((await cancel(up.body.id)).errors?.[0].extensions).toMatchObject({ reason: 'IMPORT_ALREADY_FINISHED' });
    expect((await start(hub.gatewayUrl, token, up.body.id)).errors?.[0].extensions).toMatchObject({ reason: 'IMPORT_ALREADY_STARTED' });
    expect(await ended(hub.gatewayUrl, token, up.body.id)).toMatchObject({ status: 'CANCELLED', imported: 0 });
  });
});
