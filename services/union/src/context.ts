import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { isUuid } from '../../../lib/identifiers';
import { UnionCaseRecord } from './modules/union-case/union-case.entity';
import { WageAdvanceRecord } from './modules/relief-fund/relief-fund.entity';
import { MediationRecord } from './modules/mediation/mediation.entity';
import { LegalAidRecord } from './modules/legal-aid/legal-aid.entity';

function byLead<T extends { leadId: string }>(em: EntityManager, entity: new () => T, orderBy: Record<string, 'asc'>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await em.find(entity, { leadId: { $in: ids.filter(isUuid) } } as never, { orderBy } as never);
    return ids.map((id) => rows.filter((r) => r.leadId === id));
  });
}

export const createUnionLoaders = (em: EntityManager) => ({
  unionCases: caseLoader(em, UnionCaseRecord),
  advances: byLead(em, WageAdvanceRecord, { grantedAt: 'asc' }),
  mediations: byLead(em, MediationRecord, { recordedAt: 'asc' }),
  legalAid: byLead(em, LegalAidRecord, { providedOn: 'asc' }),
});
export type UnionLoaders = ReturnType<typeof createUnionLoaders>;
export type UnionContext = HubContext<UnionLoaders>;
