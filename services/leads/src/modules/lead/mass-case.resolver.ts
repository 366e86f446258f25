import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Lead, toLead } from './lead.type';
import { MassCaseAlertRecord } from './mass-case.entity';
import { acknowledgeMassCase, mayAcknowledgeMassCase } from './mass-case.store';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { jurisdictionPrefix } from '../../../../../lib/region';
import type { LeadsContext } from '../../context';

@ObjectType({ description: 'A mass case (50 or more workers, 欠薪50人以上) reported to the province level of the intake agency.' })
export class MassCaseAlert {
  @Field()
  raisedAt!: Date;

  @Field({ description: 'The province (XX0000) the alert went to.' })
  province!: string;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true })
  acknowledgedBy!: string | null;

  leadId!: string;
}

const toAlert = (r: MassCaseAlertRecord) =>
  Object.assign(new MassCaseAlert(), { raisedAt: r.raisedAt, province: r.province, acknowledgedAt: r.acknowledgedAt ?? null, acknowledgedBy: r.acknowledgedBy ?? null, leadId: r.leadId });

@Resolver(() => MassCaseAlert)
export class MassCaseResolver {
  @Query(() => [MassCaseAlert], { description: "Mass-case alerts of your agency in your jurisdiction, newest first; province staff see their whole province." })
  async massCaseAlerts(
    @Ctx() ctx: LeadsContext,
    @Arg('acknowledged', () => Boolean, { nullable: true }) acknowledged?: boolean | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<MassCaseAlert[]> {
    const knex = ctx.em.getKnex();
    const q = knex('mass_case_alert as a')
      .select('a.*')
      .join('lead as l', 'l.id', 'a.lead_id')
      .where('a.agency', ctx.principal.agency)
      .andWhere('l.region_code', 'like', `${jurisdictionPrefix(ctx.principal.region)}%`)
      .orderBy([{ column: 'a.raised_at', order: 'desc' }, { column: 'a.lead_id', order: 'desc' }])
      .limit(Math.min(Math.max(first, 0), 200));
    if (acknowledged === true) q.whereNotNull('a.acknowledged_at');
    if (acknowledged === false) q.whereNull('a.acknowledged_at');
    const rows = await ctx.em.execute<Record<string, unknown>[]>(q);
    return rows.map((r) => toAlert(ctx.em.map(MassCaseAlertRecord, r)));
  }

  @Mutation(() => MassCaseAlert, { description: 'SUPERVISOR: confirm the province level has taken note of a mass case.' })
  async acknowledgeMassCaseAlert(@Arg('leadId', () => ID) leadId: string, @Ctx() ctx: LeadsContext): Promise<MassCaseAlert> {
    mayAcknowledgeMassCase(ctx.principal);
    if (!isUuid(leadId) || !(await ctx.loaders.visibleLeads.load(leadId))) throw refuse('LEAD_NOT_FOUND');
    const alert = await acknowledgeMassCase(ctx, { type: 'acknowledgeMassCase', leadId, by: ctx.principal, at: new Date() });
    return toAlert(alert);
  }

  @FieldResolver(() => Lead)
  async lead(@Root() alert: MassCaseAlert, @Ctx() ctx: LeadsContext): Promise<Lead> {
    const lead = await ctx.loaders.visibleLeads.load(alert.leadId);
    if (!lead) throw refuse('LEAD_NOT_FOUND');
    return toLead(lead);
  }
}
