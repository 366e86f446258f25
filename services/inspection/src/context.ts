import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { isUuid } from '../../../lib/identifiers';
import { InspectionCaseRecord } from './modules/inspection-case/inspection-case.entity';
import { CallbackRecord, HandoverRecord, PaymentOrderRecord } from './modules/casework/casework.entity';

function byLead<T extends { leadId: string }>(em: EntityManager, entity: new () => T, orderBy: Record<string, 'asc'>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await em.find(entity, { leadId: { $in: ids.filter(isUuid) } } as never, { orderBy } as never);
    return ids.map((id) => rows.filter((r) => r.leadId === id));
  });
}

export const createInspectionLoaders = (em: EntityManager) => ({
  inspectionCases: caseLoader(em, InspectionCaseRecord),
  paymentOrders: byLead(em, PaymentOrderRecord, { issuedAt: 'asc' }),
  handovers: byLead(em, HandoverRecord, { at: 'asc' }),
  callbacks: byLead(em, CallbackRecord, { at: 'asc' }),
});
export type InspectionLoaders = ReturnType<typeof createInspectionLoaders>;
export type InspectionContext = HubContext<InspectionLoaders>;
