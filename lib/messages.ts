/**
 * The messages services send each other through the outbox. Each is applied exactly once by its
 * receiver (inbox table), in the order it was written.
 */
import type { Agency, TransferState } from './domain/enums';

/** leads → the agency's service: open (or reopen in a new state) the agency's own case on a lead. */
export const CASE_OPENED = 'CaseOpened';
export interface CaseOpened {
  leadId: string;
  referenceNo: string;
  agency: Agency;
  regionCode: string;
  /** Staff id of the first-contact handler (首问负责人). */
  handler: string;
  transferState: TransferState;
  openedAt: string;
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
  summary: string;
  at: string;
}

export interface ClosureFacts {
  reason: string;
  amountRecoveredFen: string;
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
  feedbackState: string;
  feedbackDueAt: string | null;
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
