import { randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { generateLeads } from '../../scripts/seed/leads';
import { reportFile } from '../../services/leads/src/modules/report/report.download';
import { monthlyScope } from '../../services/leads/src/modules/report/report.rules';
import { sign, SIGNATURE_HEADER, MESSAGES_PATH } from '../../lib/outbox/message';
import { internalSecret } from '../../lib/config';
import { addDays, shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { readWorkbook, xlsxParts } from '../support/xlsx';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;

// Staff of the province, of two of its cities, of another province, of other agencies.
const union = tokenFor({ agency: 'UNION', region: '140000', id: 'union-prov' });
const unionChangzhi = tokenFor({ agency: 'UNION', region: '140400' });
const unionTaiyuan = tokenFor({ agency: 'UNION', region: '140100' });
const unionZhejiang = tokenFor({ agency: 'UNION', region: '330000' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140000', id: 'insp-prov' });
const inspectorChangzhi = tokenFor({ agency: 'INSPECTION', region: '140400' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140000' });

/** Set once the file is clear of a Shanghai midnight (test/support/clock.ts). */
let today: string;
let thisMonday: string;

const MONTHLY = `query($month: String!, $regionCode: String) { monthlyLeadSummary(month: $month, regionCode: $regionCode) {
  rowNo receivedOn employerName industry workerCount amountTenThousandYuan mediatedOrLegalService closed referenceNo } }`;
const WEEKLY = `query($weekStart: Date!, $regionCode: String) { weeklyReport(weekStart: $weekStart, regionCode: $regionCode) {
  weekStart regionCode zeroReport newLeads newWorkers newAmount resolvedLeads resolvedAmount massCases { referenceNo workerCount isMassCase employer { name } } } }`;
const CAMPAIGN = `query($from: Date!, $to: Date!, $regionCode: String) { campaignSummary(from: $from, to: $to, regionCode: $regionCode) {
  sector employers workers workersResolved amountResolved } }`;

type Lead = { id: string; referenceNo: string };
const leads: Record<string, Lead> = {};

async function report(key: string, token: string, over: Record<string, unknown>) {
  leads[key] = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token })).reportLead;
  return leads[key];
}
const run = async (query: string, variables: Record<string, unknown>, token: string) => ok(await gql(hub.gatewayUrl, query, variables, { token }));
const closeCase = (mutation: string, leadId: string, token: string, input: object) =>
  run(`mutation($leadId: ID!, $input: CloseCaseInput!) { ${mutation}(leadId: $leadId, input: $input) { closureState } }`, { leadId, input }, token);
const transfer = async (leadId: string) =>
  (await run(`mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }`, { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, union)).transferLead.id as string;

/** The procuratorate's decision to support the lawsuit arrives as litigation's timeline event would. */
async function supportGranted(leadId: string) {
  const payload = { leadId, agency: 'PROCURATORATE', actor: 'proc-1', kind: 'SUPPORT_GRANTED', summary: '决定支持起诉', at: new Date().toISOString() };
  const body = JSON.stringify({ id: randomUUID(), source: 'litigation', type: 'TimelineEvent', occurredAt: payload.at, payload });
  const r = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
  expect(await r.json()).toEqual({ ok: true, duplicate: false });
}

/**
 * Shanxi in October 2026, built through the API:
 * - changzhi1: construction, 4 workers, 89,195.00 yuan; union mediation; union closed, all paid.
 * - taiyuan:   hospitality, 1,234.56 yuan, received 00:10 on 1 October (30 September in UTC);
 *              referred to inspection, which returned it; the union closed it unresolved.
 * - factoryOther: the machinery factory again, for its canteen (OTHER), open.
 * - realEstate: the construction employer's real-estate lead, 7 workers; support to sue granted; open.
 * - factory:   manufacturing, 60 workers (a mass case), 2,850,000.00 yuan, received 23:30 on 31
 *              October; legal aid; referred to inspection, which recovered 2,100,000.00 for 60 and
 *              closed, then the union closed recording 2,000,000.00 for 55: counted once, the larger.
 * Outside the month: 00:10 on 1 November, 23:50 on 30 September. Not counted: a duplicate of
 * changzhi1, a lead of labour inspection alone, a lead in Zhejiang. This week: one mass case.
 */
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  today = shanghaiDate(new Date());
  thisMonday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  hub = await startHub();
  const changzhi = { employerName: '长治市某建筑劳务有限公司', employerCreditCode: '91140400MA0K6X5Y12' };
  const factory = { employerName: '长治某机械制造厂', employerCreditCode: null };

  await report('taiyuan', union, { regionCode: '140105', industry: 'HOSPITALITY', workerCount: 3, amountOwed: '1234.56', employerName: '太原某酒店', employerCreditCode: null, projectName: null, receivedAt: '2026-10-01T00:10:00+08:00', wagePeriodStart: '2026-08-01', wagePeriodEnd: '2026-09-30' });
  await report('changzhi1', union, { ...changzhi, regionCode: '140421', industry: 'CONSTRUCTION', workerCount: 4, amountOwed: '89195.00', receivedAt: '2026-10-05T09:00:00+08:00' });
  await report('duplicate', union, { ...changzhi, regionCode: '140421', industry: 'CONSTRUCTION', workerCount: 4, amountOwed: '89195.00', receivedAt: '2026-10-06T10:00:00+08:00' });
  await report('factoryOther', union, { ...factory, regionCode: '140402', industry: 'OTHER', workerCount: 2, amountOwed: '5000.00', projectName: null, receivedAt: '2026-10-15T10:00:00+08:00' });
  await report('realEstate', union, { ...changzhi, regionCode: '140421', industry: 'REAL_ESTATE', workerCount: 7, amountOwed: '170000.00', projectName: '某小区三期', receivedAt: '2026-10-20T10:00:00+08:00' });
  await report('factory', union, { ...factory, regionCode: '140402', industry: 'MANUFACTURING', workerCount: 60, amountOwed: '2850000.00', projectName: null, receivedAt: '2026-10-31T23:30:00+08:00', wagePeriodEnd: '2026-10-31' });
  await report('november', union, { regionCode: '140421', receivedAt: '2026-11-01T00:10:00+08:00', employerName: '长治某物业公司', employerCreditCode: null, industry: 'OTHER' });
  await report('september', union, { regionCode: '140421', receivedAt: '2026-09-30T23:50:00+08:00', employerName: '长治某物业公司', employerCreditCode: null, industry: 'OTHER', wagePeriodEnd: '2026-09-30' });
  await report('inspectionOnly', inspector, { regionCode: '140421', receivedAt: '2026-10-10T10:00:00+08:00', employerName: '长治某商贸公司', employerCreditCode: null, industry: 'OTHER' });
  await report('zhejiang', unionZhejiang, { regionCode: '330112', receivedAt: '2026-10-10T10:00:00+08:00', employerName: '临安某建筑公司', employerCreditCode: null });
  await report('thisWeek', union, { regionCode: '140421', industry: 'CONSTRUCTION', workerCount: 55, amountOwed: '300000.00', employerName: '长治某建设集团', employerCreditCode: null });

  // changzhi1: mediated and paid in full by the union alone.
  await run('mutation($id: ID!, $input: MediationInput!) { recordMediation(leadId: $id, input: $input) { handler } }', { id: leads.changzhi1.id, input: { outcome: 'SETTLED', summary: '达成协议', amountAgreed: '89195.00', agreedPayBy: addDays(today, 3) } }, union);
  await closeCase('closeUnionCase', leads.changzhi1.id, union, { reason: 'PAID_IN_FULL', amountRecovered: '89195.00', workersPaid: 4, note: '' });
  await run('mutation($a: ID!, $b: ID!) { markDuplicate(leadId: $a, ofLeadId: $b) { id } }', { a: leads.duplicate.id, b: leads.changzhi1.id }, union);

  // factory: legal aid, then inspection and the union both close it on the same payment.
  await run('mutation($id: ID!, $input: LegalAidInput!) { recordLegalAid(leadId: $id, input: $input) { handler } }', { id: leads.factory.id, input: { provider: '长治市法律援助中心', providedOn: today } }, union);
  const t = await transfer(leads.factory.id);
  await run('mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t }, inspector);
  await run('mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { id } }', { id: t, input: { final: true, summary: '已支付210万元', amountRecovered: '2100000.00', workersPaid: 60 } }, inspector);
  await run('mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: true, procedureLawful: true, satisfied: true, note: "" }) { closureState } }', { id: leads.factory.id }, inspector);
  await closeCase('closeInspectionCase', leads.factory.id, inspector, { reason: 'PARTIALLY_PAID', amountRecovered: '2100000.00', workersPaid: 60, note: '' });
  await closeCase('closeUnionCase', leads.factory.id, union, { reason: 'PARTIALLY_PAID', amountRecovered: '2000000.00', workersPaid: 55, note: '' });

  // taiyuan: inspection returned it; the union alone closes it, without result.
  const r = await transfer(leads.taiyuan.id);
  await run('mutation($id: ID!) { rejectTransfer(id: $id, reason: "不属于本部门管辖") { id } }', { id: r }, inspector);
  await closeCase('closeUnionCase', leads.taiyuan.id, union, { reason: 'UNRESOLVED', amountRecovered: '0.00', workersPaid: 0, note: '联系不上用人单位' });

  await supportGranted(leads.realEstate.id);
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const row = (rowNo: number, key: string, receivedOn: string, employerName: string, industry: string, workerCount: number, amountTenThousandYuan: string, mediatedOrLegalService: boolean, closed: boolean) => ({
  rowNo, receivedOn, employerName, industry, workerCount, amountTenThousandYuan, mediatedOrLegalService, closed, referenceNo: leads[key].referenceNo,
});

describe('monthly lead summary (附件1)', () => {
  it('lists every lead of the Shanghai month in the province, with each figure worked out', async () => {
    const { monthlyLeadSummary } = await run(MONTHLY, { month: '2026-10' }, union);
    expect(monthlyLeadSummary).toEqual([
      row(1, 'taiyuan', '2026-10-01', '太原某酒店', 'HOSPITALITY', 3, '0.1235', false, true),
      row(2, 'changzhi1', '2026-10-05', '长治市某建筑劳务有限公司', 'CONSTRUCTION', 4, '8.9195', true, true),
      row(3, 'factoryOther', '2026-10-15', '长治某机械制造厂', 'OTHER', 2, '0.5000', false, false),
      row(4, 'realEstate', '2026-10-20', '长治市某建筑劳务有限公司', 'REAL_ESTATE', 7, '17.0000', true, false),
      row(5, 'factory', '2026-10-31', '长治某机械制造厂', 'MANUFACTURING', 60, '285.0000', true, true),
    ]);
  });

  it('narrows to a region below the caller, numbering its own rows', async () => {
    const city = (await run(MONTHLY, { month: '2026-10' }, unionChangzhi)).monthlyLeadSummary;
    expect(city.map((r: { referenceNo: string; rowNo: number }) => [r.rowNo, r.referenceNo])).toEqual([
      [1, leads.changzhi1.referenceNo], [2, leads.factoryOther.referenceNo], [3, leads.realEstate.referenceNo], [4, leads.factory.referenceNo],
    ]);
    const county = (await run(MONTHLY, { month: '2026-10', regionCode: '140421' }, union)).monthlyLeadSummary;
    expect(county.map((r: { referenceNo: string }) => r.referenceNo)).toEqual([leads.changzhi1.referenceNo, leads.realEstate.referenceNo]);
    // "thisWeek" was received today: it belongs to November's summary only while today is in November.
    const november = (await run(MONTHLY, { month: '2026-11', regionCode: '140421' }, union)).monthlyLeadSummary.map((r: { referenceNo: string }) => r.referenceNo);
    expect(november).toEqual(today.startsWith('2026-11') ? [leads.november.referenceNo, leads.thisWeek.referenceNo] : [leads.november.referenceNo]);
    const thisMonth = (await run(MONTHLY, { month: today.slice(0, 7), regionCode: '140421' }, union)).monthlyLeadSummary.map((r: { referenceNo: string }) => r.referenceNo);
    expect(thisMonth).toContain(leads.thisWeek.referenceNo);
  });

  it('shows staff only leads of their region and their agency', async () => {
    const refs = async (token: string, regionCode?: string) => (await run(MONTHLY, { month: '2026-10', regionCode }, token)).monthlyLeadSummary.map((r: { referenceNo: string }) => r.referenceNo);
    expect(await refs(unionTaiyuan)).toEqual([leads.taiyuan.referenceNo]);
    expect(await refs(unionZhejiang)).toEqual([leads.zhejiang.referenceNo]);
    // Labour inspection sees the leads it was involved in, the returned one included, as `leads` does.
    expect(await refs(inspector)).toEqual([leads.taiyuan.referenceNo, leads.inspectionOnly.referenceNo, leads.factory.referenceNo]);
    expect(await refs(inspectorChangzhi)).toEqual([leads.inspectionOnly.referenceNo, leads.factory.referenceNo]);
    expect(await refs(prosecutor)).toEqual([]);
  });

  it('refuses a bad month or region naming the field, and a region outside the jurisdiction', async () => {
    for (const month of ['2026-13', '2026-1', '10/2026', '']) {
      const r = await gql(hub.gatewayUrl, MONTHLY, { month }, { token: union });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    }
    const bad = await gql(hub.gatewayUrl, MONTHLY, { month: '2026-10', regionCode: '14042' }, { token: union });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    for (const [token, regionCode] of [[unionChangzhi, '140100'], [unionChangzhi, '140000'], [unionZhejiang, '140000']]) {
      const r = await gql(hub.gatewayUrl, MONTHLY, { month: '2026-10', regionCode }, { token });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'regionCode' });
    }
    expect((await gql(hub.gatewayUrl, MONTHLY, { month: '2026-10' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('weekly report (周报)', () => {
  it('counts the week\'s new leads and the leads resolved in it, once each', async () => {
    const { weeklyReport } = await run(WEEKLY, { weekStart: thisMonday }, union);
    expect(weeklyReport).toEqual({
      weekStart: thisMonday,
      regionCode: '140000',
      zeroReport: false,
      newLeads: 1,
      newWorkers: 55,
      newAmount: '300000.00',
      // changzhi1 (89,195.00), factory (2,100,000.00, the larger closure), taiyuan (0.00); not the duplicate.
      resolvedLeads: 3,
      resolvedAmount: '2189195.00',
      massCases: [{ referenceNo: leads.thisWeek.referenceNo, workerCount: 55, isMassCase: true, employer: { name: '长治某建设集团' } }],
    });
  });

  it('reports for the unit named, and from each agency\'s side', async () => {
    expect((await run(WEEKLY, { weekStart: thisMonday, regionCode: '140100' }, union)).weeklyReport).toMatchObject({
      regionCode: '140100', newLeads: 0, newWorkers: 0, newAmount: '0.00', resolvedLeads: 1, resolvedAmount: '0.00', zeroReport: false, massCases: [],
    });
    expect((await run(WEEKLY, { weekStart: thisMonday }, inspector)).weeklyReport).toMatchObject({ newLeads: 0, resolvedLeads: 2, resolvedAmount: '2100000.00', zeroReport: false });
  });

  it('takes Monday to Sunday in Shanghai time', async () => {
    // 23:30 on Saturday 31 October and 00:10 on Sunday 1 November are both in the week of 26 October.
    expect((await run(WEEKLY, { weekStart: '2026-10-26' }, union)).weeklyReport).toMatchObject({
      newLeads: 2, newWorkers: 64, newAmount: '2939195.00', resolvedLeads: 0, resolvedAmount: '0.00', zeroReport: false,
      massCases: [{ referenceNo: leads.factory.referenceNo, workerCount: 60, isMassCase: true, employer: { name: '长治某机械制造厂' } }],
    });
    // The duplicate received on 6 October is not counted again.
    expect((await run(WEEKLY, { weekStart: '2026-10-05' }, union)).weeklyReport).toMatchObject({ newLeads: 1, newWorkers: 4, newAmount: '89195.00' });
  });

  it('is a zero report when nothing was new and nothing resolved', async () => {
    const lastWeek = addDays(thisMonday, -7);
    expect((await run(WEEKLY, { weekStart: lastWeek }, unionChangzhi)).weeklyReport).toEqual({
      weekStart: lastWeek, regionCode: '140400', zeroReport: true, newLeads: 0, newWorkers: 0, newAmount: '0.00', resolvedLeads: 0, resolvedAmount: '0.00', massCases: [],
    });
  });

  it('adds up beyond the largest amount one lead may state', async () => {
    for (const day of ['2026-07-06', '2026-07-07']) {
      await report(`big${day}`, union, { regionCode: '140521', amountOwed: '6000000000.00', workerCount: 3000, employerName: '晋城某煤业集团', employerCreditCode: null, receivedAt: `${day}T10:00:00+08:00` });
    }
    expect((await run(WEEKLY, { weekStart: '2026-07-06', regionCode: '140500' }, union)).weeklyReport).toMatchObject({ newLeads: 2, newWorkers: 6000, newAmount: '12000000000.00' });
  });

  it('needs a Monday, and a region within the jurisdiction', async () => {
    const wednesday = await gql(hub.gatewayUrl, WEEKLY, { weekStart: '2026-11-18' }, { token: union });
    expect(wednesday.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weekStart' });
    expect(wednesday.errors?.[0].message).toMatch(/Monday.*2026-11-16/);
    expect((await gql(hub.gatewayUrl, WEEKLY, { weekStart: '2026-02-30' }, { token: union })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weekStart' });
    expect((await gql(hub.gatewayUrl, WEEKLY, { weekStart: thisMonday, regionCode: '330000' }, { token: union })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('a reopened lead', () => {
  it('is open again in every report until it closes again', async () => {
    const id = leads.september.id;
    const closedIn = async () => (await run(MONTHLY, { month: '2026-09', regionCode: '140421' }, union)).monthlyLeadSummary[0].closed;
    const resolvedThisWeek = async () => (await run(WEEKLY, { weekStart: thisMonday, regionCode: '140421' }, union)).weeklyReport.resolvedLeads;
    const before = await resolvedThisWeek();
    await closeCase('closeUnionCase', id, union, { reason: 'PAID_IN_FULL', amountRecovered: '89195.00', workersPaid: 4, note: '' });
    expect(await closedIn()).toBe(true);
    expect(await resolvedThisWeek()).toBe(before + 1);
    await run('mutation($id: ID!) { reopenUnionCase(leadId: $id, note: "工人反映仍有欠款") { closureState } }', { id }, union);
    expect(await closedIn()).toBe(false);
    expect(await resolvedThisWeek()).toBe(before);
  });
});

describe('campaign summary (附件2)', () => {
  const oct = { from: '2026-10-01', to: '2026-10-31' };

  it('gives the four rows, construction taking real estate, the total counting each employer once', async () => {
    expect((await run(CAMPAIGN, oct, union)).campaignSummary).toEqual([
      { sector: 'CONSTRUCTION', employers: 1, workers: 11, workersResolved: 4, amountResolved: '89195.00' },
      { sector: 'MANUFACTURING', employers: 1, workers: 60, workersResolved: 60, amountResolved: '2100000.00' },
      { sector: 'OTHER', employers: 2, workers: 5, workersResolved: 0, amountResolved: '0.00' },
      // The machinery factory has a manufacturing and an "other" lead: one employer.
      { sector: 'TOTAL', employers: 3, workers: 76, workersResolved: 64, amountResolved: '2189195.00' },
    ]);
  });

  it('keeps to the caller\'s view and the period', async () => {
    expect((await run(CAMPAIGN, { ...oct, regionCode: '140100' }, union)).campaignSummary.at(-1)).toEqual({ sector: 'TOTAL', employers: 1, workers: 3, workersResolved: 0, amountResolved: '0.00' });
    expect((await run(CAMPAIGN, { from: '2026-10-31', to: '2026-10-31' }, union)).campaignSummary.map((r: { workers: number }) => r.workers)).toEqual([0, 60, 0, 60]);
    expect((await run(CAMPAIGN, oct, prosecutor)).campaignSummary).toEqual(
      ['CONSTRUCTION', 'MANUFACTURING', 'OTHER', 'TOTAL'].map((sector) => ({ sector, employers: 0, workers: 0, workersResolved: 0, amountResolved: '0.00' })),
    );
    const backwards = await gql(hub.gatewayUrl, CAMPAIGN, { from: '2026-10-31', to: '2026-10-01' }, { token: union });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await gql(hub.gatewayUrl, CAMPAIGN, { from: '2026-1-1', to: '2026-10-01' }, { token: union })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});

describe('downloads', () => {
  const download = (path: string, token?: string) => fetch(`${hub.gatewayUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const csvLines = async (r: Response) => {
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    return text.split('\r\n').slice(0, -1);
  };

  it('gives the monthly summary as CSV with the template\'s title, headers and rows', async () => {
    const r = await download('/reports/monthly-lead-summary.csv?month=2026-10', union);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toContain('filename="monthly-lead-summary-140000-2026-10.csv"');
    expect(decodeURIComponent(r.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe('欠薪事件线索汇总表-140000-2026-10.csv');
    expect(await csvLines(r)).toEqual([
      '欠薪事件线索汇总表,,,,,,,,',
      '填报单位（行政区划代码）：140000　统计月份：2026年10月,,,,,,,,',
      '序号,受理日期,企业名称,所属行业,欠薪涉及人数(人),欠薪(争议)金额(万元),是否进行调解或提供法律服务,是否办结,线索编号',
      `1,2026-10-01,太原某酒店,住宿餐饮业,3,0.1235,否,是,${leads.taiyuan.referenceNo}`,
      `2,2026-10-05,长治市某建筑劳务有限公司,建筑业,4,8.9195,是,是,${leads.changzhi1.referenceNo}`,
      `3,2026-10-15,长治某机械制造厂,其他,2,0.5000,否,否,${leads.factoryOther.referenceNo}`,
      `4,2026-10-20,长治市某建筑劳务有限公司,房地产业,7,17.0000,是,否,${leads.realEstate.referenceNo}`,
      `5,2026-10-31,长治某机械制造厂,制造业,60,285.0000,是,是,${leads.factory.referenceNo}`,
      '注：所属行业可选填制造业、建筑业、房地产业、住宿餐饮业、其他。,,,,,,,,',
    ]);
  });

  it('gives the monthly summary as an XLSX workbook that opens', async () => {
    const r = await download('/reports/monthly-lead-summary.xlsx?month=2026-10&regionCode=140400', union);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = Buffer.from(await r.arrayBuffer());
    const parts = await xlsxParts(file);
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const [sheet, ...others] = await readWorkbook(file);
    expect(others).toEqual([]);
    expect(sheet.name).toBe('欠薪事件线索汇总表');
    expect(sheet.merges).toEqual(['A1:I1', 'A2:I2', 'A8:I8']);
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    expect(sheet.rows).toEqual([
      ['欠薪事件线索汇总表'],
      ['填报单位（行政区划代码）：140400　统计月份：2026年10月'],
      ['序号', '受理日期', '企业名称', '所属行业', '欠薪涉及人数(人)', '欠薪(争议)金额(万元)', '是否进行调解或提供法律服务', '是否办结', '线索编号'],
      [1, day('2026-10-05'), '长治市某建筑劳务有限公司', '建筑业', 4, 8.9195, '是', '是', leads.changzhi1.referenceNo],
      [2, day('2026-10-15'), '长治某机械制造厂', '其他', 2, 0.5, '否', '否', leads.factoryOther.referenceNo],
      [3, day('2026-10-20'), '长治市某建筑劳务有限公司', '房地产业', 7, 17, '是', '否', leads.realEstate.referenceNo],
      [4, day('2026-10-31'), '长治某机械制造厂', '制造业', 60, 285, '是', '是', leads.factory.referenceNo],
      ['注：所属行业可选填制造业、建筑业、房地产业、住宿餐饮业、其他。'],
    ]);
    // Amounts are numbers shown with four decimals (万元), written as the exact decimal; dates are dates.
    expect([sheet.numFmt.get('A4'), sheet.numFmt.get('B4'), sheet.numFmt.get('E4'), sheet.numFmt.get('F4'), sheet.numFmt.get('F5')]).toEqual(['0', 'yyyy-mm-dd', '0', '0.0000', '0.0000']);
    expect(parts.get('xl/worksheets/sheet1.xml')).toMatch(/<c r="F5" s="\d+"><v>0\.5000<\/v><\/c>/);
  });

  it('gives the weekly report with its mass cases, and the campaign summary as 附件2', async () => {
    const weekly = await csvLines(await download(`/reports/weekly-report.csv?weekStart=${thisMonday}`, union));
    expect(weekly.slice(2, 4)).toEqual([
      '填报单位,周起始日,周截止日,新增欠薪案件(件),新增涉及人数(人),新增欠薪金额(万元),化解欠薪案件(件),化解欠薪金额(万元),欠薪50人以上案件(件),是否零报告',
      `140000,${thisMonday},${addDays(thisMonday, 6)},1,55,30.0000,3,218.9195,1,否`,
    ]);
    expect(weekly.at(-1)).toBe(`1,${today},长治某建设集团,建筑业,55,30.0000,${leads.thisWeek.referenceNo}`);

    const weeklyBook = await readWorkbook(Buffer.from(await (await download(`/reports/weekly-report.xlsx?weekStart=${thisMonday}`, union)).arrayBuffer()));
    expect(weeklyBook).toHaveLength(2);
    expect(weeklyBook[0].rows[3]).toEqual(['140000', new Date(`${thisMonday}T00:00:00Z`), new Date(`${addDays(thisMonday, 6)}T00:00:00Z`), 1, 55, 30, 3, 218.9195, 1, '否']);
    expect(weeklyBook[1].rows.at(-1)).toEqual([1, new Date(`${today}T00:00:00Z`), '长治某建设集团', '建筑业', 55, 30, leads.thisWeek.referenceNo]);

    const campaign = await csvLines(await download('/reports/campaign-summary.csv?from=2026-10-01&to=2026-10-31', union));
    expect(campaign).toEqual([
      '工会参与集中整治拖欠农民工工资问题专项行动情况表,,,,,',
      '制表单位名称（盖章）：140000,,,,,',
      `制表时间：${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月${Number(today.slice(8))}日,,,,,`,
      '统计期间：2026年10月1日至2026年10月31日,,,,,',
      '所属行业,检查用人单位情况,,,解决情况,',
      ',用人单位户数(户),涉及职工人数(万人),其中:农民工数(万人),解决欠薪问题涉及人数(万人),解决欠薪问题涉及金额(万元)',
      '工程建设领域,1,0.0011,0.0011,0.0004,8.9195',
      '制造业,1,0.0060,0.0060,0.0060,210.0000',
      '其他用人单位,2,0.0005,0.0005,0.0000,0.0000',
      '合计,3,0.0076,0.0076,0.0064,218.9195',
      '单位负责人：,,,,,',
      '制表人：,,,,,',
      '联系电话：,,,,,',
    ]);
    const [sheet] = await readWorkbook(Buffer.from(await (await download('/reports/campaign-summary.xlsx?from=2026-10-01&to=2026-10-31', union)).arrayBuffer()));
    // 所属行业 spans the two header rows, the two groups their columns.
    expect(sheet.merges).toEqual(['A1:F1', 'A2:F2', 'A3:F3', 'A4:F4', 'A5:A6', 'B5:D5', 'E5:F5', 'A11:F11', 'A12:F12', 'A13:F13']);
    expect(sheet.rows.slice(4, 10)).toEqual([
      ['所属行业', '检查用人单位情况', null, null, '解决情况'],
      [null, '用人单位户数(户)', '涉及职工人数(万人)', '其中:农民工数(万人)', '解决欠薪问题涉及人数(万人)', '解决欠薪问题涉及金额(万元)'],
      ['工程建设领域', 1, 0.0011, 0.0011, 0.0004, 8.9195],
      ['制造业', 1, 0.006, 0.006, 0.006, 210],
      ['其他用人单位', 2, 0.0005, 0.0005, 0, 0],
      ['合计', 3, 0.0076, 0.0076, 0.0064, 218.9195],
    ]);
    expect(sheet.numFmt.get('C10')).toBe('0.0000');
  });

  it('applies the same token and visibility rules, and says which parameter is wrong', async () => {
    const noToken = await download('/reports/monthly-lead-summary.csv?month=2026-10');
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect((await download('/reports/monthly-lead-summary.csv?month=2026-10', 'forged.token.value')).status).toBe(401);

    const badMonth = await download('/reports/monthly-lead-summary.csv?month=2026-13', union);
    expect(badMonth.status).toBe(400);
    const monthRefusal = { field: 'month', reason: 'REPORT_MONTH_FORMAT', params: {} };
    expect(await badMonth.json()).toEqual({
      error: { code: 'BAD_USER_INPUT', ...monthRefusal, message: 'month: must be a month as YYYY-MM, e.g. 2026-10', invalidFields: [{ ...monthRefusal, message: 'must be a month as YYYY-MM, e.g. 2026-10' }] },
    });
    const missing = await download('/reports/campaign-summary.xlsx?from=2026-10-01', union);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('to');
    const twice = await download('/reports/weekly-report.csv?weekStart=2026-11-16&weekStart=2026-11-09', union);
    expect(((await twice.json()) as { error: { field: string } }).error.field).toBe('weekStart');
    const wednesday = await download('/reports/weekly-report.csv?weekStart=2026-11-18', union);
    expect(wednesday.status).toBe(400);
    expect(((await wednesday.json()) as { error: { message: string } }).error.message).toMatch(/^weekStart: must be a Monday/);
    // The same refusal for a Chinese reader: the gateway passes Accept-Language on to the leads service.
    const wednesdayZh = await fetch(`${hub.gatewayUrl}/reports/weekly-report.csv?weekStart=2026-11-18`, { headers: { authorization: `Bearer ${union}`, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(wednesdayZh.status).toBe(400);
    expect(((await wednesdayZh.json()) as { error: unknown }).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REPORT_WEEK_NOT_MONDAY',
      params: { date: '2026-11-18', weekday: 'Wednesday', monday: '2026-11-16' },
      message: '周起始日须为星期一（每周从星期一到星期日）；2026-11-18 是星期三，该周从 2026-11-16 开始',
    });

    const elsewhere = await download('/reports/monthly-lead-summary.csv?month=2026-10&regionCode=140000', unionChangzhi);
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: { field: string } }).error.field).toBe('regionCode');
    expect((await download('/reports/unknown.csv?month=2026-10', union)).status).toBe(404);
    expect((await download('/reports/monthly-lead-summary.pdf?month=2026-10', union)).status).toBe(404);

    const taiyuan = await csvLines(await download('/reports/monthly-lead-summary.csv?month=2026-10', unionTaiyuan));
    expect(taiyuan.slice(3, -1)).toEqual([`1,2026-10-01,太原某酒店,住宿餐饮业,3,0.1235,否,是,${leads.taiyuan.referenceNo}`]);
  });

  it('never lets an employer name run as a spreadsheet formula', async () => {
    const lead = await report('formula', union, { regionCode: '140421', employerName: '=HYPERLINK("http://evil.example","点击")', employerCreditCode: null, receivedAt: '2026-08-08T10:00:00+08:00', wagePeriodEnd: '2026-08-01' });
    const lines = await csvLines(await download('/reports/monthly-lead-summary.csv?month=2026-08', union));
    expect(lines[3]).toBe(`1,2026-08-08,"'=HYPERLINK(""http://evil.example"",""点击"")",建筑业,4,8.9195,否,否,${lead.referenceNo}`);
    // In the workbook it is text as typed (an inline string), never a formula.
    const [sheet] = await readWorkbook(Buffer.from(await (await download('/reports/monthly-lead-summary.xlsx?month=2026-08', union)).arrayBuffer()));
    expect(sheet.rows[3][2]).toBe('=HYPERLINK("http://evil.example","点击")');
    expect(sheet.formulas).toEqual([]);
  });
});

describe('a download of many rows', () => {
  const inner = tokenFor({ agency: 'UNION', region: '150000' });
  let expected: number;
  /** The leads service's cursor session, while a download is reading one. */
  const cursorSession = async () =>
    (await hub.sql('leads', `select state, query from pg_stat_activity where datname = current_database() and query ilike 'fetch % from report_rows'`))[0] as { state: string } | undefined;

  beforeAll(async () => {
    const db = new Client({ connectionString: hub.databaseUrl('leads') });
    await db.connect();
    try {
      await generateLeads(db, { count: 40_000, regions: [['150102', 2], ['150203', 1]], from: '2025-06-01', to: '2025-06-30', seed: 3 });
    } finally {
      await db.end();
    }
    const [{ n }] = await hub.sql<{ n: number }>('leads', `select count(*)::int as n from lead l where region_code like '15%' and exists (select 1 from lead_agency a where a.lead_id = l.id and a.agency = 'UNION')`);
    expected = n;
    expect(expected).toBeGreaterThan(20_000);
  });

  it('comes whole through the gateway, every row once and in order', async () => {
    const r = await fetch(`${hub.gatewayUrl}/reports/monthly-lead-summary.csv?month=2025-06`, { headers: { authorization: `Bearer ${inner}` } });
    expect(r.status).toBe(200);
    const rows = Buffer.from(await r.arrayBuffer()).toString('utf8').split('\r\n').slice(3, -2);
    expect(rows).toHaveLength(expected);
    expect(rows.map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    expect(await cursorSession()).toBeUndefined();
    const [sheet] = await readWorkbook(Buffer.from(await (await fetch(`${hub.gatewayUrl}/reports/monthly-lead-summary.xlsx?month=2025-06`, { headers: { authorization: `Bearer ${inner}` } })).arrayBuffer()));
    expect(sheet.rows).toHaveLength(expected + 4);
    expect(sheet.rows.slice(3, -1).map((cells) => cells[0])).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
  });

  it('reads the database only as fast as the file is consumed, holding a few rows at a time', async () => {
    const principal = { id: 'u', name: 'u', agency: 'UNION' as const, region: '150000', roles: ['VIEWER' as const] };
    const file = await reportFile(hub.services.leads.orm.em.fork(), 'monthly-lead-summary', 'csv', monthlyScope(principal, '2025-06'));
    let received = 0;
    let stalled: (() => void) | undefined;
    const consumer = new Writable({
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        // After the first 200 KB the consumer stops taking data, as a slow client would.
        if (received > 200_000 && !stalled) stalled = done;
        else done();
      },
    });
    const finished = pipeline(Readable.from(file.chunks, { objectMode: false }), consumer);
    await eventually(async () => expect(stalled).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Nothing more was produced while the consumer waited, and the cursor is still open, waiting too.
    expect(received).toBeLessThan(300_000);
    expect(await cursorSession()).toEqual({ state: 'idle in transaction', query: expect.stringMatching(/^fetch \d+ from report_rows$/) });
    stalled!();
    await finished;
    expect(received).toBeGreaterThan(expected * 60);
    expect(await cursorSession()).toBeUndefined();
  });

  it('writes the workbook as fast as it is read, too, and whole', async () => {
    const principal = { id: 'u', name: 'u', agency: 'UNION' as const, region: '150000', roles: ['VIEWER' as const] };
    const file = await reportFile(hub.services.leads.orm.em.fork(), 'monthly-lead-summary', 'xlsx', monthlyScope(principal, '2025-06'));
    const chunks: Buffer[] = [];
    let received = 0;
    let stalled: (() => void) | undefined;
    const consumer = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        received += chunk.length;
        // After the first 100 KB of the archive the consumer stops taking data.
        if (received > 100_000 && !stalled) stalled = done;
        else done();
      },
    });
    const finished = pipeline(Readable.from(file.chunks, { objectMode: false }), consumer);
    await eventually(async () => expect(stalled).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toBeLessThan(200_000);
    expect(await cursorSession()).toEqual({ state: 'idle in transaction', query: expect.stringMatching(/^fetch \d+ from report_rows$/) });
    stalled!();
    await finished;
    expect(await cursorSession()).toBeUndefined();
    const [sheet] = await readWorkbook(Buffer.concat(chunks));
    expect(sheet.rows).toHaveLength(expected + 4);
  });

  it('lets the database go when the client goes away', async () => {
    for (const format of ['csv', 'xlsx']) {
      const r = await fetch(`${hub.gatewayUrl}/reports/monthly-lead-summary.${format}?month=2025-06`, { headers: { authorization: `Bearer ${inner}` } });
      const reader = r.body!.getReader();
      await reader.read();
      await reader.cancel();
      await eventually(async () => expect(await cursorSession()).toBeUndefined());
    }
  });
});
