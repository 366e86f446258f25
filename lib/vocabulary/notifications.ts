/**
 * Notifications for staff: what happened on a lead, or what falls due, told to the unit (or the one
 * staff member) that must act. Any service builds drafts; the lead registry keeps them
 * (services/leads/src/modules/notification) and each staff member reads their own.
 */
import type { Agency, Role } from '../domain/enums';
import type { EventKind } from './events';

/** Events of the hub's vocabulary that notify someone (services/leads derives them from the timeline). */
export const EVENT_NOTIFICATIONS = ['TRANSFER_REQUESTED', 'TRANSFER_ACCEPTED', 'TRANSFER_RETURNED', 'FEEDBACK_INTERIM', 'FEEDBACK_FINAL', 'MASS_CASE_FLAGGED', 'HANDLER_REASSIGNED'] as const satisfies readonly EventKind[];

/** Deadlines that notify as they come due (no event of their own: a clock fires them). */
export const DEADLINE_NOTIFICATIONS = [
  'FEEDBACK_DUE_SOON', 'FEEDBACK_OVERDUE', 'ACCEPTANCE_DUE_SOON', 'ACCEPTANCE_OVERDUE', 'INVESTIGATION_DUE_SOON',
  'PAYMENT_ORDER_LAPSED', 'INSTALLMENT_OVERDUE', 'HEARING_TOMORROW', 'TRANSFER_ESCALATED', 'FEEDBACK_ESCALATED',
] as const;

/** Every kind a notification can be, in the order the API's enum lists them. */
/** Told by the hub itself: a webhook subscription paused itself (named by the lead whose event waits). */
export const WEBHOOK_NOTIFICATIONS = ['WEBHOOK_PAUSED'] as const;

export const NOTIFICATION_KINDS = [...EVENT_NOTIFICATIONS, ...DEADLINE_NOTIFICATIONS, ...WEBHOOK_NOTIFICATIONS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = (k: string): k is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(k);

/**
 * Who is told. A unit: the agency's staff whose jurisdiction holds `region` (the lead's region, or a
 * province for its supervisors), optionally only those with `role`. Or one staff member by id.
 */
export type NotificationRecipient = { agency: Agency; region: string; role?: Role } | { agency: Agency; staffId: string };

/** A fact's value: ids, states, dates, counts, reference numbers; never personal data. */
export type NotificationFact = string | number | boolean | null;

export interface NotificationDraft {
  recipient: NotificationRecipient;
  kind: NotificationKind;
  leadId: string;
  /** The lead's reference number, which every text names. */
  referenceNo: string;
  /** What the text needs (see lib/i18n/notifications.ts for each kind's): no personal data. */
  facts: Record<string, NotificationFact>;
  /**
   * Unique: a second draft with the same key is no second notification, so a retried message, a
   * scheduler on several replicas or a restart tells each recipient once. Name what fires and for
   * whom, e.g. `FEEDBACK_OVERDUE:<transferId>:<dueOn>`.
   */
  dedupeKey: string;
  /** When it happened or fell due (default: now). */
  at?: Date;
}

/** The unread count is counted up to this many (a console shows "999+"): counting further costs, tells nothing. */
export const UNREAD_COUNT_MAX = 1000;

export const isStaffRecipient = (r: NotificationRecipient): r is { agency: Agency; staffId: string } => 'staffId' in r;
