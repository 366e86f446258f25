import { agencyCaseResolvers } from '../../../../../lib/agency-case/agency-case.resolver';
import { Lead, SupportCase, toSupportCase } from './support-case.type';
import type { LitigationContext } from '../../context';

export const [LeadSupportCaseResolver, SupportCaseLeadResolver] = agencyCaseResolvers({
  LeadRef: Lead,
  CaseType: SupportCase,
  field: 'support',
  description: "The procuratorate's support-to-sue case on this lead, if any.",
  load: (ctx: LitigationContext, leadId) => ctx.loaders.supportCases.load(leadId),
  toCase: toSupportCase,
});
