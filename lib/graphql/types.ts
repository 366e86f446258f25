import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ClosureReasonEnum } from './enums';
import { MoneyScalar } from '../scalars';
import type { ClosureReason } from '../domain/enums';

/** How and by whom an agency closed its case (结案). */
@ObjectType()
@Directive('@shareable')
export class Closure {
  @Field(() => ClosureReasonEnum)
  reason!: ClosureReason;

  @Field(() => MoneyScalar)
  amountRecovered!: string;

  @Field(() => Int)
  workersPaid!: number;

  @Field()
  note!: string;

  @Field()
  closedAt!: Date;

  @Field({ description: 'Staff id of whoever closed it.' })
  closedBy!: string;
}

@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
