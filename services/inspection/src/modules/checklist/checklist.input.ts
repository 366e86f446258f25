import { Field, InputType } from 'type-graphql';
import type { EvidenceItem } from '../../../../../lib/domain/enums';
import { DateScalar } from '../../../../../lib/scalars';
import { EvidenceItemEnum } from './checklist.type';

@InputType()
export class EvidenceRequestInput {
  @Field(() => EvidenceItemEnum)
  item!: EvidenceItem;

  @Field(() => DateScalar, { nullable: true, description: 'The day the employer was asked, if not today: not in the future, not before the lead was received.' })
  requestedOn?: string | null;
}

@InputType()
export class EvidenceReceivedInput {
  @Field(() => EvidenceItemEnum)
  item!: EvidenceItem;

  @Field(() => DateScalar, { nullable: true, description: 'The day it came, if not today: not in the future, not before it was asked for.' })
  receivedOn?: string | null;
}

@InputType()
export class EvidenceNotProvidedInput {
  @Field(() => EvidenceItemEnum)
  item!: EvidenceItem;

  @Field({ description: 'What the employer said or did (required).' })
  note!: string;
}
