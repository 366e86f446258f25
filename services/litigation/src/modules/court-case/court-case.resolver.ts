import { agencyCaseResolvers } from '../../../../../lib/agency-case/agency-case.resolver';
import { Lead } from '../support-case/support-case.type';
import { CourtCase, toCourtCase } from './court-case.type';
import type { LitigationContext } from '../../context';

export const [LeadCourtCaseResolver, CourtCaseLeadResolver] = agencyCaseResolvers({
  LeadRef: Lead,
  CaseType: CourtCase,
  field: 'court',
  description: "The court's case on this lead, if a court took it on.",
  load: (ctx: LitigationContext, leadId) => ctx.loaders.courtCases.load(leadId),
  toCase: toCourtCase,
});
