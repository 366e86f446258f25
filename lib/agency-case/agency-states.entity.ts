import { Entity, OptionalProps, Property } from '@mikro-orm/core';

/**
 * One agency's three states on a lead and how it closed its case: kept by each agency service on
 * its own case, and mirrored by the lead registry for every agency involved.
 */
@Entity({ abstract: true })
export abstract class AgencyStatesRecord<Defaulted extends string = never> {
  [OptionalProps]?: 'version' | Defaulted;

  @Property({ type: 'text' })
  transferState!: string;

  @Property({ type: 'text' })
  feedbackState!: string;

  @Property({ type: 'text' })
  closureState!: string;

  @Property({ type: 'text', nullable: true })
  closureReason?: string | null;

  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountRecoveredFen?: string | null;

  @Property({ type: 'integer', nullable: true })
  workersPaid?: number | null;

  @Property({ type: 'text', nullable: true })
  closureNote?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  closedBy?: string | null;

  /** Deadline of the feedback this agency owes or awaits; past it, DUE and AWAITING read as OVERDUE. */
  @Property({ type: 'timestamptz', nullable: true })
  feedbackDueAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}
