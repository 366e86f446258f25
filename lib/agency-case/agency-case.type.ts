import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ClosureStateEnum, FeedbackStateEnum, TransferStateEnum } from '../graphql/enums';
import { Closure, toClosure } from '../graphql/types';
import type { ClosureState, FeedbackState, TransferState } from '../domain/enums';
import type { AgencyCaseRecord } from './agency-case.entity';
import { effectiveFeedbackState } from '../domain/feedback';

/** The lead as an agency subgraph knows it: only its id, everything else comes from `leads`. */
export function createLeadReference() {
  @ObjectType('Lead')
  @Directive('@key(fields: "id")')
  class Lead {
    @Field(() => ID)
    id!: string;
  }
  return Lead;
}

/** The three states every agency keeps on its own case (UnionCase, InspectionCase, SupportCase). */
@ObjectType()
export abstract class AgencyCaseFields {
  @Field(() => TransferStateEnum)
  transferState!: TransferState;

  @Field(() => FeedbackStateEnum)
  feedbackState!: FeedbackState;

  @Field(() => ClosureStateEnum)
  closureState!: ClosureState;

  @Field(() => Closure, { nullable: true })
  closure!: Closure | null;

  leadId!: string;
}

export function agencyCaseFields(r: AgencyCaseRecord) {
  return {
    leadId: r.leadId,
    transferState: r.transferState,
    feedbackState: effectiveFeedbackState(r.feedbackState, r.feedbackDueAt, new Date()),
    closureState: r.closureState,
    closure: toClosure(r),
  };
}
