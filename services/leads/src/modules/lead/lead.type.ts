import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyEnum, ClosureStateEnum, FeedbackStateEnum, IndustryEnum, IntakeChannelEnum, TransferStateEnum } from '../../../../../lib/graphql/enums';
import { Closure, PageInfo, toClosure } from '../../../../../lib/graphql/types';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import type { Agency, ClosureState, FeedbackState, Industry, IntakeChannel, TransferState } from '../../../../../lib/domain/enums';
import { MASS_CASE_WORKERS } from '../../../../../lib/domain/enums';
import { effectiveFeedbackState } from '../../../../../lib/domain/feedback';
import type { LeadAgencyRecord, LeadRecord } from './lead.entity';
import { LeadSearchEcho } from './search.type';

@ObjectType({ description: 'A wage-arrears lead (欠薪线索), one record shared by every agency involved.' })
@Directive('@key(fields: "id")')
export class Lead {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique and human-readable, stable for the lead\'s life.' })
  referenceNo!: string;

  @Field()
  receivedAt!: Date;

  @Field(() => AgencyEnum)
  intakeAgency!: Agency;

  @Field(() => IntakeChannelEnum)
  channel!: IntakeChannel;

  @Field({ description: '6-digit GB/T 2260 code of where the work was done.' })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "The lead's number where it came from (线索来源编号: the national platform's, a backlog's), for imported leads." })
  sourceRef!: string | null;

  @Field(() => String, { nullable: true })
  projectName!: string | null;

  @Field(() => IndustryEnum)
  industry!: Industry;

  @Field(() => Int)
  workerCount!: number;

  @Field(() => MoneyScalar)
  amountOwed!: string;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodStart!: string | null;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodEnd!: string | null;

  @Field()
  description!: string;

  @Field({ description: 'workerCount >= 50.' })
  isMassCase!: boolean;

  // Not fields: resolved through loaders.
  employerId!: string;
  generalContractorId!: string | null;
  duplicateOfId!: string | null;
}

export function toLead(r: LeadRecord): Lead {
  return Object.assign(new Lead(), {
    id: r.id,
    referenceNo: r.referenceNo,
    receivedAt: r.receivedAt,
    intakeAgency: r.intakeAgency,
    channel: r.channel,
    regionCode: r.regionCode,
    sourceRef: r.sourceRef ?? null,
    projectName: r.projectName ?? null,
    industry: r.industry,
    workerCount: r.workerCount,
    amountOwed: formatFen(r.amountOwedFen),
    wagePeriodStart: r.wagePeriodStart ?? null,
    wagePeriodEnd: r.wagePeriodEnd ?? null,
    description: r.description,
    isMassCase: r.workerCount >= MASS_CASE_WORKERS,
    employerId: r.employerId,
    generalContractorId: r.generalContractorId ?? null,
    duplicateOfId: r.duplicateOfId ?? null,
  });
}

@ObjectType()
export class Complainant {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Masked (e.g. 1401**********1234) unless your agency handles the lead.' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Masked (e.g. 138****5678) unless your agency handles the lead.' })
  phone!: string | null;
}

@ObjectType({ description: "One agency's own three states on a lead." })
export class AgencyStatus {
  @Field(() => AgencyEnum)
  agency!: Agency;

  @Field(() => TransferStateEnum)
  transferState!: TransferState;

  @Field(() => FeedbackStateEnum)
  feedbackState!: FeedbackState;

  @Field(() => ClosureStateEnum)
  closureState!: ClosureState;

  @Field(() => Closure, { nullable: true })
  closure!: Closure | null;
}

export function toAgencyStatus(r: LeadAgencyRecord, now = new Date()): AgencyStatus {
  return Object.assign(new AgencyStatus(), {
    agency: r.agency,
    transferState: r.transferState,
    feedbackState: effectiveFeedbackState(r.feedbackState, r.feedbackDueAt, now),
    closureState: r.closureState,
    closure: toClosure(r),
  });
}

@ObjectType()
export class LeadEdge {
  @Field()
  cursor!: string;

  @Field(() => Lead)
  node!: Lead;
}

@ObjectType()
export class LeadConnection {
  @Field(() => [LeadEdge])
  edges!: LeadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => LeadSearchEcho, { nullable: true, description: 'With a search: what it was taken for (null without one).' })
  search?: LeadSearchEcho | null;

  /** Counting a province's leads is the costly part of a page, so it runs only when asked for. */
  countTotal!: () => Promise<number>;

  @Field(() => Int)
  get totalCount(): Promise<number> {
    return this.countTotal();
  }
}
