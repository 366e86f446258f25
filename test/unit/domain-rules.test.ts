import { decideTransfer, checkNewTransfer, type TransferNow } from '../../services/leads/src/modules/transfer/transfer.rules';
import { deriveAgencyStates, type TransferFacts } from '../../services/leads/src/modules/transfer/agency-states';
import { effectiveFeedbackState } from '../../lib/domain/feedback';
import { decideClose, decideReopen } from '../../lib/agency-case/closure';
import { loadWorkingCalendar } from '../../lib/calendar/working-days';
import { decideAdvance, fundAfter } from '../../services/union/src/modules/relief-fund/relief-fund.rules';
import * as rules from '../../services/inspection/src/modules/casework/inspection.rules';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';
import type { Agency } from '../../lib/domain/enums';

/** A fixed clock (a Wednesday in mid-month, Shanghai): no rule here may depend on the day the suite runs. */
const NOW = new Date('2026-11-18T02:00:00Z');
const staff = (agency: Agency, roles: Principal['roles'] = ['HANDLER']): Principal => ({ id: `${agency}-1`, name: 'x', agency, region: '140400', roles });
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'OK';
};

describe('the transfer state machine (FHIR Task referral)', () => {
  const requested: TransferNow = { status: 'REQUESTED', from: 'UNION', to: 'INSPECTION' };
  const accepted: TransferNow = { ...requested, status: 'ACCEPTED' };

  it('lets the receiver accept or return a requested transfer, and the sender cancel it', () => {
    expect(decideTransfer(requested, { type: 'accept' }, staff('INSPECTION')).status).toBe('ACCEPTED');
    expect(decideTransfer(requested, { type: 'reject', reason: '不属于本部门管辖' }, staff('INSPECTION')).status).toBe('REJECTED');
    expect(decideTransfer(requested, { type: 'cancel', reason: '已自行调解' }, staff('UNION')).status).toBe('CANCELLED');
  });

  it('takes interim feedback any number of times while accepted, and final feedback completes it', () => {
    const fb = (final: boolean) => decideTransfer(accepted, { type: 'feedback', final, summary: '已立案调查', amountRecovered: '62436.50' }, staff('INSPECTION'));
    expect(fb(false).status).toBe('ACCEPTED');
    const done = fb(true);
    expect(done).toMatchObject({ status: 'COMPLETED', amountRecovered: 6_243_650n });
  });

  it.each<[string, TransferNow, Parameters<typeof decideTransfer>[1], Agency, string]>([
    ['accept twice', accepted, { type: 'accept' }, 'INSPECTION', 'INVALID_TRANSITION'],
    ['cancel after acceptance', accepted, { type: 'cancel', reason: 'r' }, 'UNION', 'INVALID_TRANSITION'],
    ['feedback before acceptance', requested, { type: 'feedback', final: true, summary: 's' }, 'INSPECTION', 'INVALID_TRANSITION'],
    ['feedback on a completed transfer', { ...requested, status: 'COMPLETED' }, { type: 'feedback', final: false, summary: 's' }, 'INSPECTION', 'INVALID_TRANSITION'],
    ['the sender accepting', requested, { type: 'accept' }, 'UNION', 'FORBIDDEN'],
    ['the receiver cancelling', requested, { type: 'cancel', reason: 'r' }, 'INSPECTION', 'FORBIDDEN'],
    ['a bystander giving feedback', accepted, { type: 'feedback', final: true, summary: 's' }, 'COURT', 'FORBIDDEN'],
    ['returning without a reason', requested, { type: 'reject', reason: '  ' }, 'INSPECTION', 'BAD_USER_INPUT'],
    ['feedback with fractions of a fen', accepted, { type: 'feedback', final: true, summary: 's', amountRecovered: '1.001' }, 'INSPECTION', 'BAD_USER_INPUT'],
  ])('refuses %s', (_what, t, cmd, agency, code) => {
    expect(codeOf(() => decideTransfer(t, cmd, staff(agency)))).toBe(code);
  });

  it('needs a handler or supervisor', () => {
    expect(codeOf(() => decideTransfer(requested, { type: 'accept' }, staff('INSPECTION', ['VIEWER'])))).toBe('FORBIDDEN');
  });

  it('sends only what each kind allows, from an agency handling the lead, once at a time', () => {
    const now = NOW;
    const handling = { transferState: 'ORIGINATED' as const, closureState: 'OPEN' as const };
    const send = (to: Agency, kind: Parameters<typeof checkNewTransfer>[0]['kind'], from: Agency = 'UNION', open: TransferNow[] = [], standing = handling) =>
      codeOf(() => checkNewTransfer({ to, kind, reason: '请依法处理' }, staff(from), standing, open, now));
    expect(send('INSPECTION', 'REFERRAL')).toBe('OK');
    expect(send('PROCURATORATE', 'SUPPORT_TO_SUE')).toBe('OK');
    expect(send('COURT', 'COURT_FILING')).toBe('BAD_USER_INPUT');
    expect(send('COURT', 'COURT_FILING', 'PROCURATORATE')).toBe('OK');
    expect(send('UNION', 'DELEGATED_MEDIATION', 'COURT')).toBe('OK');
    expect(send('UNION', 'REFERRAL')).toBe('BAD_USER_INPUT');
    expect(send('INSPECTION', 'REFERRAL', 'UNION', [{ status: 'REQUESTED', from: 'UNION', to: 'INSPECTION' }])).toBe('CONFLICT');
    expect(send('INSPECTION', 'REFERRAL', 'UNION', [], { transferState: 'ORIGINATED', closureState: 'CLOSED' } as never)).toBe('INVALID_TRANSITION');
    expect(send('INSPECTION', 'REFERRAL', 'UNION', [], { transferState: 'PENDING_ACCEPTANCE', closureState: 'OPEN' } as never)).toBe('INVALID_TRANSITION');
    expect(codeOf(() => checkNewTransfer({ to: 'INSPECTION', kind: 'REFERRAL', reason: 'r' }, staff('UNION'), undefined, [], now))).toBe('INVALID_TRANSITION');
  });
});

describe("each agency's states follow from the transfers", () => {
  const t0 = new Date('2026-09-28T02:00:00Z');
  const due = new Date('2026-10-16T16:00:00Z');
  const referral = (status: TransferFacts['status'], extra: Partial<TransferFacts> = {}): TransferFacts => ({ from: 'UNION', to: 'INSPECTION', status, requestedAt: t0, feedbackDueAt: due, ...extra });

  it.each<[TransferFacts['status'], object, object]>([
    ['REQUESTED', { transferState: 'TRANSFERRED_OUT', feedbackState: 'AWAITING' }, { transferState: 'PENDING_ACCEPTANCE', feedbackState: 'NONE' }],
    ['ACCEPTED', { transferState: 'TRANSFERRED_OUT', feedbackState: 'AWAITING' }, { transferState: 'ACCEPTED', feedbackState: 'DUE' }],
    ['COMPLETED', { transferState: 'ORIGINATED', feedbackState: 'RECEIVED' }, { transferState: 'ACCEPTED', feedbackState: 'GIVEN' }],
    ['REJECTED', { transferState: 'ORIGINATED', feedbackState: 'NONE' }, { transferState: 'RETURNED', feedbackState: 'NONE' }],
    ['CANCELLED', { transferState: 'ORIGINATED', feedbackState: 'NONE' }, { transferState: 'PENDING_ACCEPTANCE', feedbackState: 'NONE' }],
  ])('a union referral that is %s', (status, union, inspection) => {
    const states = deriveAgencyStates('UNION', [referral(status, { completedAt: status === 'COMPLETED' ? t0 : null })]);
    expect(states.get('UNION')).toMatchObject(union);
    expect(states.get('INSPECTION')).toMatchObject(inspection);
  });

  it("keeps each agency's nearest deadline: accepting a lead sent to it where a rule sets one, else feedback", () => {
    // Labour inspection accepts within 5 working days: from Monday 28 September 2026, past National Day, to the end of Saturday 10 October (a working day).
    const calendar = loadWorkingCalendar();
    const acceptBy = (t: TransferFacts) => (t.to === 'INSPECTION' ? calendar.dueAt(t.requestedAt, 5) : null);
    const pending = deriveAgencyStates('UNION', [referral('REQUESTED')], acceptBy);
    expect(pending.get('INSPECTION')!.deadlineAt!.toISOString()).toBe('2026-10-10T16:00:00.000Z');
    expect(pending.get('UNION')!.deadlineAt).toEqual(due);
    // Accepted, its deadline is the feedback it owes; no rule for the procuratorate, so none while it waits.
    expect(deriveAgencyStates('UNION', [referral('ACCEPTED')], acceptBy).get('INSPECTION')!.deadlineAt).toEqual(due);
    const support = deriveAgencyStates('UNION', [referral('REQUESTED', { to: 'PROCURATORATE' })], acceptBy);
    expect(support.get('PROCURATORATE')!.deadlineAt).toBeNull();
    // Nothing owed, nothing awaited: no deadline.
    expect(deriveAgencyStates('UNION', [referral('COMPLETED', { completedAt: t0 })], acceptBy).get('INSPECTION')!.deadlineAt).toBeNull();
  });

  it('counts the feedback deadline in working days across National Day, then turns overdue', () => {
    // Requested on Monday 28 September 2026: 1-7 October are off and Saturday 10 October is a
    // working day, so the 10th working day is Friday 16 October; due at midnight that ends it.
    const calendar = loadWorkingCalendar();
    expect(calendar.dueAt(t0, 10).toISOString()).toBe('2026-10-16T16:00:00.000Z');
    const { feedbackState, feedbackDueAt } = deriveAgencyStates('UNION', [referral('ACCEPTED')]).get('INSPECTION')!;
    expect(effectiveFeedbackState(feedbackState, feedbackDueAt, new Date('2026-10-16T15:59:59Z'))).toBe('DUE');
    expect(effectiveFeedbackState(feedbackState, feedbackDueAt, new Date('2026-10-16T16:00:01Z'))).toBe('OVERDUE');
    expect(effectiveFeedbackState('AWAITING', feedbackDueAt, new Date('2026-10-17T00:00:00Z'))).toBe('OVERDUE');
    expect(effectiveFeedbackState('GIVEN', feedbackDueAt, new Date('2027-01-01T00:00:00Z'))).toBe('GIVEN');
  });
});

describe('closing and reopening a case', () => {
  const open = { transferState: 'ACCEPTED', feedbackState: 'NONE', closureState: 'OPEN' };
  const close = { reason: 'PAID_IN_FULL' as const, amountRecovered: '62436.50', workersPaid: 4, note: '已全额支付' };

  it('closes with the amounts exact and reopens with a note', () => {
    expect(decideClose(open, close, 'INSPECTION', staff('INSPECTION'), NOW).amountRecoveredFen).toBe('6243650');
    expect(decideReopen({ ...open, closureState: 'CLOSED' }, '工人再次投诉', 'INSPECTION', staff('INSPECTION'))).toEqual({ note: '工人再次投诉' });
  });

  it.each<[string, object, string]>([
    ['while final feedback is owed', { ...open, feedbackState: 'DUE' }, 'INVALID_TRANSITION'],
    ['before accepting the lead', { ...open, transferState: 'PENDING_ACCEPTANCE' }, 'INVALID_TRANSITION'],
    ['a returned lead', { ...open, transferState: 'RETURNED' }, 'INVALID_TRANSITION'],
    ['twice', { ...open, closureState: 'CLOSED' }, 'INVALID_TRANSITION'],
  ])('refuses to close %s', (_what, c, code) => {
    expect(codeOf(() => decideClose(c as never, close, 'INSPECTION', staff('INSPECTION'), NOW))).toBe(code);
  });

  it("refuses another agency's staff, and a reopening without a note", () => {
    expect(codeOf(() => decideClose(open, close, 'INSPECTION', staff('UNION'), NOW))).toBe('FORBIDDEN');
    expect(codeOf(() => decideReopen({ ...open, closureState: 'CLOSED' }, ' ', 'INSPECTION', staff('INSPECTION')))).toBe('BAD_USER_INPUT');
  });
});

describe('relief fund arithmetic', () => {
  const fund = { balanceFen: 10_000_000n, advancedTotalFen: 0n, recoveredTotalFen: 0n };

  it('moves the balance and the totals exactly, in fen', () => {
    const advanced = fundAfter(fund, 'ADVANCE', 6_243_650n);
    expect(advanced).toEqual({ balanceFen: 3_756_350n, advancedTotalFen: 6_243_650n, recoveredTotalFen: 0n });
    expect(fundAfter(advanced, 'RECOVERY', 6_243_650n)).toEqual({ balanceFen: 10_000_000n, advancedTotalFen: 6_243_650n, recoveredTotalFen: 6_243_650n });
    expect(fundAfter(fund, 'DEPOSIT', 1n).balanceFen).toBe(10_000_001n);
  });

  it('refuses an advance beyond the balance or beyond what the lead is owed', () => {
    const union: Principal = { id: 'u', name: 'u', agency: 'UNION', region: '140400', roles: ['HANDLER'] };
    const c = { transferState: 'ORIGINATED', closureState: 'OPEN', amountOwedFen: 8_919_500n, workerCount: 4 };
    const req = (amount: string) => ({ amount, workerCount: 4, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400' });
    expect(decideAdvance(union, c, { regionCode: '140400', balanceFen: 10_000_000n }, 0n, req('62436.50'), NOW).amountFen).toBe(6_243_650n);
    expect(codeOf(() => decideAdvance(union, c, { regionCode: '140400', balanceFen: 6_243_649n }, 0n, req('62436.50'), NOW))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decideAdvance(union, c, { regionCode: '140400', balanceFen: 10_000_000n }, 6_243_650n, req('26758.51'), NOW))).toBe('BAD_USER_INPUT');
    expect(decideAdvance(union, c, { regionCode: '140400', balanceFen: 10_000_000n }, 6_243_650n, req('26758.50'), NOW).amountFen).toBe(2_675_850n);
  });
});

describe('labour inspection deadlines', () => {
  const calendar = loadWorkingCalendar();
  const referred = (arrivedAt: string, firstContactAt?: string) => ({
    transferState: 'ACCEPTED',
    closureState: 'OPEN',
    openedAt: new Date(arrivedAt),
    arrivedAt: new Date(arrivedAt),
    firstContactAt: firstContactAt ? new Date(firstContactAt) : null,
  });

  it('gives 5 working days to accept a referred lead, across National Day', () => {
    // Arrived Wednesday 30 September 2026: 1-7 October off, Saturday 10 October worked, so the
    // 5th working day is Tuesday 13 October.
    expect(rules.acceptBy(referred('2026-09-30T02:00:00Z'), calendar)?.toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(rules.acceptBy({ ...referred('2026-09-30T02:00:00Z'), arrivedAt: null }, calendar)).toBeNull();
  });

  it('flags a first contact after the Shanghai day the lead arrived', () => {
    // 23:30 and 00:30 the next day in Shanghai.
    expect(rules.firstContactLate(referred('2026-09-30T15:30:00Z', '2026-09-30T15:59:00Z'), NOW)).toBe(false);
    expect(rules.firstContactLate(referred('2026-09-30T15:30:00Z', '2026-09-30T16:30:00Z'), NOW)).toBe(true);
    expect(rules.firstContactLate(referred('2026-09-30T15:30:00Z'), new Date('2026-09-30T15:45:00Z'))).toBe(false);
    expect(rules.firstContactLate(referred('2026-09-30T15:30:00Z'), new Date('2026-10-01T01:00:00Z'))).toBe(true);
  });

  it('makes a payment order overdue after its pay-by day, until paid in full', () => {
    const order = { amountFen: 8_919_500n, paidFen: 5_000_000n, payBy: '2026-11-20' };
    expect(rules.orderOverdue(order, new Date('2026-11-20T15:59:00Z'))).toBe(false);
    expect(rules.orderOverdue(order, new Date('2026-11-20T16:00:00Z'))).toBe(true);
    expect(rules.orderOverdue({ ...order, paidFen: 8_919_500n }, new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });

  it('closes a referred lead only after a callback; its own intake needs none', () => {
    expect(codeOf(() => rules.checkCloseInspection(referred('2026-09-30T02:00:00Z'), 0))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => rules.checkCloseInspection(referred('2026-09-30T02:00:00Z'), 1))).toBe('OK');
    expect(codeOf(() => rules.checkCloseInspection({ ...referred('2026-09-30T02:00:00Z'), arrivedAt: null }, 0))).toBe('OK');
  });
});

describe('police referral (两法衔接)', () => {
  const inspector: Principal = { id: 'i', name: 'i', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] };
  const c = { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: new Date('2026-11-01T00:00:00Z') };
  const lapsed = [{ amountFen: 100n, paidFen: 0n, payBy: '2026-11-10' }];
  const now = new Date('2026-11-23T04:00:00Z');
  const refer = (decidedAt: string, orders = lapsed, extra: object = {}) =>
    codeOf(() => rules.decidePoliceReferral(inspector, { ...c, ...extra }, orders, { policeUnit: '长治市公安局', decidedAt: new Date(decidedAt) }, now));

  it('sends within 24 hours of the decision, only after a payment order lapsed unpaid', () => {
    expect(refer('2026-11-22T04:00:00Z')).toBe('OK');
    expect(refer('2026-11-22T03:59:59Z')).toBe('BAD_USER_INPUT');
    expect(refer('2026-11-23T03:00:00Z', [{ ...lapsed[0], paidFen: 100n }])).toBe('INVALID_TRANSITION');
    expect(refer('2026-11-23T03:00:00Z', [{ ...lapsed[0], payBy: '2026-11-30' }])).toBe('INVALID_TRANSITION');
    expect(refer('2026-11-23T03:00:00Z', lapsed, { policeSentAt: new Date('2026-11-20T00:00:00Z') })).toBe('INVALID_TRANSITION');
    expect(refer('2026-11-24T03:00:00Z')).toBe('BAD_USER_INPUT');
  });
});

describe('investigation deadlines and the work queue', () => {
  const calendar = loadWorkingCalendar();
  const opened = new Date('2026-09-30T02:00:00Z');
  const base = { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: opened, arrivedAt: opened, investigationOpenedAt: opened, feedbackState: 'DUE', feedbackDueAt: null as Date | null };

  it('gives an investigation 60 working days, 90 once extended', () => {
    expect(rules.investigationDueAt(base, calendar)?.toISOString()).toBe(calendar.dueAt(opened, 60).toISOString());
    expect(rules.investigationDueAt({ ...base, investigationExtendedAt: NOW }, calendar)?.toISOString()).toBe(calendar.dueAt(opened, 90).toISOString());
    expect(rules.investigationDueAt({ ...base, investigationOpenedAt: null }, calendar)).toBeNull();
  });

  it('lets only a supervisor extend, and only once', () => {
    const sup: Principal = { id: 's', name: 's', agency: 'INSPECTION', region: '140400', roles: ['SUPERVISOR'] };
    expect(rules.decideExtension(sup, base, '涉及多个分包单位').reason).toBe('涉及多个分包单位');
    expect(codeOf(() => rules.decideExtension({ ...sup, roles: ['HANDLER'] }, base, 'r'))).toBe('FORBIDDEN');
    expect(codeOf(() => rules.decideExtension(sup, { ...base, investigationExtendedAt: NOW }, 'r'))).toBe('INVALID_TRANSITION');
  });

  it('puts the nearest deadline first: first contact, then a payment order, then feedback, then the investigation', () => {
    const order = { amountFen: 100n, paidFen: 0n, payBy: '2026-10-09' };
    expect(rules.nextDeadline(base, [order], calendar)).toEqual({ kind: 'FIRST_CONTACT', at: new Date('2026-09-30T16:00:00Z') });
    const contacted = { ...base, firstContactAt: opened };
    expect(rules.nextDeadline(contacted, [order], calendar)).toEqual({ kind: 'PAYMENT_ORDER', at: new Date('2026-10-09T16:00:00Z') });
    expect(rules.nextDeadline({ ...contacted, feedbackDueAt: new Date('2026-10-05T00:00:00Z') }, [order], calendar)?.kind).toBe('FEEDBACK');
    expect(rules.nextDeadline(contacted, [{ ...order, paidFen: 100n }], calendar)?.kind).toBe('INVESTIGATION');
    expect(rules.nextDeadline({ ...base, transferState: 'PENDING_ACCEPTANCE' }, [], calendar)).toEqual({ kind: 'ACCEPT_BY', at: rules.acceptBy(base, calendar) });
    expect(rules.nextDeadline({ ...base, closureState: 'CLOSED' }, [order], calendar)).toBeNull();
  });
});
