import { Field, InputType, Int } from 'type-graphql';
import { ClosureReasonEnum } from './enums';
import { DateScalar, MoneyScalar } from '../scalars';
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

@InputType({ description: 'Suspending (中止) a deadline: an investigation\'s, or a transfer\'s feedback deadline.' })
export class SuspendDeadlineInput {
  @Field({ description: 'Why the deadline stops running (e.g. an expert appraisal, the employer cannot be reached).' })
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the suspension took effect (Asia/Shanghai); today if not given. Not in the future, not before the lead was received.' })
  suspendedOn?: string | null;
}

@InputType({ description: 'Resuming (恢复) a suspended deadline: it moves later by the working days it stood suspended.' })
export class ResumeDeadlineInput {
  @Field(() => DateScalar, { nullable: true, description: 'The day the deadline runs again (Asia/Shanghai); today if not given. Not in the future, not before it was suspended.' })
  resumedOn?: string | null;
}
