import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { formatFen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';

import { SupportCaseRecord } from '../support-case/support-case.entity';
import { SupportCase, toSupportCase } from '../support-case/support-case.type';
import { CourtCase, toCourtCase } from '../court-case/court-case.type';
import { runLawsuit } from './lawsuit.store';
import type { LawsuitCommand } from './lawsuit.commands';
import { outstandingFen } from './lawsuit.rules';
import {
  CourtFiling,
  CourtFilingInput,
  CourtOutcome,
  CourtOutcomeInput,
  EnforcementApplication,
  Hearing,
  HearingInput,
  Installment,
  SupportDecision,
  SupportDecisionInput,
  SupportLetter,
  SupportLetterInput,
  installmentNow,
  toDecision,
  toFiling,
  toHearing,
  toInstallment,
  toLetter,
  toOutcome,
} from './lawsuit.type';
import type { LitigationContext } from '../../context';

@Resolver(() => SupportCase)
export class LawsuitResolver {
  private async run(ctx: LitigationContext, leadId: string | null, command: LawsuitCommand): Promise<SupportCase> {
    const id = await runLawsuit(ctx, leadId, command);
    for (const loader of [ctx.loaders.supportCases, ctx.loaders.lawsuits, ctx.loaders.hearings, ctx.loaders.installments]) loader.clear(id);
    // Re-read: the outbox may have changed the case's states on the way (feedback given, say).
    return toSupportCase(await ctx.em.findOneOrFail(SupportCaseRecord, { leadId: id }, { refresh: true }));
  }

  @Mutation(() => SupportCase, { description: 'The procuratorate supports the workers\' lawsuit (支持起诉) or declines; a decline answers the application with final feedback to its sender.' })
  decideSupport(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => SupportDecisionInput) input: SupportDecisionInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'decideSupport', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'The letter of support (支持起诉书) the procuratorate issued; it goes to the court with the COURT_FILING transfer.' })
  recordSupportLetter(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => SupportLetterInput) input: SupportLetterInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'recordSupportLetter', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'The court filed the case (立案): by the court or the supporting procuratorate.' })
  recordCourtFiling(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CourtFilingInput) input: CourtFilingInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'recordCourtFiling', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'A hearing (开庭) the court scheduled.' })
  scheduleHearing(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => HearingInput) input: HearingInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'scheduleHearing', ...input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'What came of a hearing, once held.' })
  recordHearingResult(
    @Arg('hearingId', () => ID) hearingId: string,
    @Arg('note') note: string,
    @Arg('occurredAt', () => Date, { nullable: true, description: 'When the result was given, if not now: not before the hearing, not in the future.' }) occurredAt: Date | null,
    @Ctx() ctx: LitigationContext,
  ): Promise<SupportCase> {
    return this.run(ctx, null, { type: 'recordHearingResult', hearingId, note, occurredAt, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'Mediated settlement, judgment or withdrawal: the total, its installments (which must add up to it) and the employers held jointly liable.' })
  recordCourtOutcome(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CourtOutcomeInput) input: CourtOutcomeInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'recordCourtOutcome', outcome: input, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'A payment against the settlement: partial payments are fine; more than this installment needs pays the next ones, never more than is outstanding.' })
  recordInstallmentPayment(
    @Arg('installmentId', () => ID) installmentId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('paidOn', () => DateScalar) paidOn: string,
    @Ctx() ctx: LitigationContext,
  ): Promise<SupportCase> {
    return this.run(ctx, null, { type: 'recordInstallmentPayment', installmentId, amount, paidOn, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => SupportCase, { description: 'Apply for enforcement (申请强制执行) once installments are missed.' })
  applyForEnforcement(@Arg('leadId', () => ID) leadId: string, @Arg('note', { defaultValue: '' }) note: string, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.run(ctx, leadId, { type: 'applyForEnforcement', note, by: ctx.principal, at: new Date() });
  }

  @FieldResolver(() => SupportDecision, { nullable: true })
  decision(@Root() c: SupportCase): SupportDecision | null {
    return toDecision(c.record);
  }

  @FieldResolver(() => SupportLetter, { nullable: true })
  supportLetter(@Root() c: SupportCase): SupportLetter | null {
    return toLetter(c.record);
  }

  @FieldResolver(() => CourtFiling, { nullable: true })
  async courtFiling(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<CourtFiling | null> {
    return toFiling(await ctx.loaders.lawsuits.load(c.leadId));
  }

  @FieldResolver(() => CourtOutcome, { nullable: true })
  async outcome(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<CourtOutcome | null> {
    return toOutcome(await ctx.loaders.lawsuits.load(c.leadId));
  }

  @FieldResolver(() => EnforcementApplication, { nullable: true })
  async enforcement(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<EnforcementApplication | null> {
    const l = await ctx.loaders.lawsuits.load(c.leadId);
    return l?.enforcementAppliedAt ? Object.assign(new EnforcementApplication(), { appliedAt: l.enforcementAppliedAt, note: l.enforcementNote ?? '' }) : null;
  }

  @FieldResolver(() => [Hearing], { description: 'Hearings, earliest first.' })
  async hearings(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<Hearing[]> {
    return (await ctx.loaders.hearings.load(c.leadId)).map(toHearing);
  }

  @FieldResolver(() => Hearing, { nullable: true, description: 'The next hearing from today (Asia/Shanghai).' })
  async nextHearing(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<Hearing | null> {
    const today = shanghaiDate(new Date());
    const next = (await ctx.loaders.hearings.load(c.leadId)).find((h) => h.date >= today);
    return next ? toHearing(next) : null;
  }

  @FieldResolver(() => [Installment], { description: 'The installment schedule of the court outcome, in due order.' })
  async installments(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<Installment[]> {
    const now = new Date();
    return (await ctx.loaders.installments.load(c.leadId)).map((i) => toInstallment(i, now));
  }

  @FieldResolver(() => [Installment], { description: 'Installments past their due date and not fully paid.' })
  async overdueInstallments(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<Installment[]> {
    return (await this.installments(c, ctx)).filter((i) => i.overdue);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Paid so far against the court outcome.' })
  async amountPaid(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<string> {
    return formatFen((await ctx.loaders.installments.load(c.leadId)).reduce((s, i) => s + BigInt(i.paidFen), 0n));
  }

  @FieldResolver(() => MoneyScalar, { description: "Still to be paid: the court outcome's total less payments; before an outcome, the amount owed on the lead." })
  async amountOutstanding(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<string> {
    const lawsuit = await ctx.loaders.lawsuits.load(c.leadId);
    if (!lawsuit?.outcomeKind) return formatFen(c.record.amountOwedFen ?? '0');
    return formatFen(outstandingFen((await ctx.loaders.installments.load(c.leadId)).map(installmentNow)));
  }

  @FieldResolver(() => CourtCase, { nullable: true, description: "The court's own case on the lead, once a court took it on." })
  async court(@Root() c: SupportCase, @Ctx() ctx: LitigationContext): Promise<CourtCase | null> {
    const r = await ctx.loaders.courtCases.load(c.leadId);
    return r && toCourtCase(r);
  }
}
