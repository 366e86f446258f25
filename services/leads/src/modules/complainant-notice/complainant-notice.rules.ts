/**
 * Notices owed to complainants (《保障农民工工资支付条例》第十条, 首问负责制): which events owe one, the
 * key that makes each owed once, and how the notifier's reports change a notice. Pure.
 */
import { hasRole, type Principal } from '../../../../../lib/auth';
import { badInput, refuse } from '../../../../../lib/errors';
import { ACT_CLOCK_SKEW_MS } from '../../../../../lib/domain/act-dates';
import { event } from '../../../../../lib/vocabulary/events';
import { TEXT_MAX, cleanText, textProblem } from '../../../../../lib/vocabulary/text';
import type { ClosureReason, TransferKind } from '../../../../../lib/domain/enums';
import type { ComplainantNoticeKind } from '../../../../../lib/i18n/complainant-notices';
import type { TimelineEvent } from '../../../../../lib/messages';
import type { ComplainantNoticeCommand, ComplainantNoticeEvent, NoticeState } from './complainant-notice.commands';

export interface OwedNotice {
  kind: ComplainantNoticeKind;
  /** One per event: with the complainant, the notice's unique key. */
  eventKey: string;
  to?: string;
  transferKind?: TransferKind;
  closureReason?: ClosureReason;
}

/**
 * The notice an agency's act owes each complainant of the lead, or null: the intake agency
 * accepting the lead (its case opened as its own intake), a transfer sent or accepted, a case closed.
 */
export function noticeOwed(e: Pick<TimelineEvent, 'kind' | 'agency' | 'at' | 'facts' | 'leadId'>): OwedNotice | null {
  const f = (e.facts ?? {}) as Record<string, string | undefined>;
  const key = (...parts: (string | undefined)[]) => [e.kind, e.leadId, e.agency, e.at, ...parts].map((p) => p ?? '').join('|');
  switch (e.kind) {
    case 'CASE_OPENED':
      return f.transferState === 'ORIGINATED' ? { kind: 'LEAD_ACCEPTED', eventKey: key() } : null;
    case 'TRANSFER_REQUESTED':
      return { kind: 'TRANSFER_SENT', eventKey: key(f.kind, f.to), to: f.to, transferKind: f.kind as TransferKind };
    case 'TRANSFER_ACCEPTED':
      return { kind: 'TRANSFER_ACCEPTED', eventKey: key(f.kind, f.from), transferKind: f.kind as TransferKind };
    case 'CASE_CLOSED':
      return { kind: 'CASE_CLOSED', eventKey: key(f.reason), closureReason: f.reason as ClosureReason };
    default:
      return null;
  }
}

/** The queue is the notifier's alone: staff never drain it, the notifier does nothing else. */
export function mayDrainNotices(by: Principal): void {
  if (!hasRole(by, 'NOTIFIER')) throw refuse('COMPLAINANT_NOTICES_NOTIFIER_ONLY');
}

/**
 * A report of the notifier. Reporting again what is already so changes nothing (a retried call);
 * a notice reported failed may later be reported sent (a retry got through), never the reverse.
 */
export function decideComplainantNotice(n: NoticeState, cmd: ComplainantNoticeCommand, now = new Date()): ComplainantNoticeEvent[] {
  mayDrainNotices(cmd.by);
  const entity = { type: 'ComplainantNotice', id: n.id };
  const who = { noticeId: n.id, noticeKind: n.kind, complainantOrdinal: n.complainantOrdinal };
  if (cmd.type === 'markSent') {
    if (cmd.sentAt.getTime() > now.getTime() + ACT_CLOCK_SKEW_MS) throw badInput('sentAt', 'IN_FUTURE');
    if (cmd.sentAt.getTime() < n.createdAt.getTime() - ACT_CLOCK_SKEW_MS) throw badInput('sentAt', 'SENT_BEFORE_NOTICE_OWED', { owedAt: n.createdAt.toISOString() });
    if (n.status === 'SENT') {
      if (n.channel === cmd.channel) return [];
      throw refuse('COMPLAINANT_NOTICE_ALREADY_SENT', { sentAt: n.sentAt!.toISOString() });
    }
    return [event('COMPLAINANT_NOTICE_SENT', entity, n.leadId, { ...who, channel: cmd.channel, sentAt: cmd.sentAt.toISOString() })];
  }
  if (n.status === 'SENT') throw refuse('COMPLAINANT_NOTICE_ALREADY_SENT', { sentAt: n.sentAt!.toISOString() });
  if (n.status === 'FAILED' && n.failedReason === cmd.reason) return [];
  return [event('COMPLAINANT_NOTICE_FAILED', entity, n.leadId, { ...who, attempts: n.attempts + 1 })];
}

/** The notifier's reason for a failure, as kept: one line, required, within the text limit. */
export function failureReason(given: string): string {
  const reason = cleanText(given, 'line');
  const p = textProblem(reason, { required: true, max: TEXT_MAX });
  if (p?.rule === 'required') throw badInput('reason', 'FIELD_REQUIRED');
  if (p?.rule === 'tooLong') throw badInput('reason', 'TEXT_TOO_LONG', { max: p.max });
  return reason;
}
