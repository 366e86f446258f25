import type { TimelineEvent } from '../../../../../lib/messages';
import type { Agency } from '../../../../../lib/domain/enums';
import { EVENT_NOTIFICATIONS, isStaffRecipient, type NotificationDraft, type NotificationRecipient } from '../../../../../lib/vocabulary/notifications';

type NotifyingKind = (typeof EVENT_NOTIFICATIONS)[number];
export const notifiesOf = (kind: string): kind is NotifyingKind => (EVENT_NOTIFICATIONS as readonly string[]).includes(kind);

const recipientKey = (r: NotificationRecipient) => (isStaffRecipient(r) ? `${r.agency}/staff/${r.staffId}` : `${r.agency}/${r.region}/${r.role ?? '*'}`);

/**
 * Who a timeline event tells, and what: a transfer to the receiving unit; its acceptance, return
 * and feedback to the sending unit; a mass case to the province's supervisors of the intake
 * agency; a reassignment to the new handler (unless they made it themselves). A unit is the
 * agency at the lead's region: its staff whose jurisdiction holds the lead.
 */
export function notificationsOf(e: TimelineEvent, lead: { referenceNo: string; regionCode: string }): NotificationDraft[] {
  if (!notifiesOf(e.kind)) return [];
  const f = (e.facts ?? {}) as Record<string, string | number | null | undefined>;
  const unit = (agency: unknown): NotificationRecipient => ({ agency: agency as Agency, region: lead.regionCode });
  const transfer = { kind: String(f.kind), from: String(f.from), to: String(f.to) };
  const drafts: { recipient: NotificationRecipient; facts: NotificationDraft['facts'] }[] = [];
  switch (e.kind) {
    case 'TRANSFER_REQUESTED':
      drafts.push({ recipient: unit(f.to), facts: { ...transfer, feedbackDueOn: String(f.feedbackDueOn) } });
      break;
    case 'TRANSFER_ACCEPTED':
    case 'TRANSFER_RETURNED':
    case 'FEEDBACK_INTERIM':
    case 'FEEDBACK_FINAL':
      drafts.push({ recipient: unit(f.from), facts: transfer });
      break;
    case 'MASS_CASE_FLAGGED':
      drafts.push({ recipient: { agency: e.agency, region: String(f.province), role: 'SUPERVISOR' }, facts: { workerCount: Number(f.workerCount), agency: e.agency } });
      break;
    case 'HANDLER_REASSIGNED':
      if (f.to && f.to !== e.actor) drafts.push({ recipient: { agency: e.agency, staffId: String(f.to) }, facts: { agency: e.agency } });
      break;
  }
  // The event's own moment and actor name it: the same event, delivered again, is the same key.
  return drafts.map((d) => ({
    ...d,
    kind: e.kind as NotifyingKind,
    leadId: e.leadId,
    referenceNo: lead.referenceNo,
    at: new Date(e.at),
    dedupeKey: `${e.kind}:${e.leadId}:${e.at}:${e.actor}:${recipientKey(d.recipient)}:${f.kind ?? ''}`,
  }));
}
