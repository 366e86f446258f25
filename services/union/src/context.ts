import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { rowsByLead } from '../../../lib/loaders';
import { UnionCaseRecord } from './modules/union-case/union-case.entity';
import { WageAdvanceRecord } from './modules/relief-fund/relief-fund.entity';
import { MediationRecord } from './modules/mediation/mediation.entity';
import { LegalAidRecord } from './modules/legal-aid/legal-aid.entity';

export const createUnionLoaders = (em: EntityManager) => ({
  unionCases: caseLoader(em, UnionCaseRecord),
  advances: rowsByLead(em, WageAdvanceRecord, { grantedAt: 'asc' }),
  mediations: rowsByLead(em, MediationRecord, { recordedAt: 'asc' }),
  legalAid: rowsByLead(em, LegalAidRecord, { providedOn: 'asc' }),
});
export type UnionLoaders = ReturnType<typeof createUnionLoaders>;
export type UnionContext = HubContext<UnionLoaders>;
