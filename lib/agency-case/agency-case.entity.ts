import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What every agency's own case on a lead has: its first-contact handler and its three states.
 * Each agency service keeps its cases in its own table, extending this.
 */
@Entity({ abstract: true })
export abstract class AgencyCaseRecord {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  referenceNo!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  /** 首问负责人: staff id of whoever took the lead for this agency. */
  @Property({ type: 'text' })
  handler!: string;

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

  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number;
}
