import { agencyCaseResolvers } from '../../../../../lib/agency-case/agency-case.resolver';
import { Lead, UnionCase, toUnionCase } from './union-case.type';
import type { UnionContext } from '../../context';

export const [LeadUnionCaseResolver, UnionCaseLeadResolver] = agencyCaseResolvers({
  LeadRef: Lead,
  CaseType: UnionCase,
  field: 'union',
  description: "The union's case on this lead, if the union is involved.",
  load: (ctx: UnionContext, leadId) => ctx.loaders.unionCases.load(leadId),
  toCase: toUnionCase,
});
