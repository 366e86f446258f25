import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A notice owed to one complainant of a lead because an agency acted (accepted, transferred, closed). */
@Entity({ tableName: 'complainant_notice' })
export class ComplainantNoticeRecord {
  [OptionalProps]?: 'id' | 'status' | 'channel' | 'sentAt' | 'failedReason' | 'attempts';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  /** The lead's region: the notifier drains the notices of its jurisdiction. */
  @Property({ type: 'text' })
  leadRegionCode!: string;

  @Property({ type: 'text' })
  referenceNo!: string;

  @Property({ type: 'bigint' })
  complainantId!: string;

  @Property({ type: 'integer' })
  complainantOrdinal!: number;

  /** A ComplainantNoticeKind (lib/i18n/complainant-notices.ts). */
  @Property({ type: 'text' })
  kind!: string;

  /** Which event owes it: with the complainant, unique. */
  @Property({ type: 'text' })
  eventKey!: string;

  /** The agency that acted; its notifier sends the notice. */
  @Property({ type: 'text' })
  agency!: string;

  @Property({ type: 'text' })
  unit!: string;

  /** The notice as it is to be sent (it names the complainant: personal data). */
  @Property({ type: 'text' })
  text!: string;

  /** PENDING, SENT or FAILED. */
  @Property({ type: 'text' })
  status: string = 'PENDING';

  @Property({ type: 'text', nullable: true })
  channel?: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  failedReason?: string | null = null;

  /** Failed deliveries reported so far. */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
