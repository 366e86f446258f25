/**
 * Each agency's transfer and feedback states on a lead follow from the lead's intake and its
 * transfers; they are worked out here, in one place, after every transfer command. Pure.
 */
import type { Agency, FeedbackState, TransferState, TransferStatus } from '../../../../../lib/domain/enums';

export interface TransferFacts {
  from: Agency;
  to: Agency;
  status: TransferStatus;
  requestedAt: Date;
  feedbackDueAt: Date;
  completedAt?: Date | null;
  /** Its feedback deadline is suspended (中止): it does not count towards the agency's deadline. */
  feedbackSuspended?: boolean;
}

export interface DerivedStates {
  transferState: TransferState;
  /** As stored: OVERDUE is worked out on reading, from feedbackDueAt. */
  feedbackState: Exclude<FeedbackState, 'OVERDUE'>;
  /** The nearest deadline of feedback this agency owes or awaits. */
  feedbackDueAt: Date | null;
  /** This agency's nearest deadline of any kind: accepting a lead sent to it, or feedback (the list's 最近期限 order). */
  deadlineAt: Date | null;
}

const isOpen = (s: TransferStatus) => s === 'REQUESTED' || s === 'ACCEPTED';
// A suspended deadline is no deadline for now: never overdue, never the nearest.
const deadlines = (ts: TransferFacts[]) => ts.filter((t) => !t.feedbackSuspended).map((t) => t.feedbackDueAt);
const earliest = (dates: Date[]) => (dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null);

/** `acceptBy` gives when a transfer still waiting must be accepted or returned (null: no rule). */
export function deriveAgencyStates(intakeAgency: Agency, transfers: readonly TransferFacts[], acceptBy: (t: TransferFacts) => Date | null = () => null): Map<Agency, DerivedStates> {
  const agencies = new Set<Agency>([intakeAgency]);
  for (const t of transfers) {
    agencies.add(t.from);
    agencies.add(t.to);
  }
  const byTime = [...transfers].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  const result = new Map<Agency, DerivedStates>();
  for (const a of agencies) {
    const outgoing = byTime.filter((t) => t.from === a);
    const incoming = byTime.filter((t) => t.to === a);
    const openOut = outgoing.filter((t) => isOpen(t.status));
    const pendingIn = incoming.filter((t) => t.status === 'REQUESTED');
    const acceptedIn = incoming.filter((t) => t.status === 'ACCEPTED');
    const lastIn = incoming.at(-1);

    let transferState: TransferState;
    if (openOut.length) transferState = 'TRANSFERRED_OUT';
    else if (pendingIn.length) transferState = 'PENDING_ACCEPTANCE';
    else if (acceptedIn.length) transferState = 'ACCEPTED';
    else if (a === intakeAgency) transferState = 'ORIGINATED';
    else if (incoming.some((t) => t.status === 'COMPLETED')) transferState = 'ACCEPTED';
    else if (lastIn?.status === 'REJECTED') transferState = 'RETURNED';
    else transferState = 'PENDING_ACCEPTANCE'; // only cancelled transfers: the case is withdrawn

    let feedbackState: DerivedStates['feedbackState'];
    let feedbackDueAt: Date | null = null;
    if (acceptedIn.length) {
      feedbackState = 'DUE';
      feedbackDueAt = earliest(deadlines([...acceptedIn, ...openOut]));
    } else if (openOut.length) {
      feedbackState = 'AWAITING';
      feedbackDueAt = earliest(deadlines(openOut));
    } else {
      const completed = [...outgoing, ...incoming]
        .filter((t) => t.status === 'COMPLETED')
        .sort((x, y) => (x.completedAt?.getTime() ?? 0) - (y.completedAt?.getTime() ?? 0))
        .at(-1);
      feedbackState = !completed ? 'NONE' : completed.to === a ? 'GIVEN' : 'RECEIVED';
    }
    const acceptDeadlines = pendingIn.map(acceptBy).filter((d): d is Date => d != null);
    const deadlineAt = earliest([...acceptDeadlines, ...(feedbackDueAt ? [feedbackDueAt] : [])]);
    result.set(a, { transferState, feedbackState, feedbackDueAt, deadlineAt });
  }
  return result;
}
