import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { runUnionCasework } from './legal-aid.store';
import { UnionCase, toUnionCase } from '../union-case/union-case.type';
import { DateScalar } from '../../../../../lib/scalars';
import type { UnionContext } from '../../context';

@ObjectType({ description: 'Legal aid given to the workers (法律援助).' })
export class LegalAid {
  @Field({ description: 'The lawyer, law firm or legal service.' })
  provider!: string;

  @Field(() => DateScalar)
  providedOn!: string;

  @Field()
  note!: string;

  @Field()
  recordedAt!: Date;
}

@InputType()
export class LegalAidInput {
  @Field()
  provider!: string;

  @Field(() => DateScalar)
  providedOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@Resolver(() => UnionCase)
export class UnionCaseworkResolver {
  @Mutation(() => UnionCase, { description: 'SUPERVISOR: hand the case to another first-contact handler (首问负责人), with a note.' })
  async reassignUnionHandler(@Arg('leadId', () => ID) leadId: string, @Arg('handler') handler: string, @Arg('note') note: string, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    return toUnionCase(await runUnionCasework(ctx, leadId, { type: 'reassignHandler', handler, note, by: ctx.principal, at: new Date() }));
  }

  @Mutation(() => UnionCase, { description: 'Record legal aid given to the workers; it counts as "mediated or legal service provided" in the monthly report.' })
  async recordLegalAid(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => LegalAidInput) input: LegalAidInput, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    const c = await runUnionCasework(ctx, leadId, { type: 'recordLegalAid', ...input, by: ctx.principal, at: new Date() });
    ctx.loaders.legalAid.clear(leadId);
    return toUnionCase(c);
  }

  @FieldResolver(() => [LegalAid], { description: 'Legal aid given, oldest first.' })
  async legalAid(@Root() c: UnionCase, @Ctx() ctx: UnionContext): Promise<LegalAid[]> {
    return (await ctx.loaders.legalAid.load(c.leadId)).map((r) =>
      Object.assign(new LegalAid(), { provider: r.provider, providedOn: r.providedOn, note: r.note, recordedAt: r.recordedAt }),
    );
  }
}
