import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlineSettings } from '../../../../../lib/config';
import type { DeadlineSource } from '../../../../../lib/scheduler/scheduler';
import { renderTimeline } from '../../../../../lib/i18n/timeline';
import type { Agency, TransferKind, TransferStatus } from '../../../../../lib/domain/enums';
import { calendar } from './deadlines';
import { escalates, transferDeadlineDrafts, transferDeadlinesDue, type TransferDeadline, type TransferDeadlineFacts } from './transfer-deadlines.rules';
import { notify } from '../notification/notification.store';
import { writeTimelineEntry } from '../timeline/timeline.store';

/** The actor of what the hub's own clock writes on a timeline. */
export const HUB_CLOCK = 'hub-clock';

interface Row {
  id: string;
  lead_id: string;
  reference_no: string;
  lead_region_code: string;
  kind: TransferKind;
  from_agency: Agency;
  to_agency: Agency;
  status: TransferStatus;
  requested_at: Date;
  requested_by: string;
  feedback_due_at: Date;
}

/**
 * Open transfers whose deadlines may be due: every one awaiting acceptance, and every accepted one
 * whose feedback deadline is less than a month away (no reminder starts earlier).
 */
async function openTransfers(em: EntityManager, now: Date): Promise<TransferDeadlineFacts[]> {
  const rows = await em.execute<Row[]>(
    `select t.id, t.lead_id, l.reference_no, t.lead_region_code, t.kind, t.from_agency, t.to_agency, t.status, t.requested_at, t.requested_by, t.feedback_due_at
       from transfer t join lead l on l.id = t.lead_id
      where t.status = 'REQUESTED' or (t.status = 'ACCEPTED' and t.feedback_due_at < ?::timestamptz + interval '31 days')
      order by t.requested_at, t.id`,
    [now.toISOString()],
  );
  return rows.map((r) => ({
    id: r.id, leadId: r.lead_id, referenceNo: r.reference_no, leadRegionCode: r.lead_region_code, kind: r.kind, from: r.from_agency, to: r.to_agency,
    status: r.status, requestedAt: new Date(r.requested_at), requestedBy: r.requested_by, feedbackDueAt: new Date(r.feedback_due_at),
  }));
}

/** The lead registry's deadlines: each transfer's 受理期限 and feedback deadline (issue 19). */
export const transferDeadlines: DeadlineSource<TransferDeadline> = {
  name: 'transfers',
  async due(em, now) {
    const settings = deadlineSettings();
    return (await openTransfers(em, now)).flatMap((t) => transferDeadlinesDue(t, settings, calendar, now));
  },
  async fire(tx, d, now) {
    await notify(tx, transferDeadlineDrafts(d));
    if (!escalates(d)) return;
    const t = d.transfer;
    const kind = d.kind as 'TRANSFER_ESCALATED' | 'FEEDBACK_ESCALATED';
    const facts = { kind: t.kind, from: t.from, to: t.to, transferId: t.id, dueOn: d.dueOn, workingDaysOverdue: d.workingDaysOverdue };
    await writeTimelineEntry(tx.em, {
      leadId: t.leadId,
      agency: t.to,
      actor: HUB_CLOCK,
      kind,
      summary: renderTimeline({ kind, facts, text: {}, agency: t.to, actor: { id: HUB_CLOCK, agency: t.to } }, 'en'),
      at: now.toISOString(),
      facts,
    });
  },
};
