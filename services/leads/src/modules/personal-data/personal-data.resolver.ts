import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Lead } from '../lead/lead.type';
import { PERSONAL_DATA_ACCESS_MAX } from '../../loaders';
import { PersonalDataAccess, toPersonalDataAccess } from './personal-data.type';
import { clientOperationName, mayReadPersonalDataAccess, subjectIdNumber } from './personal-data.rules';
import { accessesOfSubject } from './personal-data.store';
import type { LeadsContext } from '../../context';

const limit = (first: number) => Math.max(1, Math.min(PERSONAL_DATA_ACCESS_MAX, first));

@Resolver(() => Lead)
export class PersonalDataAccessResolver {
  @FieldResolver(() => [PersonalDataAccess], { description: "SUPERVISOR: who was shown this lead's complainants' unmasked ID numbers or phones, newest first (at most 200)." })
  async personalDataAccess(@Root() lead: Lead, @Ctx() ctx: LeadsContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<PersonalDataAccess[]> {
    mayReadPersonalDataAccess(ctx.principal);
    return (await ctx.loaders.personalDataAccess.load(lead.id)).slice(0, limit(first)).map((r) => toPersonalDataAccess(r, lead.referenceNo));
  }

  @Query(() => [PersonalDataAccess], {
    description: "SUPERVISOR: who was shown one person's unmasked data, by their ID number, on leads in your jurisdiction, newest first (a complainant's request to know). The look-up is itself recorded.",
  })
  async personalDataAccessBySubject(@Arg('idNumber') idNumber: string, @Ctx() ctx: LeadsContext, @Info() info: GraphQLResolveInfo, @Arg('first', () => Int, { defaultValue: 200 }) first: number): Promise<PersonalDataAccess[]> {
    mayReadPersonalDataAccess(ctx.principal);
    const id = subjectIdNumber(idNumber);
    ctx.loaders.personalDataSightings.lookedUp(id, clientOperationName(info.operation.name?.value));
    const rows = await accessesOfSubject(ctx.em, ctx.principal, id, limit(first));
    const leads = await ctx.loaders.leads.loadMany(rows.map((r) => r.leadId!));
    return rows.map((r, i) => {
      const l = leads[i];
      return toPersonalDataAccess(r, l && !(l instanceof Error) ? l.referenceNo : '');
    });
  }
}
