/**
 * Deadlines that pause (中止/恢复, issue 19), through the gateway: an inspection SUPERVISOR suspends
 * the investigation's deadline and the feedback deadline of the transfer inspection accepted, both
 * dated a fortnight back (acts are dated when they happened), and resumes them today: each deadline
 * moves later by the working days between (Asia/Shanghai, holidays and 调休), not overdue meanwhile,
 * on the lead's timeline and in the audit trails. Dates are relative to the day the test runs.
 */
import { calendar } from '../../lib/calendar/calendar';
import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const DAY_MS = 86_400_000;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * DAY_MS));
const lastDay = (due: string | Date) => shanghaiDate(new Date(new Date(due).getTime() - 1));

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-pause' });
const unionSupervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-pause-sup', roles: ['SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-pause' });
const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-pause-sup', name: '赵主管', roles: ['SUPERVISOR'] });

const api = (token: string, query: string, variables: Record<string, unknown> = {}) => gql(hub.gatewayUrl, query, variables, { token, language: 'zh-CN' });
const refusal = (r: GraphQLResponse) => {
  expect(r.errors?.length).toBeTruthy();
  const e = r.errors![0];
  return { code: e.extensions?.code, reason: e.extensions?.reason, field: e.extensions?.field, message: e.message };
};

const CLOCK = 'investigationDueAt investigationWorkingDaysLeft investigationSuspendedOn investigationSuspensionReason investigationSuspendedWorkingDays';
const SUSPEND_INVESTIGATION = `mutation($id: ID!, $input: SuspendDeadlineInput!) { suspendInvestigation(leadId: $id, input: $input) { ${CLOCK} } }`;
const RESUME_INVESTIGATION = `mutation($id: ID!, $input: ResumeDeadlineInput) { resumeInvestigation(leadId: $id, input: $input) { ${CLOCK} } }`;
const TRANSFER = 'id status feedbackDueAt feedbackWorkingDaysLeft feedbackSuspendedOn feedbackSuspensionReason';
const SUSPEND_FEEDBACK = `mutation($id: ID!, $input: SuspendDeadlineInput!) { suspendFeedbackDeadline(transferId: $id, input: $input) { ${TRANSFER} } }`;
const RESUME_FEEDBACK = `mutation($id: ID!, $input: ResumeDeadlineInput) { resumeFeedbackDeadline(transferId: $id, input: $input) { ${TRANSFER} } }`;

/** A lead the union received 30 days ago and referred to inspection, which accepted it today. */
async function acceptedReferral() {
  const leadId = ok(await api(union, REPORT_LEAD, { input: leadInput({ receivedAt: new Date(Date.now() - 30 * DAY_MS).toISOString() }) })).reportLead.id as string;
  const t = ok(await api(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } })).transferLead;
  ok(await api(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t.id }));
  return { leadId, transferId: t.id as string };
}

const inspectionClock = async (leadId: string) => ok(await api(supervisor, `query($id: ID!) { lead(id: $id) { inspection { ${CLOCK} } } }`, { id: leadId })).lead.inspection;
const transferNow = async (id: string, token = supervisor) => ok(await api(token, `query($id: ID!) { transfer(id: $id) { ${TRANSFER} } }`, { id })).transfer;

describe('an investigation deadline suspended and resumed', () => {
  it('moves by the working days it stood suspended, shows no days left meanwhile, and is on the timeline and in the audit trail', async () => {
    const { leadId } = await acceptedReferral();
    const before = await eventually(async () => {
      const c = await inspectionClock(leadId);
      expect(c.investigationDueAt).toBeTruthy();
      return c;
    });
    expect(before).toMatchObject({ investigationSuspendedOn: null, investigationSuspendedWorkingDays: 0 });
    expect(before.investigationWorkingDaysLeft).toBeGreaterThan(0);

    const suspendedOn = day(-14);
    const suspended = ok(await api(supervisor, SUSPEND_INVESTIGATION, { id: leadId, input: { reason: '委托司法鉴定工资数额', suspendedOn } })).suspendInvestigation;
    expect(suspended).toMatchObject({ investigationSuspendedOn: suspendedOn, investigationSuspensionReason: '委托司法鉴定工资数额', investigationWorkingDaysLeft: null, investigationDueAt: before.investigationDueAt });

    const n = calendar.workingDaysBetween(suspendedOn, day(0));
    expect(n).toBeGreaterThan(0);
    const resumed = ok(await api(supervisor, RESUME_INVESTIGATION, { id: leadId })).resumeInvestigation;
    expect(resumed).toMatchObject({ investigationSuspendedOn: null, investigationSuspensionReason: null, investigationSuspendedWorkingDays: n });
    expect(new Date(resumed.investigationDueAt).toISOString()).toBe(calendar.moveDue(new Date(before.investigationDueAt), n).toISOString());
    expect(calendar.workingDaysBetween(lastDay(before.investigationDueAt), lastDay(resumed.investigationDueAt))).toBe(n);
    expect(resumed.investigationWorkingDaysLeft).toBe(before.investigationWorkingDaysLeft + n);

    const timeline = await eventually(async () => {
      const t = ok(await api(union, 'query($id: ID!) { lead(id: $id) { timeline { kind event agency date summary } } }', { id: leadId })).lead.timeline as { kind: string; date: string; summary: string }[];
      expect(t.map((e) => e.kind)).toEqual(expect.arrayContaining(['INVESTIGATION_SUSPENDED', 'INVESTIGATION_RESUMED']));
      return t;
    });
    expect(timeline.find((e) => e.kind === 'INVESTIGATION_SUSPENDED')).toMatchObject({ date: suspendedOn, summary: expect.stringContaining(`中止调查期限，自 ${suspendedOn} 起，原因：委托司法鉴定工资数额`) });
    expect(timeline.find((e) => e.kind === 'INVESTIGATION_RESUMED')!.summary).toContain(`中止 ${n} 个工作日），期限至 ${lastDay(resumed.investigationDueAt)}`);

    const trail = ok(await api(supervisor, 'query($id: ID!) { lead(id: $id) { inspection { auditTrail { action actorId details } } } }', { id: leadId })).lead.inspection.auditTrail as { action: string; actorId: string; details: string }[];
    const audited = trail.filter((e) => e.action.startsWith('INVESTIGATION_'));
    expect(audited.map((e) => [e.action, e.actorId])).toEqual([['INVESTIGATION_SUSPENDED', 'insp-pause-sup'], ['INVESTIGATION_RESUMED', 'insp-pause-sup']]);
    expect(JSON.parse(audited[1].details)).toMatchObject({ suspendedOn, resumedOn: day(0), workingDays: n });
    // The reason staff typed is on the timeline, never in the audit trail.
    expect(audited[0].details).not.toContain('司法鉴定');
  });

  it('refuses, in Chinese with a stable reason: a handler, another agency, twice, resuming what runs, a resumption before the suspension, a future day', async () => {
    const { leadId } = await acceptedReferral();
    await eventually(async () => expect((await inspectionClock(leadId)).investigationDueAt).toBeTruthy());
    const input = { reason: '等待公安机关调查结果' };
    const byHandler = refusal(await api(inspector, SUSPEND_INVESTIGATION, { id: leadId, input }));
    expect(byHandler).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED', message: '只有劳动保障监察的主管可以中止或恢复该期限。' });
    expect(refusal(await api(unionSupervisor, SUSPEND_INVESTIGATION, { id: leadId, input })).code).toBe('FORBIDDEN');
    expect(refusal(await api(supervisor, RESUME_INVESTIGATION, { id: leadId }))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_SUSPENDED', message: '该期限未中止，无需恢复。' });
    expect(refusal(await api(supervisor, SUSPEND_INVESTIGATION, { id: leadId, input: { ...input, suspendedOn: day(1) } }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IN_FUTURE', field: 'input.suspendedOn' });
    expect(refusal(await api(supervisor, SUSPEND_INVESTIGATION, { id: leadId, input: { reason: ' ' } }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED', field: 'input.reason' });

    ok(await api(supervisor, SUSPEND_INVESTIGATION, { id: leadId, input: { ...input, suspendedOn: day(-3) } }));
    expect(refusal(await api(supervisor, SUSPEND_INVESTIGATION, { id: leadId, input }))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_ALREADY_SUSPENDED', message: `该期限已自 ${day(-3)} 起中止：请先恢复。` });
    expect(refusal(await api(supervisor, RESUME_INVESTIGATION, { id: leadId, input: { resumedOn: day(-4) } }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_SUSPENSION', field: 'input.resumedOn' });
    expect(refusal(await api(inspector, RESUME_INVESTIGATION, { id: leadId })).reason).toBe('CLOCK_SUPERVISOR_REQUIRED');
  });
});

describe("a transfer's feedback deadline suspended and resumed", () => {
  it("the receiver's supervisor suspends it: no days counted down, the work queue shows it suspended; resumed, it moves by the working days between", async () => {
    const { leadId, transferId } = await acceptedReferral();
    const before = await transferNow(transferId);
    expect(before.feedbackWorkingDaysLeft).toBeGreaterThan(0);

    const suspendedOn = day(-14);
    const suspended = ok(await api(supervisor, SUSPEND_FEEDBACK, { id: transferId, input: { reason: '等待用人单位提交工资台账', suspendedOn } })).suspendFeedbackDeadline;
    expect(suspended).toMatchObject({ status: 'ACCEPTED', feedbackSuspendedOn: suspendedOn, feedbackSuspensionReason: '等待用人单位提交工资台账', feedbackWorkingDaysLeft: null, feedbackDueAt: before.feedbackDueAt });
    // The sender sees it suspended too, and neither side counts it overdue.
    expect(await transferNow(transferId, union)).toMatchObject({ feedbackSuspendedOn: suspendedOn, feedbackWorkingDaysLeft: null });
    const queue = ok(await api(supervisor, `query { feedbackDue(first: 50) { ${TRANSFER} } }`)).feedbackDue as { id: string; feedbackSuspendedOn: string | null }[];
    expect(queue.find((t) => t.id === transferId)).toMatchObject({ feedbackSuspendedOn: suspendedOn });
    const states = ok(await api(union, 'query($id: ID!) { lead(id: $id) { agencies { agency feedbackState } } }', { id: leadId })).lead.agencies as { agency: string; feedbackState: string }[];
    expect(states).toEqual(expect.arrayContaining([{ agency: 'UNION', feedbackState: 'AWAITING' }, { agency: 'INSPECTION', feedbackState: 'DUE' }]));

    const n = calendar.workingDaysBetween(suspendedOn, day(0));
    const resumed = ok(await api(supervisor, RESUME_FEEDBACK, { id: transferId, input: { resumedOn: day(0) } })).resumeFeedbackDeadline;
    expect(resumed).toMatchObject({ feedbackSuspendedOn: null, feedbackSuspensionReason: null });
    expect(new Date(resumed.feedbackDueAt).toISOString()).toBe(calendar.moveDue(new Date(before.feedbackDueAt), n).toISOString());
    expect(calendar.workingDaysBetween(lastDay(before.feedbackDueAt), lastDay(resumed.feedbackDueAt))).toBe(n);
    expect(resumed.feedbackWorkingDaysLeft).toBe(before.feedbackWorkingDaysLeft + n);

    const timeline = ok(await api(union, 'query($id: ID!) { lead(id: $id) { timeline { kind otherAgency date summary } } }', { id: leadId })).lead.timeline as { kind: string; otherAgency: string; date: string; summary: string }[];
    expect(timeline.find((e) => e.kind === 'FEEDBACK_CLOCK_SUSPENDED')).toMatchObject({ date: suspendedOn, summary: expect.stringContaining('中止工会移送的反馈期限') });
    expect(timeline.find((e) => e.kind === 'FEEDBACK_CLOCK_RESUMED')).toMatchObject({ date: lastDay(resumed.feedbackDueAt), summary: expect.stringContaining(`中止 ${n} 个工作日），反馈期限至 ${lastDay(resumed.feedbackDueAt)}`) });
    const trail = ok(await api(supervisor, 'query($id: ID!) { lead(id: $id) { auditTrail { action entityId details } } }', { id: leadId })).lead.auditTrail as { action: string; entityId: string; details: string }[];
    expect(trail.filter((e) => e.action.startsWith('FEEDBACK_CLOCK_')).map((e) => [e.action, e.entityId])).toEqual([['FEEDBACK_CLOCK_SUSPENDED', transferId], ['FEEDBACK_CLOCK_RESUMED', transferId]]);
  });

  it('refuses the sender, a handler, a transfer not yet accepted or already answered, and resuming what runs', async () => {
    const { transferId } = await acceptedReferral();
    const input = { reason: '等待鉴定结论' };
    expect(refusal(await api(unionSupervisor, SUSPEND_FEEDBACK, { id: transferId, input }))).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED', message: '只有劳动保障监察的主管可以中止或恢复该期限。' });
    expect(refusal(await api(inspector, SUSPEND_FEEDBACK, { id: transferId, input })).reason).toBe('CLOCK_SUPERVISOR_REQUIRED');
    expect(refusal(await api(supervisor, RESUME_FEEDBACK, { id: transferId })).reason).toBe('CLOCK_NOT_SUSPENDED');

    // Answered in full while suspended: no deadline is left, suspended or not.
    ok(await api(supervisor, SUSPEND_FEEDBACK, { id: transferId, input }));
    const done = ok(await api(inspector, `mutation($id: ID!) { giveFeedback(transferId: $id, input: { final: true, summary: "已责令支付，工资已发放" }) { ${TRANSFER} } }`, { id: transferId })).giveFeedback;
    expect(done).toMatchObject({ status: 'COMPLETED', feedbackSuspendedOn: null, feedbackSuspensionReason: null, feedbackWorkingDaysLeft: null });
    expect(refusal(await api(supervisor, RESUME_FEEDBACK, { id: transferId })).reason).toBe('CLOCK_NOT_SUSPENDED');
    expect(refusal(await api(supervisor, SUSPEND_FEEDBACK, { id: transferId, input })).reason).toBe('CLOCK_NOT_RUNNING');

    const leadId = ok(await api(union, REPORT_LEAD, { input: leadInput() })).reportLead.id as string;
    const pending = ok(await api(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } })).transferLead;
    expect(refusal(await api(supervisor, SUSPEND_FEEDBACK, { id: pending.id, input }))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_RUNNING' });
  });
});
