/** The evidence checklist of an inspection case (《保障农民工工资支付条例》第五十条): commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { EvidenceItem } from '../../../../../lib/domain/enums';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { InspectionCaseNow } from '../casework/inspection.rules';

export type ChecklistCommand = Issued &
  (
    | { type: 'requestEvidence'; item: EvidenceItem; requestedOn?: string | null }
    | { type: 'recordEvidenceReceived'; item: EvidenceItem; receivedOn?: string | null }
    | { type: 'recordEvidenceNotProvided'; item: EvidenceItem; note: string }
    | { type: 'recordCloseWithoutLedgerReason'; reason: string }
  );

export type ChecklistEvent = HubEvent<'EVIDENCE_REQUESTED' | 'EVIDENCE_RECEIVED' | 'EVIDENCE_NOT_PROVIDED' | 'CLOSE_WITHOUT_LEDGER_REASONED'>;

/** One request to the employer for one document, and whether it came. */
export interface EvidenceRequestNow {
  item: EvidenceItem;
  requestedOn: string;
  outcome: 'RECEIVED' | 'NOT_PROVIDED' | null;
  receivedOn?: string | null;
}

/** What the checklist decider sees: the case, every request so far (oldest first), the reason recorded to close without the ledger. */
export interface ChecklistState {
  leadId: string;
  case: InspectionCaseNow;
  requests: EvidenceRequestNow[];
  closeWithoutLedgerReason: string | null;
}
