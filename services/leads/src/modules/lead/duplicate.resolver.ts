import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Lead, toLead } from './lead.type';
import { LeadRecord } from './lead.entity';
import { looksLikeSameArrears } from './lead.duplicates';
import { findDraftDuplicateCandidates, markDuplicate } from './duplicate.store';
import { LeadDraftInput } from './duplicate.input';
import { refuse } from '../../../../../lib/errors';
import type { LeadsContext } from '../../context';

@Resolver(() => Lead)
export class DuplicateResolver {
  @FieldResolver(() => [Lead], {
    description: 'Other open leads in the same region naming the same employer (credit code or normalised name), the same project and an overlapping wage period. Shown, never merged.',
  })
  async possibleDuplicates(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Lead[]> {
    const [self, candidates] = await Promise.all([ctx.loaders.leads.load(lead.id), ctx.loaders.duplicateCandidates.load(lead.id)]);
    // A lead already marked a duplicate is settled: its original is in duplicateOf.
    if (!self || self.duplicateOfId) return [];
    const same = candidates.filter((c) => looksLikeSameArrears(self, c));
    const visible = await ctx.loaders.visibleLeads.loadMany(same.map((c) => c.id));
    return visible.filter((v): v is LeadRecord => !!v && !(v instanceof Error)).map(toLead);
  }

  @Query(() => [Lead], {
    description: 'Before registering: open leads you may see that look like the same arrears as the draft (same region, same employer by credit code or normalised name, same project, overlapping wage period), newest first, at most 10. Shown, never merged.',
  })
  async possibleDuplicatesOf(@Arg('draft', () => LeadDraftInput) draft: LeadDraftInput, @Ctx() ctx: LeadsContext): Promise<Lead[]> {
    const candidates = await findDraftDuplicateCandidates(ctx.em, draft, 50);
    const same = candidates.filter((c) => looksLikeSameArrears({ id: '', projectName: draft.projectName, wagePeriodStart: draft.wagePeriodStart, wagePeriodEnd: draft.wagePeriodEnd }, c));
    const visible = await ctx.loaders.visibleLeads.loadMany(same.map((c) => c.id));
    return visible.filter((v): v is LeadRecord => !!v && !(v instanceof Error)).slice(0, 10).map(toLead);
  }

  @FieldResolver(() => Lead, { nullable: true, description: 'The original this lead was marked a duplicate of.' })
  async duplicateOf(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Lead | null> {
    if (!lead.duplicateOfId) return null;
    const original = await ctx.loaders.visibleLeads.load(lead.duplicateOfId);
    return original && toLead(original);
  }

  @Mutation(() => Lead, { description: "Mark a lead as a duplicate of another: every open agency case on it is closed as DUPLICATE and it points at the original. Audited." })
  async markDuplicate(@Arg('leadId', () => ID) leadId: string, @Arg('ofLeadId', () => ID) ofLeadId: string, @Ctx() ctx: LeadsContext): Promise<Lead> {
    const [visibleLead, visibleOriginal] = await Promise.all([ctx.loaders.visibleLeads.load(leadId), ctx.loaders.visibleLeads.load(ofLeadId)]);
    if (!visibleLead) throw refuse('LEAD_NOT_FOUND');
    if (!visibleOriginal) throw refuse('ORIGINAL_LEAD_NOT_FOUND');
    const marked = await markDuplicate(ctx, { type: 'markDuplicate', leadId, ofLeadId, by: ctx.principal, at: new Date() });
    ctx.loaders.involvements.clear(leadId);
    return toLead(marked);
  }
}
