/**
 * Acts dated when they happened (issue 20): staff enter a decision, a filing or a payment days
 * after it happened. Each act takes its date (defaulting to now), is kept beside when it was
 * entered, and is bounded: not in the future, not before the lead was received, not before the act
 * it follows. Dates are relative to the day the test runs (Asia/Shanghai), never a fixed today.
 */
import { shanghaiDate, shanghaiStartOfDay } from '../../lib/dates';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const DAY_MS = 86_400_000;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * DAY_MS));
/** 10:00 Asia/Shanghai on the day `offset` days from today. */
const morning = (offset: number) => new Date(shanghaiStartOfDay(day(offset)).getTime() + 10 * 3_600_000);
const iso = (d: Date) => d.toISOString();

const union = tokenFor({ agency: 'UNION', region: '330112', id: 'union-dated' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '330112', id: 'proc-dated' });
const court = tokenFor({ agency: 'COURT', region: '330112', id: 'court-dated' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-dated' });

const api = (token: string, query: string, variables: Record<string, unknown> = {}, language?: string) => gql(hub.gatewayUrl, query, variables, { token, language });
const refusal = (r: GraphQLResponse) => {
  expect(r.errors?.length).toBeTruthy();
  const e = r.errors![0];
  return { code: e.extensions?.code, reason: e.extensions?.reason, field: e.extensions?.field, message: e.message };
};

/** The union's lead received 30 days ago, applied for support and accepted by the procuratorate. */
async function supportApplication(): Promise<string> {
  const input = leadInput({ regionCode: '330112', receivedAt: iso(morning(-30)) });
  const lead = ok(await api(union, REPORT_LEAD, { input })).reportLead;
  const t = ok(await api(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '申请支持起诉' } })).transferLead;
  ok(await api(prosecutor, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }));
  return lead.id as string;
}

const DECIDE = 'mutation($id: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $id, input: $input) { decision { supported decidedAt occurredAt recordedAt } } }';
const FILE = 'mutation($id: ID!, $input: CourtFilingInput!) { recordCourtFiling(leadId: $id, input: $input) { courtFiling { filedOn recordedAt } } }';
const filing = { court: '杭州市临安区人民法院', docketNo: '(2026)浙0112民初100号' };

async function beforeCourt(decidedAt?: Date): Promise<string> {
  const leadId = await supportApplication();
  ok(await api(prosecutor, DECIDE, { id: leadId, input: { supported: true, reason: '劳动者维权能力弱', ...(decidedAt ? { occurredAt: iso(decidedAt) } : {}) } }));
  ok(await api(prosecutor, 'mutation($id: ID!, $on: Date!) { recordSupportLetter(leadId: $id, input: { number: "杭临检民支〔2026〕9号", issuedOn: $on }) { supportLetter { issuedOn recordedAt } } }', { id: leadId, on: day(decidedAt ? -9 : 0) }));
  const t = ok(await api(prosecutor, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'COURT', kind: 'COURT_FILING', reason: '附支持起诉书' } })).transferLead;
  ok(await api(court, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }));
  return leadId;
}

describe('support to sue, dated when it happened', () => {
  it('a decision dated ten days ago lets the court record last week\'s filing, and both dates are kept', async () => {
    const decidedAt = morning(-10);
    const leadId = await beforeCourt(decidedAt);
    const decided = ok(await api(prosecutor, `query($id: ID!) { lead(id: $id) { support { decision { decidedAt occurredAt recordedAt } } } }`, { id: leadId })).lead.support.decision;
    expect(decided.occurredAt).toBe(iso(decidedAt));
    expect(decided.decidedAt).toBe(iso(decidedAt));
    // Entered now, not ten days ago.
    expect(shanghaiDate(new Date(decided.recordedAt))).toBe(day(0));

    const filed = ok(await api(court, FILE, { id: leadId, input: { ...filing, filedOn: day(-7) } })).recordCourtFiling.courtFiling;
    expect(filed.filedOn).toBe(day(-7));
    expect(shanghaiDate(new Date(filed.recordedAt))).toBe(day(0));
  });

  it('a decision entered today without a date is dated today: last week\'s filing is still refused as before it', async () => {
    const leadId = await beforeCourt();
    const r = refusal(await api(court, FILE, { id: leadId, input: { ...filing, filedOn: day(-7) } }, 'zh-CN'));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_SUPPORT_DECISION', field: 'input.filedOn' });
    expect(r.message).toContain('立案日期早于决定支持起诉的日期');
  });

  it('refuses a decision dated in the future, or before the lead was received, in Chinese naming the field', async () => {
    const leadId = await supportApplication();
    const future = refusal(await api(prosecutor, DECIDE, { id: leadId, input: { supported: true, reason: '支持', occurredAt: iso(new Date(Date.now() + DAY_MS)) } }, 'zh-CN'));
    expect(future).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IN_FUTURE', field: 'input.occurredAt' });
    expect(future.message).toContain('发生时间不能晚于当前时间');
    const early = refusal(await api(prosecutor, DECIDE, { id: leadId, input: { supported: true, reason: '支持', occurredAt: iso(morning(-40)) } }, 'zh-CN'));
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_LEAD_RECEIVED', field: 'input.occurredAt' });
    expect(early.message).toContain(`发生时间早于线索受理日期（${day(-30)}）`);
    // Nothing was decided by either.
    expect(ok(await api(prosecutor, `query($id: ID!) { lead(id: $id) { support { decision { supported } } } }`, { id: leadId })).lead.support.decision).toBeNull();
  });

  it('a hearing is scheduled and heard on the days the court did so; its result is not dated before the hearing', async () => {
    const leadId = await beforeCourt(morning(-10));
    ok(await api(court, FILE, { id: leadId, input: { ...filing, filedOn: day(-7) } }));
    const scheduled = ok(
      await api(court, 'mutation($id: ID!, $input: HearingInput!) { scheduleHearing(leadId: $id, input: $input) { hearings { id date occurredAt recordedAt } } }', {
        id: leadId,
        input: { date: day(-2), courtRoom: '第一法庭', occurredAt: iso(morning(-6)) },
      }),
    ).scheduleHearing.hearings[0];
    expect(scheduled).toMatchObject({ date: day(-2), occurredAt: iso(morning(-6)) });
    expect(shanghaiDate(new Date(scheduled.recordedAt))).toBe(day(0));
    const RESULT = 'mutation($h: ID!, $at: DateTime) { recordHearingResult(hearingId: $h, note: "双方同意调解", occurredAt: $at) { hearings { outcomeNote outcomeOccurredAt outcomeRecordedAt } } }';
    const early = refusal(await api(court, RESULT, { h: scheduled.id, at: iso(morning(-4)) }, 'zh-CN'));
    expect(early).toMatchObject({ reason: 'DATE_BEFORE_HEARING', field: 'occurredAt' });
    expect(early.message).toContain(`早于开庭日期（${day(-2)}）`);
    const held = ok(await api(court, RESULT, { h: scheduled.id, at: iso(morning(-2)) })).recordHearingResult.hearings[0];
    expect(held).toMatchObject({ outcomeNote: '双方同意调解', outcomeOccurredAt: iso(morning(-2)) });
  });
});

describe("labour inspection's acts, dated when they happened", () => {
  const CASE = 'firstContactAt firstContactRecordedAt firstContactLate paymentOrders { id issuedOn recordedAt payBy overdue paid } handovers { at occurredAt recordedAt } callbacks { occurredAt recordedAt }';
  const inspection = async (leadId: string) => ok(await api(inspector, `query($id: ID!) { lead(id: $id) { inspection { ${CASE} } } }`, { id: leadId })).lead.inspection;

  it('first contact, an order issued ten days ago and its payment, a handover: each on its own day, and in order', async () => {
    const input = leadInput({ receivedAt: iso(morning(-20)) });
    const leadId = ok(await api(inspector, REPORT_LEAD, { input })).reportLead.id as string;

    // Contacted the day the lead came in, entered today: not late.
    ok(await api(inspector, 'mutation($id: ID!, $at: DateTime) { recordFirstContact(leadId: $id, note: "电话联系投诉人", occurredAt: $at) { transferState } }', { id: leadId, at: iso(new Date(morning(-20).getTime() + 3_600_000)) }));
    let c = await inspection(leadId);
    expect(c.firstContactAt).toBe(iso(new Date(morning(-20).getTime() + 3_600_000)));
    expect(shanghaiDate(new Date(c.firstContactRecordedAt))).toBe(day(0));
    expect(c.firstContactLate).toBe(false);

    // The deadline runs from the day the order was issued: three days ago is after it, and has passed.
    ok(await api(inspector, 'mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { transferState } }', { id: leadId, input: { amount: '89195.00', payBy: day(-3), issuedOn: day(-10) } }));
    c = await inspection(leadId);
    const order = c.paymentOrders[0];
    expect(order).toMatchObject({ issuedOn: day(-10), payBy: day(-3), overdue: true });
    expect(shanghaiDate(new Date(order.recordedAt))).toBe(day(0));

    const PAY = 'mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { transferState } }';
    const before = refusal(await api(inspector, PAY, { o: order.id, a: '1000.00', d: day(-12) }, 'zh-CN'));
    expect(before).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PAYMENT_ORDER', field: 'paidOn' });
    expect(before.message).toContain(`支付日期早于限期支付指令的下达日期（${day(-10)}）`);
    ok(await api(inspector, PAY, { o: order.id, a: '1000.00', d: day(-5) }));
    expect((await inspection(leadId)).paymentOrders[0].paid).toBe('1000.00');

    const HANDOVER = 'mutation($id: ID!, $input: HandoverInput!) { recordHandover(leadId: $id, input: $input) { transferState } }';
    ok(await api(inspector, HANDOVER, { id: leadId, input: { to: 'LOCAL_GOVERNMENT', note: '交属地政府', occurredAt: iso(morning(-8)) } }));
    const [handover] = (await inspection(leadId)).handovers;
    expect(handover).toMatchObject({ at: iso(morning(-8)), occurredAt: iso(morning(-8)) });
    expect(shanghaiDate(new Date(handover.recordedAt))).toBe(day(0));

    const CALLBACK = 'mutation($id: ID!, $input: CallbackInput!) { recordCallback(leadId: $id, input: $input) { transferState } }';
    const future = refusal(await api(inspector, CALLBACK, { id: leadId, input: { wagesPaid: true, procedureLawful: true, satisfied: true, note: '', occurredAt: iso(new Date(Date.now() + DAY_MS)) } }, 'zh-CN'));
    expect(future).toMatchObject({ reason: 'IN_FUTURE', field: 'input.occurredAt' });
    expect(future.message).toContain('发生时间不能晚于当前时间');
    const early = refusal(await api(inspector, 'mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { transferState } }', { id: leadId, input: { amount: '1.00', payBy: day(5), issuedOn: day(-25) } }, 'zh-CN'));
    expect(early).toMatchObject({ reason: 'DATE_BEFORE_LEAD_RECEIVED', field: 'input.issuedOn' });
    expect(early.message).toContain(`早于线索受理日期（${day(-20)}）`);
  });
});

describe("the union's acts, dated when they happened", () => {
  it('a mediation held last week is kept with its day and the day it was entered', async () => {
    const lead = ok(await api(union, REPORT_LEAD, { input: leadInput({ regionCode: '330112', receivedAt: iso(morning(-30)) }) })).reportLead;
    const MEDIATE = 'mutation($id: ID!, $input: MediationInput!) { recordMediation(leadId: $id, input: $input) { mediations { occurredAt recordedAt outcome } } }';
    const [m] = ok(await api(union, MEDIATE, { id: lead.id, input: { outcome: 'FAILED', summary: '用人单位拒绝调解', occurredAt: iso(morning(-7)) } })).recordMediation.mediations;
    expect(m).toMatchObject({ outcome: 'FAILED', occurredAt: iso(morning(-7)) });
    expect(shanghaiDate(new Date(m.recordedAt))).toBe(day(0));
    const r = refusal(await api(union, MEDIATE, { id: lead.id, input: { outcome: 'FAILED', summary: '再次调解', occurredAt: iso(morning(-31)) } }, 'zh-CN'));
    expect(r).toMatchObject({ reason: 'DATE_BEFORE_LEAD_RECEIVED', field: 'input.occurredAt' });
  });
});
