import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../../../../lib/scalars';
import { BlacklistGroundEnum, StatementOutcomeEnum } from './blacklist.type';
import type { BlacklistGround, StatementOutcome } from './blacklist.commands';

@InputType()
export class BlacklistProposalInput {
  @Field(() => BlacklistGroundEnum, { description: 'Why the employer qualifies; either way it must have missed a payment order\'s deadline.' })
  ground!: BlacklistGround;

  @Field({ description: 'The facts: for a mass incident, what happened.' })
  reason!: string;
}

@InputType()
export class BlacklistStatementInput {
  @Field(() => DateScalar, { nullable: true, description: 'The day of the statement (or of finding none was made), if not today: not before the employer was told.' })
  statedOn?: string | null;

  @Field(() => StatementOutcomeEnum)
  statementOutcome!: StatementOutcome;

  @Field(() => String, { nullable: true, description: 'What the employer said; required unless it made no statement.' })
  statement?: string | null;
}

@InputType()
export class BlacklistDecisionInput {
  @Field({ description: 'true: list the employer for 3 years; false: do not list it.' })
  list!: boolean;

  @Field()
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the decision, if not today: not before the statement.' })
  decisionDate?: string | null;
}

@InputType()
export class BlacklistEarlyRemovalInput {
  @Field(() => DateScalar, { description: 'The day the arrears were paid in full: removal is possible 6 months after it.' })
  arrearsPaidOn!: string;

  @Field(() => DateScalar, { description: 'The day the employer filed its written pledge (信用承诺书).' })
  pledgeOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
