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
