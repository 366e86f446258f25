import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One blacklist procedure (失信联合惩戒名单) on an inspection case, from proposal to its end. */
@Entity({ tableName: 'blacklist_listing' })
export class BlacklistListingRecord {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** PROPOSED, NOTIFIED, HEARD, LISTED, REJECTED or REMOVED_EARLY; an expired listing stays LISTED. */
  @Property({ type: 'text' })
  state!: string;

  /** CRIMINAL_THRESHOLD or MASS_INCIDENT. */
  @Property({ type: 'text' })
  ground!: string;

  @Property({ type: 'timestamptz' })
  proposedAt!: Date;

  @Property({ type: 'date', columnType: 'date' })
  proposedOn!: string;

  /** The end of a listing decided on the day of the proposal, as the proposal announced it. */
  @Property({ type: 'date', columnType: 'date' })
  proposedUntil!: string;

  @Property({ type: 'text' })
  proposedBy!: string;

  @Property({ type: 'text' })
  reason!: string;

  /** 告知: the day the employer was told of the proposal and its right to state its case. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  noticeOn?: string | null;

  /** 陈述申辩: when, what came of it (ADOPTED, NOT_ADOPTED, NONE_MADE) and what the employer said. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  statedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  statementOutcome?: string | null;

  @Property({ type: 'text', nullable: true })
  statement?: string | null;

  /** The SUPERVISOR's decision: the day, who, why; a listing runs from `decidedOn` until `until`. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  until?: string | null;

  /** Early removal (信用修复): the day, when the arrears were paid, the written pledge's day. */
  @Property({ type: 'date', columnType: 'date', nullable: true })
  removedOn?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  arrearsPaidOn?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  pledgeOn?: string | null;

  @Property({ type: 'text', nullable: true })
  removalNote?: string | null;

  @Property({ type: 'text', nullable: true })
  removedBy?: string | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}
