/**
 * The messages services send each other through the outbox. Each is applied exactly once by its
 * receiver (inbox table), in the order it was written.
 */
import type { Agency, ClosureReason, FeedbackState, TransferKind, TransferState } from './domain/enums';
import type { Principal } from './auth';
import type { NotificationDraft } from './vocabulary/notifications';

/** leads → the agency's service: open (or reopen in a new state) the agency's own case on a lead. */
export const CASE_OPENED = 'CaseOpened';
export interface CaseOpened {
  leadId: string;
  referenceNo: string;
  agency: Agency;
  regionCode: string;
  /** Staff id of the first-contact handler (首问负责人), and their name and region for the timeline. */
  handler: string;
  handlerName?: string;
  handlerRegion?: string;
  transferState: TransferState;
  openedAt: string;
  /** When the lead was received: no act on it is dated earlier. */
  leadReceivedAt?: string;
  /** The lead's figures an agency's own rules need (advances never exceed what is owed). */
  amountOwedFen?: string;
  workerCount?: number;
}

/** any agency service → leads: an event to show on the lead's timeline. */
export const TIMELINE_EVENT = 'TimelineEvent';
export interface TimelineEvent {
  leadId: string;
  agency: Agency;
  actor: string;
  kind: string;
  /** English rendering, for receivers that predate the facts. */
  summary: string;
  at: string;
  /** The event's facts and free text (lib/vocabulary/events.ts), rendered per reader's language. */
  facts?: Record<string, unknown>;
  text?: Record<string, string>;
  actorName?: string;
  actorRegion?: string;
}

export interface ClosureFacts {
  reason: ClosureReason;
  /** Everything recovered: wages and compensation. */
  amountRecoveredFen: string;
  /** Of it, the compensation (加付赔偿金); absent from messages of before it was recorded (then 0). */
  compensationRecoveredFen?: string;
  workersPaid: number;
  note: string;
  closedAt: string;
  closedBy: string;
}

/**
 * leads → an agency's service: that agency's transfer and feedback states on a lead changed (a
 * transfer was sent, accepted, returned, cancelled or answered). Creates the case when the lead
 * was just transferred in. `closure` is set when the transfer itself closes or reopens the case
 * (a cancelled transfer withdraws it; a new transfer reopens it).
 */
export const AGENCY_STATES_CHANGED = 'AgencyStatesChanged';
export interface AgencyStatesChanged {
  leadId: string;
  referenceNo: string;
  regionCode: string;
  agency: Agency;
  transferState: TransferState;
  feedbackState: FeedbackState;
  feedbackDueAt: string | null;
  /** When the lead was received: no act on it is dated earlier. */
  leadReceivedAt?: string;
  amountOwedFen?: string;
  workerCount?: number;
  /** The staff member who accepted the lead for this agency, when this change is an acceptance. */
  handler?: string;
  closure?: { state: 'CLOSED'; facts: ClosureFacts } | { state: 'OPEN' };
}

/** an agency's service → leads: the agency closed, or reopened, its own case on a lead. */
export const CASE_CLOSED = 'CaseClosed';
export interface CaseClosed {
  leadId: string;
  agency: Agency;
  closure: ClosureFacts;
}

export const CASE_REOPENED = 'CaseReopened';
export interface CaseReopened {
  leadId: string;
  agency: Agency;
  note: string;
  reopenedAt: string;
  reopenedBy: string;
}

/**
 * an agency's service → leads: feedback the agency gives on a transfer it accepted, produced by
 * its own casework (a procuratorate declining support answers the application; a union's
 * mediation answers a court's delegated mediation). Ignored when no such transfer is open.
 */
export const TRANSFER_FEEDBACK = 'TransferFeedback';
export interface TransferFeedback {
  leadId: string;
  kind: TransferKind;
  /** The receiving agency, which gives the feedback. */
  to: Agency;
  final: boolean;
  summary: string;
  amountRecoveredFen: string | null;
  workersPaid: number | null;
  by: Principal;
}

/**
 * litigation → leads: the employers a court outcome holds jointly liable (连带责任), as the court
 * named them; the registry finds or creates each employer and answers CourtOutcome.jointlyLiable.
 */
export const JOINT_LIABILITY_RECORDED = 'JointLiabilityRecorded';
export interface JointLiabilityRecorded {
  outcomeId: string;
  leadId: string;
  employers: { name: string; creditCode: string | null }[];
}

/**
 * an agency's service → leads: a commitment an employer made on a lead, and how much of it is
 * still unpaid (a union mediation settlement, a payment order, a court installment). The registry
 * keeps the latest state of each (by kind and key) for the employer watch list: one unpaid past its
 * due day is a broken commitment (显性 risk).
 */
export const RISK_SIGNAL = 'RiskSignal';
export type RiskSignalKind = 'MEDIATION_AGREEMENT' | 'PAYMENT_ORDER' | 'INSTALLMENT';
export interface RiskSignal {
  kind: RiskSignalKind;
  /** Stable id of the commitment within its kind (the lead for a mediation, the order or installment id). */
  key: string;
  leadId: string;
  dueOn: string;
  outstandingFen: string;
}

/**
 * inspection → leads: an employer's listing in the arrears blacklist (失信联合惩戒名单), as it
 * now stands: decided (until when), or removed early. The registry keeps the latest of each
 * listing for the employer watch list.
 */
export const BLACKLIST_LISTING = 'BlacklistListing';
export interface BlacklistListing {
  listingId: string;
  leadId: string;
  listedOn: string;
  until: string;
  removedOn: string | null;
}

/**
 * an agency's service → leads: notifications its deadlines fired (lib/scheduler: an investigation
 * due soon, a payment order lapsed, an installment overdue, a hearing tomorrow). The registry keeps
 * each once per dedupe key, so a redelivered message tells no one twice.
 */
export const NOTIFICATIONS_DRAFTED = 'NotificationsDrafted';
export interface NotificationsDrafted {
  drafts: (Omit<NotificationDraft, 'at'> & { at: string })[];
}
