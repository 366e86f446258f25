/**
 * Nothing is committed that cannot be shown, and closures add up. Each money column is walked to
 * the largest amount the API shows (10,000,000,000.00 yuan) and one fen past it: at the limit it
 * is written and reads back; past it the write is refused as BAD_USER_INPUT and nothing changes.
 */
import { randomUUID } from 'node:crypto';
import { Census } from '../support/census';
import { day } from '../support/arbitraries';
import { eventually, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';

let hub: TestHub;
let census: Census;
beforeAll(async () => {
  hub = await startHub();
  census = new Census(hub);
});
afterAll(async () => {
  await census?.close();
  await hub?.stop();
});

const MAX = '10000000000.00';
const union = tokenFor({ agency: 'UNION', region: '140400', id: 'limits-union', roles: ['INTAKE', 'HANDLER', 'SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'limits-insp' });
const call = (token: string, query: string, variables: Record<string, unknown> = {}) => gql(hub.gatewayUrl, query, variables, { token });

const FUND = '{ reliefFund(regionCode: "140400") { balance advancedTotal recoveredTotal ledger(first: 3) { kind amount balanceAfter } } }';
const DEPOSIT = 'mutation($a: Money!) { depositToReliefFund(regionCode: "140400", amount: $a, note: "周转金") { balance } }';
const ADVANCE = 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id amount } }';
const RECOVERY = 'mutation($id: ID!, $a: Money!) { recordAdvanceRecovery(advanceId: $id, amount: $a) { recovered outstanding } }';
const CLOSE = 'mutation($id: ID!, $input: CloseCaseInput!) { closeUnionCase(leadId: $id, input: $input) { closureState closure { amountRecovered wagesRecovered compensationRecovered workersPaid } } }';

const newLead = async (over: Record<string, unknown> = {}) =>
  ok(await call(union, 'mutation($input: ReportLeadInput!) { reportLead(input: $input) { id amountOwed } }', { input: leadInput({ employerCreditCode: null, employerName: `某劳务公司${randomUUID().slice(0, 6)}`, ...over }) })).reportLead as { id: string; amountOwed: string };

/** Refused as BAD_USER_INPUT naming these fields, and no table of any service changed. */
async function refusedWritingNothing(send: () => Promise<GraphQLResponse>, fields: string[]) {
  const before = await census.fingerprint();
  const r = await send();
  expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((r.errors?.[0].extensions?.invalidFields as { field: string }[]).map((f) => f.field).sort()).toEqual([...fields].sort());
  expect(await census.fingerprint()).toEqual(before);
  return r;
}

describe('money limits', () => {
  it('a relief fund: balance, advanced and recovered totals up to the largest amount and no further, always readable', async () => {
    ok(await call(union, DEPOSIT, { a: '9999999999.99' }));
    ok(await call(union, DEPOSIT, { a: '0.01' }));
    expect(ok(await call(union, FUND)).reliefFund).toMatchObject({ balance: MAX, advancedTotal: '0.00', recoveredTotal: '0.00' });
    // The deposit of the issue: past the limit, refused before anything is written.
    const refused = await refusedWritingNothing(() => call(union, DEPOSIT, { a: '0.01' }), ['amount']);
    expect(refused.errors?.[0].extensions?.invalidFields).toEqual([{ field: 'amount', reason: 'AMOUNT_TOO_LARGE', params: { what: 'balance', total: '10000000000.01', max: MAX }, message: expect.stringMatching(/balance/) }]);
    const zh = await gql(hub.gatewayUrl, DEPOSIT, { a: '0.01' }, { token: union, language: 'zh-CN' });
    expect(zh.errors?.[0].message).toBe('金额将使周转金余额达到 10000000000.01 元，超过平台可保存的最大金额（10000000000.00 元）');
    expect(ok(await call(union, FUND)).reliefFund.ledger[0]).toEqual({ kind: 'DEPOSIT', amount: '0.01', balanceAfter: MAX });

    // The whole balance advanced on a lead that owes it: the advanced total at the limit.
    const big = await newLead({ amountOwed: MAX, workerCount: 50_000 });
    const advance = ok(await call(union, ADVANCE, { id: big.id, input: { amount: MAX, workerCount: 50_000, recoveryAgreementNo: 'ZC-MAX-1', fundRegionCode: '140400' } })).grantWageAdvance;
    expect(ok(await call(union, FUND)).reliefFund).toMatchObject({ balance: '0.00', advancedTotal: MAX });
    ok(await call(union, DEPOSIT, { a: MAX }));
    const other = await newLead({ amountOwed: '1000.00' });
    await refusedWritingNothing(() => call(union, ADVANCE, { id: other.id, input: { amount: '0.01', workerCount: 1, recoveryAgreementNo: 'ZC-MAX-2', fundRegionCode: '140400' } }), ['input.amount']);
    // A recovery into a full fund would take the balance past it.
    await refusedWritingNothing(() => call(union, RECOVERY, { id: advance.id, a: '0.01' }), ['amount']);
    expect(ok(await call(union, FUND)).reliefFund).toMatchObject({ balance: MAX, advancedTotal: MAX, recoveredTotal: '0.00' });
  });

  it('single amounts: a lead, a payment order and its payment at the limit read back, sums past it read exactly; a fen more is refused', async () => {
    await refusedWritingNothing(() => call(union, 'mutation($input: ReportLeadInput!) { reportLead(input: $input) { id } }', { input: leadInput({ amountOwed: '10000000000.01' }) }), ['amountOwed']);
    const lead = await newLead({ amountOwed: MAX, workerCount: 9 });
    expect(lead.amountOwed).toBe(MAX);
    const t = ok(await call(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } })).transferLead.id;
    await eventually(async () => ok(await call(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t })));
    const order = ok(await call(inspector, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "${MAX}", payBy: "${day(5)}" }) { paymentOrders { id amount } } }`, { id: lead.id })).issuePaymentOrder.paymentOrders[0];
    expect(order.amount).toBe(MAX);
    const paid = ok(await call(inspector, `mutation($o: ID!) { recordOrderPayment(orderId: $o, amount: "${MAX}", paidOn: "${day(0)}") { paymentOrders { paid outstanding } } }`, { o: order.id }));
    expect(paid.recordOrderPayment.paymentOrders[0]).toEqual({ paid: MAX, outstanding: '0.00' });

    // A court outcome of the largest amount, in installments, paid in full.
    const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'limits-proc' });
    const sued = await newLead({ amountOwed: MAX, workerCount: 9 });
    const application = ok(await call(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: sued.id, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '支持起诉' } })).transferLead.id;
    await eventually(async () => ok(await call(prosecutor, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: application })));
    ok(await call(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "支持起诉" }) { transferState } }', { id: sued.id }));
    ok(await call(prosecutor, `mutation($id: ID!) { recordCourtFiling(leadId: $id, input: { court: "长治市潞州区人民法院", docketNo: "(2026)晋0403民初1号", filedOn: "${day(0)}" }) { transferState } }`, { id: sued.id }));
    const outcome = `mutation($id: ID!, $total: Money!, $a: Money!, $b: Money!) { recordCourtOutcome(leadId: $id, input: { kind: MEDIATED, decidedOn: "${day(0)}", totalAmount: $total, installments: [{ dueOn: "${day(0)}", amount: $a }, { dueOn: "${day(30)}", amount: $b }], jointlyLiable: [{ name: "长治市某建筑劳务有限公司" }] }) { installments { id amount } } }`;
    await refusedWritingNothing(() => call(prosecutor, outcome, { id: sued.id, total: '10000000000.01', a: '5000000000.01', b: '5000000000.00' }), ['input.totalAmount']);
    const installments = ok(await call(prosecutor, outcome, { id: sued.id, total: MAX, a: '5000000000.00', b: '5000000000.00' })).recordCourtOutcome.installments;
    const paidUp = ok(await call(prosecutor, `mutation($i: ID!) { recordInstallmentPayment(installmentId: $i, amount: "${MAX}", paidOn: "${day(0)}") { amountPaid amountOutstanding } }`, { i: installments[0].id })).recordInstallmentPayment;
    expect(paidUp).toEqual({ amountPaid: MAX, amountOutstanding: '0.00' });

    // Two leads at the limit: the week's sums pass it and still read exactly.
    const region = '140427';
    await newLead({ amountOwed: MAX, regionCode: region });
    await newLead({ amountOwed: MAX, regionCode: region });
    const campaign = ok(await call(union, 'query($f: Date!, $t: Date!, $r: String) { campaignSummary(from: $f, to: $t, regionCode: $r) { sector workers amountResolved } }', { f: day(-2), t: day(2), r: region })).campaignSummary;
    expect(campaign.find((row: { sector: string }) => row.sector === 'TOTAL')).toEqual({ sector: 'TOTAL', workers: 8, amountResolved: '0.00' });
    // The Monday of the week the leads were received in (Asia/Shanghai).
    const today = new Date(`${day(0)}T00:00:00Z`);
    const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    const week = ok(await call(union, 'query($w: Date!, $r: String) { weeklyReport(weekStart: $w, regionCode: $r) { newLeads newAmount } }', { w: monday, r: region })).weeklyReport;
    expect(week).toEqual({ newLeads: 2, newAmount: '20000000000.00' });
  });
});

describe('closures add up', () => {
  it("the issue's union closure (9,999,999,999.99 recovered and 1,000,000 workers paid on a lead owing 1,000.00 to 4) is refused", async () => {
    const lead = await newLead({ amountOwed: '1000.00', workerCount: 4 });
    const refused = await refusedWritingNothing(
      () => call(union, CLOSE, { id: lead.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '9999999999.99', workersPaid: 1_000_000, note: '' } }),
      ['input.amountRecovered', 'input.workersPaid'],
    );
    expect((refused.errors?.[0].extensions?.invalidFields as { reason: string }[]).map((f) => f.reason)).toEqual(['WORKERS_PAID_EXCEED_LEAD', 'WAGES_RECOVERED_EXCEED_OWED']);
    // Compensation beyond 100 % of the wages owed, or beyond what was recovered.
    const tooMuch = await refusedWritingNothing(() => call(union, CLOSE, { id: lead.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '2000.01', compensationRecovered: '1000.01', workersPaid: 4, note: '' } }), ['input.compensationRecovered']);
    expect(tooMuch.errors?.[0].extensions?.reason).toBe('COMPENSATION_EXCEEDS_OWED');
    await refusedWritingNothing(() => call(union, CLOSE, { id: lead.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '100.00', compensationRecovered: '100.01', workersPaid: 4, note: '' } }), ['input.compensationRecovered']);
  });

  it('wages and compensation (加付赔偿金) are kept and reported apart; a closure without compensation still works as before', async () => {
    const region = '140428';
    const a = await newLead({ amountOwed: '1000.00', workerCount: 4, regionCode: region });
    const b = await newLead({ amountOwed: '300.00', workerCount: 2, regionCode: region });
    const closedA = ok(await call(union, CLOSE, { id: a.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '1500.00', compensationRecovered: '500.00', workersPaid: 4, note: '加付赔偿金50%' } })).closeUnionCase;
    expect(closedA.closure).toEqual({ amountRecovered: '1500.00', wagesRecovered: '1000.00', compensationRecovered: '500.00', workersPaid: 4 });
    const closedB = ok(await call(union, CLOSE, { id: b.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '300.00', workersPaid: 2, note: '' } })).closeUnionCase;
    expect(closedB.closure).toEqual({ amountRecovered: '300.00', wagesRecovered: '300.00', compensationRecovered: '0.00', workersPaid: 2 });
    await eventually(async () => {
      const rows = ok(await call(union, 'query($f: Date!, $t: Date!, $r: String) { campaignSummary(from: $f, to: $t, regionCode: $r) { sector workersResolved amountResolved compensationResolved } }', { f: day(-2), t: day(2), r: region })).campaignSummary;
      expect(rows.find((row: { sector: string }) => row.sector === 'TOTAL')).toEqual({ sector: 'TOTAL', workersResolved: 6, amountResolved: '1300.00', compensationResolved: '500.00' });
    });
  });

  it('feedback on a transfer adds up the same way', async () => {
    const lead = await newLead({ amountOwed: '1000.00', workerCount: 4 });
    const t = ok(await call(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } })).transferLead.id;
    await eventually(async () => ok(await call(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t })));
    const FEEDBACK = 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status feedback { amountRecovered compensationRecovered workersPaid } } }';
    await refusedWritingNothing(() => call(inspector, FEEDBACK, { id: t, input: { final: true, summary: '已支付', amountRecovered: '9999999999.99', workersPaid: 1_000_000 } }), ['input.amountRecovered', 'input.workersPaid']);
    const given = ok(await call(inspector, FEEDBACK, { id: t, input: { final: true, summary: '已支付并加付赔偿金', amountRecovered: '1600.00', compensationRecovered: '600.00', workersPaid: 4 } })).giveFeedback;
    expect(given).toEqual({ status: 'COMPLETED', feedback: [{ amountRecovered: '1600.00', compensationRecovered: '600.00', workersPaid: 4 }] });
  });
});
