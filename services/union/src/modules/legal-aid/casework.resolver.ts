import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { LegalAidRecord } from './legal-aid.entity';
import { decideLegalAid, decideReassignment } from './casework.rules';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { UnionCase, toUnionCase } from '../union-case/union-case.type';
import { DateScalar } from '../../../../../lib/scalars';
import { lockAgencyCase, recordOnTimeline } from '../../../../../lib/agency-case/case-access';
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
    const c = await ctx.transact(async (tx) => {
      const found = await lockAgencyCase(tx.em, UnionCaseRecord, leadId, ctx.principal, 'UNION');
      const d = decideReassignment(ctx.principal, found, handler, note);
      const previous = found.handler;
      found.handler = d.handler;
      tx.audit({ entityType: 'UnionCase', entityId: leadId, action: 'HANDLER_REASSIGNED', data: { from: previous, to: d.handler } });
      recordOnTimeline(tx, { leadId, agency: 'UNION', actor: ctx.principal.id, kind: 'HANDLER_REASSIGNED', summary: `First-contact handler changed from ${previous || '(none)'} to ${d.handler}: ${d.note}` });
      return found;
    });
    return toUnionCase(c);
  }

  @Mutation(() => UnionCase, { description: 'Record legal aid given to the workers; it counts as "mediated or legal service provided" in the monthly report.' })
  async recordLegalAid(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => LegalAidInput) input: LegalAidInput, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    const c = await ctx.transact(async (tx) => {
      const found = await lockAgencyCase(tx.em, UnionCaseRecord, leadId, ctx.principal, 'UNION');
      const d = decideLegalAid(ctx.principal, found, input, new Date());
      tx.em.persist(tx.em.create(LegalAidRecord, { leadId, provider: d.provider, providedOn: d.providedOn, note: d.note, recordedAt: new Date(), recordedBy: ctx.principal.id }));
      tx.audit({ entityType: 'UnionCase', entityId: leadId, action: 'LEGAL_AID_RECORDED', data: { providedOn: d.providedOn } });
      recordOnTimeline(tx, { leadId, agency: 'UNION', actor: ctx.principal.id, kind: 'LEGAL_AID_RECORDED', summary: `Legal aid by ${d.provider} on ${d.providedOn}${d.note ? `: ${d.note}` : ''}` });
      return found;
    });
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
