import type { FeedbackState } from './enums';

/**
 * OVERDUE is not stored: feedback an agency owes (DUE) or awaits (AWAITING) becomes overdue the
 * moment its deadline passes, so it is worked out whenever a state is read.
 */
export function effectiveFeedbackState(stored: FeedbackState, dueAt: Date | null | undefined, now: Date): FeedbackState {
  if ((stored === 'DUE' || stored === 'AWAITING') && dueAt && dueAt.getTime() < now.getTime()) return 'OVERDUE';
  return stored;
}
