/**
 * The blacklist procedure (失信联合惩戒名单) end to end through the gateway: inspection proposes
 * once the employer missed a payment order's deadline, tells the employer, records its statement;
 * a SUPERVISOR lists it for 3 years; the employer watch list shows the listing; once the arrears
 * are paid, 6 months have passed and a written pledge is filed, the SUPERVISOR removes it early.
 * Each step is on the lead's timeline and in the case's audit trail.
 */
import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { CARRY_OLD_PROPOSALS } from '../../services/inspection/src/migrations/Migration20261203130021';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-zhao' });
const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-chief', roles: ['SUPERVISOR'] });
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));
const err = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => ({ code: r.errors?.[0]?.extensions?.code, reason: r.errors?.[0]?.extensions?.reason });
const LISTING = 'blacklisting { status ground proposedOn reason noticeOn statedOn statementOutcome statement decidedOn decisionReason until removedOn arrearsPaidOn pledgeOn removalNote }';
const run = (mutation: string, vars: Record<string, unknown>, token = inspector) => gql(hub.gatewayUrl, mutation.replace('LISTING', LISTING), vars, { token });
const WATCH = '{ employerWatchList(first: 500) { risk employer { name } blacklistedUntil signals { kind count } } }';
const watched = async (name: string) => ok(await gql(hub.gatewayUrl, WATCH, {}, { token: union })).employerWatchList.find((e: { employer: { name: string } }) => e.employer.name === name);

describe('the blacklist procedure (失信联合惩戒名单)', () => {
  it('the blacklist procedure from proposal to early removal', async () => {
    const employerName = '长治市某失信建筑劳务有限公司';
    // Received 300 days ago: the order, its deadline and the payments are dated when they happened.
    const input = leadInput({ employerName, employerCreditCode: null, receivedAt: new Date(Date.now() - 300 * 86_400_000).toISOString() });
    const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead.id as string;
    const transferId = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead.id;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: inspector }));

    const propose = (ground: string, token = inspector) =>
      run('mutation($id: ID!, $input: BlacklistProposalInput!) { proposeBlacklisting(leadId: $id, input: $input) { LISTING } }', { id: leadId, input: { ground, reason: '责令限期支付逾期仍未足额支付' } }, token);
    // No payment order missed yet: nothing to propose.
    expect(err(await propose('CRIMINAL_THRESHOLD'))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_NEEDS_MISSED_ORDER' });

    // Ordered 280 days ago to pay by 270 days ago; 50,000 of 89,195 yuan paid 260 days ago, after the deadline.
    const order = ok(await run('mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { paymentOrders { id } } }', { id: leadId, input: { amount: '89195.00', payBy: day(-270), issuedOn: day(-280) } })).issuePaymentOrder.paymentOrders[0].id;
    const pay = (amount: string, paidOn: string) => run('mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { closureState } }', { o: order, a: amount, d: paidOn });
    ok(await pay('50000.00', day(-260)));

    // 1. Proposal: 4 workers owed 89,195 yuan reach the criminal threshold. Not by the union; not twice.
    expect(err(await propose('CRIMINAL_THRESHOLD', union)).code).toBe('FORBIDDEN');
    const proposed = ok(await propose('CRIMINAL_THRESHOLD')).proposeBlacklisting.blacklisting;
    expect(proposed).toMatchObject({ status: 'PROPOSED', ground: 'CRIMINAL_THRESHOLD', proposedOn: day(0), reason: '责令限期支付逾期仍未足额支付', noticeOn: null, until: null });
    expect(err(await propose('MASS_INCIDENT'))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_ALREADY_PROPOSED' });
    // The older recommendBlacklist is the same proposal step.
    expect(err(await run('mutation($id: ID!) { recommendBlacklist(leadId: $id, reason: "再次提请") { closureState } }', { id: leadId })).reason).toBe('BLACKLIST_ALREADY_PROPOSED');

    // The supervisor cannot decide before the employer was told and heard.
    const decide = (list: boolean, token = supervisor) =>
      run('mutation($id: ID!, $input: BlacklistDecisionInput!) { decideBlacklisting(leadId: $id, input: $input) { LISTING } }', { id: leadId, input: { list, reason: '符合列入条件，经集体讨论决定列入' } }, token);
    expect(err(await decide(true))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_NOT_NOTIFIED' });

    // 2. Notice (告知), dated; not before the proposal.
    const notify = (noticeOn: string) => run('mutation($id: ID!, $on: Date) { notifyBlacklisting(leadId: $id, noticeOn: $on) { LISTING } }', { id: leadId, on: noticeOn });
    const early = await notify(day(-1));
    expect(err(early)).toEqual({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_BLACKLIST_PROPOSAL' });
    expect(ok(await notify(day(0))).notifyBlacklisting.blacklisting).toMatchObject({ status: 'NOTIFIED', noticeOn: day(0) });
    expect(err(await decide(true))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_STATEMENT_PENDING' });

    // 3. The employer's statement (陈述申辩): its day and outcome.
    const heard = ok(
      await run('mutation($id: ID!, $input: BlacklistStatementInput!) { recordBlacklistStatement(leadId: $id, input: $input) { LISTING } }', {
        id: leadId,
        input: { statedOn: day(0), statementOutcome: 'NOT_ADOPTED', statement: '企业称资金周转困难，但未提供证据' },
      }),
    ).recordBlacklistStatement.blacklisting;
    expect(heard).toMatchObject({ status: 'HEARD', statedOn: day(0), statementOutcome: 'NOT_ADOPTED', statement: '企业称资金周转困难，但未提供证据' });

    // 4. The decision: a handler may not; the supervisor lists the employer for 3 years.
    expect(err(await decide(true, inspector))).toEqual({ code: 'FORBIDDEN', reason: 'BLACKLIST_SUPERVISOR_REQUIRED' });
    const listed = ok(await decide(true)).decideBlacklisting.blacklisting;
    const until = `${Number(day(0).slice(0, 4)) + 3}${day(0).slice(4)}`.replace(/-02-29$/, '-02-28');
    expect(listed).toMatchObject({ status: 'LISTED', decidedOn: day(0), until, decisionReason: '符合列入条件，经集体讨论决定列入' });
    expect(err(await decide(false))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_ALREADY_DECIDED' });
    expect(err(await propose('CRIMINAL_THRESHOLD'))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_ALREADY_LISTED' });

    // The employer watch list shows the listing, until when.
    const entry = await eventually(async () => {
      const e = await watched(employerName);
      expect(e?.blacklistedUntil).toBe(until);
      return e;
    });
    expect(entry.risk).toBe('EXPLICIT');
    expect(entry.signals).toEqual(expect.arrayContaining([{ kind: 'BLACKLISTED', count: 1 }]));

    // 5. Early removal: not while arrears are unpaid, not within 6 months of paying them.
    const remove = (arrearsPaidOn: string, pledgeOn = day(0), token = supervisor) =>
      run('mutation($id: ID!, $input: BlacklistEarlyRemovalInput!) { removeFromBlacklistEarly(leadId: $id, input: $input) { LISTING } }', { id: leadId, input: { arrearsPaidOn, pledgeOn, note: '已提交书面信用承诺书' } }, token);
    expect(err(await remove(day(-200)))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_ARREARS_UNPAID' });
    ok(await pay('39195.00', day(-200)));
    expect(err(await remove(day(-10)))).toEqual({ code: 'BAD_USER_INPUT', reason: 'BLACKLIST_REMOVAL_TOO_EARLY' });
    expect(err(await remove(day(-201)))).toEqual({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_LAST_ORDER_PAYMENT' });
    expect(err(await remove(day(-200), day(0), inspector)).code).toBe('FORBIDDEN');
    const removed = ok(await remove(day(-200))).removeFromBlacklistEarly.blacklisting;
    expect(removed).toMatchObject({ status: 'REMOVED_EARLY', removedOn: day(0), arrearsPaidOn: day(-200), pledgeOn: day(0), removalNote: '已提交书面信用承诺书', until });
    expect(err(await remove(day(-200)))).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_NOT_LISTED' });

    // Off the watch list: its one lead, its order paid in full, nothing else to watch.
    await eventually(async () => expect(await watched(employerName)).toBeUndefined());

    // Every step on the lead's timeline, in Chinese; and in the case's audit trail.
    const timeline = await eventually(async () => {
      const t = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind date summary } } }', { id: leadId }, { token: union, language: 'zh-CN' })).lead.timeline;
      const steps = t.filter((e: { kind: string }) => e.kind.startsWith('BLACKLIST_'));
      expect(steps.map((e: { kind: string }) => e.kind)).toEqual(['BLACKLIST_PROPOSED', 'BLACKLIST_NOTIFIED', 'BLACKLIST_STATEMENT_RECORDED', 'BLACKLIST_LISTED', 'BLACKLIST_REMOVED_EARLY']);
      return steps;
    });
    expect(timeline[3]).toMatchObject({ date: until });
    expect(timeline[3].summary).toContain(`决定将用人单位列入拖欠农民工工资失信联合惩戒对象名单，至 ${until}`);
    expect(timeline[2].summary).toContain('不予采纳');
    expect(timeline[4].summary).toContain('提前移出失信联合惩戒对象名单');
    const audit = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { inspection { auditTrail { action } } } }', { id: leadId }, { token: supervisor })).lead.inspection.auditTrail;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['BLACKLIST_PROPOSED', 'BLACKLIST_NOTIFIED', 'BLACKLIST_STATEMENT_RECORDED', 'BLACKLIST_LISTED', 'BLACKLIST_REMOVED_EARLY']));
  });

  it('refuses a proposal on the criminal threshold below it, and takes a mass incident instead', async () => {
    const input = leadInput({ employerName: '长治市某小额欠薪餐饮有限公司', employerCreditCode: null, workerCount: 4, amountOwed: '12000.00', receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead.id as string;
    const transferId = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead.id;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: inspector }));
    ok(await run('mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { closureState } }', { id: leadId, input: { amount: '12000.00', payBy: day(-5), issuedOn: day(-20) } }));
    const propose = (ground: string) => run('mutation($id: ID!, $input: BlacklistProposalInput!) { proposeBlacklisting(leadId: $id, input: $input) { LISTING } }', { id: leadId, input: { ground, reason: '40余名农民工聚集讨薪，堵塞交通' } });
    const below = await propose('CRIMINAL_THRESHOLD');
    expect(err(below)).toEqual({ code: 'INVALID_TRANSITION', reason: 'BLACKLIST_BELOW_CRIMINAL_THRESHOLD' });
    expect(below.errors?.[0].message).toContain('12000.00');
    expect(ok(await propose('MASS_INCIDENT')).proposeBlacklisting.blacklisting).toMatchObject({ status: 'PROPOSED', ground: 'MASS_INCIDENT' });
  });
});

describe('a proposal made before the procedure existed', () => {
  it('is carried into the procedure at its first step by the migration', async () => {
    const input = leadInput({ employerName: '长治市某旧提请建筑有限公司', employerCreditCode: null });
    const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead.id as string;
    const transferId = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead.id;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: inspector }));
    // As recommendBlacklist used to leave it: on the case only.
    await hub.sql('inspection', `update inspection_case set blacklist_proposed_at = now() - interval '2 days', blacklist_until = current_date + 1000, blacklist_reason = '旧提请' where lead_id = $1`, [leadId]);
    await hub.sql('inspection', CARRY_OLD_PROPOSALS);
    await hub.sql('inspection', CARRY_OLD_PROPOSALS); // once only
    expect(await hub.sql('inspection', 'select count(*)::int as n from blacklist_listing where lead_id = $1', [leadId])).toEqual([{ n: 1 }]);
    const carried = ok(await run('query($id: ID!) { lead(id: $id) { inspection { LISTING } } }', { id: leadId })).lead.inspection.blacklisting;
    expect(carried).toMatchObject({ status: 'PROPOSED', ground: 'CRIMINAL_THRESHOLD', reason: '旧提请', proposedOn: day(-2), noticeOn: null });
    // And it goes on from there.
    expect(ok(await run('mutation($id: ID!) { notifyBlacklisting(leadId: $id) { LISTING } }', { id: leadId })).notifyBlacklisting.blacklisting.status).toBe('NOTIFIED');
  });
});
