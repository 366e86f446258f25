/**
 * What falls due on a transfer, and whom it tells (issue 19). The receiver must accept or return
 * a transfer by its 受理期限 and give feedback by its feedback deadline; each is reminded shortly
 * before, told once it has passed, and escalated to the receiving agency's supervisors when it
 * stays unmet. Pure: the transfer, the settings, the calendar and now in; due deadlines out.
 */
import type { Agency, TransferKind, TransferStatus } from '../../../../../lib/domain/enums';
import type { DeadlineSettings } from '../../../../../lib/config';
import type { WorkingCalendar } from '../../../../../lib/calendar/working-days';
import type { DueDeadline } from '../../../../../lib/scheduler/scheduler';
import { lastDayOf, overdueBy, soonFrom, workingDaysOverdue } from '../../../../../lib/scheduler/due';
import type { NotificationDraft, NotificationKind, NotificationRecipient } from '../../../../../lib/vocabulary/notifications';

export interface TransferDeadlineFacts {
  id: string;
  leadId: string;
  referenceNo: string;
  leadRegionCode: string;
  kind: TransferKind;
  from: Agency;
  to: Agency;
  status: TransferStatus;
  requestedAt: Date;
  requestedBy: string;
  feedbackDueAt: Date;
  /** 中止: while the feedback deadline stands suspended, it is not due nor overdue. */
  feedbackSuspendedOn?: string | null;
}

export type TransferDeadlineKind = Extract<NotificationKind, 'ACCEPTANCE_DUE_SOON' | 'ACCEPTANCE_OVERDUE' | 'TRANSFER_ESCALATED' | 'FEEDBACK_DUE_SOON' | 'FEEDBACK_OVERDUE' | 'FEEDBACK_ESCALATED'>;

export interface TransferDeadline extends DueDeadline {
  kind: TransferDeadlineKind;
  transfer: TransferDeadlineFacts;
  /** The deadline it is about (the 受理期限 or the feedback deadline), and its last day. */
  deadline: Date;
  dueOn: string;
  /** Working days past the deadline when it fired (0 before it). */
  workingDaysOverdue: number;
}

/** A transfer's 受理期限: the end of the n-th working day after it was sent. */
export const acceptBy = (t: Pick<TransferDeadlineFacts, 'requestedAt'>, s: DeadlineSettings, calendar: WorkingCalendar) => calendar.dueAt(t.requestedAt, s.acceptWorkingDays);

/** Every deadline of this transfer that has come due by `now` (whether fired before or not). */
export function transferDeadlinesDue(t: TransferDeadlineFacts, s: DeadlineSettings, calendar: WorkingCalendar, now: Date): TransferDeadline[] {
  const due: TransferDeadline[] = [];
  const at = (kind: TransferDeadlineKind, deadline: Date, dueAt: Date) => {
    if (dueAt.getTime() > now.getTime()) return;
    const dueOn = lastDayOf(deadline);
    due.push({ key: `${kind}:${t.id}:${dueOn}`, kind, dueAt, transfer: t, deadline, dueOn, workingDaysOverdue: workingDaysOverdue(deadline, now, calendar) });
  };
  if (t.status === 'REQUESTED') {
    const deadline = acceptBy(t, s, calendar);
    // Only the newest reminder matters: once the deadline has passed, "due soon" is not sent late.
    if (now < deadline) at('ACCEPTANCE_DUE_SOON', deadline, soonFrom(deadline, s.acceptanceSoonWorkingDays, calendar));
    at('ACCEPTANCE_OVERDUE', deadline, deadline);
    at('TRANSFER_ESCALATED', deadline, overdueBy(deadline, s.escalateAcceptanceAfterWorkingDays, calendar));
  }
  if (t.status === 'ACCEPTED' && !t.feedbackSuspendedOn) {
    const deadline = t.feedbackDueAt;
    if (now < deadline) at('FEEDBACK_DUE_SOON', deadline, soonFrom(deadline, s.feedbackSoonWorkingDays, calendar));
    at('FEEDBACK_OVERDUE', deadline, deadline);
    at('FEEDBACK_ESCALATED', deadline, overdueBy(deadline, s.escalateFeedbackAfterWorkingDays, calendar));
  }
  return due;
}

/** Who is told: the unit that must act, the supervisors it escalates to, the staff member who sent it. */
export function transferDeadlineRecipients(d: TransferDeadline): NotificationRecipient[] {
  const t = d.transfer;
  const receivingUnit = { agency: t.to, region: t.leadRegionCode };
  const receivingSupervisors = { agency: t.to, region: t.leadRegionCode, role: 'SUPERVISOR' as const };
  const sender = { agency: t.from, staffId: t.requestedBy };
  switch (d.kind) {
    case 'ACCEPTANCE_DUE_SOON':
    case 'ACCEPTANCE_OVERDUE':
    case 'FEEDBACK_DUE_SOON':
      return [receivingUnit];
    case 'FEEDBACK_OVERDUE':
      return [receivingUnit, sender];
    case 'TRANSFER_ESCALATED':
      return [receivingSupervisors, sender];
    case 'FEEDBACK_ESCALATED':
      return [receivingSupervisors];
  }
}

const recipientTag = (r: NotificationRecipient) => ('staffId' in r ? `staff:${r.agency}:${r.staffId}` : `unit:${r.agency}:${r.region}${r.role ? `:${r.role}` : ''}`);

/** The notifications a due deadline sends: one per recipient, each with a key of its own. */
export function transferDeadlineDrafts(d: TransferDeadline): NotificationDraft[] {
  const t = d.transfer;
  return transferDeadlineRecipients(d).map((recipient) => ({
    recipient,
    kind: d.kind,
    leadId: t.leadId,
    referenceNo: t.referenceNo,
    facts: { transferId: t.id, kind: t.kind, from: t.from, to: t.to, dueOn: d.dueOn, workingDaysOverdue: d.workingDaysOverdue },
    dedupeKey: `${d.key}:${recipientTag(recipient)}`,
    at: d.dueAt,
  }));
}

/** Escalations are also shown on the lead's timeline. */
export const escalates = (d: TransferDeadline) => d.kind === 'TRANSFER_ESCALATED' || d.kind === 'FEEDBACK_ESCALATED';
