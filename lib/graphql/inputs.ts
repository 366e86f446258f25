import { Field, InputType, Int } from 'type-graphql';
import { ClosureReasonEnum } from './enums';
import { MoneyScalar } from '../scalars';
import type { ClosureReason } from '../domain/enums';

@InputType({ description: 'Closing (结案) an agency case.' })
export class CloseCaseInput {
  @Field(() => ClosureReasonEnum)
  reason!: ClosureReason;

  @Field(() => MoneyScalar)
  amountRecovered!: string;

  @Field(() => Int)
  workersPaid!: number;

  @Field()
  note!: string;
}
