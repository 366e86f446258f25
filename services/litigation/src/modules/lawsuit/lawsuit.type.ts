import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import { shanghaiDate } from '../../../../../lib/dates';
import { installmentOverdue, type OutcomeKind } from './lawsuit.rules';
import type { HearingRecord, InstallmentRecord, LawsuitRecord } from './lawsuit.entity';
import type { SupportCaseRecord } from '../support-case/support-case.entity';

export const CourtOutcomeKindEnum = { MEDIATED: 'MEDIATED', JUDGMENT: 'JUDGMENT', WITHDRAWN: 'WITHDRAWN' } as const;
registerEnumType(CourtOutcomeKindEnum, { name: 'CourtOutcomeKind', description: 'MEDIATED 调解结案, JUDGMENT 判决, WITHDRAWN 撤诉' });

@ObjectType({ description: "The procuratorate's decision on an application for support to sue." })
export class SupportDecision {
  @Field()
  supported!: boolean;

  @Field()
  reason!: string;

  @Field({ description: 'When the procuratorate decided: the act\'s time (given, or when it was entered).' })
  decidedAt!: Date;

  @Field({ description: 'When the decision happened (the same as decidedAt).' })
  occurredAt!: Date;

  @Field({ description: 'When the decision was entered in the hub.' })
  recordedAt!: Date;
}

@ObjectType({ description: 'The letter of support (支持起诉书) the procuratorate issued.' })
export class SupportLetter {
  @Field()
  number!: string;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => Date, { nullable: true, description: 'When the letter was entered in the hub (null for letters entered before this was kept).' })
  recordedAt!: Date | null;
}

@ObjectType({ description: 'The court filing (立案).' })
export class CourtFiling {
  @Field()
  court!: string;

  @Field()
  docketNo!: string;

  @Field(() => DateScalar)
  filedOn!: string;

  @Field(() => Date, { nullable: true, description: 'When the filing was entered in the hub (null for filings entered before this was kept).' })
  recordedAt!: Date | null;
}

@ObjectType({ description: 'A hearing (开庭) and, once held, what came of it.' })
export class Hearing {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field()
  courtRoom!: string;

  @Field()
  note!: string;

  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  @Field({ description: 'When the court scheduled the hearing (the act\'s time).' })
  occurredAt!: Date;

  @Field({ description: 'When the scheduling was entered in the hub.' })
  recordedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When what came of the hearing was given (the act\'s time).' })
  outcomeOccurredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When what came of the hearing was entered in the hub.' })
  outcomeRecordedAt!: Date | null;
}

@ObjectType({ description: 'How the lawsuit ended: mediated settlement, judgment or withdrawal; the employers held jointly liable come from the lead registry.' })
@Directive('@key(fields: "id")')
export class CourtOutcome {
  @Field(() => ID)
  id!: string;

  @Field(() => CourtOutcomeKindEnum)
  kind!: OutcomeKind;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => MoneyScalar)
  totalAmount!: string;

  @Field(() => Date, { nullable: true, description: 'When the outcome was entered in the hub; decidedOn is when it was given.' })
  recordedAt!: Date | null;
}

@ObjectType({ description: 'One installment of the amount ordered paid (分期支付).' })
export class Installment {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => MoneyScalar)
  paid!: string;

  @Field(() => MoneyScalar)
  outstanding!: string;

  @Field({ description: 'Past its due day (Asia/Shanghai) and not paid in full.' })
  overdue!: boolean;
}

@ObjectType({ description: 'The application for enforcement (申请强制执行) after installments were missed.' })
export class EnforcementApplication {
  @Field()
  appliedAt!: Date;

  @Field()
  note!: string;
}

@InputType()
export class SupportDecisionInput {
  @Field()
  supported!: boolean;

  @Field()
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'When it happened, if not now: not in the future, not before the lead was received.' })
  occurredAt?: Date | null;
}

@InputType()
export class SupportLetterInput {
  @Field()
  number!: string;

  @Field(() => DateScalar)
  issuedOn!: string;
}

@InputType()
export class CourtFilingInput {
  @Field()
  court!: string;

  @Field()
  docketNo!: string;

  @Field(() => DateScalar)
  filedOn!: string;
}

@InputType()
export class HearingInput {
  @Field(() => DateScalar)
  date!: string;

  @Field()
  courtRoom!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it happened, if not now: not in the future, not before the lead was received, not before the filing.' })
  occurredAt?: Date | null;
}

@InputType()
export class InstallmentInput {
  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => MoneyScalar)
  amount!: string;
}

@InputType()
export class EmployerRefInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  creditCode?: string | null;
}

@InputType()
export class CourtOutcomeInput {
  @Field(() => CourtOutcomeKindEnum)
  kind!: OutcomeKind;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => MoneyScalar)
  totalAmount!: string;

  @Field(() => [InstallmentInput])
  installments!: InstallmentInput[];

  @Field(() => [EmployerRefInput], { description: 'Employers held jointly liable, e.g. a branch and its head company; found or created by credit code, else by name.' })
  jointlyLiable!: EmployerRefInput[];
}

export const toDecision = (r: SupportCaseRecord): SupportDecision | null =>
  r.decisionSupported == null ? null : Object.assign(new SupportDecision(), { supported: r.decisionSupported, reason: r.decisionReason ?? '', decidedAt: r.decidedAt!, occurredAt: r.decidedAt!, recordedAt: r.decisionRecordedAt ?? r.decidedAt! });

export const toLetter = (r: SupportCaseRecord): SupportLetter | null => (r.letterNo ? Object.assign(new SupportLetter(), { number: r.letterNo, issuedOn: r.letterIssuedOn!, recordedAt: r.letterRecordedAt ?? null }) : null);

export const toFiling = (l: LawsuitRecord | null): CourtFiling | null => (l ? Object.assign(new CourtFiling(), { court: l.court, docketNo: l.docketNo, filedOn: l.filedOn, recordedAt: l.filedRecordedAt ?? null }) : null);

export const toOutcome = (l: LawsuitRecord | null): CourtOutcome | null =>
  l?.outcomeKind ? Object.assign(new CourtOutcome(), { id: l.outcomeId!, kind: l.outcomeKind as OutcomeKind, decidedOn: l.decidedOn!, totalAmount: formatFen(l.totalFen ?? '0'), recordedAt: l.outcomeRecordedAt ?? null }) : null;

export const toHearing = (h: HearingRecord): Hearing => Object.assign(new Hearing(), { id: h.id, date: h.date, courtRoom: h.courtRoom, note: h.note, outcomeNote: h.outcomeNote ?? null,
    occurredAt: h.scheduledAt,
    recordedAt: h.scheduleRecordedAt ?? h.scheduledAt,
    outcomeOccurredAt: h.outcomeOccurredAt ?? h.outcomeRecordedAt ?? null,
    outcomeRecordedAt: h.outcomeRecordedAt ?? null,
  });

export const toInstallment = (i: InstallmentRecord, now: Date): Installment =>
  Object.assign(new Installment(), {
    id: i.id,
    dueOn: i.dueOn,
    amount: formatFen(i.amountFen),
    paid: formatFen(i.paidFen),
    outstanding: formatFen(BigInt(i.amountFen) - BigInt(i.paidFen)),
    overdue: installmentOverdue({ dueOn: i.dueOn, amountFen: BigInt(i.amountFen), paidFen: BigInt(i.paidFen) }, shanghaiDate(now)),
  });

export const installmentNow = (i: InstallmentRecord) => ({ id: i.id, seq: i.seq, dueOn: i.dueOn, amountFen: BigInt(i.amountFen), paidFen: BigInt(i.paidFen) });

export const lawsuitNow = (l: LawsuitRecord | null) =>
  l && { filedOn: l.filedOn, outcomeKind: l.outcomeKind ?? null, decidedOn: l.decidedOn ?? null, totalFen: l.totalFen != null ? BigInt(l.totalFen) : null, enforcementAppliedAt: l.enforcementAppliedAt ?? null };
