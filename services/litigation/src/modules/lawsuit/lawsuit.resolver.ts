import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import { caseNotFound, lockAgencyCase, mayActOnCases, recordOnTimeline, type CaseAccess } from '../../../../../lib/agency-case/case-access';
import { formatFen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import { isUuid } from '../../../../../lib/identifiers';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { JOINT_LIABILITY_RECORDED, RISK_SIGNAL, TRANSFER_FEEDBACK, type JointLiabilityRecorded, type RiskSignal, type TransferFeedback } from '../../../../../lib/messages';

import type { Tx } from '../../../../../lib/context';
import { SupportCaseRecord } from '../support-case/support-case.entity';
import { SupportCase, toSupportCase } from '../support-case/support-case.type';
import { CourtCaseRecord } from '../court-case/court-case.entity';
import { CourtCase, toCourtCase } from '../court-case/court-case.type';
import { HearingRecord, InstallmentPaymentRecord, InstallmentRecord, LawsuitRecord, LiablePartyRecord } from './lawsuit.entity';
import {
  allocatePayment,
  decideEnforcement,
  decideFiling,
  decideHearing,
  decideHearingResult,
  decideOutcome,
  decideSupport,
  decideSupportLetter,
  installmentOverdue,
  mayRecordCourtEvent,
  outstandingFen,
} from './lawsuit.rules';
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
  lawsuitNow,
  toDecision,
  toFiling,
  toHearing,
  toInstallment,
  toLetter,
  toOutcome,
} from './lawsuit.type';
import type { LitigationContext } from '../../context';

/** Tells the registry what is still unpaid on an installment, for the employer watch list. */
function installmentSignal(tx: Tx, i: InstallmentRecord): void {
  const signal: RiskSignal = { kind: 'INSTALLMENT', key: i.id, leadId: i.leadId, dueOn: i.dueOn, outstandingFen: (BigInt(i.amountFen) - BigInt(i.paidFen)).toString() };
  tx.emit('leads', RISK_SIGNAL, { ...signal });
}

interface Change {
  kind: string;
  summary: string;
  data?: Record<string, unknown>;
}

/** Where the support case and the lawsuit stand, read under the support case's row lock. */
interface Locked {
  support: SupportCaseRecord;
  lawsuit: LawsuitRecord | null;
  tx: Tx;
}

/** Court events are the court's or the supporting procuratorate's; what the caller named, for the not-found answer. */
const courtEventAccess = (notFound?: CaseAccess['notFound']): CaseAccess => ({ actors: ['PROCURATORATE', 'COURT'], notFound });

@Resolver(() => SupportCase)
export class LawsuitResolver {
  /** Every change to a support case or its lawsuit locks the support case row first: one writer at a time. */
  private async change(ctx: LitigationContext, leadId: string, work: (l: Locked) => Promise<Change>, access: CaseAccess = {}): Promise<SupportCase> {
    await ctx.transact(async (tx) => {
      const support = await lockAgencyCase(tx.em, SupportCaseRecord, leadId, ctx.principal, 'PROCURATORATE', access);
      const lawsuit = await tx.em.findOne(LawsuitRecord, { leadId }, { refresh: true });
      const { kind, summary, data } = await work({ support, lawsuit, tx });
      tx.audit({ entityType: 'SupportCase', entityId: leadId, action: kind, data });
      recordOnTimeline(tx, { leadId, agency: ctx.principal.agency, actor: ctx.principal.id, kind, summary });
    });
    for (const loader of [ctx.loaders.supportCases, ctx.loaders.lawsuits, ctx.loaders.hearings, ctx.loaders.installments]) loader.clear(leadId);
    // Re-read: the outbox may have changed the case's states on the way (feedback given, say).
    const fresh = await ctx.em.findOneOrFail(SupportCaseRecord, { leadId }, { refresh: true });
    return toSupportCase(fresh);
  }

  /** A court event: recorded by the court on the case or by the supporting procuratorate. */
  private courtEvent(ctx: LitigationContext, leadId: string, work: (l: Locked) => Promise<Change>, notFound?: CaseAccess['notFound']): Promise<SupportCase> {
    const access = courtEventAccess(notFound);
    return this.change(ctx, leadId, async (l) => {
      const court = ctx.principal.agency === 'COURT' ? await l.tx.em.findOne(CourtCaseRecord, { leadId }, { refresh: true }) : null;
      // A court not on the lead cannot see it: answered as if there were nothing.
      if (ctx.principal.agency === 'COURT' && !court) throw caseNotFound('PROCURATORATE', access);
      mayRecordCourtEvent(ctx.principal, l.support, court);
      return work(l);
    }, access);
  }

  @Mutation(() => SupportCase, { description: 'The procuratorate supports the workers\' lawsuit (支持起诉) or declines; a decline answers the application with final feedback to its sender.' })
  decideSupport(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => SupportDecisionInput) input: SupportDecisionInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.change(ctx, leadId, async ({ support, tx }) => {
      const d = decideSupport(ctx.principal, support, input);
      Object.assign(support, { decisionSupported: d.supported, decisionReason: d.reason, decidedAt: new Date(), decidedBy: ctx.principal.id });
      if (d.feedbackToSender) {
        const feedback: TransferFeedback = { leadId, kind: 'SUPPORT_TO_SUE', to: 'PROCURATORATE', final: true, summary: d.feedbackToSender, amountRecoveredFen: null, workersPaid: null, by: ctx.principal };
        tx.emit('leads', TRANSFER_FEEDBACK, { ...feedback });
      }
      return d.supported
        ? { kind: 'SUPPORT_GRANTED', summary: `The procuratorate decided to support the workers' lawsuit (支持起诉): ${d.reason}`, data: { supported: true } }
        : { kind: 'SUPPORT_DECLINED', summary: `The procuratorate declined to support the lawsuit: ${d.reason}`, data: { supported: false } };
    });
  }

  @Mutation(() => SupportCase, { description: 'The letter of support (支持起诉书) the procuratorate issued; it goes to the court with the COURT_FILING transfer.' })
  recordSupportLetter(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => SupportLetterInput) input: SupportLetterInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.change(ctx, leadId, async ({ support }) => {
      const d = decideSupportLetter(ctx.principal, support, input, new Date());
      Object.assign(support, { letterNo: d.number, letterIssuedOn: d.issuedOn });
      return { kind: 'SUPPORT_LETTER_ISSUED', summary: `Letter of support ${d.number} issued on ${d.issuedOn}`, data: { letterNo: d.number } };
    });
  }

  @Mutation(() => SupportCase, { description: 'The court filed the case (立案): by the court or the supporting procuratorate.' })
  recordCourtFiling(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CourtFilingInput) input: CourtFilingInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.courtEvent(ctx, leadId, async ({ support, lawsuit, tx }) => {
      const d = decideFiling(lawsuitNow(lawsuit), input, support, new Date());
      tx.em.persist(tx.em.create(LawsuitRecord, { leadId, court: d.court, docketNo: d.docketNo, filedOn: d.filedOn, filedBy: ctx.principal.id }));
      return { kind: 'COURT_FILED', summary: `${d.court} filed the case ${d.docketNo} on ${d.filedOn}`, data: { filedOn: d.filedOn } };
    });
  }

  @Mutation(() => SupportCase, { description: 'A hearing (开庭) the court scheduled.' })
  scheduleHearing(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => HearingInput) input: HearingInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.courtEvent(ctx, leadId, async ({ lawsuit, tx }) => {
      const d = decideHearing(lawsuitNow(lawsuit), input);
      tx.em.persist(tx.em.create(HearingRecord, { leadId, date: d.date, courtRoom: d.courtRoom, note: d.note, scheduledAt: new Date(), scheduledBy: ctx.principal.id }));
      return { kind: 'HEARING_SCHEDULED', summary: `Hearing on ${d.date} in ${d.courtRoom}${d.note ? `: ${d.note}` : ''}`, data: { date: d.date } };
    });
  }

  @Mutation(() => SupportCase, { description: 'What came of a hearing, once held.' })
  async recordHearingResult(@Arg('hearingId', () => ID) hearingId: string, @Arg('note') note: string, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    mayActOnCases(ctx.principal, 'PROCURATORATE', courtEventAccess());
    const hearing = isUuid(hearingId) ? await ctx.em.findOne(HearingRecord, { id: hearingId }) : null;
    if (!hearing) throw caseNotFound('PROCURATORATE', courtEventAccess('HEARING_NOT_FOUND'));
    return this.courtEvent(ctx, hearing.leadId, async ({ tx }) => {
      const h = await tx.em.findOneOrFail(HearingRecord, { id: hearingId }, { refresh: true });
      const d = decideHearingResult(h, note, new Date());
      Object.assign(h, { outcomeNote: d.note, outcomeRecordedAt: new Date() });
      return { kind: 'HEARING_HELD', summary: `Hearing of ${h.date}: ${d.note}` };
    }, 'HEARING_NOT_FOUND');
  }

  @Mutation(() => SupportCase, { description: 'Mediated settlement, judgment or withdrawal: the total, its installments (which must add up to it) and the employers held jointly liable.' })
  recordCourtOutcome(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CourtOutcomeInput) input: CourtOutcomeInput, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.courtEvent(ctx, leadId, async ({ lawsuit, tx }) => {
      const d = decideOutcome(lawsuitNow(lawsuit), input, new Date());
      const outcomeId = randomUUID();
      Object.assign(lawsuit!, { outcomeId, outcomeKind: d.kind, decidedOn: d.decidedOn, totalFen: d.totalFen.toString(), outcomeRecordedAt: new Date(), outcomeRecordedBy: ctx.principal.id });
      for (const i of d.installments) {
        const installment = tx.em.create(InstallmentRecord, { leadId, seq: i.seq, dueOn: i.dueOn, amountFen: i.amountFen.toString(), paidFen: '0' });
        tx.em.persist(installment);
        installmentSignal(tx, installment);
      }
      d.jointlyLiable.forEach((e, position) => tx.em.persist(tx.em.create(LiablePartyRecord, { outcomeId, position, leadId, name: e.name, creditCode: e.creditCode })));
      if (d.jointlyLiable.length) {
        const liability: JointLiabilityRecorded = { outcomeId, leadId, employers: d.jointlyLiable };
        tx.emit('leads', JOINT_LIABILITY_RECORDED, { ...liability });
      }
      const schedule = d.installments.length ? ` in ${d.installments.length} installment(s) from ${d.installments[0].dueOn} to ${d.installments.at(-1)!.dueOn}` : '';
      const liable = d.jointlyLiable.length ? `; jointly liable: ${d.jointlyLiable.map((e) => e.name).join('、')}` : '';
      return {
        kind: 'COURT_OUTCOME_RECORDED',
        summary: `Court outcome ${d.kind} on ${d.decidedOn}: ${formatFen(d.totalFen)} yuan${schedule}${liable}`,
        data: { kind: d.kind, totalFen: d.totalFen.toString(), installments: d.installments.length, jointlyLiable: d.jointlyLiable.length },
      };
    });
  }

  @Mutation(() => SupportCase, { description: 'A payment against the settlement: partial payments are fine; more than this installment needs pays the next ones, never more than is outstanding.' })
  async recordInstallmentPayment(
    @Arg('installmentId', () => ID) installmentId: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('paidOn', () => DateScalar) paidOn: string,
    @Ctx() ctx: LitigationContext,
  ): Promise<SupportCase> {
    mayActOnCases(ctx.principal, 'PROCURATORATE', courtEventAccess());
    const found = isUuid(installmentId) ? await ctx.em.findOne(InstallmentRecord, { id: installmentId }) : null;
    if (!found) throw caseNotFound('PROCURATORATE', courtEventAccess('INSTALLMENT_NOT_FOUND'));
    return this.courtEvent(ctx, found.leadId, async ({ lawsuit, tx }) => {
      const installments = await tx.em.find(InstallmentRecord, { leadId: found.leadId }, { refresh: true, orderBy: { seq: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
      const d = allocatePayment(lawsuitNow(lawsuit)!, installments.map(installmentNow), installmentId, { amount, paidOn }, new Date());
      const paymentId = randomUUID();
      for (const a of d.allocations) {
        const i = installments.find((x) => x.id === a.id)!;
        i.paidFen = (BigInt(i.paidFen) + a.fen).toString();
        installmentSignal(tx, i);
        tx.em.persist(tx.em.create(InstallmentPaymentRecord, { paymentId, installmentId: a.id, leadId: found.leadId, paidOn, amountFen: a.fen.toString(), recordedAt: new Date(), recordedBy: ctx.principal.id }));
      }
      const left = outstandingFen(installments.map(installmentNow));
      const overdue = installments.filter((i) => installmentOverdue(installmentNow(i), shanghaiDate(new Date()))).length;
      const status = left === 0n ? 'the settlement is paid in full' : `${formatFen(left)} yuan outstanding${overdue ? `, ${overdue} installment(s) overdue` : ''}`;
      return {
        kind: left === 0n ? 'SETTLEMENT_PAID_OFF' : 'INSTALLMENT_PAID',
        summary: `${formatFen(d.amountFen)} yuan paid on ${paidOn}; ${status}`,
        data: { paymentId, amountFen: d.amountFen.toString(), outstandingFen: left.toString() },
      };
    }, 'INSTALLMENT_NOT_FOUND');
  }

  @Mutation(() => SupportCase, { description: 'Apply for enforcement (申请强制执行) once installments are missed.' })
  applyForEnforcement(@Arg('leadId', () => ID) leadId: string, @Arg('note', { defaultValue: '' }) note: string, @Ctx() ctx: LitigationContext): Promise<SupportCase> {
    return this.courtEvent(ctx, leadId, async ({ lawsuit, tx }) => {
      const installments = await tx.em.find(InstallmentRecord, { leadId }, { refresh: true });
      const d = decideEnforcement(lawsuitNow(lawsuit), installments.map(installmentNow), note, new Date());
      Object.assign(lawsuit!, { enforcementAppliedAt: new Date(), enforcementAppliedBy: ctx.principal.id, enforcementNote: d.note });
      const missed = formatFen(outstandingFen(d.overdue));
      return { kind: 'ENFORCEMENT_APPLIED', summary: `Enforcement applied for: ${d.overdue.length} installment(s) missed, ${missed} yuan overdue${d.note ? `. ${d.note}` : ''}` };
    });
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
