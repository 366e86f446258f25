import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Employer, toEmployer } from './employer.type';
import { LeadConnection } from '../lead/lead.type';
import { leadPage } from '../lead/lead.resolver';
import type { LeadsContext } from '../../context';

@Resolver(() => Employer)
export class EmployerResolver {
  @FieldResolver(() => LeadConnection, { description: 'Leads naming this employer (as employer or general contractor) that you may see.' })
  leads(
    @Root() employer: Employer,
    @Ctx() ctx: LeadsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<LeadConnection> {
    return leadPage(ctx, null, first, after, employer.id);
  }
}

export async function resolveEmployerReference(ref: { id: string }, ctx: LeadsContext): Promise<Employer | null> {
  const e = await ctx.loaders.employers.load(ref.id);
  return e && toEmployer(e);
}
