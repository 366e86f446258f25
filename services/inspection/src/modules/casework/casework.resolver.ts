import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { CallbackRecord, HandoverRecord, OrderPaymentRecord, PaymentOrderRecord } from './casework.entity';
import { acceptBy, decideBlacklist, decideCallback, decidePoliceReferral, decideFirstContact, decideHandover, decideOrderPayment, decidePaymentOrder, firstContactLate, orderOverdue } from './inspection.rules';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { caseNotFound, lockAgencyCase, mayActOnCases, recordOnTimeline, type CaseAccess } from '../../../../../lib/agency-case/case-access';
import { calendar } from '../../../../../lib/calendar/calendar';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import { isUuid } from '../../../../../lib/identifiers';
import type { Tx } from '../../../../../lib/context';
import { RISK_SIGNAL, type RiskSignal } from '../../../../../lib/messages';
import type { InspectionContext } from '../../context';

/** Tells the registry what is still unpaid on an order, for the employer watch list. */
function orderSignal(tx: Tx, o: PaymentOrderRecord): void {
  const signal: RiskSignal = { kind: 'PAYMENT_ORDER', key: o.id, leadId: o.leadId, dueOn: o.payBy, outstandingFen: (BigInt(o.amountFen) - BigInt(o.paidFen)).toString() };
  tx.emit('leads', RISK_SIGNAL, { ...signal });
}

const HandoverTargetEnum = { LOCAL_GOVERNMENT: 'LOCAL_GOVERNMENT', INDUSTRY_REGULATOR: 'INDUSTRY_REGULATOR', GENERAL_CONTRACTOR_HQ: 'GENERAL_CONTRACTOR_HQ' } as const;
type HandoverTarget = keyof typeof HandoverTargetEnum;
registerEnumType(HandoverTargetEnum, { name: 'HandoverTarget', description: '三交办: 属地政府, 行业主管部门, 总承包企业总部' });

@ObjectType({ description: 'An order to pay wages by a deadline (责令限期支付).' })
export class PaymentOrder {
  @Field(() => ID)
  id!: string;

  @Field()
  issuedAt!: Date;

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

  @Field()
  at!: Date;

  @Field()
  note!: string;
}

@ObjectType({ description: 'A call back to the complainant (回头看).' })
export class Callback {
  @Field()
  at!: Date;

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

@ObjectType({ description: 'A proposal to list the employer in the arrears blacklist; a listing lasts 3 years.' })
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
}

@InputType()
export class HandoverInput {
  @Field(() => HandoverTargetEnum)
  to!: HandoverTarget;

  @Field()
  note!: string;
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
}

@Resolver(() => InspectionCase)
export class InspectionCaseworkResolver {
  private async change(ctx: InspectionContext, leadId: string, work: (c: InspectionCaseRecord, tx: Tx) => Promise<{ kind: string; summary: string }>, access?: CaseAccess): Promise<InspectionCase> {
    const c = await ctx.transact(async (tx) => {
      const found = await lockAgencyCase(tx.em, InspectionCaseRecord, leadId, ctx.principal, 'INSPECTION', access);
      const { kind, summary } = await work(found, tx);
      tx.audit({ entityType: 'InspectionCase', entityId: leadId, action: kind });
      recordOnTimeline(tx, { leadId, agency: 'INSPECTION', actor: ctx.principal.id, kind, summary });
      return found;
    });
    return toInspectionCase(c);
  }

  @Mutation(() => InspectionCase, { description: 'The first contact with the complainant (首日对接), due the day the lead arrives.' })
  recordFirstContact(@Arg('leadId', () => ID) leadId: string, @Arg('note') note: string, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c) => {
      const d = decideFirstContact(ctx.principal, c, note);
      c.firstContactAt = new Date();
      c.firstContactNote = d.note;
      const late = firstContactLate(c, new Date()) ? ' (after the day of arrival)' : '';
      return { kind: 'FIRST_CONTACT', summary: `Complainant contacted${late}: ${d.note}` };
    });
  }

  @Mutation(() => InspectionCase, { description: 'Order the employer to pay by a date (责令限期支付).' })
  issuePaymentOrder(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => PaymentOrderInput) input: PaymentOrderInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c, tx) => {
      const d = decidePaymentOrder(ctx.principal, c, input, new Date());
      const order = tx.em.create(PaymentOrderRecord, { leadId, issuedAt: new Date(), issuedBy: ctx.principal.id, amountFen: d.amountFen.toString(), payBy: d.payBy, paidFen: '0' });
      tx.em.persist(order);
      orderSignal(tx, order);
      return { kind: 'PAYMENT_ORDER_ISSUED', summary: `Payment order: ${formatFen(d.amountFen)} yuan to be paid by ${d.payBy}` };
    });
  }

  @Mutation(() => InspectionCase, { description: 'A payment the employer made against a payment order; never more than is unpaid.' })
  async recordOrderPayment(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('paidOn', () => DateScalar) paidOn: string,
    @Ctx() ctx: InspectionContext,
  ): Promise<InspectionCase> {
    // An order on a case the caller cannot see is answered as one that does not exist.
    const access = { notFound: 'PAYMENT_ORDER_NOT_FOUND' } as const;
    mayActOnCases(ctx.principal, 'INSPECTION');
    const order = isUuid(orderId) ? await ctx.em.findOne(PaymentOrderRecord, { id: orderId }) : null;
    if (!order) throw caseNotFound('INSPECTION', access);
    return this.change(ctx, order.leadId, async (c, tx) => {
      const o = await tx.em.findOneOrFail(PaymentOrderRecord, { id: orderId }, { refresh: true });
      const d = decideOrderPayment(ctx.principal, c, { amountFen: BigInt(o.amountFen), paidFen: BigInt(o.paidFen) }, amount, paidOn, new Date());
      o.paidFen = (BigInt(o.paidFen) + d.amountFen).toString();
      tx.em.persist(tx.em.create(OrderPaymentRecord, { orderId, paidOn, amountFen: d.amountFen.toString(), recordedAt: new Date(), recordedBy: ctx.principal.id }));
      orderSignal(tx, o);
      return { kind: 'ORDER_PAYMENT', summary: `${formatFen(d.amountFen)} yuan paid on ${paidOn} against the order due ${o.payBy}; ${formatFen(BigInt(o.amountFen) - BigInt(o.paidFen))} yuan still unpaid` };
    }, access);
  }

  @Mutation(() => InspectionCase, { description: 'Hand over to the local government, the industry regulator or the general contractor\'s HQ (三交办).' })
  recordHandover(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => HandoverInput) input: HandoverInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c, tx) => {
      const d = decideHandover(ctx.principal, c, input.note);
      tx.em.persist(tx.em.create(HandoverRecord, { leadId, target: input.to, at: new Date(), note: d.note, recordedBy: ctx.principal.id }));
      return { kind: 'HANDOVER', summary: `Handed over to ${input.to}: ${d.note}` };
    });
  }

  @Mutation(() => InspectionCase, { description: 'Call the complainant back (回头看): were wages paid, was the procedure lawful, satisfied?' })
  recordCallback(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CallbackInput) input: CallbackInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c, tx) => {
      const d = decideCallback(ctx.principal, c, input.note);
      tx.em.persist(tx.em.create(CallbackRecord, { leadId, at: new Date(), wagesPaid: input.wagesPaid, procedureLawful: input.procedureLawful, satisfied: input.satisfied, note: d.note, recordedBy: ctx.principal.id }));
      const yn = (b: boolean) => (b ? 'yes' : 'no');
      return { kind: 'CALLBACK', summary: `Call back: wages paid ${yn(input.wagesPaid)}, procedure lawful ${yn(input.procedureLawful)}, satisfied ${yn(input.satisfied)}${d.note ? `. ${d.note}` : ''}` };
    });
  }

  @Mutation(() => InspectionCase, { description: 'Refer suspected refusal to pay wages to the police: only after a payment order lapsed unpaid, sent within 24 hours of the decision.' })
  async referToPolice(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => PoliceReferralInput) input: PoliceReferralInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c, tx) => {
      const orders = await tx.em.find(PaymentOrderRecord, { leadId }, { refresh: true });
      const d = decidePoliceReferral(ctx.principal, c, orders.map((o) => ({ amountFen: BigInt(o.amountFen), paidFen: BigInt(o.paidFen), payBy: o.payBy })), input, new Date());
      Object.assign(c, { policeDecidedAt: d.decidedAt, policeSentAt: d.sentAt, policeUnit: d.policeUnit });
      return { kind: 'POLICE_REFERRAL', summary: `Referred to ${d.policeUnit} for suspected refusal to pay wages (decided ${d.decidedAt.toISOString()})` };
    });
  }

  @Mutation(() => InspectionCase, { description: 'Propose the employer for the arrears blacklist (a listing lasts 3 years).' })
  async recommendBlacklist(@Arg('leadId', () => ID) leadId: string, @Arg('reason') reason: string, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.change(ctx, leadId, async (c) => {
      const d = decideBlacklist(ctx.principal, c, reason, new Date());
      Object.assign(c, { blacklistProposedAt: new Date(), blacklistUntil: d.until, blacklistReason: d.reason });
      return { kind: 'BLACKLIST_PROPOSED', summary: `Employer proposed for the arrears blacklist until ${d.until}: ${d.reason}` };
    });
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
    return (await ctx.loaders.handovers.load(c.leadId)).map((h) => Object.assign(new Handover(), { to: h.target as HandoverTarget, at: h.at, note: h.note }));
  }

  @FieldResolver(() => [Callback])
  async callbacks(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<Callback[]> {
    return (await ctx.loaders.callbacks.load(c.leadId)).map((b) => Object.assign(new Callback(), { at: b.at, wagesPaid: b.wagesPaid, procedureLawful: b.procedureLawful, satisfied: b.satisfied, note: b.note }));
  }
}
