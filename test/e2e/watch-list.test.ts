import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

// Ningbo (330200) and its Haishu district (330203).
const union = tokenFor({ agency: 'UNION', region: '330200', id: 'union-ningbo' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '330203', id: 'insp-haishu' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '330203' });
const court = tokenFor({ agency: 'COURT', region: '330203' });
const elsewhere = tokenFor({ agency: 'UNION', region: '330100' });
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

const report = async (employerName: string, over: Record<string, unknown> = {}) =>
  ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ regionCode: '330203', employerName, employerCreditCode: null, projectName: `${employerName}项目`, ...over }) }, { token: union })).reportLead.id as string;
const send = async (token: string, input: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input }, { token })).transferLead.id as string;
const accept = async (token: string, id: string) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id }, { token }));
const mutate = async (token: string, query: string, vars: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, query, vars, { token }));

const WATCH = '{ employerWatchList { rank risk score leads openLeads employer { name } signals { kind count amountOutstanding } } }';

describe('the employer watch list (欠薪预警)', () => {
  it('ranks employers that broke commitments before those at risk, with the signals shown', async () => {
    // A: two leads, and a mediation settlement whose pay-by day has passed (broken).
    const a1 = await report('宁波甲建筑劳务有限公司', { workerCount: 12 });
    await report('宁波甲建筑劳务有限公司', { projectName: '另一个项目' });
    await mutate(union, `mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: SETTLED, summary: "约定付款", amountAgreed: "50000.00", agreedPayBy: "${day(-10)}" }) { brokenAgreement } }`, { id: a1 });

    // B: referred to inspection; a payment order partly paid, then its day passes.
    const b = await report('宁波乙装饰有限公司');
    await accept(inspector, await send(union, { leadId: b, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' }));
    const order = (await mutate(inspector, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "50000.00", payBy: "${day(5)}" }) { paymentOrders { id } } }`, { id: b })).issuePaymentOrder.paymentOrders[0].id;
    await mutate(inspector, `mutation($o: ID!) { recordOrderPayment(orderId: $o, amount: "20000.00", paidOn: "${day(0)}") { acceptBy } }`, { o: order });

    // K and its head company H: a court settlement binding both, two installments missed.
    const k = await report('宁波丙劳务有限公司宁波分公司');
    await accept(prosecutor, await send(union, { leadId: k, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '申请支持起诉' }));
    await mutate(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "支持" }) { transferState } }', { id: k });
    await accept(court, await send(prosecutor, { leadId: k, to: 'COURT', kind: 'COURT_FILING', reason: '附支持起诉书' }));
    await mutate(court, `mutation($id: ID!) { recordCourtFiling(leadId: $id, input: { court: "宁波市海曙区人民法院", docketNo: "(2026)浙0203民初1号", filedOn: "${day(0)}" }) { transferState } }`, { id: k });
    await mutate(court, 'mutation($id: ID!, $input: CourtOutcomeInput!) { recordCourtOutcome(leadId: $id, input: $input) { transferState } }', {
      id: k,
      input: { kind: 'MEDIATED', decidedOn: day(0), totalAmount: '2000.00', installments: [{ dueOn: day(10), amount: '1000.00' }, { dueOn: day(20), amount: '1000.00' }], jointlyLiable: [{ name: '宁波丙劳务有限公司宁波分公司' }, { name: '宁波丙劳务有限公司' }] },
    });

    // C: repeated leads only. D: a mass case only. E: one quiet lead. F: a settlement not yet due.
    await report('宁波丁建设有限公司');
    await report('宁波丁建设有限公司', { projectName: '丁二期' });
    await report('宁波戊制造有限公司', { workerCount: 60, industry: 'MANUFACTURING' });
    await report('宁波己餐饮有限公司');
    const f = await report('宁波庚物业有限公司');
    await mutate(union, `mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: SETTLED, summary: "约定付款", amountAgreed: "8000.00", agreedPayBy: "${day(10)}" }) { brokenAgreement } }`, { id: f });

    // As if a month had passed for the order and the installments (agency records and the registry's copy).
    await hub.sql('inspection', `update payment_order set pay_by = pay_by - 30 where lead_id = $1`, [b]);
    await hub.sql('litigation', `update installment set due_on = due_on - 30 where lead_id = $1`, [k]);
    await hub.sql('leads', `update risk_signal set due_on = due_on - 30 where lead_id = any($1::uuid[]) and kind <> 'MEDIATION_AGREEMENT'`, [[b, k]]);

    const list = ok(await gql(hub.gatewayUrl, WATCH, {}, { token: union })).employerWatchList;
    const names = list.map((e: { employer: { name: string } }) => e.employer.name);
    expect(names[0]).toBe('宁波甲建筑劳务有限公司');
    expect(new Set(names.slice(1, 3))).toEqual(new Set(['宁波丙劳务有限公司宁波分公司', '宁波丙劳务有限公司']));
    expect(names.slice(3)).toEqual(['宁波乙装饰有限公司', '宁波戊制造有限公司', '宁波丁建设有限公司']);
    expect(list.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);

    const entry = (name: string) => list.find((e: { employer: { name: string } }) => e.employer.name === name);
    expect(entry('宁波甲建筑劳务有限公司')).toMatchObject({
      risk: 'EXPLICIT',
      score: 4,
      leads: 2,
      signals: [
        { kind: 'BROKEN_MEDIATION', count: 1, amountOutstanding: '50000.00' },
        { kind: 'REPEATED_LEADS', count: 2, amountOutstanding: null },
      ],
    });
    expect(entry('宁波丙劳务有限公司')).toMatchObject({ risk: 'EXPLICIT', score: 4, leads: 1, signals: [{ kind: 'MISSED_INSTALLMENT', count: 2, amountOutstanding: '2000.00' }] });
    expect(entry('宁波乙装饰有限公司')).toMatchObject({ risk: 'EXPLICIT', score: 3, signals: [{ kind: 'OVERDUE_PAYMENT_ORDER', count: 1, amountOutstanding: '30000.00' }] });
    expect(entry('宁波戊制造有限公司')).toMatchObject({ risk: 'LATENT', score: 2, signals: [{ kind: 'MASS_CASE', count: 1 }] });
    expect(entry('宁波丁建设有限公司')).toMatchObject({ risk: 'LATENT', score: 1, signals: [{ kind: 'REPEATED_LEADS', count: 2 }] });

    // Inspection sees only what it is involved in; another city sees nothing of Ningbo's.
    const inspectors = ok(await gql(hub.gatewayUrl, WATCH, {}, { token: inspector })).employerWatchList;
    expect(inspectors.map((e: { employer: { name: string } }) => e.employer.name)).toEqual(['宁波乙装饰有限公司']);
    expect(ok(await gql(hub.gatewayUrl, WATCH, {}, { token: elsewhere })).employerWatchList).toEqual([]);

    // Paying the order off takes B off the list; closing the union's case ends A's broken settlement.
    await mutate(inspector, `mutation($o: ID!) { recordOrderPayment(orderId: $o, amount: "30000.00", paidOn: "${day(0)}") { acceptBy } }`, { o: order });
    await mutate(union, 'mutation($id: ID!) { closeUnionCase(leadId: $id, input: { reason: UNRESOLVED, amountRecovered: "0.00", workersPaid: 0, note: "转交其他部门" }) { closureState } }', { id: a1 });
    const after = ok(await gql(hub.gatewayUrl, WATCH, {}, { token: union })).employerWatchList;
    expect(after.map((e: { employer: { name: string } }) => e.employer.name)).not.toContain('宁波乙装饰有限公司');
    expect(after.find((e: { employer: { name: string } }) => e.employer.name === '宁波甲建筑劳务有限公司')).toMatchObject({ risk: 'LATENT', signals: [{ kind: 'REPEATED_LEADS' }] });

    expect(code(await gql(hub.gatewayUrl, '{ employerWatchList(regionCode: "12") { rank } }', {}, { token: union }))).toBe('BAD_USER_INPUT');
  });
});
