import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { clientOperationName, requestedPersonalData, type PersonalDataField } from '../personal-data/personal-data.rules';
import { AgencyStatus, Complainant, Lead, LeadConnection, toAgencyStatus, toLead } from './lead.type';
import { LeadFilter, ReportLeadInput } from './lead.input';
import { acceptLeadReport } from './lead.intake';
import { recordLead } from './lead.store';
import { findLeads } from './lead.query';
import { handlesLead } from './lead.access';
import { Employer, toEmployer } from '../employer/employer.type';
import { TimelineEntry, toTimelineEntry } from '../timeline/timeline.type';
import { requestLanguage } from '../../../../../lib/i18n/language';
import { LeadRecord } from './lead.entity';
import { maskIdNumber, maskPhone } from '../../../../../lib/identifiers';
import { pageSize } from '../../../../../lib/graphql/pagination';
import { decodeLeadCursor, leadCursor, planSearch, type LeadOrder, type LeadSearch } from './search.rules';
import { LeadOrderEnum, toLeadSearchEcho } from './search.type';
import { refuse } from '../../../../../lib/errors';
import type { LeadsContext } from '../../context';

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => Lead, { nullable: true, description: 'A lead you may see, or null.' })
  async lead(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<Lead | null> {
    const record = await ctx.loaders.visibleLeads.load(id);
    return record && toLead(record);
  }

  @Query(() => Lead, { nullable: true, description: 'Look a lead up by its reference number, e.g. QX-140400-2026-000017.' })
  async leadByReference(@Arg('referenceNo') referenceNo: string, @Ctx() ctx: LeadsContext): Promise<Lead | null> {
    // A NUL cannot be in a reference number (nor be sent to PostgreSQL): no such lead.
    if (referenceNo.includes('\u0000')) return null;
    const found = await ctx.em.findOne(LeadRecord, { referenceNo: referenceNo.trim().toUpperCase() });
    if (!found) return null;
    ctx.loaders.leads.prime(found.id, found);
    const record = await ctx.loaders.visibleLeads.load(found.id);
    return record && toLead(record);
  }

  @Query(() => LeadConnection, { description: 'Leads in your region and below that your agency is involved in, newest first unless orderBy says otherwise.' })
  async leads(
    @Ctx() ctx: LeadsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => LeadFilter, { nullable: true }) filter?: LeadFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'A reference number (QX-…), a credit code, a complainant\'s ID number or phone (matched whole, only on leads whose numbers you are shown; the search is on the personal-data access record, masked), or the start of a complainant\'s or employer\'s name.',
    })
    search?: string | null,
    @Arg('orderBy', () => LeadOrderEnum, { nullable: true, description: 'Default RECEIVED_DESC.' }) orderBy?: LeadOrder | null,
  ): Promise<LeadConnection> {
    const plan = planSearch(ctx.principal, search);
    if (plan?.personal) ctx.loaders.personalDataSightings.searched(plan, clientOperationName(info.operation.name?.value), 'leads');
    return leadPage(ctx, filter, first, after, undefined, { search: plan, order: orderBy ?? 'RECEIVED_DESC' });
  }

  @Mutation(() => Lead, { description: "Intake by the caller's agency: creates the lead and opens the caller's agency case (ORIGINATED)." })
  async reportLead(@Arg('input', () => ReportLeadInput) input: ReportLeadInput, @Ctx() ctx: LeadsContext): Promise<Lead> {
    const accepted = acceptLeadReport(input, ctx.principal, new Date());
    const record = await recordLead(ctx, { type: 'reportLead', lead: accepted, by: ctx.principal, at: new Date() });
    ctx.log.info({ leadId: record.id, referenceNo: record.referenceNo }, 'lead reported');
    return toLead(record);
  }

  @FieldResolver(() => Employer)
  async employer(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Employer> {
    const e = await ctx.loaders.employers.load(lead.employerId);
    if (!e) throw refuse('EMPLOYER_NOT_FOUND', { leadId: lead.id });
    return toEmployer(e);
  }

  @FieldResolver(() => Employer, { nullable: true, description: '施工总承包单位' })
  async generalContractor(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Employer | null> {
    if (!lead.generalContractorId) return null;
    const e = await ctx.loaders.employers.load(lead.generalContractorId);
    return e && toEmployer(e);
  }

  @FieldResolver(() => [Complainant], { description: 'ID numbers and phones are masked unless your agency handles the lead.' })
  async complainants(@Root() lead: Lead, @Ctx() ctx: LeadsContext, @Info() info: GraphQLResolveInfo): Promise<Complainant[]> {
    const [people, involvements] = await Promise.all([ctx.loaders.complainants.load(lead.id), ctx.loaders.involvements.load(lead.id)]);
    const full = handlesLead(ctx.principal, involvements);
    const asked = full ? requestedPersonalData(info) : new Set<PersonalDataField>();
    if (asked.size) {
      // Unmasked values shown: who saw them goes on the record (written once, at the request's end).
      let root = info.path;
      while (root.prev) root = root.prev;
      for (const c of people) {
        const fields: PersonalDataField[] = [...(c.idNumber && asked.has('ID_NUMBER') ? (['ID_NUMBER'] as const) : []), ...(c.phone && asked.has('PHONE') ? (['PHONE'] as const) : [])];
        if (fields.length) ctx.loaders.personalDataSightings.saw({ leadId: lead.id, leadRegionCode: lead.regionCode, complainantOrdinal: c.ordinal, idNumber: c.idNumber ?? null, fields, operation: clientOperationName(info.operation.name?.value), via: String(root.key) });
      }
    }
    return people.map((c) =>
      Object.assign(new Complainant(), {
        name: c.name,
        idNumber: c.idNumber ? (full ? c.idNumber : maskIdNumber(c.idNumber)) : null,
        phone: c.phone ? (full ? c.phone : maskPhone(c.phone)) : null,
      }),
    );
  }

  @FieldResolver(() => [AgencyStatus], { description: 'One entry per agency involved, each with its own three states.' })
  async agencies(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<AgencyStatus[]> {
    const now = new Date();
    return (await ctx.loaders.involvements.load(lead.id)).map((r) => toAgencyStatus(r, now));
  }

  @FieldResolver(() => [TimelineEntry], { description: 'Every recorded event of every agency on this lead, oldest first.' })
  async timeline(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<TimelineEntry[]> {
    const lang = requestLanguage();
    return (await ctx.loaders.timeline.load(lead.id)).map((r) => toTimelineEntry(r, lang));
  }
}

/** One page of visible leads, optionally only those naming one employer. */
export async function leadPage(
  ctx: LeadsContext,
  filter: LeadFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  employerId?: string,
  opts: { search?: LeadSearch | null; order?: LeadOrder } = {},
): Promise<LeadConnection> {
  const order = opts.order ?? 'RECEIVED_DESC';
  const size = pageSize(first);
  const cursor = decodeLeadCursor(order, after);
  const { rows, hasNextPage, countTotal, deadlineOf } = await findLeads(ctx.em, ctx.principal, filter, { first: size, after: cursor }, employerId, { search: opts.search, order });
  for (const r of rows) ctx.loaders.leads.prime(r.id, r);
  const edges = rows.map((r) => ({ cursor: leadCursor(order, r, deadlineOf.get(r.id)), node: toLead(r) }));
  const search = opts.search ? toLeadSearchEcho(opts.search) : null;
  return Object.assign(new LeadConnection(), { edges, countTotal, search, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } });
}

/** Federation: another subgraph hands us a lead id; we answer only for leads the caller may see. */
export async function resolveLeadReference(ref: { id: string }, ctx: LeadsContext): Promise<Lead | null> {
  const record = await ctx.loaders.visibleLeads.load(ref.id);
  return record && toLead(record);
}
