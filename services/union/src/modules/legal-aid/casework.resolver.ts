import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import { LegalAidRecord } from './legal-aid.entity';
import { decideLegalAid, decideReassignment } from './casework.rules';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { UnionCase, toUnionCase } from '../union-case/union-case.type';
import { DateScalar } from '../../../../../lib/scalars';
import { isUuid } from '../../../../../lib/identifiers';
import { isWithinJurisdiction } from '../../../../../lib/region';
import { notFound } from '../../../../../lib/errors';
import { TIMELINE_EVENT, type TimelineEvent } from '../../../../../lib/messages';
import type { Tx } from '../../../../../lib/context';
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

async function lockedCase(ctx: UnionContext, tx: Tx, leadId: string): Promise<UnionCaseRecord> {
  const c = isUuid(leadId) ? await tx.em.findOne(UnionCaseRecord, { leadId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!c || !isWithinJurisdiction(c.regionCode, ctx.principal.region)) throw notFound("The union's case on this lead");
  return c;
}

function timeline(tx: Tx, leadId: string, actor: string, kind: string, summary: string) {
  const event: TimelineEvent = { leadId, agency: 'UNION', actor, kind, summary, at: new Date().toISOString() };
  tx.emit('leads', TIMELINE_EVENT, { ...event });
}

@Resolver(() => UnionCase)
export class UnionCaseworkResolver {
  @Mutation(() => UnionCase, { description: 'SUPERVISOR: hand the case to another first-contact handler (首问负责人), with a note.' })
  async reassignUnionHandler(@Arg('leadId', () => ID) leadId: string, @Arg('handler') handler: string, @Arg('note') note: string, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    const c = await ctx.transact(async (tx) => {
      const found = await lockedCase(ctx, tx, leadId);
      const d = decideReassignment(ctx.principal, found, handler, note);
      const previous = found.handler;
      found.handler = d.handler;
      tx.audit({ entityType: 'UnionCase', entityId: leadId, action: 'HANDLER_REASSIGNED', data: { from: previous, to: d.handler } });
      timeline(tx, leadId, ctx.principal.id, 'HANDLER_REASSIGNED', `First-contact handler changed from ${previous || '(none)'} to ${d.handler}: ${d.note}`);
      return found;
    });
    return toUnionCase(c);
  }

  @Mutation(() => UnionCase, { description: 'Record legal aid given to the workers; it counts as "mediated or legal service provided" in the monthly report.' })
  async recordLegalAid(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => LegalAidInput) input: LegalAidInput, @Ctx() ctx: UnionContext): Promise<UnionCase> {
    const c = await ctx.transact(async (tx) => {
      const found = await lockedCase(ctx, tx, leadId);
      const d = decideLegalAid(ctx.principal, found, input, new Date());
      tx.em.persist(tx.em.create(LegalAidRecord, { leadId, provider: d.provider, providedOn: d.providedOn, note: d.note, recordedAt: new Date(), recordedBy: ctx.principal.id }));
      tx.audit({ entityType: 'UnionCase', entityId: leadId, action: 'LEGAL_AID_RECORDED', data: { providedOn: d.providedOn } });
      timeline(tx, leadId, ctx.principal.id, 'LEGAL_AID_RECORDED', `Legal aid by ${d.provider} on ${d.providedOn}${d.note ? `: ${d.note}` : ''}`);
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
