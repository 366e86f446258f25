import { setHandler, type MessageHandler } from '../../../lib/outbox/receiver';
import {
  CASE_CLOSED,
  CASE_REOPENED,
  JOINT_LIABILITY_RECORDED,
  BLACKLIST_LISTING,
  NOTIFICATIONS_DRAFTED,
  RISK_SIGNAL,
  TIMELINE_EVENT,
  TRANSFER_FEEDBACK,
  type CaseClosed,
  type CaseReopened,
  type JointLiabilityRecorded,
  type BlacklistListing,
  type NotificationsDrafted,
  type RiskSignal,
  type TimelineEvent,
  type TransferFeedback,
} from '../../../lib/messages';
import { audit } from '../../../lib/audit/audit';
import { DomainError, refuse } from '../../../lib/errors';
import { TransferRecord } from './modules/transfer/transfer.entity';
import { runTransfer } from './modules/transfer/transfer.store';
import { TEXT_MAX, textLength } from '../../../lib/vocabulary';
import { recordJointLiability } from './modules/joint-liability/joint-liability.store';
import { formatFen } from '../../../lib/money';
import { writeTimelineEntry } from './modules/timeline/timeline.store';
import { LeadAgencyRecord } from './modules/lead/lead.entity';
import { settleLeadClosure } from './modules/lead/lead.closure';
import { lockLead } from './modules/lead/lead.lock';
import { markClosed, markOpen } from '../../../lib/agency-case/agency-states.entity';
import { notify } from './modules/notification/notification.store';
import { isNotificationKind } from '../../../lib/vocabulary/notifications';

function agencyRow(rows: LeadAgencyRecord[], agency: string): LeadAgencyRecord {
  const row = rows.find((r) => r.agency === agency);
  // Refused, and kept as a dead letter until the agency is involved (a transfer reaches it) and a supervisor retries.
  if (!row) throw refuse('AGENCY_NOT_INVOLVED', { agency });
  return row;
}

export const leadsMessageHandlers: Record<string, MessageHandler> = {
  // A run of timeline entries goes in with one statement at the flush.
  [TIMELINE_EVENT]: setHandler<TimelineEvent>(async (messages, { em }) => {
    for (const m of messages) await writeTimelineEntry(em, m.payload);
  }),

  /** An agency closed its own case: the registry shows it on Lead.agencies (the timeline entry comes as a TimelineEvent). */
  async [CASE_CLOSED](message, { em }) {
    const { leadId, agency, closure: c } = message.payload as CaseClosed;
    const lead = await lockLead(em, leadId);
    const rows = await em.find(LeadAgencyRecord, { leadId }, { refresh: true });
    markClosed(agencyRow(rows, agency), c);
    settleLeadClosure(lead, rows);
  },

  async [CASE_REOPENED](message, { em }) {
    const { leadId, agency } = message.payload as CaseReopened;
    const lead = await lockLead(em, leadId);
    const rows = await em.find(LeadAgencyRecord, { leadId }, { refresh: true });
    markOpen(agencyRow(rows, agency));
    settleLeadClosure(lead, rows);
  },

  /**
   * Feedback an agency's casework gives on a transfer it accepted (a declined support application,
   * a delegated mediation's result). Applied as if its staff member had answered the transfer;
   * nothing to answer (no such transfer accepted, or already answered) leaves the lead as it is.
   */
  async [TRANSFER_FEEDBACK](message, { em, emit }) {
    const f = message.payload as TransferFeedback;
    const open = await em.findOne(TransferRecord, { leadId: f.leadId, kind: f.kind, to: f.to, status: 'ACCEPTED' }, { orderBy: { requestedAt: 'desc' } });
    if (!open) return;
    const tx = { em, emit, audit: (change: Parameters<typeof audit>[2]) => audit(em, { id: f.by.id, agency: f.by.agency, requestId: message.id }, change) };
    // The agency's staff member answers, inside this message's transaction.
    const asStaff = { principal: f.by, transact: <T>(work: (t: typeof tx) => Promise<T>) => work(tx) };
    // The sender's own text may fill the limit, and the words around it push the feedback over it:
    // refused, it would silently never arrive. It is shortened instead.
    const summary = textLength(f.summary) > TEXT_MAX ? `${[...f.summary].slice(0, TEXT_MAX - 1).join('')}…` : f.summary;
    const cmd = { type: 'feedback' as const, final: f.final, summary, amountRecovered: f.amountRecoveredFen === null ? null : formatFen(f.amountRecoveredFen), workersPaid: f.workersPaid };
    try {
      await runTransfer(asStaff, { type: 'act', transferId: open.id, act: cmd, by: f.by, at: new Date() });
    } catch (e) {
      // The one known-harmless race: the transfer was answered or closed between the read and the
      // lock, so there is nothing left to answer. Any other refusal is kept as a dead letter.
      if (!(e instanceof DomainError && e.reason === 'FEEDBACK_NOT_ACCEPTED')) throw e;
    }
  },

  /** What an agency's deadlines fired: kept once per dedupe key (a redelivery is no second notification). */
  async [NOTIFICATIONS_DRAFTED](message, { em }) {
    const { drafts } = message.payload as NotificationsDrafted;
    await notify({ em }, drafts.filter((d) => isNotificationKind(d.kind)).map((d) => ({ ...d, at: new Date(d.at) })));
  },

  async [JOINT_LIABILITY_RECORDED](message, { em }) {
    await recordJointLiability(em, message.payload as JointLiabilityRecorded);
  },

  /** The latest state of an employer's commitment; messages arrive in order, so the last one wins. */
  async [RISK_SIGNAL](message, { em }) {
    const s = message.payload as RiskSignal;
    await em.execute(
      `insert into risk_signal (kind, key, lead_id, due_on, outstanding_fen, updated_at) values (?, ?, ?, ?, ?, now())
       on conflict (kind, key) do update set due_on = excluded.due_on, outstanding_fen = excluded.outstanding_fen, updated_at = excluded.updated_at`,
      [s.kind, s.key, s.leadId, s.dueOn, s.outstandingFen],
    );
  },

  /** How an employer's blacklist listing stands; the last message about a listing wins. */
  async [BLACKLIST_LISTING](message, { em }) {
    const b = message.payload as BlacklistListing;
    await em.execute(
      `insert into blacklist_signal (listing_id, lead_id, listed_on, until, removed_on, updated_at) values (?, ?, ?, ?, ?, now())
       on conflict (listing_id) do update set listed_on = excluded.listed_on, until = excluded.until, removed_on = excluded.removed_on, updated_at = excluded.updated_at`,
      [b.listingId, b.leadId, b.listedOn, b.until, b.removedOn],
    );
  },
};
