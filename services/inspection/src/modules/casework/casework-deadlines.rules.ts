/**
 * What falls due on labour inspection's own casework (issue 19): an investigation due within
 * HUB_INVESTIGATION_SOON_WORKING_DAYS working days, a payment order's pay-by day over and the
 * order not paid in full. Each tells the inspection unit of the lead's region, once per deadline
 * (an extension or a new order is a new deadline). Pure.
 */
import type { WorkingCalendar } from '../../../../../lib/calendar/working-days';
import type { DeadlineSettings } from '../../../../../lib/config';
import { addDays, shanghaiStartOfDay } from '../../../../../lib/dates';
import { lastDayOf, soonFrom } from '../../../../../lib/scheduler/due';
import type { NoticeDeadline } from '../../../../../lib/scheduler/notice-source';
import type { NotificationKind } from '../../../../../lib/vocabulary/notifications';
import { investigationDueAt } from './inspection.rules';

export interface InvestigationFacts {
  leadId: string;
  referenceNo: string;
  regionCode: string;
  closureState: string;
  investigationOpenedAt: Date | null;
  investigationExtendedAt: Date | null;
  /** 中止: while suspended, the investigation is not due; resumed, its deadline has moved. */
  investigationSuspendedOn?: string | null;
  investigationSuspendedDays?: number;
}

export interface PaymentOrderFacts {
  id: string;
  leadId: string;
  referenceNo: string;
  regionCode: string;
  payBy: string;
  amountFen: bigint;
  paidFen: bigint;
}

const notice = (kind: NotificationKind, id: string, c: { leadId: string; referenceNo: string; regionCode: string }, dueOn: string, dueAt: Date): NoticeDeadline => {
  const key = `${kind}:${id}:${dueOn}`;
  return {
    key, kind, dueAt,
    drafts: [{ recipient: { agency: 'INSPECTION', region: c.regionCode }, kind, leadId: c.leadId, referenceNo: c.referenceNo, facts: { dueOn }, dedupeKey: `${key}:unit:INSPECTION:${c.regionCode}`, at: dueAt }],
  };
};

/** An open investigation nearing its deadline (60 working days, 90 once extended); none once past it. */
export function investigationDue(c: InvestigationFacts, s: DeadlineSettings, calendar: WorkingCalendar, now: Date): NoticeDeadline[] {
  if (c.closureState !== 'OPEN' || c.investigationSuspendedOn) return [];
  const due = investigationDueAt(c, calendar);
  if (!due || now >= due) return [];
  const from = soonFrom(due, s.investigationSoonWorkingDays, calendar);
  return from <= now ? [notice('INVESTIGATION_DUE_SOON', c.leadId, c, lastDayOf(due), from)] : [];
}

/** A payment order lapsed: its pay-by day (Asia/Shanghai) is over and it is not paid in full. */
export function paymentOrderDue(o: PaymentOrderFacts, now: Date): NoticeDeadline[] {
  const lapsedAt = shanghaiStartOfDay(addDays(o.payBy, 1));
  return o.paidFen < o.amountFen && lapsedAt <= now ? [notice('PAYMENT_ORDER_LAPSED', o.id, o, o.payBy, lapsedAt)] : [];
}
