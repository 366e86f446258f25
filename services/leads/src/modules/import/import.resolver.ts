import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { requestLanguage } from '../../../../../lib/i18n/language';
import type { LeadsContext } from '../../context';
import { LeadImportRecord } from './import.entity';
import { ImportRow, ImportRowOutcomeEnum, LeadImport, toImportRow, toLeadImport } from './import.type';
import { checkMayImport, checkOwnImport } from './import.rules';
import { cancelImport, reportRows, startImport } from './import.store';
import type { RowOutcome } from './import.entity';

async function ownImport(ctx: LeadsContext, id: string): Promise<LeadImportRecord> {
  checkMayImport(ctx.principal);
  const job = isUuid(id) ? await ctx.em.findOne(LeadImportRecord, { id }) : null;
  checkOwnImport(ctx.principal, job);
  return job;
}

@Resolver(() => LeadImport)
export class LeadImportResolver {
  @Query(() => LeadImport, { nullable: true, description: 'INTAKE: one of your bulk imports, with its progress; null if it is not yours.' })
  async leadImport(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<LeadImport | null> {
    checkMayImport(ctx.principal);
    const job = isUuid(id) ? await ctx.em.findOne(LeadImportRecord, { id, importedBy: ctx.principal.id, agency: ctx.principal.agency }) : null;
    return job && toLeadImport(job, requestLanguage());
  }

  @Query(() => [LeadImport], { description: 'INTAKE: your recent bulk imports, newest first.' })
  async myLeadImports(@Ctx() ctx: LeadsContext, @Arg('first', () => Int, { defaultValue: 20 }) first = 20): Promise<LeadImport[]> {
    checkMayImport(ctx.principal);
    const jobs = await ctx.em.find(LeadImportRecord, { importedBy: ctx.principal.id, agency: ctx.principal.agency }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: Math.min(Math.max(first, 1), 100) });
    const lang = requestLanguage();
    return jobs.map((j) => toLeadImport(j, lang));
  }

  @Mutation(() => LeadImport, {
    description:
      'INTAKE: import a file uploaded to POST /imports/files (its id): every row checked by the rules of reportLead within your jurisdiction; good rows become leads (all of them or none, with allOrNothing). Runs in the background: follow it with leadImport. Audited.',
  })
  async startLeadImport(
    @Arg('id', () => ID, { description: 'The id POST /imports/files answered.' }) id: string,
    @Ctx() ctx: LeadsContext,
    @Arg('allOrNothing', () => Boolean, { defaultValue: false }) allOrNothing = false,
  ): Promise<LeadImport> {
    await ownImport(ctx, id);
    const job = await startImport(ctx, { type: 'startLeadImport', importId: id, allOrNothing, by: ctx.principal, at: new Date() });
    return toLeadImport(job, requestLanguage());
  }

  @Mutation(() => LeadImport, { description: 'INTAKE: stop one of your imports after the batch in progress; the leads already imported stay. Audited.' })
  async cancelLeadImport(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<LeadImport> {
    await ownImport(ctx, id);
    const job = await cancelImport(ctx, { type: 'cancelLeadImport', importId: id, by: ctx.principal, at: new Date() });
    return toLeadImport(job, requestLanguage());
  }

  @FieldResolver(() => [ImportRow], { description: 'The rows the report names, in file order: refused ones with every problem, those already there, possible duplicates.' })
  async rows(
    @Root() job: LeadImport,
    @Ctx() ctx: LeadsContext,
    @Arg('outcome', () => ImportRowOutcomeEnum, { nullable: true }) outcome?: RowOutcome | null,
    @Arg('afterRow', () => Int, { defaultValue: 0, description: 'Rows after this row number (paging).' }) afterRow = 0,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<ImportRow[]> {
    if (first < 0 || first > 1000) throw refuse('NUMBER_BETWEEN', { min: 0, max: 1000 }, { field: 'first' });
    const lang = requestLanguage();
    return (await reportRows(ctx.em, job.id, outcome ?? null, afterRow, first)).map((r) => toImportRow(r, lang));
  }
}
