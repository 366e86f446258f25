import 'reflect-metadata';
import { auditTrailResolver } from '../../../lib/audit/audit-trail';
import type { ServiceDefinition } from '../../../lib/service';
import { applyAgencyStates, openAgencyCases } from '../../../lib/agency-case/open-case';
import { setHandler } from '../../../lib/outbox/receiver';
import { closureResolver } from '../../../lib/agency-case/closure.resolver';
import { AGENCY_STATES_CHANGED, CASE_OPENED, type AgencyStatesChanged, type CaseOpened } from '../../../lib/messages';
import type { HubMessage } from '../../../lib/outbox/message';
import { SupportCaseRecord } from './modules/support-case/support-case.entity';
import { CourtCaseRecord } from './modules/court-case/court-case.entity';
import { HearingRecord, InstallmentPaymentRecord, InstallmentRecord, LawsuitRecord, LiablePartyRecord } from './modules/lawsuit/lawsuit.entity';
import { LeadSupportCaseResolver, SupportCaseLeadResolver } from './modules/support-case/support-case.resolver';
import { SupportCasesQueryResolver } from './modules/support-case/support-cases.query';
import { CourtCaseLeadResolver, LeadCourtCaseResolver } from './modules/court-case/court-case.resolver';
import { LawsuitResolver } from './modules/lawsuit/lawsuit.resolver';
import { checkCloseSupport } from './modules/lawsuit/lawsuit.rules';
import { installmentNow, lawsuitNow } from './modules/lawsuit/lawsuit.type';
import { createLitigationLoaders, type LitigationLoaders } from './context';
import { migrations } from './migrations';
import { Lead, SupportCase, toSupportCase } from './modules/support-case/support-case.type';
import { CourtCase, toCourtCase } from './modules/court-case/court-case.type';
import { lawsuitDeadlines } from './modules/lawsuit/lawsuit-deadlines.store';

/** Procuratorate (support to sue) and court (filing, hearings, settlements). */
export const litigationService: ServiceDefinition<LitigationLoaders> = {
  name: 'litigation',
  entities: [SupportCaseRecord, CourtCaseRecord, LawsuitRecord, HearingRecord, InstallmentRecord, InstallmentPaymentRecord, LiablePartyRecord],
  migrations,
  resolvers: [
    LeadSupportCaseResolver,
    SupportCaseLeadResolver,
    LeadCourtCaseResolver,
    CourtCaseLeadResolver,
    SupportCasesQueryResolver,
    LawsuitResolver,
    closureResolver({
      entity: SupportCaseRecord,
      CaseType: SupportCase,
      agency: 'PROCURATORATE',
      caseName: 'SupportCase',
      toCase: toSupportCase,
      loadCloseCheck: async (em, c) => {
        const [lawsuit, installments] = await Promise.all([em.findOne(LawsuitRecord, { leadId: c.leadId }), em.find(InstallmentRecord, { leadId: c.leadId })]);
        return (facts) => checkCloseSupport(facts.reason, lawsuitNow(lawsuit), installments.map(installmentNow));
      },
    }),
    closureResolver({ entity: CourtCaseRecord, CaseType: CourtCase, agency: 'COURT', caseName: 'CourtCase', toCase: toCourtCase }),
    auditTrailResolver({ Type: SupportCase, leadIdOf: (c) => c.leadId, agency: 'PROCURATORATE', what: 'the record of changes to the support case and its lawsuit on this lead' }),
    auditTrailResolver({ Type: CourtCase, leadIdOf: (c) => c.leadId, agency: 'COURT', what: "the record of changes to the court's case and the lawsuit on this lead" }),
  ],
  orphanedTypes: [Lead, SupportCase, CourtCase],
  createLoaders: createLitigationLoaders,
  deadlines: [lawsuitDeadlines],
  messageHandlers: {
    // Courts' and procuratorates' cases are separate tables: each run's in one go.
    [CASE_OPENED]: setHandler<CaseOpened>(async (messages, ctx) => {
      await openAgencyCases(CourtCaseRecord, messages.filter((m) => m.payload.agency === 'COURT'), ctx);
      await openAgencyCases(SupportCaseRecord, messages.filter((m) => m.payload.agency !== 'COURT'), ctx);
    }),
    [AGENCY_STATES_CHANGED]: (message, ctx) => {
      const m = message as HubMessage<AgencyStatesChanged>;
      return applyAgencyStates(m.payload.agency === 'COURT' ? CourtCaseRecord : SupportCaseRecord, m, ctx);
    },
  },
};
