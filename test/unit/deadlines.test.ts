/**
 * What falls due on a transfer (issue 19), given the transfer, when the clock reads a time, then
 * these deadlines with these keys and recipients. Every date was worked out by hand from the 2026
 * calendar (2026-12-07 is a Monday; 2026-10-01..07 are holidays and Saturday 2026-10-10 a working
 * day), not by calling the code under test. No database: the rules are pure.
 */
import { loadWorkingCalendar } from '../../lib/calendar/working-days';
import type { DeadlineSettings } from '../../lib/config';
import { calendarDaysHolding, overdueBy, soonFrom } from '../../lib/scheduler/due';
import { addDays } from '../../lib/dates';
import { investigationDue, paymentOrderDue } from '../../services/inspection/src/modules/casework/casework-deadlines.rules';
import { hearingDue, installmentDue } from '../../services/litigation/src/modules/lawsuit/lawsuit-deadlines.rules';
import { transferDeadlineDrafts, transferDeadlinesDue, type TransferDeadlineFacts } from '../../services/leads/src/modules/transfer/transfer-deadlines.rules';

delete process.env.HUB_CALENDAR_DIR;
const calendar = loadWorkingCalendar();
const settings: DeadlineSettings = {
  acceptWorkingDays: 5, acceptanceSoonWorkingDays: 1, feedbackSoonWorkingDays: 2, investigationSoonWorkingDays: 5,
  escalateAcceptanceAfterWorkingDays: 0, escalateFeedbackAfterWorkingDays: 3,
};
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);

const transfer = (over: Partial<TransferDeadlineFacts> = {}): TransferDeadlineFacts => ({
  id: 't1', leadId: 'lead-1', referenceNo: 'WA-140400-2026-000001', leadRegionCode: '140402', kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION',
  status: 'REQUESTED', requestedAt: sh('2026-12-07T10:00:00'), requestedBy: 'union-li',
  // Ten working days after Monday 12-07: the last day is Monday 12-21.
  feedbackDueAt: sh('2026-12-22T00:00:00'),
  ...over,
});
const kinds = (t: TransferDeadlineFacts, now: Date, s = settings) => transferDeadlinesDue(t, s, calendar, now).map((d) => d.kind);

describe('a transfer awaiting acceptance (受理期限: 5 working days, the last one Monday 12-14)', () => {
  it('is not due the day before one working day is left', () => {
    expect(kinds(transfer(), sh('2026-12-10T23:59:00'))).toEqual([]);
  });

  it('is due soon from Friday 12-11, when one working day (Monday) is left, keyed by its last day', () => {
    const [soon, ...rest] = transferDeadlinesDue(transfer(), settings, calendar, sh('2026-12-11T00:00:00'));
    expect(rest).toEqual([]);
    expect(soon).toMatchObject({ kind: 'ACCEPTANCE_DUE_SOON', key: 'ACCEPTANCE_DUE_SOON:t1:2026-12-14', dueAt: sh('2026-12-11T00:00:00'), workingDaysOverdue: 0 });
    expect(transferDeadlineDrafts(soon).map((d) => d.recipient)).toEqual([{ agency: 'INSPECTION', region: '140402' }]);
  });

  it('is overdue and escalated once Monday 12-14 is over; the late "due soon" is not sent', () => {
    const due = transferDeadlinesDue(transfer(), settings, calendar, sh('2026-12-15T09:00:00'));
    expect(due.map((d) => [d.kind, d.key])).toEqual([
      ['ACCEPTANCE_OVERDUE', 'ACCEPTANCE_OVERDUE:t1:2026-12-14'],
      ['TRANSFER_ESCALATED', 'TRANSFER_ESCALATED:t1:2026-12-14'],
    ]);
    expect(due.every((d) => d.dueAt.getTime() === sh('2026-12-15T00:00:00').getTime())).toBe(true);
  });

  it('escalates to the receiving agency\'s supervisors of the lead\'s region and to the staff member who sent it, each once', () => {
    const escalated = transferDeadlinesDue(transfer(), settings, calendar, sh('2026-12-15T09:00:00')).find((d) => d.kind === 'TRANSFER_ESCALATED')!;
    const drafts = transferDeadlineDrafts(escalated);
    expect(drafts.map((d) => d.recipient)).toEqual([{ agency: 'INSPECTION', region: '140402', role: 'SUPERVISOR' }, { agency: 'UNION', staffId: 'union-li' }]);
    expect(new Set(drafts.map((d) => d.dedupeKey)).size).toBe(2);
    expect(drafts[0]).toMatchObject({ kind: 'TRANSFER_ESCALATED', leadId: 'lead-1', referenceNo: 'WA-140400-2026-000001', facts: { transferId: 't1', dueOn: '2026-12-14', to: 'INSPECTION' } });
  });

  it('escalates later when HUB_ESCALATE_ACCEPTANCE_AFTER_WORKING_DAYS says so (2: from Wednesday 12-16, the second working day past it)', () => {
    const later = { ...settings, escalateAcceptanceAfterWorkingDays: 2 };
    expect(kinds(transfer(), sh('2026-12-15T23:00:00'), later)).toEqual(['ACCEPTANCE_OVERDUE']);
    expect(kinds(transfer(), sh('2026-12-16T00:00:00'), later)).toEqual(['ACCEPTANCE_OVERDUE', 'TRANSFER_ESCALATED']);
  });

  it('owes nothing once accepted, returned or cancelled', () => {
    for (const status of ['REJECTED', 'CANCELLED', 'COMPLETED'] as const) expect(kinds(transfer({ status }), sh('2027-03-01T09:00:00'))).toEqual([]);
  });
});

describe('an accepted transfer (feedback due by the end of Monday 12-21)', () => {
  const accepted = transfer({ status: 'ACCEPTED' });

  it('is due soon from Thursday 12-17, when two working days are left', () => {
    expect(kinds(accepted, sh('2026-12-16T23:59:00'))).toEqual([]);
    expect(kinds(accepted, sh('2026-12-17T00:00:00'))).toEqual(['FEEDBACK_DUE_SOON']);
  });

  it('is overdue from Tuesday 12-22, telling the receiving unit and the sender', () => {
    const due = transferDeadlinesDue(accepted, settings, calendar, sh('2026-12-22T08:00:00'));
    expect(due.map((d) => d.kind)).toEqual(['FEEDBACK_OVERDUE']);
    expect(transferDeadlineDrafts(due[0]).map((d) => d.recipient)).toEqual([{ agency: 'INSPECTION', region: '140402' }, { agency: 'UNION', staffId: 'union-li' }]);
  });

  it('escalates to the receiver\'s supervisors when three working days overdue (Thursday 12-24), not before', () => {
    expect(kinds(accepted, sh('2026-12-23T23:59:00'))).toEqual(['FEEDBACK_OVERDUE']);
    const due = transferDeadlinesDue(accepted, settings, calendar, sh('2026-12-24T09:00:00'));
    const escalated = due.find((d) => d.kind === 'FEEDBACK_ESCALATED')!;
    expect(escalated).toMatchObject({ key: 'FEEDBACK_ESCALATED:t1:2026-12-21', workingDaysOverdue: 3, dueAt: sh('2026-12-24T00:00:00') });
    expect(transferDeadlineDrafts(escalated).map((d) => d.recipient)).toEqual([{ agency: 'INSPECTION', region: '140402', role: 'SUPERVISOR' }]);
  });

  it('while its feedback deadline stands suspended (中止), nothing of it is due', () => {
    expect(kinds({ ...accepted, feedbackSuspendedOn: '2026-12-15' }, sh('2026-12-28T09:00:00'))).toEqual([]);
  });

  it('a moved deadline (a suspended clock) is a new deadline with a key of its own', () => {
    const moved = { ...accepted, feedbackDueAt: sh('2026-12-29T00:00:00') };
    expect(transferDeadlinesDue(moved, settings, calendar, sh('2026-12-29T09:00:00')).map((d) => d.key)).toEqual(['FEEDBACK_OVERDUE:t1:2026-12-28']);
  });
});

describe('working days, not calendar days', () => {
  it('counts "three working days overdue" past the National Day holiday: due 09-30, escalated from Saturday 10-10 (a working day)', () => {
    const due = sh('2026-10-01T00:00:00');
    expect(overdueBy(due, 3, calendar)).toEqual(sh('2026-10-10T00:00:00'));
  });

  it('counts "due within two working days" back over a weekend: due Monday 12-14, reminded from Thursday 12-10', () => {
    expect(soonFrom(sh('2026-12-15T00:00:00'), 2, calendar)).toEqual(sh('2026-12-10T00:00:00'));
  });
});

describe('labour inspection\'s deadlines', () => {
  const open = { leadId: 'lead-2', referenceNo: 'WA-140400-2026-000002', regionCode: '140402', closureState: 'OPEN', investigationOpenedAt: sh('2026-09-01T10:00:00'), investigationExtendedAt: null };
  // 60 working days after Tuesday 09-01 (09-25..27 and 10-01..07 off, Sunday 09-20 and Saturday 10-10 worked): 21 in
  // September, 18 in October, 21 in November up to Monday 11-30, the last day.
  it('reminds the inspection unit of an investigation due within 5 working days, from Monday 11-23', () => {
    expect(investigationDue(open, settings, calendar, sh('2026-11-22T23:59:00'))).toEqual([]);
    const [due] = investigationDue(open, settings, calendar, sh('2026-11-23T00:00:00'));
    expect(due).toMatchObject({ kind: 'INVESTIGATION_DUE_SOON', key: 'INVESTIGATION_DUE_SOON:lead-2:2026-11-30' });
    expect(due.drafts).toEqual([expect.objectContaining({ recipient: { agency: 'INSPECTION', region: '140402' }, facts: { dueOn: '2026-11-30' } })]);
  });

  it('says nothing of a closed case, nor once the deadline has passed', () => {
    expect(investigationDue({ ...open, closureState: 'CLOSED' }, settings, calendar, sh('2026-11-25T09:00:00'))).toEqual([]);
    expect(investigationDue(open, settings, calendar, sh('2026-12-01T09:00:00'))).toEqual([]);
  });

  it('says nothing while the investigation stands suspended (中止)', () => {
    expect(investigationDue({ ...open, investigationSuspendedOn: '2026-11-02' }, settings, calendar, sh('2026-11-25T09:00:00'))).toEqual([]);
  });

  it('an extension (90 working days) is a new deadline with a key of its own', () => {
    const [due] = investigationDue({ ...open, investigationExtendedAt: sh('2026-11-10T09:00:00') }, settings, calendar, sh('2027-01-05T09:00:00'));
    expect(due?.key).toMatch(/^INVESTIGATION_DUE_SOON:lead-2:2027-01-/);
  });

  it('a payment order lapses once its pay-by day is over unpaid, not while it is paid in full', () => {
    const order = { id: 'o1', leadId: 'lead-2', referenceNo: 'WA-140400-2026-000002', regionCode: '140402', payBy: '2026-12-10', amountFen: 100_00n, paidFen: 40_00n };
    expect(paymentOrderDue(order, sh('2026-12-10T23:59:00'))).toEqual([]);
    expect(paymentOrderDue(order, sh('2026-12-11T00:00:00'))).toEqual([expect.objectContaining({ kind: 'PAYMENT_ORDER_LAPSED', key: 'PAYMENT_ORDER_LAPSED:o1:2026-12-10', dueAt: sh('2026-12-11T00:00:00') })]);
    expect(paymentOrderDue({ ...order, paidFen: 100_00n }, sh('2026-12-20T00:00:00'))).toEqual([]);
  });
});

describe('litigation\'s deadlines', () => {
  const lawsuit = { leadId: 'lead-3', referenceNo: 'WA-140400-2026-000003', units: [{ agency: 'PROCURATORATE' as const, region: '140400' }, { agency: 'COURT' as const, region: '140402' }] };

  it('an installment unpaid past its due day tells the procuratorate and the court, once each', () => {
    const i = { id: 'i1', dueOn: '2026-12-15', amountFen: 500_00n, paidFen: 0n };
    expect(installmentDue(i, lawsuit, sh('2026-12-15T23:00:00'))).toEqual([]);
    const [due] = installmentDue(i, lawsuit, sh('2026-12-16T08:00:00'));
    expect(due.key).toBe('INSTALLMENT_OVERDUE:i1:2026-12-15');
    expect(due.drafts.map((d) => [d.recipient, d.dedupeKey])).toEqual([
      [{ agency: 'PROCURATORATE', region: '140400' }, 'INSTALLMENT_OVERDUE:i1:2026-12-15:unit:PROCURATORATE:140400'],
      [{ agency: 'COURT', region: '140402' }, 'INSTALLMENT_OVERDUE:i1:2026-12-15:unit:COURT:140402'],
    ]);
    expect(installmentDue({ ...i, paidFen: 500_00n }, lawsuit, sh('2026-12-20T08:00:00'))).toEqual([]);
  });

  it('a hearing is "tomorrow" only on the day before it, and not once held', () => {
    const h = { id: 'h1', date: '2026-12-18', held: false };
    expect(hearingDue(h, lawsuit, sh('2026-12-16T23:59:00'))).toEqual([]);
    expect(hearingDue(h, lawsuit, sh('2026-12-17T00:00:00')).map((d) => d.key)).toEqual(['HEARING_TOMORROW:h1:2026-12-18']);
    expect(hearingDue(h, lawsuit, sh('2026-12-18T08:00:00'))).toEqual([]);
    expect(hearingDue({ ...h, held: true }, lawsuit, sh('2026-12-17T09:00:00'))).toEqual([]);
  });
});

describe('the rows a pass reads', () => {
  it('span enough calendar days to hold the working days, over Spring Festival and National Day', () => {
    const holds = (from: string, n: number) => calendar.addWorkingDays(from, n) <= addDays(from, calendarDaysHolding(n));
    for (const from of ['2026-02-13', '2026-09-24', '2025-12-31', '2026-06-18']) for (const n of [0, 1, 2, 3, 5, 8, 60, 90]) expect(n === 0 || holds(from, n)).toBe(true);
  });
});
