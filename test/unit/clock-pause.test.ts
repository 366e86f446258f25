/**
 * Deadlines that pause (中止/恢复, issue 19): given an investigation or an accepted transfer, when a
 * SUPERVISOR of the agency whose deadline it is suspends it and later resumes it, then the deadline
 * moves later by the working days it stood suspended (holidays and 调休 counted), and while
 * suspended it is not due nor overdue. Pure deciders, no database.
 */
import { decideInspection, investigationDueAt, nextDeadline } from '../../services/inspection/src/modules/casework/inspection.rules';
import { decideTransferCommand } from '../../services/leads/src/modules/transfer/transfer.rules';
import { deriveAgencyStates } from '../../services/leads/src/modules/transfer/agency-states';
import { auditData } from '../../lib/command/handler';
import { loadWorkingCalendar } from '../../lib/calendar/working-days';
import { shanghaiDate, shanghaiStartOfDay } from '../../lib/dates';
import { DomainError } from '../../lib/errors';
import { effectiveFeedbackState } from '../../lib/domain/feedback';
import { maySuspendClock } from '../../lib/vocabulary';
import type { Principal } from '../../lib/auth';
import type { Agency } from '../../lib/domain/enums';
import type { InspectionCommand, InspectionState } from '../../services/inspection/src/modules/casework/casework.commands';
import type { LeadTransferCommand, TransfersState } from '../../services/leads/src/modules/transfer/transfer.commands';

const LEAD = '0b0e7a52-4a55-4c43-9a3c-1d2f3e4a5b6c';
const calendar = loadWorkingCalendar();
/** Now: Friday 2026-10-16, 10:00 Asia/Shanghai. */
const AT = new Date('2026-10-16T02:00:00Z');
const staff = (agency: Agency, roles: Principal['roles']): Principal => ({ id: `${agency.toLowerCase()}-wang`, name: '王芳', agency, region: '140400', roles });
const supervisor = (agency: Agency) => ({ by: staff(agency, ['SUPERVISOR']), at: AT });
const handler = (agency: Agency) => ({ by: staff(agency, ['HANDLER']), at: AT });
const lastDay = (due: Date) => shanghaiDate(new Date(due.getTime() - 1));
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, reason: e.details.invalidFields?.[0]?.reason ?? e.reason, field: e.details.invalidFields?.[0]?.field ?? e.details.field };
  }
  throw new Error('expected a refusal');
};

describe('the working calendar moves a deadline', () => {
  it('by working days after its last day: over the National Day holiday onto the 调休 Saturday', () => {
    // Last day Wednesday 2026-09-30; 10-01..07 are holidays, Saturday 10-10 is a working day.
    const due = shanghaiStartOfDay('2026-10-01');
    expect(lastDay(calendar.moveDue(due, 3))).toBe('2026-10-10');
    expect(calendar.moveDue(due, 0)).toBe(due);
  });
});

describe('who may suspend a deadline (lib/vocabulary, shared with the console)', () => {
  it('a SUPERVISOR of the agency whose deadline it is, no one else', () => {
    expect(maySuspendClock({ agency: 'INSPECTION', roles: ['SUPERVISOR'] }, 'INSPECTION')).toBe(true);
    expect(maySuspendClock({ agency: 'INSPECTION', roles: ['HANDLER'] }, 'INSPECTION')).toBe(false);
    expect(maySuspendClock({ agency: 'UNION', roles: ['SUPERVISOR'] }, 'INSPECTION')).toBe(false);
  });
});

describe('an investigation deadline that pauses', () => {
  const opened = new Date('2026-09-01T02:00:00Z');
  const state = (over: Partial<InspectionState['case']> = {}): InspectionState => ({
    leadId: LEAD,
    case: { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: opened, arrivedAt: opened, investigationOpenedAt: opened, leadReceivedAt: new Date('2026-08-31T02:00:00Z'), ...over },
    orders: [],
    newOrderId: 'o1',
  });
  const decide = (s: InspectionState, cmd: InspectionCommand) => decideInspection(s, cmd, calendar);
  const suspend = (over: Partial<{ reason: string; suspendedOn: string | null }> = {}, who = supervisor('INSPECTION')): InspectionCommand => ({ type: 'suspendInvestigation', reason: '委托司法鉴定工资数额', suspendedOn: '2026-09-29', ...over, ...who });
  const resume = (resumedOn: string | null, who = supervisor('INSPECTION')): InspectionCommand => ({ type: 'resumeInvestigation', resumedOn, ...who });

  it('given an open investigation, when a supervisor suspends it, then INVESTIGATION_SUSPENDED dated that day, the reason on the timeline only', () => {
    const e = decide(state(), suspend());
    expect(e).toEqual({ kind: 'INVESTIGATION_SUSPENDED', entity: { type: 'InspectionCase', id: LEAD }, leadId: LEAD, facts: { suspendedOn: '2026-09-29' }, text: { reason: '委托司法鉴定工资数额' } });
    expect(JSON.stringify(auditData(e))).not.toContain('司法鉴定');
  });

  it('given it suspended on 09-29, when resumed on 10-09, then it stood 3 working days suspended and its deadline is 3 working days later', () => {
    const before = investigationDueAt(state().case, calendar)!;
    const e = decide(state({ investigationSuspendedOn: '2026-09-29' }), resume('2026-10-09'));
    expect(e).toMatchObject({ kind: 'INVESTIGATION_RESUMED', facts: { suspendedOn: '2026-09-29', resumedOn: '2026-10-09', workingDays: 3 } });
    const facts = e.facts as { dueAt: string; dueOn: string };
    expect(facts.dueAt).toBe(calendar.moveDue(before, 3).toISOString());
    expect(facts.dueOn).toBe(lastDay(calendar.moveDue(before, 3)));
    expect(calendar.workingDaysBetween(lastDay(before), facts.dueOn)).toBe(3);
    // A second suspension adds to the first.
    expect(investigationDueAt({ ...state().case, investigationSuspendedDays: 3 }, calendar)!.toISOString()).toBe(facts.dueAt);
  });

  it('given a suspension without a date, then it is dated today; resumed the same day, the deadline does not move', () => {
    expect(decide(state(), suspend({ suspendedOn: null })).facts).toEqual({ suspendedOn: '2026-10-16' });
    expect(decide(state({ investigationSuspendedOn: '2026-10-16' }), resume(null)).facts).toMatchObject({ resumedOn: '2026-10-16', workingDays: 0 });
  });

  it('refuses, each with its reason: not a supervisor of inspection, closed, not open, already suspended, not suspended', () => {
    expect(refusal(() => decide(state(), suspend({}, handler('INSPECTION'))))).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED' });
    expect(refusal(() => decide(state(), suspend({}, supervisor('UNION'))))).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED' });
    expect(refusal(() => decide(state({ closureState: 'CLOSED' }), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_CASE_CLOSED' });
    expect(refusal(() => decide(state({ investigationOpenedAt: null }), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_RUNNING' });
    expect(refusal(() => decide(state({ investigationSuspendedOn: '2026-09-29' }), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_ALREADY_SUSPENDED' });
    expect(refusal(() => decide(state(), resume(null)))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_SUSPENDED' });
  });

  it('refuses the fields: no reason, a day in the future or before the lead, a resumption before the suspension', () => {
    expect(refusal(() => decide(state(), suspend({ reason: '  ' })))).toEqual({ code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED', field: 'input.reason' });
    expect(refusal(() => decide(state(), suspend({ suspendedOn: '2026-10-17' })))).toEqual({ code: 'BAD_USER_INPUT', reason: 'IN_FUTURE', field: 'input.suspendedOn' });
    expect(refusal(() => decide(state(), suspend({ suspendedOn: '2026-08-30' })))).toEqual({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_LEAD_RECEIVED', field: 'input.suspendedOn' });
    expect(refusal(() => decide(state({ investigationSuspendedOn: '2026-09-29' }), resume('2026-09-28')))).toEqual({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_SUSPENSION', field: 'input.resumedOn' });
  });

  it('while suspended, the work queue does not count the investigation as due or overdue', () => {
    const facts = { ...state().case, firstContactAt: opened, feedbackState: 'NONE' };
    expect(nextDeadline(facts, [], calendar)?.kind).toBe('INVESTIGATION');
    expect(nextDeadline({ ...facts, investigationSuspendedOn: '2026-09-29' }, [], calendar)).toBeNull();
  });
});

describe('a transfer feedback deadline that pauses', () => {
  const due = shanghaiStartOfDay('2026-10-01');
  const transfer = (status: 'REQUESTED' | 'ACCEPTED' | 'COMPLETED', feedbackSuspendedOn: string | null = null) => ({ id: 't1', kind: 'REFERRAL' as const, from: 'UNION' as const, to: 'INSPECTION' as const, status, feedbackDueAt: due, feedbackSuspendedOn });
  const state = (t: ReturnType<typeof transfer>): TransfersState => ({
    leadId: LEAD,
    transfers: [t],
    involved: [],
    figures: { amountOwedFen: 8_919_500n, workerCount: 4 },
    newTransferId: 't2',
    defaultFeedbackDueAt: due,
    leadReceivedAt: new Date('2026-09-01T02:00:00Z'),
  });
  const decide = (s: TransfersState, cmd: LeadTransferCommand) => decideTransferCommand(s, cmd, calendar);
  const suspend = (who = supervisor('INSPECTION')): LeadTransferCommand => ({ type: 'clock', transferId: 't1', clock: { type: 'suspend', reason: '等待用人单位提交工资台账', suspendedOn: '2026-09-29' }, ...who });
  const resume = (who = supervisor('INSPECTION')): LeadTransferCommand => ({ type: 'clock', transferId: 't1', clock: { type: 'resume', resumedOn: '2026-10-09' }, ...who });

  it("given an accepted transfer, when the receiver's supervisor suspends its feedback deadline, then FEEDBACK_CLOCK_SUSPENDED on the route", () => {
    expect(decide(state(transfer('ACCEPTED')), suspend())).toEqual({
      kind: 'FEEDBACK_CLOCK_SUSPENDED',
      entity: { type: 'Transfer', id: 't1' },
      leadId: LEAD,
      facts: { kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION', suspendedOn: '2026-09-29' },
      text: { reason: '等待用人单位提交工资台账' },
    });
  });

  it('given it suspended on 09-29, when resumed on 10-09, then feedback is due 3 working days later (10-10, a 调休 Saturday)', () => {
    expect(decide(state(transfer('ACCEPTED', '2026-09-29')), resume())).toMatchObject({
      kind: 'FEEDBACK_CLOCK_RESUMED',
      facts: { suspendedOn: '2026-09-29', resumedOn: '2026-10-09', workingDays: 3, feedbackDueAt: shanghaiStartOfDay('2026-10-11').toISOString(), feedbackDueOn: '2026-10-10' },
    });
  });

  it('refuses: the sender or a handler, a transfer not accepted, already suspended, not suspended, answered', () => {
    expect(refusal(() => decide(state(transfer('ACCEPTED')), suspend(supervisor('UNION'))))).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED' });
    expect(refusal(() => decide(state(transfer('ACCEPTED')), suspend(handler('INSPECTION'))))).toMatchObject({ code: 'FORBIDDEN', reason: 'CLOCK_SUPERVISOR_REQUIRED' });
    expect(refusal(() => decide(state(transfer('REQUESTED')), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_RUNNING' });
    expect(refusal(() => decide(state(transfer('ACCEPTED', '2026-09-29')), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_ALREADY_SUSPENDED' });
    expect(refusal(() => decide(state(transfer('ACCEPTED')), resume()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_SUSPENDED' });
    expect(refusal(() => decide(state(transfer('COMPLETED', '2026-09-29')), resume()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_SUSPENDED' });
    expect(refusal(() => decide(state(transfer('COMPLETED', '2026-09-29')), suspend()))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CLOCK_NOT_RUNNING' });
  });

  it('while suspended, neither the receiver nor the sender has that deadline: feedback is DUE and AWAITING, never OVERDUE', () => {
    const facts = { from: 'UNION' as const, to: 'INSPECTION' as const, status: 'ACCEPTED' as const, requestedAt: new Date('2026-09-01T02:00:00Z'), feedbackDueAt: due };
    const running = deriveAgencyStates('UNION', [facts]);
    expect(effectiveFeedbackState(running.get('INSPECTION')!.feedbackState, running.get('INSPECTION')!.feedbackDueAt, AT)).toBe('OVERDUE');
    const paused = deriveAgencyStates('UNION', [{ ...facts, feedbackSuspended: true }]);
    expect(paused.get('INSPECTION')).toMatchObject({ feedbackState: 'DUE', feedbackDueAt: null });
    expect(paused.get('UNION')).toMatchObject({ feedbackState: 'AWAITING', feedbackDueAt: null });
    expect(effectiveFeedbackState(paused.get('INSPECTION')!.feedbackState, paused.get('INSPECTION')!.feedbackDueAt, AT)).toBe('DUE');
  });
});
