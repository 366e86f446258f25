import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../../../lib/scalars';
import type { BlacklistGround, ListingStatus, StatementOutcome } from './blacklist.commands';

export const BlacklistGroundEnum = { CRIMINAL_THRESHOLD: 'CRIMINAL_THRESHOLD', MASS_INCIDENT: 'MASS_INCIDENT' } as const satisfies Record<BlacklistGround, BlacklistGround>;
registerEnumType(BlacklistGroundEnum, { name: 'BlacklistGround', description: 'CRIMINAL_THRESHOLD 欠薪达到拒不支付劳动报酬罪数额标准, MASS_INCIDENT 因欠薪引发群体性事件、极端事件' });

export const StatementOutcomeEnum = { ADOPTED: 'ADOPTED', NOT_ADOPTED: 'NOT_ADOPTED', NONE_MADE: 'NONE_MADE' } as const satisfies Record<StatementOutcome, StatementOutcome>;
registerEnumType(StatementOutcomeEnum, { name: 'BlacklistStatementOutcome', description: "The employer's statement (陈述申辩): ADOPTED 予以采纳, NOT_ADOPTED 不予采纳, NONE_MADE 未提出" });

export const ListingStatusEnum = {
  PROPOSED: 'PROPOSED',
  NOTIFIED: 'NOTIFIED',
  HEARD: 'HEARD',
  LISTED: 'LISTED',
  REJECTED: 'REJECTED',
  REMOVED_EARLY: 'REMOVED_EARLY',
  EXPIRED: 'EXPIRED',
} as const satisfies Record<ListingStatus, ListingStatus>;
registerEnumType(ListingStatusEnum, {
  name: 'BlacklistStatus',
  description: 'PROPOSED 已提请, NOTIFIED 已告知, HEARD 已陈述申辩, LISTED 已列入, REJECTED 决定不予列入, REMOVED_EARLY 已提前移出, EXPIRED 列入期满',
});

@ObjectType({ description: 'The blacklist procedure (失信联合惩戒名单) on an inspection case: proposal, notice, statement, decision, and a listing of 3 years or its early removal.' })
export class Blacklisting {
  @Field(() => ID)
  id!: string;

  @Field(() => ListingStatusEnum, { description: 'Where the procedure stands today (a listing past its 3 years is EXPIRED).' })
  status!: ListingStatus;

  @Field(() => BlacklistGroundEnum)
  ground!: BlacklistGround;

  @Field()
  proposedAt!: Date;

  @Field(() => DateScalar)
  proposedOn!: string;

  @Field()
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the employer was told of the proposal and of its right to state its case (告知).' })
  noticeOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day of the employer's statement (陈述申辩), or of the finding that it made none." })
  statedOn!: string | null;

  @Field(() => StatementOutcomeEnum, { nullable: true })
  statementOutcome!: StatementOutcome | null;

  @Field(() => String, { nullable: true })
  statement!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day of the SUPERVISOR's decision: the listing runs from it." })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'A listing ends at the start of this day, 3 years after the decision (unless removed early).' })
  until!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Early removal (信用修复): the day.' })
  removedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Early removal: the day the arrears were paid in full; removal comes 6 months after it at the earliest.' })
  arrearsPaidOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Early removal: the day of the written pledge (信用承诺书).' })
  pledgeOn!: string | null;

  @Field(() => String, { nullable: true })
  removalNote!: string | null;
}
