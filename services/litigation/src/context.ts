import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../../lib/context';
import { caseLoader } from '../../../lib/agency-case/agency-case.resolver';
import { rowsByLead } from '../../../lib/loaders';
import { isUuid } from '../../../lib/identifiers';
import { readRecords } from '../../../lib/read-records';
import { SupportCaseRecord } from './modules/support-case/support-case.entity';
import { CourtCaseRecord } from './modules/court-case/court-case.entity';
import { HearingRecord, InstallmentRecord, LawsuitRecord } from './modules/lawsuit/lawsuit.entity';

export const createLitigationLoaders = (em: EntityManager) => ({
  supportCases: caseLoader(em, SupportCaseRecord),
  courtCases: caseLoader(em, CourtCaseRecord),
  lawsuits: new DataLoader<string, LawsuitRecord | null>(async (ids) => {
    const rows = await readRecords(em, LawsuitRecord, { leadId: { $in: ids.filter(isUuid) } });
    const byLead = new Map(rows.map((r) => [r.leadId, r]));
    return ids.map((id) => byLead.get(id) ?? null);
  }),
  hearings: rowsByLead(em, HearingRecord, { date: 'asc', scheduledAt: 'asc' }),
  installments: rowsByLead(em, InstallmentRecord, { seq: 'asc' }),
});
export type LitigationLoaders = ReturnType<typeof createLitigationLoaders>;
export type LitigationContext = HubContext<LitigationLoaders>;
