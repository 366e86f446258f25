import 'reflect-metadata';
import { auditTrailResolver } from '../../../lib/audit/audit-trail';
import type { ServiceDefinition } from '../../../lib/service';
import { applyAgencyStates, openAgencyCases } from '../../../lib/agency-case/open-case';
import { setHandler } from '../../../lib/outbox/receiver';
import { closureResolver } from '../../../lib/agency-case/closure.resolver';
import { AGENCY_STATES_CHANGED, CASE_OPENED, type AgencyStatesChanged, type CaseOpened } from '../../../lib/messages';
import type { HubMessage } from '../../../lib/outbox/message';
import { UnionCaseRecord } from './modules/union-case/union-case.entity';
import { FundMovementRecord, ReliefFundRecord, WageAdvanceRecord } from './modules/relief-fund/relief-fund.entity';
import { MediationRecord } from './modules/mediation/mediation.entity';
import { ReliefFundResolver, UnionCaseAdvancesResolver } from './modules/relief-fund/relief-fund.resolver';
import { MediationResolver } from './modules/mediation/mediation.resolver';
import { LegalAidRecord } from './modules/legal-aid/legal-aid.entity';
import { UnionCaseworkResolver } from './modules/legal-aid/casework.resolver';
import { LeadUnionCaseResolver, UnionCaseLeadResolver } from './modules/union-case/union-case.resolver';
import { createUnionLoaders, type UnionLoaders } from './context';
import { migrations } from './migrations';
import { Lead, UnionCase, toUnionCase } from './modules/union-case/union-case.type';

/** The union (工会): first contact, mediation, wage advances, legal aid. */
export const unionService: ServiceDefinition<UnionLoaders> = {
  name: 'union',
  entities: [UnionCaseRecord, ReliefFundRecord, FundMovementRecord, WageAdvanceRecord, MediationRecord, LegalAidRecord],
  migrations,
  resolvers: [LeadUnionCaseResolver, UnionCaseLeadResolver, ReliefFundResolver, UnionCaseAdvancesResolver, MediationResolver, UnionCaseworkResolver, closureResolver({ entity: UnionCaseRecord, CaseType: UnionCase, agency: 'UNION', caseName: 'UnionCase', toCase: toUnionCase }),
    auditTrailResolver({ Type: UnionCase, leadIdOf: (c) => c.leadId, agency: 'UNION', what: "the union's record of changes to its case on this lead (mediation, legal aid, advances, closure)" }),
  ],
  orphanedTypes: [Lead, UnionCase],
  createLoaders: createUnionLoaders,
  messageHandlers: {
    [CASE_OPENED]: setHandler<CaseOpened>((messages, ctx) => openAgencyCases(UnionCaseRecord, messages, ctx)),
    [AGENCY_STATES_CHANGED]: (message: HubMessage<AgencyStatesChanged>, ctx) => applyAgencyStates(UnionCaseRecord, message, ctx),
  },
};
