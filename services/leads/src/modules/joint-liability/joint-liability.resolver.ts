import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Employer, toEmployer } from '../employer/employer.type';
import type { EmployerRecord } from '../employer/employer.entity';
import type { LeadsContext } from '../../context';

/** The litigation service's court outcome; the registry adds the employers it holds liable. */
@ObjectType('CourtOutcome')
@Directive('@key(fields: "id")')
export class CourtOutcomeRef {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => CourtOutcomeRef)
export class JointLiabilityResolver {
  @FieldResolver(() => [Employer], { description: 'Employers held jointly liable, e.g. a branch and its head company, in the order the court named them.' })
  async jointlyLiable(@Root() outcome: CourtOutcomeRef, @Ctx() ctx: LeadsContext): Promise<Employer[]> {
    const links = await ctx.loaders.jointLiabilities.load(outcome.id);
    const employers = await ctx.loaders.employers.loadMany(links.map((l) => l.employerId));
    return employers.filter((e): e is EmployerRecord => !!e && !(e instanceof Error)).map(toEmployer);
  }
}
