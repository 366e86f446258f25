import 'reflect-metadata';
import { auditTrailResolver } from '../../../lib/audit/audit-trail';
import type { ServiceDefinition } from '../../../lib/service';
import { applyAgencyStates, openAgencyCases } from '../../../lib/agency-case/open-case';
import { setHandler } from '../../../lib/outbox/receiver';
import { closureResolver } from '../../../lib/agency-case/closure.resolver';
import { AGENCY_STATES_CHANGED, CASE_OPENED, type AgencyStatesChanged, type CaseOpened } from '../../../lib/messages';
import type { HubMessage } from '../../../lib/outbox/message';
import { InspectionCaseRecord } from './modules/inspection-case/inspection-case.entity';
import { CallbackRecord, HandoverRecord, OrderPaymentRecord, PaymentOrderRecord } from './modules/casework/casework.entity';
import { InspectionCaseworkResolver } from './modules/casework/casework.resolver';
import { BlacklistListingRecord } from './modules/blacklist/blacklist.entity';
import { BlacklistResolver } from './modules/blacklist/blacklist.resolver';
import { checkCloseInspection } from './modules/casework/inspection.rules';
import { CloseWithoutLedgerReasonRecord, EvidenceRequestRecord } from './modules/checklist/checklist.entity';
import { EvidenceChecklistResolver } from './modules/checklist/checklist.resolver';
import { loadLedgerCloseCheck } from './modules/checklist/checklist.store';
import { openInvestigation, InspectionQueueResolver } from './modules/casework/queue.resolver';
import { InspectionCaseLeadResolver, LeadInspectionCaseResolver } from './modules/inspection-case/inspection-case.resolver';
import { createInspectionLoaders, type InspectionLoaders } from './context';
import { migrations } from './migrations';
import { Lead, InspectionCase, toInspectionCase } from './modules/inspection-case/inspection-case.type';
import { inspectionDeadlines } from './modules/casework/casework-deadlines.store';

/** Labour-security inspection (劳动保障监察): acceptance, investigation, orders, referrals. */
export const inspectionService: ServiceDefinition<InspectionLoaders> = {
  name: 'inspection',
  entities: [InspectionCaseRecord, PaymentOrderRecord, OrderPaymentRecord, HandoverRecord, CallbackRecord, BlacklistListingRecord, EvidenceRequestRecord, CloseWithoutLedgerReasonRecord],
  migrations,
  resolvers: [LeadInspectionCaseResolver, InspectionCaseLeadResolver, closureResolver({ entity: InspectionCaseRecord, CaseType: InspectionCase, agency: 'INSPECTION', caseName: 'InspectionCase', toCase: toInspectionCase,
      loadCloseCheck: async (em, c) => {
        const callbacks = await em.count(CallbackRecord, { leadId: c.leadId });
        const ledger = await loadLedgerCloseCheck(em, c.leadId);
        return (facts) => {
          checkCloseInspection(c, callbacks);
          ledger(facts.reason);
        };
      },
    }),
    InspectionCaseworkResolver,
    BlacklistResolver,
    EvidenceChecklistResolver,
    InspectionQueueResolver,
    auditTrailResolver({ Type: InspectionCase, leadIdOf: (c) => c.leadId, agency: 'INSPECTION', what: "labour inspection's record of changes to its case on this lead" }),
  ],
  orphanedTypes: [Lead, InspectionCase],
  createLoaders: createInspectionLoaders,
  deadlines: [inspectionDeadlines],
  messageHandlers: {
    // A lead reported to labour inspection is under investigation from its case's first day.
    [CASE_OPENED]: setHandler<CaseOpened>((messages, ctx) =>
      openAgencyCases(InspectionCaseRecord, messages, ctx, (c, message) => {
        c.investigationOpenedAt ??= new Date(message.occurredAt);
      }),
    ),
    [AGENCY_STATES_CHANGED]: async (message: HubMessage<AgencyStatesChanged>, ctx) => {
      await applyAgencyStates(InspectionCaseRecord, message, ctx);
      if (message.payload.transferState === 'ACCEPTED') await openInvestigation(ctx.em, message.payload.leadId, new Date(message.occurredAt));
    },
  },
};
