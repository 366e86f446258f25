/**
 * Deadlines that fire once (issue 19), through the gateway: a transfer left unaccepted past its
 * 受理期限 and feedback left overdue tell the right people once, however many passes, scheduler
 * instances and restarts see them, and the escalations appear on the lead's timeline. The clock is
 * controlled: each pass runs "as of" an instant worked out from the transfer's own deadline.
 */
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { Scheduler, type DeadlineSource } from '../../lib/scheduler/scheduler';
import { notify } from '../../services/leads/src/modules/notification/notification.store';
import { overdueBy } from '../../lib/scheduler/due';
import { calendar } from '../../lib/calendar/calendar';
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../../lib/dates';
import { deadlineSettings } from '../../lib/config';
import { logger } from '../../lib/logger';
import { SERVICES } from '../../services/registry';
import { acceptBy } from '../../services/leads/src/modules/transfer/transfer-deadlines.rules';

const HOUR = 3_600_000;
let hub: TestHub;
const interval = process.env.HUB_SCHEDULER_INTERVAL_SECONDS;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  // No background passes: only the passes this test runs, as of the instants it chooses.
  process.env.HUB_SCHEDULER_INTERVAL_SECONDS = '0';
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(async () => {
  await hub?.stop();
  if (interval === undefined) delete process.env.HUB_SCHEDULER_INTERVAL_SECONDS;
  else process.env.HUB_SCHEDULER_INTERVAL_SECONDS = interval;
});

// Leads are reported in 140421 (a county of 长治市, 140400).
const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhang' });
const unionColleague = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhao' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-li', roles: ['HANDLER'] });
const inspectionChief = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-chief', roles: ['SUPERVISOR'] });
const otherCityChief = tokenFor({ agency: 'INSPECTION', region: '140100', id: 'insp-taiyuan-chief', roles: ['SUPERVISOR'] });

const LIST = 'query { notifications(first: 100) { edges { node { kind leadId referenceNo text } } } }';
const TIMELINE = 'query($id: ID!) { lead(id: $id) { timeline { kind agency summary } } }';
interface Note { kind: string; leadId: string; referenceNo: string; text: string }
const about = async (token: string, leadId: string, language = 'zh-CN') =>
  (ok(await gql(hub.gatewayUrl, LIST, {}, { token, language })).notifications.edges as { node: Note }[]).map((e) => e.node).filter((n) => n.leadId === leadId);
const kindsFor = async (token: string, leadId: string) => (await about(token, leadId)).map((n) => n.kind).sort();
const timeline = async (leadId: string, language = 'zh-CN') => ok(await gql(hub.gatewayUrl, TIMELINE, { id: leadId }, { token: union, language })).lead.timeline as { kind: string; agency: string; summary: string }[];

const report = async () => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead as { id: string; referenceNo: string };
const send = async (leadId: string) =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id requestedAt feedbackDueAt } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }))
    .transferLead as { id: string; requestedAt: string; feedbackDueAt: string };
const pass = (at: Date) => hub.services.leads.scheduler.runOnce(at);
const firedFor = (r: { fired: { key: string; kind: string }[] }, transferId: string) => r.fired.filter((d) => d.key.includes(transferId)).map((d) => d.kind).sort();

describe('a transfer not accepted by its 受理期限', () => {
  it('is told once to the receiving unit, escalated once to its supervisors of the region and to the sender, across passes, instances and a restart', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    const deadline = acceptBy({ requestedAt: new Date(transfer.requestedAt) }, deadlineSettings(), calendar);

    // Before the deadline's last day: nothing is due yet.
    expect(firedFor(await pass(new Date(deadline.getTime() - 3 * 24 * HOUR - HOUR)), transfer.id)).not.toContain('ACCEPTANCE_OVERDUE');

    // An hour after it ran out: overdue and escalated, an hour late.
    const first = await pass(new Date(deadline.getTime() + HOUR));
    expect(firedFor(first, transfer.id)).toEqual(['ACCEPTANCE_OVERDUE', 'TRANSFER_ESCALATED']);
    expect(first.lagSeconds).toBeGreaterThanOrEqual(3600);

    // A second pass, later still, and two scheduler instances at once: nothing fires again.
    expect(firedFor(await pass(new Date(deadline.getTime() + 2 * HOUR)), transfer.id)).toEqual([]);
    const second = new Scheduler({ service: 'leads', orm: hub.services.leads.orm, sources: SERVICES.leads.deadlines ?? [], intervalMs: 0, log: logger });
    const both = await Promise.all([pass(new Date(deadline.getTime() + 3 * HOUR)), second.runOnce(new Date(deadline.getTime() + 3 * HOUR))]);
    expect(both.flatMap((r) => firedFor(r, transfer.id))).toEqual([]);

    // Restarted, the service remembers what fired.
    await hub.stopService('leads');
    await hub.restartService('leads');
    expect(firedFor(await pass(new Date(deadline.getTime() + 4 * HOUR)), transfer.id)).toEqual([]);

    // Handlers of the receiving unit are told it is overdue; its supervisors, that it escalated; the sender too; each once.
    expect(await kindsFor(inspector, lead.id)).toEqual(['ACCEPTANCE_OVERDUE', 'TRANSFER_REQUESTED']);
    expect(await kindsFor(inspectionChief, lead.id)).toEqual(['ACCEPTANCE_OVERDUE', 'TRANSFER_ESCALATED', 'TRANSFER_REQUESTED']);
    expect(await kindsFor(union, lead.id)).toEqual(['TRANSFER_ESCALATED']);
    // The sender's colleague and another city's supervisors are not.
    expect(await kindsFor(unionColleague, lead.id)).toEqual([]);
    expect(await kindsFor(otherCityChief, lead.id)).toEqual([]);
    const [escalated] = (await about(union, lead.id)).filter((n) => n.kind === 'TRANSFER_ESCALATED');
    expect(escalated.text).toContain(`线索 ${lead.referenceNo}`);
    expect(escalated.text).toContain('超过受理期限');

    // On the timeline, once, in the reader's language.
    const entries = (await timeline(lead.id)).filter((e) => e.kind === 'TRANSFER_ESCALATED');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ agency: 'INSPECTION' });
    expect(entries[0].summary).toMatch(/^工会的移送超过受理期限（\d{4}-\d{2}-\d{2}）仍未被劳动保障监察接收，已提醒其主管人员和移送方$/);
    expect((await timeline(lead.id, 'en')).find((e) => e.kind === 'TRANSFER_ESCALATED')!.summary).toMatch(/was not accepted by .* within its acceptance deadline/);
  });
});

describe('feedback overdue', () => {
  it('is told to the receiving unit and the sender once it is overdue, and escalated to the receiver\'s supervisors only once 3 working days overdue', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));
    const due = new Date(transfer.feedbackDueAt);

    expect(firedFor(await pass(new Date(due.getTime() + HOUR)), transfer.id)).toEqual(['FEEDBACK_OVERDUE']);
    // Two working days overdue: not yet escalated.
    expect(firedFor(await pass(new Date(overdueBy(due, 3, calendar).getTime() - HOUR)), transfer.id)).toEqual([]);
    expect((await timeline(lead.id)).map((e) => e.kind)).not.toContain('FEEDBACK_ESCALATED');

    const escalation = overdueBy(due, deadlineSettings().escalateFeedbackAfterWorkingDays, calendar);
    expect(firedFor(await pass(new Date(escalation.getTime() + HOUR)), transfer.id)).toEqual(['FEEDBACK_ESCALATED']);
    expect(firedFor(await pass(new Date(escalation.getTime() + 2 * HOUR)), transfer.id)).toEqual([]);

    expect(await kindsFor(inspector, lead.id)).toEqual(['FEEDBACK_OVERDUE', 'TRANSFER_REQUESTED']);
    expect(await kindsFor(inspectionChief, lead.id)).toEqual(['FEEDBACK_ESCALATED', 'FEEDBACK_OVERDUE', 'TRANSFER_REQUESTED']);
    expect(await kindsFor(union, lead.id)).toEqual(['FEEDBACK_OVERDUE', 'TRANSFER_ACCEPTED']);

    const entries = (await timeline(lead.id)).filter((e) => e.kind === 'FEEDBACK_ESCALATED');
    expect(entries).toHaveLength(1);
    expect(entries[0].summary).toMatch(/^劳动保障监察对工会移送的反馈已逾期 3 个工作日（期限 \d{4}-\d{2}-\d{2}），已提醒其主管人员$/);
  });

  it('is not due once final feedback was given', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status } }', { id: transfer.id, input: { final: true, summary: '已全额支付', amountRecovered: '100.00', workersPaid: 1 } }, { token: inspector }));
    expect(firedFor(await pass(new Date(new Date(transfer.feedbackDueAt).getTime() + 30 * 24 * HOUR)), transfer.id)).toEqual([]);
  });
});

describe('a feedback deadline suspended (中止)', () => {
  it('is neither due nor overdue while it stands suspended, and fires again once resumed', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: SuspendDeadlineInput!) { suspendFeedbackDeadline(transferId: $id, input: $input) { status } }', { id: transfer.id, input: { reason: '等待用人单位提交工资台账' } }, { token: inspectionChief }));
    const due = new Date(transfer.feedbackDueAt);
    expect(firedFor(await pass(new Date(due.getTime() + HOUR)), transfer.id)).toEqual([]);
    expect(firedFor(await pass(new Date(overdueBy(due, 5, calendar).getTime())), transfer.id)).toEqual([]);
    const resumed = ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { resumeFeedbackDeadline(transferId: $id) { feedbackDueAt } }', { id: transfer.id }, { token: inspectionChief })).resumeFeedbackDeadline;
    expect(firedFor(await pass(new Date(new Date(resumed.feedbackDueAt).getTime() + HOUR)), transfer.id)).toEqual(['FEEDBACK_OVERDUE']);
  });
});

describe('an agency\'s own deadline', () => {
  it('a payment order lapsed unpaid is told once to the inspection unit, through the outbox to the lead registry', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));
    const payBy = addDays(shanghaiDate(new Date()), 2);
    ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "1000.00", payBy: "${payBy}" }) { acceptBy } }`, { id: lead.id }, { token: inspector }));
    const inspection = (at: Date) => hub.services.inspection.scheduler.runOnce(at);
    const lapsed = (r: { fired: { kind: string }[] }) => r.fired.filter((d) => d.kind === 'PAYMENT_ORDER_LAPSED').length;

    // On its pay-by day it has not lapsed; the day after, it has, once.
    expect(lapsed(await inspection(new Date(shanghaiStartOfDay(payBy).getTime() + 20 * HOUR)))).toBe(0);
    const dayAfter = shanghaiStartOfDay(addDays(payBy, 1));
    expect(lapsed(await inspection(new Date(dayAfter.getTime() + HOUR)))).toBe(1);
    expect(lapsed(await inspection(new Date(dayAfter.getTime() + 2 * HOUR)))).toBe(0);

    const told = await eventually(async () => {
      const n = (await about(inspector, lead.id)).filter((x) => x.kind === 'PAYMENT_ORDER_LAPSED');
      if (!n.length) throw new Error('not yet told');
      return n;
    });
    expect(told).toHaveLength(1);
    expect(told[0].text).toBe(`线索 ${lead.referenceNo}：限期支付令已到期（${payBy}）仍未付清，请决定后续措施`);
    expect(await kindsFor(union, lead.id)).toEqual(['TRANSFER_ACCEPTED']);
  });

  it('litigation\'s pass reads its installments and hearings (none due here)', async () => {
    const r = await hub.services.litigation.scheduler.runOnce(new Date(Date.now() + 40 * 24 * HOUR));
    expect(r).toMatchObject({ ran: true, fired: [] });
  });
});

describe('the background passes', () => {
  it('fire what falls due by the clock itself, without anyone asking', async () => {
    const lead = await report();
    // A one-working-day feedback deadline is due within two working days as soon as it is accepted.
    const feedbackDays = process.env.HUB_FEEDBACK_WORKING_DAYS;
    process.env.HUB_FEEDBACK_WORKING_DAYS = '1';
    let transfer: { id: string };
    try {
      transfer = await send(lead.id);
    } finally {
      if (feedbackDays === undefined) delete process.env.HUB_FEEDBACK_WORKING_DAYS;
      else process.env.HUB_FEEDBACK_WORKING_DAYS = feedbackDays;
    }
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));

    const clock = new Scheduler({ service: 'leads', orm: hub.services.leads.orm, sources: SERVICES.leads.deadlines ?? [], intervalMs: 100, log: logger });
    clock.start();
    try {
      const told = await eventually(async () => {
        const n = (await about(inspector, lead.id)).filter((x) => x.kind === 'FEEDBACK_DUE_SOON');
        if (!n.length) throw new Error('not yet told');
        return n;
      });
      expect(told).toHaveLength(1);
      expect(told[0].text).toMatch(new RegExp(`^线索 ${lead.referenceNo}：移送的反馈期限 \\d{4}-\\d{2}-\\d{2} 将至，请及时反馈$`));
    } finally {
      await clock.stop();
    }
  });
});

describe('a deadline that cannot fire', () => {
  it('is rolled back alone and fires on a later pass; the others fire meanwhile', async () => {
    const lead = await report();
    const at = new Date();
    const draft = (key: string) => ({ recipient: { agency: 'INSPECTION' as const, region: '140421' }, kind: 'HEARING_TOMORROW' as const, leadId: lead.id, referenceNo: lead.referenceNo, facts: { dueOn: key }, dedupeKey: `test:${lead.id}:${key}` });
    let failures = 1;
    const source: DeadlineSource = {
      name: 'test-faulty',
      async due() {
        return ['a', 'b'].map((k) => ({ key: `TEST:${lead.id}:${k}`, kind: 'HEARING_TOMORROW', dueAt: at }));
      },
      async fire(tx, d) {
        const k = d.key.slice(-1);
        await notify(tx, [draft(k)]);
        if (k === 'a' && failures-- > 0) throw new Error('the first attempt fails after its notification was written');
      },
    };
    const clock = new Scheduler({ service: 'leads', orm: hub.services.leads.orm, sources: [source], intervalMs: 0, log: logger });
    const keys = async () => (await hub.sql<{ k: string }>('leads', `select facts->>'dueOn' as k from notification where lead_id = $1 order by 1`, [lead.id])).map((r) => r.k);

    expect((await clock.runOnce(at)).fired.map((d) => d.key.slice(-1))).toEqual(['b']);
    expect(await keys()).toEqual(['b']);
    expect((await clock.runOnce(at)).fired.map((d) => d.key.slice(-1))).toEqual(['a']);
    expect((await clock.runOnce(at)).fired).toEqual([]);
    expect(await keys()).toEqual(['a', 'b']);
  });
});
