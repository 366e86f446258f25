import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Employer } from '../employer/employer.type';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import type { WatchRisk, WatchSignalKind } from './watch-list.rules';

const WatchRiskEnum = { EXPLICIT: 'EXPLICIT', LATENT: 'LATENT' } as const;
registerEnumType(WatchRiskEnum, { name: 'WatchRisk', description: 'EXPLICIT 显性欠薪 (a commitment already broken), LATENT 隐性欠薪 (signs of instability)' });

const WatchSignalKindEnum = {
  REPEATED_LEADS: 'REPEATED_LEADS',
  MASS_CASE: 'MASS_CASE',
  BROKEN_MEDIATION: 'BROKEN_MEDIATION',
  OVERDUE_PAYMENT_ORDER: 'OVERDUE_PAYMENT_ORDER',
  MISSED_INSTALLMENT: 'MISSED_INSTALLMENT',
  BLACKLISTED: 'BLACKLISTED',
} as const;
registerEnumType(WatchSignalKindEnum, {
  name: 'WatchSignalKind',
  description: 'REPEATED_LEADS 多次被投诉, MASS_CASE 群体性欠薪, BROKEN_MEDIATION 调解协议未履行, OVERDUE_PAYMENT_ORDER 逾期未履行限期支付, MISSED_INSTALLMENT 分期未按期支付, BLACKLISTED 列入拖欠农民工工资失信联合惩戒对象名单',
});

@ObjectType({ description: 'One reason an employer is on the watch list.' })
export class WatchSignal {
  @Field(() => WatchSignalKindEnum)
  kind!: WatchSignalKind;

  @Field(() => Int, { description: 'How many: leads, mass cases, or broken commitments.' })
  count!: number;

  // A sum over the employer's commitments, in fen: it may pass the largest amount one commitment may have.
  @Field(() => MoneyScalar, { nullable: true, description: 'For broken commitments: what is still unpaid past its day.' })
  amountOutstanding!: bigint | null;
}

@ObjectType({ description: 'An employer on the watch list (欠薪预警), with the signals that put it there.' })
export class WatchListEntry {
  @Field(() => Int)
  rank!: number;

  @Field(() => Employer)
  employer!: Employer;

  @Field(() => WatchRiskEnum)
  risk!: WatchRisk;

  @Field(() => Int, { description: 'Higher is riskier: broken commitments weigh most.' })
  score!: number;

  @Field(() => Int, { description: 'Leads you can see that it is accountable for: as employer, general contractor or held jointly liable.' })
  leads!: number;

  @Field(() => Int)
  openLeads!: number;

  @Field(() => [WatchSignal])
  signals!: WatchSignal[];

  @Field(() => DateScalar, { nullable: true, description: 'Listed in the arrears blacklist (失信联合惩戒名单): the listing in force ends at the start of this day.' })
  blacklistedUntil!: string | null;
}
