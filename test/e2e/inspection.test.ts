import { calendar } from '../../lib/calendar/calendar';
import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-zhou' });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));
const CASE = 'acceptBy firstContactAt firstContactLate transferState paymentOrders { id amount payBy paid outstanding overdue } handovers { to note } callbacks { wagesPaid satisfied note }';
const inspection = async (leadId: string) => ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { inspection { ${CASE} } } }`, { id: leadId }, { token: inspector })).lead.inspection;
const run = (mutation: string, vars: Record<string, unknown>, token = inspector) => gql(hub.gatewayUrl, mutation.replace('CASE', CASE), vars, { token });

async function referredLead(input = leadInput()) {
  const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead.id as string;
  const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id requestedAt } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead;
  return { leadId, transferId: t.id as string, requestedAt: new Date(t.requestedAt) };
}

describe('labour inspection casework on a referred lead', () => {
  it('runs the statutory clock: accept-by, same-day contact, payment order, handovers, callback', async () => {
    const { leadId, transferId, requestedAt } = await referredLead();
    const pending = await inspection(leadId);
    expect(new Date(pending.acceptBy).toISOString()).toBe(calendar.dueAt(requestedAt, 5).toISOString());
    expect(new Date(pending.acceptBy).getTime()).toBeGreaterThan(requestedAt.getTime() + 5 * 86_400_000);
    expect(pending).toMatchObject({ transferState: 'PENDING_ACCEPTANCE', firstContactAt: null, firstContactLate: false });
    expect(code(await run('mutation($id: ID!) { recordFirstContact(leadId: $id, note: "电话联系") { CASE } }', { id: leadId }))).toBe('INVALID_TRANSITION');

    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: inspector }));
    const contacted = ok(await run('mutation($id: ID!) { recordFirstContact(leadId: $id, note: "当日电话联系投诉人") { CASE } }', { id: leadId })).recordFirstContact;
    expect(contacted.firstContactAt).toBeTruthy();
    expect(contacted.firstContactLate).toBe(false);
    expect(code(await run('mutation($id: ID!) { recordFirstContact(leadId: $id, note: "again") { CASE } }', { id: leadId }))).toBe('INVALID_TRANSITION');
    expect(code(await run('mutation($id: ID!) { recordFirstContact(leadId: $id, note: "x") { CASE } }', { id: leadId }, union))).toBe('FORBIDDEN');

    const order = (amount: string, payBy: string) => run('mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { CASE } }', { id: leadId, input: { amount, payBy } });
    expect(code(await order('89195.00', day(-1)))).toBe('BAD_USER_INPUT');
    expect(code(await order('0.00', day(5)))).toBe('BAD_USER_INPUT');
    const ordered = ok(await order('89195.00', day(5))).issuePaymentOrder.paymentOrders;
    expect(ordered).toEqual([{ id: expect.any(String), amount: '89195.00', payBy: day(5), paid: '0.00', outstanding: '89195.00', overdue: false }]);
    const pay = (amount: string, paidOn: string) =>
      run('mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { CASE } }', { o: ordered[0].id, a: amount, d: paidOn });
    expect(ok(await pay('50000.00', day(0))).recordOrderPayment.paymentOrders[0]).toMatchObject({ paid: '50000.00', outstanding: '39195.00' });
    expect(code(await pay('39195.01', day(0)))).toBe('BAD_USER_INPUT');
    expect(code(await pay('1.00', day(2)))).toBe('BAD_USER_INPUT');

    for (const to of ['LOCAL_GOVERNMENT', 'INDUSTRY_REGULATOR', 'GENERAL_CONTRACTOR_HQ']) {
      ok(await run('mutation($id: ID!, $input: HandoverInput!) { recordHandover(leadId: $id, input: $input) { CASE } }', { id: leadId, input: { to, note: `交办${to}` } }));
    }
    expect(code(await run('mutation($id: ID!, $input: HandoverInput!) { recordHandover(leadId: $id, input: $input) { CASE } }', { id: leadId, input: { to: 'LOCAL_GOVERNMENT', note: ' ' } }))).toBe('BAD_USER_INPUT');
    const done = ok(await run('mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: true, procedureLawful: true, satisfied: false, note: "工资已付，但对处理时间不满意" }) { CASE } }', { id: leadId })).recordCallback;
    expect(done.handovers.map((h: { to: string }) => h.to)).toEqual(['LOCAL_GOVERNMENT', 'INDUSTRY_REGULATOR', 'GENERAL_CONTRACTOR_HQ']);
    expect(done.callbacks).toEqual([{ wagesPaid: true, satisfied: false, note: '工资已付，但对处理时间不满意' }]);

    const timeline = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind agency } } }', { id: leadId }, { token: union })).lead.timeline;
    const kinds = timeline.filter((t: { agency: string }) => t.agency === 'INSPECTION').map((t: { kind: string }) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(['FIRST_CONTACT', 'PAYMENT_ORDER_ISSUED', 'ORDER_PAYMENT', 'HANDOVER', 'CALLBACK']));
  });

  it("inspection's own intake has no accept-by deadline and closes without a callback", async () => {
    const own = ok(await gql(hub.gatewayUrl, REPORT_LEAD.replace('union {', 'inspection { acceptBy } union {'), { input: leadInput() }, { token: inspector })).reportLead;
    expect(own.inspection.acceptBy).toBeNull();
    const closed = await gql(hub.gatewayUrl, 'mutation($id: ID!) { closeInspectionCase(leadId: $id, input: { reason: NO_ARREARS_FOUND, amountRecovered: "0.00", workersPaid: 0, note: "经核查不存在欠薪" }) { closureState } }', { id: own.id }, { token: inspector });
    expect(ok(closed).closeInspectionCase.closureState).toBe('CLOSED');
  });
});

describe('police referral and blacklist', () => {
  it('refers to the police only after a lapsed payment order, within 24 hours of the decision', async () => {
    // Received two days ago: the decision (an hour ago) is not before the lead came in.
    const { leadId, transferId } = await referredLead(leadInput({ receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: inspector }));
    const refer = (decidedAt: Date) =>
      run('mutation($id: ID!, $input: PoliceReferralInput!) { referToPolice(leadId: $id, input: $input) { policeReferral { decidedAt sentAt policeUnit } } }', { id: leadId, input: { policeUnit: '长治市公安局潞州分局', decidedAt: decidedAt.toISOString() } });
    expect(code(await refer(new Date(Date.now() - 3_600_000)))).toBe('INVALID_TRANSITION');
    ok(await run('mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "89195.00", payBy: "' + day(3) + '" }) { acceptBy } }', { id: leadId }));
    expect(code(await refer(new Date(Date.now() - 3_600_000)))).toBe('INVALID_TRANSITION');
    // As if the order's three days had passed without payment.
    await hub.sql('inspection', `update payment_order set pay_by = current_date - 2 where lead_id = $1`, [leadId]);
    const late = await refer(new Date(Date.now() - 25 * 3_600_000));
    expect(code(late)).toBe('BAD_USER_INPUT');
    expect(late.errors?.[0].message).toMatch(/24 hours/);
    const decidedAt = new Date(Date.now() - 3_600_000);
    const referral = ok(await refer(decidedAt)).referToPolice.policeReferral;
    expect(referral.policeUnit).toBe('长治市公安局潞州分局');
    expect(new Date(referral.decidedAt).toISOString()).toBe(decidedAt.toISOString());
    expect(new Date(referral.sentAt).getTime()).toBeGreaterThan(decidedAt.getTime());
    expect(code(await refer(new Date()))).toBe('INVALID_TRANSITION');

    const propose = () => run('mutation($id: ID!) { recommendBlacklist(leadId: $id, reason: "责令限期支付逾期仍拒不支付") { blacklistProposal { until reason } } }', { id: leadId });
    const proposal = ok(await propose()).recommendBlacklist.blacklistProposal;
    expect(proposal.until).toBe(`${Number(day(0).slice(0, 4)) + 3}${day(0).slice(4)}`);
    expect(code(await propose())).toBe('INVALID_TRANSITION');
  });
});

describe('investigation deadlines and the work queue', () => {
  it('opens the investigation on acceptance, extends it once, and queues cases by their nearest deadline', async () => {
    const me = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-queue' });
    const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['SUPERVISOR'] });
    const a = await referredLead();
    const b = await referredLead();
    const c = await referredLead();
    for (const t of [a, c]) ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t.transferId }, { token: me }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordFirstContact(leadId: $id, note: "已联系") { acceptBy } }', { id: a.leadId }, { token: me }));
    ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "1000.00", payBy: "${day(1)}" }) { acceptBy } }`, { id: a.leadId }, { token: me }));

    const due = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { inspection { investigationDueAt } } }', { id: a.leadId }, { token: me })).lead.inspection.investigationDueAt;
    expect(new Date(due).getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
    const extend = (token: string) => gql(hub.gatewayUrl, 'mutation($id: ID!) { extendInvestigation(leadId: $id, reason: "涉及多个分包单位，需调取更多证据") { investigationDueAt investigationExtensionReason } }', { id: a.leadId }, { token });
    expect(code(await extend(me))).toBe('FORBIDDEN');
    const extended = ok(await extend(supervisor)).extendInvestigation;
    expect(new Date(extended.investigationDueAt).getTime()).toBeGreaterThan(new Date(due).getTime() + 40 * 86_400_000);
    expect(code(await extend(supervisor))).toBe('INVALID_TRANSITION');

    const queue = ok(await gql(hub.gatewayUrl, '{ inspectionQueue(first: 200) { nextDeadlineKind nextDeadline inspectionCase { lead { id } } } }', {}, { token: me })).inspectionQueue;
    const mine = queue.filter((q: { inspectionCase: { lead: { id: string } } }) => [a.leadId, b.leadId, c.leadId].includes(q.inspectionCase.lead.id));
    expect(mine.map((q: { inspectionCase: { lead: { id: string } }; nextDeadlineKind: string }) => [q.inspectionCase.lead.id, q.nextDeadlineKind])).toEqual([
      [c.leadId, 'FIRST_CONTACT'],
      [a.leadId, 'PAYMENT_ORDER'],
      [b.leadId, 'ACCEPT_BY'],
    ]);
    const times = queue.map((q: { nextDeadline: string | null }) => (q.nextDeadline ? Date.parse(q.nextDeadline) : Infinity));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });

  it('lists referred leads past their accept-by deadline for supervisors', async () => {
    const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['SUPERVISOR'] });
    const late = await referredLead();
    const fresh = await referredLead();
    // As if the referral had arrived two weeks ago.
    await hub.sql('inspection', `update inspection_case set arrived_at = now() - interval '14 days' where lead_id = $1`, [late.leadId]);
    const list = ok(await gql(hub.gatewayUrl, '{ overdueAcceptances { acceptBy lead { id } } }', {}, { token: supervisor })).overdueAcceptances;
    const ids = list.map((c: { lead: { id: string } }) => c.lead.id);
    expect(ids).toContain(late.leadId);
    expect(ids).not.toContain(fresh.leadId);
    expect(code(await gql(hub.gatewayUrl, '{ overdueAcceptances { acceptBy } }', {}, { token: inspector }))).toBe('FORBIDDEN');
  });
});
