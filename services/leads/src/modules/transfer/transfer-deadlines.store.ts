import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlineSettings, type DeadlineSettings } from '../../../../../lib/config';
import { CATCH_UP_DAYS, calendarDaysHolding } from '../../../../../lib/scheduler/due';
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
  feedback_suspended_on: string | null;
}

/**
 * Open transfers whose deadlines may be due: those awaiting acceptance sent recently enough to be
 * escalated, those accepted whose feedback deadline is near or recently passed. Older ones fired
 * everything they had (a pass catches up on CATCH_UP_DAYS missed days); both read a partial index.
 */
async function openTransfers(em: EntityManager, s: DeadlineSettings, now: Date): Promise<TransferDeadlineFacts[]> {
  const sentSince = calendarDaysHolding(s.acceptWorkingDays + s.escalateAcceptanceAfterWorkingDays) + CATCH_UP_DAYS;
  const dueBefore = calendarDaysHolding(s.feedbackSoonWorkingDays);
  const dueSince = calendarDaysHolding(s.escalateFeedbackAfterWorkingDays) + CATCH_UP_DAYS;
  const rows = await em.execute<Row[]>(
    `select t.id, t.lead_id, l.reference_no, t.lead_region_code, t.kind, t.from_agency, t.to_agency, t.status, t.requested_at, t.requested_by, t.feedback_due_at,
            to_char(t.feedback_suspended_on, 'YYYY-MM-DD') as feedback_suspended_on
       from transfer t join lead l on l.id = t.lead_id
      where (t.status = 'REQUESTED' and t.requested_at > ?::timestamptz - make_interval(days => ?))
         or (t.status = 'ACCEPTED' and t.feedback_due_at < ?::timestamptz + make_interval(days => ?) and t.feedback_due_at > ?::timestamptz - make_interval(days => ?))
      order by t.requested_at, t.id`,
    [now.toISOString(), sentSince, now.toISOString(), dueBefore, now.toISOString(), dueSince],
  );
  return rows.map((r) => ({
    id: r.id, leadId: r.lead_id, referenceNo: r.reference_no, leadRegionCode: r.lead_region_code, kind: r.kind, from: r.from_agency, to: r.to_agency,
    status: r.status, requestedAt: new Date(r.requested_at), requestedBy: r.requested_by, feedbackDueAt: new Date(r.feedback_due_at), feedbackSuspendedOn: r.feedback_suspended_on,
  }));
}

/** The lead registry's deadlines: each transfer's 受理期限 and feedback deadline (issue 19). */
export const transferDeadlines: DeadlineSource<TransferDeadline> = {
  name: 'transfers',
  async due(em, now) {
    const settings = deadlineSettings();
    return (await openTransfers(em, settings, now)).flatMap((t) => transferDeadlinesDue(t, settings, calendar, now));
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
