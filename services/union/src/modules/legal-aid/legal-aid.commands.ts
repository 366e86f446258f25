/** What union staff do on the union's own case besides mediation and advances: commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { HubEvent } from '../../../../../lib/vocabulary/events';

export type UnionCaseworkCommand = Issued &
  (
    | { type: 'reassignHandler'; handler: string; note: string }
    | { type: 'recordLegalAid'; provider: string; providedOn: string; note?: string | null }
  );

export type UnionCaseworkEvent = HubEvent<'HANDLER_REASSIGNED' | 'LEGAL_AID_RECORDED'>;

/** The union's case as the decider needs it. */
export interface UnionCaseState {
  leadId: string;
  handler: string;
  transferState: string;
  closureState: string;
}
