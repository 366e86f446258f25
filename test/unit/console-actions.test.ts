import { availableActions, mayPauseFeedback, mayRegisterLeads } from '../../console/src/actions';
import { HOLDING_STATES } from '../../lib/vocabulary';
import type { LeadPageQuery } from '../../client';

type Lead = NonNullable<LeadPageQuery['lead']>;
type Transfer = Lead['transfers'][number];
type Status = Lead['agencies'][number];

const agency = (a: Status['agency'], transferState: Status['transferState'], closureState: Status['closureState'] = 'OPEN'): Status =>
  ({ agency: a, transferState, feedbackState: 'NONE', closureState, closure: null });
const transfer = (id: string, from: Transfer['from'], to: Transfer['to'], status: Transfer['status']): Transfer =>
  ({ id, from, to, status, kind: 'REFERRAL', reason: '请依法查处', requestedAt: '2026-11-23T01:00:00Z', requestedBy: 'u', respondedAt: null, feedbackDueAt: '2026-12-08T15:59:59Z', rejectionReason: null, cancellationReason: null, feedbackSuspendedOn: null, feedbackSuspensionReason: null, feedback: [] });
const lead = (agencies: Status[], transfers: Transfer[]): Lead => ({ agencies, transfers } as unknown as Lead);

describe("the console offers what the caller's agency may do now", () => {
  const sent = lead([agency('UNION', 'TRANSFERRED_OUT'), agency('INSPECTION', 'PENDING_ACCEPTANCE')], [transfer('t1', 'UNION', 'INSPECTION', 'REQUESTED')]);

  test('the receiver of a transfer accepts or returns it, and nothing else until it has', () => {
    const a = availableActions(sent, 'INSPECTION', ['HANDLER']);
    expect(a.respond.map((t) => t.id)).toEqual(['t1']);
    expect(a).toMatchObject({ feedback: [], transferTo: [], close: false, callback: false, reopen: false });
  });

  test('the sender may withdraw it, may not send it to the same agency twice, and may close its own case', () => {
    const a = availableActions(sent, 'UNION', ['INTAKE', 'HANDLER']);
    expect(a.cancel.map((t) => t.id)).toEqual(['t1']);
    expect(a.transferTo).toEqual(['PROCURATORATE', 'COURT']);
    expect(a.close).toBe(true);
  });

  test('inspection, having accepted, owes feedback: no closing until it is final; a call back is offered', () => {
    const accepted = lead([agency('UNION', 'TRANSFERRED_OUT'), agency('INSPECTION', 'ACCEPTED')], [transfer('t1', 'UNION', 'INSPECTION', 'ACCEPTED')]);
    const a = availableActions(accepted, 'INSPECTION', ['HANDLER']);
    expect(a.feedback.map((t) => t.id)).toEqual(['t1']);
    expect(a).toMatchObject({ close: false, callback: true });
    const done = lead(accepted.agencies, [transfer('t1', 'UNION', 'INSPECTION', 'COMPLETED')]);
    expect(availableActions(done, 'INSPECTION', ['HANDLER'])).toMatchObject({ feedback: [], close: true });
  });

  test('a returned lead is read-only; a closed case can be reopened; viewers and uninvolved agencies get nothing', () => {
    const returned = lead([agency('UNION', 'ORIGINATED'), agency('INSPECTION', 'RETURNED')], [transfer('t1', 'UNION', 'INSPECTION', 'REJECTED')]);
    expect(availableActions(returned, 'INSPECTION', ['HANDLER'])).toMatchObject({ respond: [], transferTo: [], close: false, reopen: false });
    const closed = lead([agency('UNION', 'ORIGINATED', 'CLOSED')], []);
    expect(availableActions(closed, 'UNION', ['HANDLER'])).toMatchObject({ close: false, reopen: true, transferTo: [] });
    expect(availableActions(sent, 'UNION', ['VIEWER'])).toMatchObject({ cancel: [], transferTo: [], close: false });
    expect(availableActions(sent, 'COURT', ['HANDLER'])).toMatchObject({ respond: [], transferTo: [], close: false });
  });
});

describe('intake staff', () => {
  test('an INTAKE-only user is offered intake and nothing a handler does (the API refuses it them)', () => {
    const sent = lead([agency('UNION', 'TRANSFERRED_OUT'), agency('INSPECTION', 'PENDING_ACCEPTANCE')], [transfer('t1', 'UNION', 'INSPECTION', 'REQUESTED')]);
    const own = lead([agency('UNION', 'ORIGINATED')], []);
    for (const l of [sent, own, lead([agency('UNION', 'ORIGINATED', 'CLOSED')], [])]) {
      expect(availableActions(l, 'UNION', ['INTAKE'])).toEqual({ respond: [], feedback: [], cancel: [], transferTo: [], close: false, callback: false, reopen: false });
    }
    expect(availableActions(lead([agency('INSPECTION', 'PENDING_ACCEPTANCE')], [transfer('t1', 'UNION', 'INSPECTION', 'REQUESTED')]), 'INSPECTION', ['INTAKE']).respond).toEqual([]);
    expect(mayRegisterLeads(['INTAKE'])).toBe(true);
    expect(mayRegisterLeads(['HANDLER', 'SUPERVISOR'])).toBe(false);
  });

  test('the console and the services share one rule: an agency holds a lead it took in, accepted or sent on', () => {
    expect(HOLDING_STATES).toEqual(['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT']);
    expect(availableActions(lead([agency('UNION', 'TRANSFERRED_OUT')], []), 'UNION', ['HANDLER']).transferTo).toEqual(['INSPECTION', 'PROCURATORATE', 'COURT']);
  });
});

describe('中止/恢复 a feedback deadline is offered to the receiver\'s supervisors only', () => {
  const accepted = transfer('t1', 'UNION', 'INSPECTION', 'ACCEPTED');
  test('a supervisor of the receiving agency, while the transfer is accepted', () => {
    expect(mayPauseFeedback(accepted, { agency: 'INSPECTION', roles: ['SUPERVISOR'] })).toBe(true);
    expect(mayPauseFeedback(transfer('t1', 'UNION', 'INSPECTION', 'REQUESTED'), { agency: 'INSPECTION', roles: ['SUPERVISOR'] })).toBe(false);
  });
  test('not a handler, nor the sender\'s supervisor', () => {
    expect(mayPauseFeedback(accepted, { agency: 'INSPECTION', roles: ['HANDLER'] })).toBe(false);
    expect(mayPauseFeedback(accepted, { agency: 'UNION', roles: ['SUPERVISOR'] })).toBe(false);
  });
});
