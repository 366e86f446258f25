import { Field, InputType, Int } from 'type-graphql';
import { ClosureReasonEnum } from './enums';
import { MoneyScalar } from '../scalars';
import type { ClosureReason } from '../domain/enums';

@InputType({ description: 'Closing (结案) an agency case.' })
export class CloseCaseInput {
  @Field(() => ClosureReasonEnum)
  reason!: ClosureReason;

  @Field(() => MoneyScalar, { description: 'Everything recovered: the wages, plus any compensation (compensationRecovered).' })
  amountRecovered!: string;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Of amountRecovered, the compensation (加付赔偿金) the employer was ordered to add under Article 26 of the 劳动保障监察条例: at most the amount owed. The rest is wages, at most the amount owed. Default 0.00.',
  })
  compensationRecovered?: string | null;

  @Field(() => Int)
  workersPaid!: number;

  @Field()
  note!: string;
}
