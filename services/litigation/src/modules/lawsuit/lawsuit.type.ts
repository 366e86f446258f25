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

  @Field()
  decidedAt!: Date;
}

@ObjectType({ description: 'The letter of support (支持起诉书) the procuratorate issued.' })
export class SupportLetter {
  @Field()
  number!: string;

  @Field(() => DateScalar)
  issuedOn!: string;
}

@ObjectType({ description: 'The court filing (立案).' })
export class CourtFiling {
  @Field()
  court!: string;

  @Field()
  docketNo!: string;

  @Field(() => DateScalar)
  filedOn!: string;
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
  r.decisionSupported == null ? null : Object.assign(new SupportDecision(), { supported: r.decisionSupported, reason: r.decisionReason ?? '', decidedAt: r.decidedAt! });

export const toLetter = (r: SupportCaseRecord): SupportLetter | null => (r.letterNo ? Object.assign(new SupportLetter(), { number: r.letterNo, issuedOn: r.letterIssuedOn! }) : null);

export const toFiling = (l: LawsuitRecord | null): CourtFiling | null => (l ? Object.assign(new CourtFiling(), { court: l.court, docketNo: l.docketNo, filedOn: l.filedOn }) : null);

export const toOutcome = (l: LawsuitRecord | null): CourtOutcome | null =>
  l?.outcomeKind ? Object.assign(new CourtOutcome(), { id: l.outcomeId!, kind: l.outcomeKind as OutcomeKind, decidedOn: l.decidedOn!, totalAmount: formatFen(l.totalFen ?? '0') }) : null;

export const toHearing = (h: HearingRecord): Hearing => Object.assign(new Hearing(), { id: h.id, date: h.date, courtRoom: h.courtRoom, note: h.note, outcomeNote: h.outcomeNote ?? null });

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
