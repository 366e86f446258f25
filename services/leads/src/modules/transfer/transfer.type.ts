import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyEnum, TransferKindEnum, TransferStatusEnum } from '../../../../../lib/graphql/enums';
import { PageInfo } from '../../../../../lib/graphql/types';
import { DateScalar, MoneyScalar } from '../../../../../lib/scalars';
import { formatFen } from '../../../../../lib/money';
import type { Agency, TransferKind, TransferStatus } from '../../../../../lib/domain/enums';
import type { FeedbackRecord, TransferRecord } from './transfer.entity';

@ObjectType({ description: 'A transfer (移送/转办) of a lead from one agency to another.' })
export class Transfer {
  @Field(() => ID)
  id!: string;

  @Field(() => TransferKindEnum)
  kind!: TransferKind;

  @Field(() => AgencyEnum)
  from!: Agency;

  @Field(() => AgencyEnum)
  to!: Agency;

  @Field(() => TransferStatusEnum)
  status!: TransferStatus;

  @Field()
  reason!: string;

  @Field()
  requestedAt!: Date;

  @Field({ description: 'Staff id of whoever sent it.' })
  requestedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted or returned it.' })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the receiver returned it (退回).' })
  rejectionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the sender withdrew it.' })
  cancellationReason!: string | null;

  @Field({ description: 'When feedback is due; while the deadline is suspended (feedbackSuspendedOn) it stands as it was, and moves later on resumption by the working days it stood suspended.' })
  feedbackDueAt!: Date;

  @Field(() => DateScalar, { nullable: true, description: 'The day the feedback deadline was suspended (中止), while it is and the transfer is ACCEPTED: it is not overdue meanwhile.' })
  feedbackSuspendedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the feedback deadline is suspended, while it is.' })
  feedbackSuspensionReason!: string | null;

  leadId!: string;
}

export const toTransfer = (r: TransferRecord): Transfer =>
  Object.assign(new Transfer(), {
    id: r.id,
    leadId: r.leadId,
    kind: r.kind,
    from: r.from,
    to: r.to,
    status: r.status,
    reason: r.reason,
    requestedAt: r.requestedAt,
    requestedBy: r.requestedBy,
    respondedAt: r.respondedAt ?? null,
    rejectionReason: r.rejectionReason ?? null,
    cancellationReason: r.cancellationReason ?? null,
    feedbackDueAt: r.feedbackDueAt,
    // Once answered, a transfer has no deadline left to be suspended.
    feedbackSuspendedOn: r.status === 'ACCEPTED' ? (r.feedbackSuspendedOn ?? null) : null,
    feedbackSuspensionReason: r.status === 'ACCEPTED' && r.feedbackSuspendedOn ? (r.feedbackSuspensionReason ?? null) : null,
  });

@ObjectType({ description: 'Feedback (反馈) from the receiving agency on a transfer.' })
export class Feedback {
  @Field()
  givenAt!: Date;

  @Field({ description: 'Staff id of whoever gave it.' })
  givenBy!: string;

  @Field({ description: 'Final feedback completes the transfer.' })
  final!: boolean;

  @Field()
  summary!: string;

  @Field(() => MoneyScalar, { nullable: true })
  amountRecovered!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Of amountRecovered, the compensation (加付赔偿金).' })
  compensationRecovered!: string | null;

  @Field(() => Int, { nullable: true })
  workersPaid!: number | null;
}

export const toFeedback = (r: FeedbackRecord): Feedback =>
  Object.assign(new Feedback(), {
    givenAt: r.givenAt,
    givenBy: r.givenBy,
    final: r.final,
    summary: r.summary,
    amountRecovered: r.amountRecoveredFen == null ? null : formatFen(r.amountRecoveredFen),
    compensationRecovered: r.compensationRecoveredFen == null ? null : formatFen(r.compensationRecoveredFen),
    workersPaid: r.workersPaid ?? null,
  });

@ObjectType()
export class TransferEdge {
  @Field()
  cursor!: string;

  @Field(() => Transfer)
  node!: Transfer;
}

@ObjectType()
export class TransferConnection {
  @Field(() => [TransferEdge])
  edges!: TransferEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
