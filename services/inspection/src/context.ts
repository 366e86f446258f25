import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { rowsByLead } from '../../../lib/loaders';
import { InspectionCaseRecord } from './modules/inspection-case/inspection-case.entity';
import { CallbackRecord, HandoverRecord, PaymentOrderRecord } from './modules/casework/casework.entity';
import { BlacklistListingRecord } from './modules/blacklist/blacklist.entity';
import { CloseWithoutLedgerReasonRecord, EvidenceRequestRecord } from './modules/checklist/checklist.entity';

export const createInspectionLoaders = (em: EntityManager) => ({
  inspectionCases: caseLoader(em, InspectionCaseRecord),
  paymentOrders: rowsByLead(em, PaymentOrderRecord, { issuedAt: 'asc' }),
  handovers: rowsByLead(em, HandoverRecord, { at: 'asc' }),
  callbacks: rowsByLead(em, CallbackRecord, { at: 'asc' }),
  blacklistings: rowsByLead(em, BlacklistListingRecord, { proposedAt: 'asc' }),
  evidenceRequests: rowsByLead(em, EvidenceRequestRecord, { id: 'asc' }),
  closeWithoutLedgerReasons: rowsByLead(em, CloseWithoutLedgerReasonRecord, { id: 'asc' }),
});
export type InspectionLoaders = ReturnType<typeof createInspectionLoaders>;
export type InspectionContext = HubContext<InspectionLoaders>;
