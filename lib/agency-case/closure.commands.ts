/** Closing (结案) and reopening an agency's own case: commands and events. */
import type { Issued } from '../command/handler';
import type { HubEvent } from '../vocabulary/events';
import type { ClosureFacts } from '../messages';
import type { CaseNow, CloseCommand } from './closure';

export type ClosureCommand = Issued & ({ type: 'close'; input: CloseCommand } | { type: 'reopen'; note: string });

export type ClosureEvent = HubEvent<'CASE_CLOSED' | 'CASE_REOPENED'>;

export interface ClosureState extends CaseNow {
  leadId: string;
  /** The agency's own further condition for closing, decided on what was loaded with the case. */
  closeCheck?: (facts: ClosureFacts) => void;
}
