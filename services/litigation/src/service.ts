import 'reflect-metadata';
import type { ServiceDefinition } from '../../../lib/service';
import { applyAgencyStates, openAgencyCase } from '../../../lib/agency-case/open-case';
import { closureResolver } from '../../../lib/agency-case/closure.resolver';
import { AGENCY_STATES_CHANGED, CASE_OPENED, type AgencyStatesChanged, type CaseOpened } from '../../../lib/messages';
import type { HubMessage } from '../../../lib/outbox/message';
import { SupportCaseRecord } from './modules/support-case/support-case.entity';
import { CourtCaseRecord } from './modules/court-case/court-case.entity';
import { LeadSupportCaseResolver, SupportCaseLeadResolver } from './modules/support-case/support-case.resolver';
import { createLitigationLoaders, type LitigationLoaders } from './context';
import { migrations } from './migrations';
import { Lead, SupportCase, toSupportCase } from './modules/support-case/support-case.type';

/** Procuratorate (support to sue) and court (filing, hearings, settlements). */
export const litigationService: ServiceDefinition<LitigationLoaders> = {
  name: 'litigation',
  entities: [SupportCaseRecord, CourtCaseRecord],
  migrations,
  resolvers: [LeadSupportCaseResolver, SupportCaseLeadResolver, closureResolver({ entity: SupportCaseRecord, CaseType: SupportCase, agency: 'PROCURATORATE', caseName: 'SupportCase', toCase: toSupportCase })],
  orphanedTypes: [Lead, SupportCase],
  createLoaders: createLitigationLoaders,
  messageHandlers: {
    [CASE_OPENED]: (message, ctx) => {
      const m = message as HubMessage<CaseOpened>;
      return openAgencyCase(m.payload.agency === 'COURT' ? CourtCaseRecord : SupportCaseRecord, m, ctx);
    },
    [AGENCY_STATES_CHANGED]: (message, ctx) => {
      const m = message as HubMessage<AgencyStatesChanged>;
      return applyAgencyStates(m.payload.agency === 'COURT' ? CourtCaseRecord : SupportCaseRecord, m, ctx);
    },
  },
};
