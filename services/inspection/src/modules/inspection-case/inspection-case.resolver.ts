import { agencyCaseResolvers } from '../../../../../lib/agency-case/agency-case.resolver';
import { InspectionCase, Lead, toInspectionCase } from './inspection-case.type';
import type { InspectionContext } from '../../context';

export const [LeadInspectionCaseResolver, InspectionCaseLeadResolver] = agencyCaseResolvers({
  LeadRef: Lead,
  CaseType: InspectionCase,
  field: 'inspection',
  description: "Labour inspection's case on this lead, if inspection is involved.",
  load: (ctx: InspectionContext, leadId) => ctx.loaders.inspectionCases.load(leadId),
  toCase: toInspectionCase,
});
