import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { MediationRecord } from './mediation.entity';
import { isAgreementBroken, type MediationOutcome } from './mediation.rules';
import { runMediation } from './mediation.store';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { UnionCase, toUnionCase } from '../union-case/union-case.type';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import type { UnionContext } from '../../context';

const MediationOutcomeEnum = { SETTLED: 'SETTLED', PARTIAL: 'PARTIAL', FAILED: 'FAILED' } as const;
registerEnumType(MediationOutcomeEnum, { name: 'MediationOutcome', description: 'SETTLED 调解成功, PARTIAL 部分达成, FAILED 调解不成' });

@ObjectType({ description: 'A mediation attempt with the employer (调解).' })
export class Mediation {
  @Field({ description: 'When it was entered in the hub.' })
  recordedAt!: Date;

  @Field({ description: 'When the mediation took place.' })
  occurredAt!: Date;

  @Field(() => MediationOutcomeEnum)
  outcome!: MediationOutcome;

  @Field()
  summary!: string;

  @Field(() => MoneyScalar, { nullable: true })
  amountAgreed!: string | null;

  @Field(() => DateScalar, { nullable: true })
  agreedPayBy!: string | null;
}

const toMediation = (r: MediationRecord): Mediation =>
  Object.assign(new Mediation(), {
    recordedAt: r.recordedAt,
    occurredAt: r.occurredAt,
    outcome: r.outcome as MediationOutcome,
    summary: r.summary,
    amountAgreed: r.amountAgreedFen == null ? null : formatFen(r.amountAgreedFen),
    agreedPayBy: r.agreedPayBy ?? null,
  });

@InputType()
export class MediationInput {
  @Field(() => MediationOutcomeEnum)
  outcome!: MediationOutcome;

  @Field()
  summary!: string;

  @Field(() => MoneyScalar, { nullable: true, description: 'Required for SETTLED and PARTIAL.' })
  amountAgreed?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Required for SETTLED and PARTIAL: the day the employer agreed to pay by.' })
  agreedPayBy?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mediation took place, if not now: not in the future, not before the lead was received.' })
  occurredAt?: Date | null;
}

@Resolver(() => UnionCase)
export class MediationResolver {
  @Mutation(() => UnionCase, { description: 'Record a mediation with the employer; a settlement not paid by its date flags a broken agreement.' })
  async recordMediation(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => MediationInput) input: MediationInput, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    const c = await runMediation(ctx, leadId, { type: 'recordMediation', ...input, by: ctx.principal, at: new Date() });
    ctx.loaders.mediations.clear(leadId);
    // Answering a delegated mediation changes the union's feedback state on the way back.
    return toUnionCase(await ctx.em.findOneOrFail(UnionCaseRecord, { leadId: c.leadId }, { refresh: true }));
  }

  @FieldResolver(() => [Mediation], { description: 'Mediation attempts, oldest first.' })
  async mediations(@Root() c: UnionCase, @Ctx() ctx: UnionContext): Promise<Mediation[]> {
    return (await ctx.loaders.mediations.load(c.leadId)).map(toMediation);
  }

  @FieldResolver(() => Boolean, { description: 'A settlement whose pay-by date (Asia/Shanghai) has passed while the case is still open: an early-warning signal.' })
  async brokenAgreement(@Root() c: UnionCase, @Ctx() ctx: UnionContext): Promise<boolean> {
    return isAgreementBroken(await ctx.loaders.mediations.load(c.leadId), c.closureState, shanghaiDate(new Date()));
  }
}
