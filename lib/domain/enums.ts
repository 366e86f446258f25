/** The contract's enums as plain TypeScript, shared by domain code in every service. */

export const AGENCIES = ['UNION', 'INSPECTION', 'PROCURATORATE', 'COURT'] as const;
export type Agency = (typeof AGENCIES)[number];

/** NOTIFIER: the organisation's SMS or letter service that sends the notices owed to complainants. */
export const ROLES = ['INTAKE', 'HANDLER', 'SUPERVISOR', 'VIEWER', 'NOTIFIER'] as const;
export type Role = (typeof ROLES)[number];

export const INDUSTRIES = ['MANUFACTURING', 'CONSTRUCTION', 'REAL_ESTATE', 'HOSPITALITY', 'OTHER'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INTAKE_CHANNELS = ['HOTLINE', 'WALK_IN', 'ONLINE', 'QR_CODE', 'LETTER', 'PATROL', 'MEDIA', 'REFERRAL'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const TRANSFER_STATES = ['ORIGINATED', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'RETURNED', 'TRANSFERRED_OUT'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export const FEEDBACK_STATES = ['NONE', 'AWAITING', 'DUE', 'OVERDUE', 'GIVEN', 'RECEIVED'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

export const CLOSURE_STATES = ['OPEN', 'CLOSED'] as const;
export type ClosureState = (typeof CLOSURE_STATES)[number];

export const CLOSURE_REASONS = [
  'PAID_IN_FULL',
  'PARTIALLY_PAID',
  'MEDIATED',
  'JUDGMENT_ENFORCED',
  'NO_ARREARS_FOUND',
  'WITHDRAWN',
  'DUPLICATE',
  'TRANSFERRED',
  'UNRESOLVED',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** What an inspector asks the employer to produce (《保障农民工工资支付条例》第五十条): the evidence checklist. */
export const EVIDENCE_ITEMS = ['LABOUR_CONTRACTS', 'ROSTER', 'PAYROLL_LEDGER', 'ATTENDANCE_RECORDS'] as const;
export type EvidenceItem = (typeof EVIDENCE_ITEMS)[number];

/** Which subgraph keeps each agency's own case on a lead. */
export const CASE_SERVICE: Record<Agency, 'union' | 'inspection' | 'litigation'> = {
  UNION: 'union',
  INSPECTION: 'inspection',
  PROCURATORATE: 'litigation',
  COURT: 'litigation',
};

/** A lead with this many workers or more is a mass case (群体性欠薪): the province is told at once. */
export const MASS_CASE_WORKERS = 50;

export const TRANSFER_KINDS = ['REFERRAL', 'SUPPORT_TO_SUE', 'COURT_FILING', 'DELEGATED_MEDIATION'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_STATUSES = ['REQUESTED', 'ACCEPTED', 'REJECTED', 'CANCELLED', 'COMPLETED'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
