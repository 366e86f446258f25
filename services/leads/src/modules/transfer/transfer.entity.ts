import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { AGENCIES, TRANSFER_KINDS, TRANSFER_STATUSES, type Agency, type TransferKind, type TransferStatus } from '../../../../../lib/domain/enums';
import { randomUUID } from 'node:crypto';

/** A transfer (移送/转办) of a lead from one agency to another. */
@Entity({ tableName: 'transfer' })
@Index({ name: 'transfer_inbox_idx', properties: ['to', 'status', 'requestedAt', 'id'] })
@Index({ name: 'transfer_feedback_due_idx', expression: 'create index "transfer_feedback_due_idx" on "transfer" ("feedback_due_at", "id") where "status" = \'ACCEPTED\'' })
export class TransferRecord {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** The lead's region, fixed at intake: the inbox filters on it inside transfer_pending_idx. */
  @Property({ type: 'text' })
  leadRegionCode!: string;

  @Enum({ items: () => TRANSFER_KINDS })
  kind!: TransferKind;

  @Enum({ items: () => AGENCIES, fieldName: 'from_agency' })
  from!: Agency;

  @Enum({ items: () => AGENCIES, fieldName: 'to_agency' })
  to!: Agency;

  @Enum({ items: () => TRANSFER_STATUSES })
  status!: TransferStatus;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  respondedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  rejectionReason?: string | null;

  @Property({ type: 'text', nullable: true })
  cancellationReason?: string | null;

  @Property({ type: 'timestamptz' })
  feedbackDueAt!: Date;

  /** 中止: the day the feedback deadline was suspended, while it is; feedbackDueAt moves on resumption. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  feedbackSuspendedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  feedbackSuspensionReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** Feedback (反馈) the receiving agency gives on a transfer: interim, or final. */
@Entity({ tableName: 'transfer_feedback' })
export class FeedbackRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  transferId!: string;

  @Property({ type: 'timestamptz' })
  givenAt!: Date;

  @Property({ type: 'text' })
  givenBy!: string;

  @Property({ type: 'boolean' })
  final!: boolean;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountRecoveredFen?: string | null;

  /** Of amountRecoveredFen, the compensation (加付赔偿金); the rest is wages. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  compensationRecoveredFen?: string | null;

  @Property({ type: 'integer', nullable: true })
  workersPaid?: number | null;
}
