import { Field, ID, InputType, Int } from 'type-graphql';
import { AgencyEnum, TransferKindEnum } from '../../../../../lib/graphql/enums';
import { MoneyScalar } from '../../../../../lib/scalars';
import type { Agency, TransferKind } from '../../../../../lib/domain/enums';

@InputType()
export class TransferLeadInput {
  @Field(() => ID)
  leadId!: string;

  @Field(() => AgencyEnum)
  to!: Agency;

  @Field(() => TransferKindEnum)
  kind!: TransferKind;

  @Field()
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'Defaults to the end of the 10th working day (HUB_FEEDBACK_WORKING_DAYS), holidays and 调休 counted.' })
  feedbackDueAt?: Date | null;
}

@InputType()
export class FeedbackInput {
  @Field({ description: 'true completes the transfer.' })
  final!: boolean;

  @Field()
  summary!: string;

  @Field(() => MoneyScalar, { nullable: true, description: 'Everything recovered so far: wages plus any compensation (compensationRecovered).' })
  amountRecovered?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Of amountRecovered, the compensation (加付赔偿金, 劳动保障监察条例 Article 26): at most the amount owed.' })
  compensationRecovered?: string | null;

  @Field(() => Int, { nullable: true })
  workersPaid?: number | null;
}
