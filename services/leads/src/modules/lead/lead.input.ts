import { Field, InputType, Int } from 'type-graphql';
import { AgencyEnum, ClosureStateEnum, IndustryEnum, IntakeChannelEnum } from '../../../../../lib/graphql/enums';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import type { Agency, ClosureState, Industry, IntakeChannel } from '../../../../../lib/domain/enums';

@InputType()
export class ComplainantInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Citizen ID number (18 characters, check digit verified).' })
  idNumber?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType()
export class ReportLeadInput {
  @Field(() => IntakeChannelEnum)
  channel!: IntakeChannel;

  @Field(() => Date, { nullable: true, description: 'When the complaint was received; defaults to now.' })
  receivedAt?: Date | null;

  @Field({ description: '6-digit GB/T 2260 code of where the work was done, inside your jurisdiction.' })
  regionCode!: string;

  @Field()
  employerName!: string;

  @Field(() => String, { nullable: true, description: '18-character unified social credit code; its check character is verified.' })
  employerCreditCode?: string | null;

  @Field(() => String, { nullable: true })
  projectName?: string | null;

  @Field(() => String, { nullable: true, description: '施工总承包单位, for construction projects.' })
  generalContractorName?: string | null;

  @Field(() => String, { nullable: true })
  generalContractorCreditCode?: string | null;

  @Field(() => IndustryEnum)
  industry!: Industry;

  @Field(() => Int)
  workerCount!: number;

  @Field(() => MoneyScalar)
  amountOwed!: string;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodStart?: string | null;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodEnd?: string | null;

  @Field()
  description!: string;

  @Field(() => [ComplainantInput], { nullable: true })
  complainants?: ComplainantInput[] | null;
}

@InputType()
export class LeadFilter {
  @Field(() => String, { nullable: true, description: 'This region and everything below it.' })
  regionCode?: string | null;

  @Field(() => IndustryEnum, { nullable: true })
  industry?: Industry | null;

  @Field(() => AgencyEnum, { nullable: true, description: 'Leads this agency is involved in.' })
  agency?: Agency | null;

  @Field(() => ClosureStateEnum, { nullable: true, description: "Your agency's closure state on the lead." })
  closureState?: ClosureState | null;

  @Field(() => Boolean, { nullable: true })
  isMassCase?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Leads on which your agency owes or awaits feedback past its deadline; a suspended (中止) feedback deadline is not overdue while it is.' })
  feedbackOverdue?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or after this day (Asia/Shanghai).' })
  receivedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or before this day (Asia/Shanghai).' })
  receivedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the employer name.' })
  employerName?: string | null;
}
