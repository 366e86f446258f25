import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Lead, toLead } from './lead.type';
import { LeadRecord } from './lead.entity';
import { lockLead } from './lead.lock';
import { checkMarkDuplicate, looksLikeSameArrears } from './lead.duplicates';
import { loadForUpdate, syncAgencies, type Override } from '../transfer/transfer.store';
import { TimelineEntryRecord } from '../timeline/timeline.entity';
import { refuse } from '../../../../../lib/errors';
import type { Agency } from '../../../../../lib/domain/enums';
import type { ClosureFacts } from '../../../../../lib/messages';
import type { LeadsContext } from '../../context';

@Resolver(() => Lead)
export class DuplicateResolver {
  @FieldResolver(() => [Lead], {
    description: 'Other open leads in the same region naming the same employer (credit code or normalised name), the same project and an overlapping wage period. Shown, never merged.',
  })
  async possibleDuplicates(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Lead[]> {
    const [self, candidates] = await Promise.all([ctx.loaders.leads.load(lead.id), ctx.loaders.duplicateCandidates.load(lead.id)]);
    if (!self) return [];
    const same = candidates.filter((c) => looksLikeSameArrears(self, c));
    const visible = await ctx.loaders.visibleLeads.loadMany(same.map((c) => c.id));
    return visible.filter((v): v is LeadRecord => !!v && !(v instanceof Error)).map(toLead);
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
    const marked = await ctx.transact(async (tx) => {
      // Both rows locked, in one order, so two staff marking a pair both ways cannot deadlock.
      for (const id of [leadId, ofLeadId].sort()) await lockLead(tx.em, id);
      const { lead, transfers, rows } = await loadForUpdate(tx, leadId);
      const original = await tx.em.findOneOrFail(LeadRecord, { id: ofLeadId }, { refresh: true });
      const open = transfers.filter((t) => t.status === 'REQUESTED' || t.status === 'ACCEPTED').length;
      checkMarkDuplicate(ctx.principal, { ...lead, duplicateOfId: lead.duplicateOfId ?? null }, { ...original, duplicateOfId: original.duplicateOfId ?? null }, rows.find((r) => r.agency === ctx.principal.agency), open);
      lead.duplicateOfId = original.id;
      const at = new Date();
      const facts: ClosureFacts = { reason: 'DUPLICATE', amountRecoveredFen: '0', workersPaid: 0, note: `Duplicate of ${original.referenceNo}`, closedAt: at.toISOString(), closedBy: ctx.principal.id };
      const overrides = new Map<Agency, Override>(rows.filter((r) => r.closureState === 'OPEN').map((r) => [r.agency as Agency, { closure: { state: 'CLOSED' as const, facts } }]));
      await syncAgencies(tx, lead, transfers, rows, overrides);
      const entry = (id: string, summary: string) =>
        tx.em.persist(tx.em.create(TimelineEntryRecord, { leadId: id, at, agency: ctx.principal.agency, actor: ctx.principal.id, kind: 'DUPLICATE_MARKED', summary }));
      entry(lead.id, `Marked as a duplicate of ${original.referenceNo}; open cases closed as DUPLICATE`);
      entry(original.id, `${lead.referenceNo} was marked as a duplicate of this lead`);
      tx.audit({ entityType: 'Lead', entityId: lead.id, action: 'DUPLICATE_MARKED', data: { duplicateOf: original.id, closedAgencies: [...overrides.keys()] } });
      return lead;
    });
    ctx.loaders.involvements.clear(leadId);
    return toLead(marked);
  }
}
