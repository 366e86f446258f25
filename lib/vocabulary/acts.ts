/**
 * Who may do what on a lead, in one place for the services and the console: an agency "holds" a
 * lead while it is its own intake, a transfer it accepted, or one it sent on; staff act by role.
 * Pure data and functions, no Node imports, so the console bundles it.
 */
import type { Agency, Role, TransferKind, TransferState } from '../domain/enums';

/** The transfer states in which an agency holds the lead (its own intake, accepted, or sent on). */
export const HOLDING_STATES: readonly TransferState[] = ['ORIGINATED', 'ACCEPTED', 'TRANSFERRED_OUT'];

export const holdsLead = (transferState: string): boolean => (HOLDING_STATES as readonly string[]).includes(transferState);

/** Holds the lead and has its case open: may work on it, transfer it, close it. */
export const handlesLead = (s: { transferState: string; closureState: string }): boolean => s.closureState === 'OPEN' && holdsLead(s.transferState);

/**
 * The acts and the roles that may do them: intake registers leads; handling is everything done on
 * a case (accept, return, transfer, feedback, casework, close, reopen); supervising is reassigning,
 * extending, acknowledging alerts, funds and audit trails.
 */
export const ACT_ROLES = {
  intake: ['INTAKE'],
  handle: ['HANDLER', 'SUPERVISOR'],
  supervise: ['SUPERVISOR'],
  /** Attaching evidence to a lead, and withdrawing it: anyone but a view-only account. */
  evidence: ['INTAKE', 'HANDLER', 'SUPERVISOR'],
  /** Draining the notices owed to complainants (an SMS or letter service): its own role, nothing else. */
  notify: ['NOTIFIER'],
} as const satisfies Record<string, readonly Role[]>;

export type Act = keyof typeof ACT_ROLES;

export const mayDo = (roles: readonly string[], act: Act): boolean => (ACT_ROLES[act] as readonly string[]).some((r) => roles.includes(r));

/**
 * Suspending and resuming a deadline (中止/恢复: an investigation's, a transfer's feedback): a
 * SUPERVISOR of the agency whose deadline it is (the inspection case's, the transfer's receiver).
 */
export const maySuspendClock = (by: { agency: string; roles: readonly string[] }, clockAgency: Agency): boolean => by.agency === clockAgency && mayDo(by.roles, 'supervise');

/** Which agencies may send which kind of transfer to whom (any, when a side is not listed). */
export const TRANSFER_ROUTES: Record<TransferKind, { from?: readonly Agency[]; to?: readonly Agency[] }> = {
  REFERRAL: {},
  SUPPORT_TO_SUE: { from: ['UNION', 'INSPECTION'], to: ['PROCURATORATE'] },
  COURT_FILING: { from: ['PROCURATORATE'], to: ['COURT'] },
  DELEGATED_MEDIATION: { from: ['COURT'], to: ['UNION'] },
};

export function routeAllowed(kind: TransferKind, from: Agency, to: Agency): boolean {
  const r = TRANSFER_ROUTES[kind];
  return from !== to && (!r.from || r.from.includes(from)) && (!r.to || r.to.includes(to));
}
