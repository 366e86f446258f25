import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { PaymentOrderRecord } from './casework.entity';
import { runInspection } from './casework.store';
import { runBlacklist } from '../blacklist/blacklist.store';
import type { HandoverTarget, InspectionCommand } from './casework.commands';
import { acceptBy, firstContactLate, orderOverdue } from './inspection.rules';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { calendar } from '../../../../../lib/calendar/calendar';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import type { InspectionContext } from '../../context';

const HandoverTargetEnum = { LOCAL_GOVERNMENT: 'LOCAL_GOVERNMENT', INDUSTRY_REGULATOR: 'INDUSTRY_REGULATOR', GENERAL_CONTRACTOR_HQ: 'GENERAL_CONTRACTOR_HQ' } as const satisfies Record<HandoverTarget, HandoverTarget>;
registerEnumType(HandoverTargetEnum, { name: 'HandoverTarget', description: '三交办: 属地政府, 行业主管部门, 总承包企业总部' });

@ObjectType({ description: 'An order to pay wages by a deadline (责令限期支付).' })
export class PaymentOrder {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When the order was entered in the hub.' })
  issuedAt!: Date;

  @Field(() => DateScalar, { description: 'The day the order was issued: its deadline runs from it.' })
  issuedOn!: string;

  @Field({ description: 'When the order was entered in the hub (the same as issuedAt).' })
  recordedAt!: Date;

  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => DateScalar)
  payBy!: string;

  @Field(() => MoneyScalar)
  paid!: string;

  @Field(() => MoneyScalar)
  outstanding!: string;

  @Field({ description: 'Past its pay-by day (Asia/Shanghai) and not paid in full: an early-warning signal on the employer.' })
  overdue!: boolean;
}

const toPaymentOrder = (r: PaymentOrderRecord, now: Date) =>
  Object.assign(new PaymentOrder(), {
    id: r.id,
    issuedAt: r.issuedAt,
    issuedOn: r.issuedOn,
    recordedAt: r.issuedAt,
    amount: formatFen(r.amountFen),
    payBy: r.payBy,
    paid: formatFen(r.paidFen),
    outstanding: formatFen(BigInt(r.amountFen) - BigInt(r.paidFen)),
    overdue: orderOverdue({ amountFen: BigInt(r.amountFen), paidFen: BigInt(r.paidFen), payBy: r.payBy }, now),
  });

@ObjectType({ description: 'A handover (三交办).' })
export class Handover {
  @Field(() => HandoverTargetEnum)
  to!: HandoverTarget;

  @Field({ description: 'When it happened (given, or when it was entered).' })
  at!: Date;

  @Field({ description: 'When it happened (the same as at).' })
  occurredAt!: Date;

  @Field({ description: 'When it was entered in the hub.' })
  recordedAt!: Date;

  @Field()
  note!: string;
}

@ObjectType({ description: 'A call back to the complainant (回头看).' })
export class Callback {
  @Field({ description: 'When it happened (given, or when it was entered).' })
  at!: Date;

  @Field({ description: 'When it happened (the same as at).' })
  occurredAt!: Date;

  @Field({ description: 'When it was entered in the hub.' })
  recordedAt!: Date;

  @Field()
  wagesPaid!: boolean;

  @Field()
  procedureLawful!: boolean;

  @Field()
  satisfied!: boolean;

  @Field()
  note!: string;
}

@ObjectType({ description: 'Referral of suspected refusal to pay wages to the police (两法衔接, Criminal Law art. 276-1).' })
export class PoliceReferral {
  @Field()
  decidedAt!: Date;

  @Field()
  sentAt!: Date;

  @Field()
  policeUnit!: string;
}

@ObjectType({ description: 'A proposal to list the employer in the arrears blacklist; a listing lasts 3 years. The whole procedure: InspectionCase.blacklisting.' })
export class BlacklistProposal {
  @Field()
  proposedAt!: Date;

  @Field(() => DateScalar)
  until!: string;

  @Field()
  reason!: string;
}

@InputType()
export class PoliceReferralInput {
  @Field()
  policeUnit!: string;

  @Field({ description: 'When the referral was decided; it is sent now, which must be within 24 hours of the decision.' })
  decidedAt!: Date;
}

@InputType()
export class PaymentOrderInput {
  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => DateScalar)
  payBy!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the order was issued, if not today: its deadline runs from it; not in the future, not before the lead was received.' })
  issuedOn?: string | null;
}

@InputType()
export class HandoverInput {
  @Field(() => HandoverTargetEnum)
  to!: HandoverTarget;

  @Field()
  note!: string;

  @Field(() => Date, { nullable: true, description: 'When it happened, if not now: not in the future, not before the lead was received.' })
  occurredAt?: Date | null;
}

@InputType()
export class CallbackInput {
  @Field()
  wagesPaid!: boolean;

  @Field()
  procedureLawful!: boolean;

  @Field()
  satisfied!: boolean;

  @Field()
  note!: string;

  @Field(() => Date, { nullable: true, description: 'When it happened, if not now: not in the future, not before the lead was received.' })
  occurredAt?: Date | null;
}

@Resolver(() => InspectionCase)
export class InspectionCaseworkResolver {
  private run(ctx: InspectionContext, leadId: string | null, command: InspectionCommand): Promise<InspectionCase> {
    return runInspection(ctx, leadId, command).then(toInspectionCase);
  }

  @Mutation(() => InspectionCase, { description: 'The first contact with the complainant (首日对接), due the day the lead arrives.' })
  recordFirstContact(
    @Arg('leadId', () => ID) leadId: string,
    @Arg('note') note: string,
    @Arg('occurredAt', () => Date, { nullable: true, description: 'When the complainant was contacted, if not now: not in the future, not before the lead was received.' }) occurredAt: Date | null,
    @Ctx() ctx: InspectionContext,
  ): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordFirstContact', note, occurredAt, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Order the employer to pay by a date (责令限期支付).' })
  issuePaymentOrder(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => PaymentOrderInput) input: PaymentOrderInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'issuePaymentOrder', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'A payment the employer made against a payment order; never more than is unpaid.' })
  recordOrderPayment(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('paidOn', () => DateScalar) paidOn: string,
    @Ctx() ctx: InspectionContext,
  ): Promise<InspectionCase> {
    return this.run(ctx, null, { type: 'recordOrderPayment', orderId, amount, paidOn, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Hand over to the local government, the industry regulator or the general contractor\'s HQ (三交办).' })
  recordHandover(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => HandoverInput) input: HandoverInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordHandover', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Call the complainant back (回头看): were wages paid, was the procedure lawful, satisfied?' })
  recordCallback(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CallbackInput) input: CallbackInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordCallback', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Refer suspected refusal to pay wages to the police: only after a payment order lapsed unpaid, sent within 24 hours of the decision.' })
  referToPolice(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => PoliceReferralInput) input: PoliceReferralInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'referToPolice', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Propose the employer for the arrears blacklist on the criminal threshold (a listing lasts 3 years): proposeBlacklisting with ground CRIMINAL_THRESHOLD.', deprecationReason: 'Use proposeBlacklisting, which names its ground (kept for integrators who call it).' })
  recommendBlacklist(@Arg('leadId', () => ID) leadId: string, @Arg('reason') reason: string, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return runBlacklist(ctx, leadId, { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason, by: ctx.principal, at: new Date() }).then(toInspectionCase);
  }

  @FieldResolver(() => PoliceReferral, { nullable: true })
  policeReferral(@Root() c: InspectionCase): PoliceReferral | null {
    const r = c.record;
    return r.policeSentAt ? Object.assign(new PoliceReferral(), { decidedAt: r.policeDecidedAt!, sentAt: r.policeSentAt, policeUnit: r.policeUnit ?? '' }) : null;
  }

  @FieldResolver(() => BlacklistProposal, { nullable: true })
  blacklistProposal(@Root() c: InspectionCase): BlacklistProposal | null {
    const r = c.record;
    return r.blacklistProposedAt ? Object.assign(new BlacklistProposal(), { proposedAt: r.blacklistProposedAt, until: r.blacklistUntil!, reason: r.blacklistReason ?? '' }) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Accept-or-return deadline for a referred lead: 5 working days after it arrived.' })
  acceptBy(@Root() c: InspectionCase): Date | null {
    return acceptBy(c.facts, calendar);
  }

  @FieldResolver(() => Date, { nullable: true })
  firstContactAt(@Root() c: InspectionCase): Date | null {
    return c.facts.firstContactAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the first contact was entered in the hub (firstContactAt is when it happened).' })
  firstContactRecordedAt(@Root() c: InspectionCase): Date | null {
    return c.record.firstContactRecordedAt ?? c.record.firstContactAt ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'The complainant was (or, not yet contacted, now can only be) contacted after the day the lead arrived.' })
  firstContactLate(@Root() c: InspectionCase): boolean {
    return firstContactLate(c.facts, new Date());
  }

  @FieldResolver(() => [PaymentOrder])
  async paymentOrders(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<PaymentOrder[]> {
    const now = new Date();
    return (await ctx.loaders.paymentOrders.load(c.leadId)).map((o) => toPaymentOrder(o, now));
  }

  @FieldResolver(() => [Handover])
  async handovers(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<Handover[]> {
    return (await ctx.loaders.handovers.load(c.leadId)).map((h) => Object.assign(new Handover(), { to: h.target as HandoverTarget, at: h.at, occurredAt: h.at, recordedAt: h.recordedAt ?? h.at, note: h.note }));
  }

  @FieldResolver(() => [Callback])
  async callbacks(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<Callback[]> {
    return (await ctx.loaders.callbacks.load(c.leadId)).map((b) => Object.assign(new Callback(), { at: b.at, occurredAt: b.at, recordedAt: b.recordedAt ?? b.at, wagesPaid: b.wagesPaid, procedureLawful: b.procedureLawful, satisfied: b.satisfied, note: b.note }));
  }
}
