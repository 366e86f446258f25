import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../../../../lib/scalars';

/** What intake staff have typed so far: enough to look for the same arrears already registered. */
@InputType({ description: 'A lead not yet registered: the facts possible duplicates are found by.' })
export class LeadDraftInput {
  @Field({ description: '6-digit GB/T 2260 code of where the work was done.' })
  regionCode!: string;

  @Field()
  employerName!: string;

  @Field(() => String, { nullable: true })
  employerCreditCode?: string | null;

  @Field(() => String, { nullable: true })
  projectName?: string | null;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodStart?: string | null;

  @Field(() => DateScalar, { nullable: true })
  wagePeriodEnd?: string | null;
}
