/**
 * The hub's event vocabulary: every change a command makes is one of these events. The same name
 * is the audit action, the timeline kind (a GraphQL enum) and the key of its summary template
 * (lib/i18n/timeline.ts); its facts are what the audit trail records and the timeline shows.
 *
 * Facts hold no personal data (ids, states, amounts in fen, counts, dates, agencies, reference
 * numbers). Free text staff typed (a note, a reason, a provider's name) travels in `text`: it is
 * shown on the lead's timeline to those who may see the lead, never written to the audit trail.
 */
import type { Agency, ClosureReason, EvidenceItem, TransferKind, TransferState } from '../domain/enums';

export interface EventFacts {
  LEAD_REPORTED: { referenceNo: string; regionCode: string; channel: string; workerCount: number; amountOwedFen: string };
  MASS_CASE_FLAGGED: { workerCount: number; province: string };
  MASS_CASE_ACKNOWLEDGED: { region: string };
  DUPLICATE_MARKED: { duplicateOf: string; original: boolean; otherReferenceNo: string; closedAgencies: Agency[] };
  CASE_OPENED: { transferState: TransferState; handler: string };
  CASE_CLOSED: { reason: ClosureReason; amountRecoveredFen: string; compensationRecoveredFen?: string; workersPaid: number };
  CASE_REOPENED: { previousReason: string | null };
  TRANSFER_REQUESTED: { kind: TransferKind; from: Agency; to: Agency; feedbackDueAt: string; feedbackDueOn: string };
  TRANSFER_ACCEPTED: { kind: TransferKind; from: Agency; to: Agency; status: 'ACCEPTED' };
  TRANSFER_RETURNED: { kind: TransferKind; from: Agency; to: Agency; status: 'REJECTED' };
  TRANSFER_CANCELLED: { kind: TransferKind; from: Agency; to: Agency; status: 'CANCELLED' };
  FEEDBACK_INTERIM: { kind: TransferKind; from: Agency; to: Agency; status: 'ACCEPTED'; amountRecoveredFen: string | null; compensationRecoveredFen: string | null; workersPaid: number | null };
  FEEDBACK_FINAL: { kind: TransferKind; from: Agency; to: Agency; status: 'COMPLETED'; amountRecoveredFen: string | null; compensationRecoveredFen: string | null; workersPaid: number | null };
  HANDLER_REASSIGNED: { from: string; to: string };
  /** The hub's clock: a transfer not accepted by its 受理期限 (lib/scheduler). */
  TRANSFER_ESCALATED: { kind: TransferKind; from: Agency; to: Agency; transferId: string; dueOn: string; workingDaysOverdue: number };
  /** The hub's clock: feedback overdue by HUB_ESCALATE_FEEDBACK_AFTER_WORKING_DAYS working days. */
  FEEDBACK_ESCALATED: { kind: TransferKind; from: Agency; to: Agency; transferId: string; dueOn: string; workingDaysOverdue: number };
  LEGAL_AID_RECORDED: { providedOn: string };
  MEDIATION_RECORDED: { outcome: 'SETTLED' | 'PARTIAL' | 'FAILED'; amountAgreedFen: string | null; agreedPayBy: string | null; occurredAt?: string };
  FUND_DEPOSIT: { amountFen: string; balanceFen: string };
  WAGE_ADVANCE_GRANTED: { fund: string; amountFen: string; workerCount: number; recoveryAgreementNo: string; occurredAt?: string };
  ADVANCE_RECOVERED: { fund: string; amountFen: string; recoveredFen: string; recoveryAgreementNo: string; occurredAt?: string };
  FIRST_CONTACT: { late: boolean; occurredAt?: string };
  PAYMENT_ORDER_ISSUED: { orderId: string; amountFen: string; payBy: string; issuedOn?: string };
  ORDER_PAYMENT: { orderId: string; amountFen: string; paidOn: string; payBy: string; outstandingFen: string };
  HANDOVER: { to: 'LOCAL_GOVERNMENT' | 'INDUSTRY_REGULATOR' | 'GENERAL_CONTRACTOR_HQ'; occurredAt?: string };
  CALLBACK: { wagesPaid: boolean; procedureLawful: boolean; satisfied: boolean; occurredAt?: string };
  POLICE_REFERRAL: { decidedAt: string };
  BLACKLIST_PROPOSED: { until: string; listingId?: string; ground?: 'CRIMINAL_THRESHOLD' | 'MASS_INCIDENT' };
  BLACKLIST_NOTIFIED: { listingId: string; noticeOn: string };
  BLACKLIST_STATEMENT_RECORDED: { listingId: string; statedOn: string; outcome: 'ADOPTED' | 'NOT_ADOPTED' | 'NONE_MADE' };
  BLACKLIST_LISTED: { listingId: string; listedOn: string; until: string };
  BLACKLIST_REJECTED: { listingId: string; decidedOn: string };
  BLACKLIST_REMOVED_EARLY: { listingId: string; removedOn: string; arrearsPaidOn: string; pledgeOn: string; listedOn: string };
  INVESTIGATION_EXTENDED: { dueAt: string; dueOn: string };
  INVESTIGATION_SUSPENDED: { suspendedOn: string };
  INVESTIGATION_RESUMED: { suspendedOn: string; resumedOn: string; workingDays: number; dueAt: string; dueOn: string };
  FEEDBACK_CLOCK_SUSPENDED: { kind: TransferKind; from: Agency; to: Agency; suspendedOn: string };
  FEEDBACK_CLOCK_RESUMED: { kind: TransferKind; from: Agency; to: Agency; suspendedOn: string; resumedOn: string; workingDays: number; feedbackDueAt: string; feedbackDueOn: string };
  EVIDENCE_REQUESTED: { item: EvidenceItem; requestedOn: string; again: boolean };
  EVIDENCE_RECEIVED: { item: EvidenceItem; requestedOn: string; receivedOn: string };
  EVIDENCE_NOT_PROVIDED: { item: EvidenceItem; requestedOn: string };
  CLOSE_WITHOUT_LEDGER_REASONED: { item: 'PAYROLL_LEDGER' };
  SUPPORT_GRANTED: { supported: true; occurredAt?: string };
  SUPPORT_DECLINED: { supported: false; occurredAt?: string };
  SUPPORT_LETTER_ISSUED: { letterNo: string; issuedOn: string };
  COURT_FILED: { filedOn: string; docketNo: string };
  HEARING_SCHEDULED: { date: string; occurredAt?: string };
  HEARING_HELD: { date: string; occurredAt?: string };
  COURT_OUTCOME_RECORDED: { kind: 'MEDIATED' | 'JUDGMENT' | 'WITHDRAWN'; decidedOn: string; totalFen: string; installments: number; firstDueOn: string | null; lastDueOn: string | null; jointlyLiable: number };
  INSTALLMENT_PAID: { paymentId: string; amountFen: string; paidOn: string; outstandingFen: string; overdueInstallments: number };
  SETTLEMENT_PAID_OFF: { paymentId: string; amountFen: string; paidOn: string; outstandingFen: string; overdueInstallments: number };
  ENFORCEMENT_APPLIED: { missedInstallments: number; overdueFen: string };
  DEAD_LETTER_APPLIED: { type: string; attempts: number };
  DEAD_LETTER_REFUSED_AGAIN: { type: string; reason: string; attempts: number };
  LEAD_IMPORT_STARTED: { digest: string; sizeBytes: string; format: string; allOrNothing: boolean; region: string };
  LEAD_IMPORT_FINISHED: { digest: string; status: string; rows: number; imported: number; refused: number; alreadyPresent: number; possibleDuplicates: number };
  LEAD_IMPORT_CANCELLED: { digest: string; rows: number; imported: number };
  EVIDENCE_ATTACHED: { evidenceId: string; kind: string; documentDate: string; contentType: string; sizeBytes: string; digest: string; containsPersonalData: boolean };
  EVIDENCE_WITHDRAWN: { evidenceId: string; kind: string; digest: string };
  EVIDENCE_DOWNLOADED: { evidenceId: string; digest: string; containsPersonalData: boolean };
  WEBHOOK_SUBSCRIBED: { subscriptionId: string; origin: string; region: string; eventKinds: string[] };
  WEBHOOK_UPDATED: { subscriptionId: string; origin: string; region: string; eventKinds: string[] };
  WEBHOOK_PAUSED: { subscriptionId: string; cause: 'BY_SUPERVISOR' | 'FAILING'; consecutiveFailures: number };
  WEBHOOK_RESUMED: { subscriptionId: string };
  WEBHOOK_SECRET_ROTATED: { subscriptionId: string; secretVersion: number };
  WEBHOOK_TEST_SENT: { subscriptionId: string; eventId: string };
  /** The notifier's reports on a notice owed to a complainant (首问负责制); the complainant by place, never by name. */
  COMPLAINANT_NOTICE_SENT: { noticeId: string; noticeKind: string; complainantOrdinal: number; channel: 'SMS' | 'LETTER'; sentAt: string };
  COMPLAINANT_NOTICE_FAILED: { noticeId: string; noticeKind: string; complainantOrdinal: number; attempts: number };
}

export type EventKind = keyof EventFacts;

/** Every kind, in the order the API's enum lists them. */
export const EVENT_KINDS = [
  'LEAD_REPORTED', 'MASS_CASE_FLAGGED', 'MASS_CASE_ACKNOWLEDGED', 'DUPLICATE_MARKED', 'CASE_OPENED', 'CASE_CLOSED', 'CASE_REOPENED',
  'TRANSFER_REQUESTED', 'TRANSFER_ACCEPTED', 'TRANSFER_RETURNED', 'TRANSFER_CANCELLED', 'FEEDBACK_INTERIM', 'FEEDBACK_FINAL',
  'HANDLER_REASSIGNED', 'LEGAL_AID_RECORDED', 'MEDIATION_RECORDED', 'FUND_DEPOSIT', 'WAGE_ADVANCE_GRANTED', 'ADVANCE_RECOVERED',
  'FIRST_CONTACT', 'PAYMENT_ORDER_ISSUED', 'ORDER_PAYMENT', 'HANDOVER', 'CALLBACK', 'POLICE_REFERRAL', 'BLACKLIST_PROPOSED', 'INVESTIGATION_EXTENDED',
  'INVESTIGATION_SUSPENDED', 'INVESTIGATION_RESUMED', 'FEEDBACK_CLOCK_SUSPENDED', 'FEEDBACK_CLOCK_RESUMED',
  'BLACKLIST_NOTIFIED', 'BLACKLIST_STATEMENT_RECORDED', 'BLACKLIST_LISTED', 'BLACKLIST_REJECTED', 'BLACKLIST_REMOVED_EARLY',
  'SUPPORT_GRANTED', 'SUPPORT_DECLINED', 'SUPPORT_LETTER_ISSUED', 'COURT_FILED', 'HEARING_SCHEDULED', 'HEARING_HELD', 'COURT_OUTCOME_RECORDED',
  'INSTALLMENT_PAID', 'SETTLEMENT_PAID_OFF', 'ENFORCEMENT_APPLIED', 'DEAD_LETTER_APPLIED', 'DEAD_LETTER_REFUSED_AGAIN',
  'LEAD_IMPORT_STARTED', 'LEAD_IMPORT_FINISHED', 'LEAD_IMPORT_CANCELLED',
  'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED', 'EVIDENCE_NOT_PROVIDED', 'CLOSE_WITHOUT_LEDGER_REASONED',
  'EVIDENCE_ATTACHED', 'EVIDENCE_WITHDRAWN', 'EVIDENCE_DOWNLOADED',
  'WEBHOOK_SUBSCRIBED', 'WEBHOOK_UPDATED', 'WEBHOOK_PAUSED', 'WEBHOOK_RESUMED', 'WEBHOOK_SECRET_ROTATED', 'WEBHOOK_TEST_SENT',
  'TRANSFER_ESCALATED', 'FEEDBACK_ESCALATED',
  'COMPLAINANT_NOTICE_SENT', 'COMPLAINANT_NOTICE_FAILED',
] as const satisfies readonly EventKind[];

// A kind missing from the list above fails the type check here.
type Missing = Exclude<EventKind, (typeof EVENT_KINDS)[number]>;
const allListed: Missing extends never ? true : Missing = true;
void allListed;

/** Kinds that are audited but not shown on a lead's timeline (they are not about one lead). */
export const AUDIT_ONLY: ReadonlySet<EventKind> = new Set<EventKind>(['FUND_DEPOSIT', 'DEAD_LETTER_APPLIED', 'DEAD_LETTER_REFUSED_AGAIN', 'LEAD_IMPORT_STARTED', 'LEAD_IMPORT_FINISHED', 'LEAD_IMPORT_CANCELLED', 'EVIDENCE_DOWNLOADED',
  'WEBHOOK_SUBSCRIBED', 'WEBHOOK_UPDATED', 'WEBHOOK_PAUSED', 'WEBHOOK_RESUMED', 'WEBHOOK_SECRET_ROTATED', 'WEBHOOK_TEST_SENT']);

/** What a webhook subscription may choose: every event about one lead (not audit-only ones, nor webhooks' own). */
export const WEBHOOK_DELIVERED_KINDS: readonly EventKind[] = EVENT_KINDS.filter((k) => !AUDIT_ONLY.has(k));

/**
 * The monthly report's "mediated or legal service provided" (调解或法律服务): a lead counts once any
 * agency records one of these.
 */
export const MEDIATED_OR_LEGAL_SERVICE: ReadonlySet<EventKind> = new Set<EventKind>(['MEDIATION_RECORDED', 'LEGAL_AID_RECORDED', 'SUPPORT_GRANTED', 'COURT_OUTCOME_RECORDED']);

export const isEventKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);

/** One thing that happened, as a decider returns it. */
export type HubEvent<K extends EventKind = EventKind> = {
  [P in K]: {
    kind: P;
    /** What the audit trail names as changed. */
    entity: { type: string; id: string };
    /** The lead whose timeline shows it (null: not about one lead). */
    leadId: string | null;
    facts: EventFacts[P];
    /** Free text for the timeline, never audited. */
    text?: Record<string, string>;
  };
}[K];

/** Builds an event; a helper so deciders read as "this happened". */
export function event<K extends EventKind>(kind: K, entity: { type: string; id: string }, leadId: string | null, facts: EventFacts[K], text?: Record<string, string>): HubEvent<K> {
  return { kind, entity, leadId, facts, ...(text ? { text } : {}) };
}
