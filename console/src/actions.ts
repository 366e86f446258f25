import type { Agency, LeadPageQuery } from '../../client';
import { AGENCIES, handlesLead, holdsLead, mayDo, maySuspendClock, routeAllowed, TRANSFER_KINDS } from '../../lib/vocabulary';

type Lead = NonNullable<LeadPageQuery['lead']>;
type Transfer = Lead['transfers'][number];

/**
 * What the caller's agency may do on a lead now, from the states the API reports and the rules it
 * enforces (lib/vocabulary, the same module the services decide with). This only decides which
 * forms to offer, so nobody fills one in for nothing.
 */
export interface AvailableActions {
  /** Transfers sent to my agency waiting for me to accept or return. */
  respond: Transfer[];
  /** Transfers I accepted and owe feedback on. */
  feedback: Transfer[];
  /** Transfers my agency sent that are not accepted yet (may be withdrawn). */
  cancel: Transfer[];
  /** Agencies I may send the lead to now. */
  transferTo: Agency[];
  close: boolean;
  /** Labour inspection calls the complainant back (回头看); a referred lead closes only after one. */
  callback: boolean;
  /** A closed case of mine that may be reopened (with a note). */
  reopen: boolean;
}

const OPEN: Transfer['status'][] = ['REQUESTED', 'ACCEPTED'];

export function availableActions(lead: Lead, mine: Agency, roles: string[]): AvailableActions {
  const none: AvailableActions = { respond: [], feedback: [], cancel: [], transferTo: [], close: false, callback: false, reopen: false };
  // Intake staff register leads; everything done on a case needs a handler or a supervisor.
  if (!mayDo(roles, 'handle')) return none;
  const status = lead.agencies.find((a) => a.agency === mine);
  if (!status) return none;
  const respond = lead.transfers.filter((t) => t.to === mine && t.status === 'REQUESTED');
  const feedback = lead.transfers.filter((t) => t.to === mine && t.status === 'ACCEPTED');
  const cancel = lead.transfers.filter((t) => t.from === mine && t.status === 'REQUESTED');
  const handling = handlesLead(status);
  const busy = new Set(lead.transfers.filter((t) => t.from === mine && OPEN.includes(t.status)).map((t) => t.to));
  const reachable = (to: Agency) => TRANSFER_KINDS.some((kind) => routeAllowed(kind, mine, to));
  const transferTo = handling ? AGENCIES.filter((a) => a !== mine && !busy.has(a) && reachable(a)) : [];
  return {
    respond,
    feedback,
    cancel,
    transferTo,
    close: handling && feedback.length === 0,
    callback: handling && mine === 'INSPECTION',
    reopen: status.closureState === 'CLOSED' && holdsLead(status.transferState),
  };
}

/** 中止/恢复 a transfer's feedback deadline: the receiver's SUPERVISORs, while it is accepted and owed feedback. */
export const mayPauseFeedback = (t: Pick<Transfer, 'to' | 'status'>, me: { agency: Agency; roles: readonly string[] }): boolean => t.status === 'ACCEPTED' && maySuspendClock(me, t.to);

/** The screens a staff member is offered: intake only with the INTAKE role. */
export const mayRegisterLeads = (roles: readonly string[]): boolean => mayDo(roles, 'intake');
