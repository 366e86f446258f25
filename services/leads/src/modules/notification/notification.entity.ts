import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A notification for a unit or one staff member (lib/vocabulary/notifications.ts): append-only. */
@Entity({ tableName: 'notification' })
@Unique({ name: 'notification_dedupe_key_unique', properties: ['dedupeKey'] })
export class NotificationRecord {
  [OptionalProps]?: 'id' | 'region' | 'role' | 'staffId';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  dedupeKey!: string;

  /** A kind of NOTIFICATION_KINDS. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  referenceNo!: string;

  @Property({ type: 'text' })
  agency!: string;

  /** The unit's region (null: addressed to one staff member). */
  @Property({ type: 'text', nullable: true })
  region?: string | null;

  /** Only staff with this role of the unit (null: all of it). */
  @Property({ type: 'text', nullable: true })
  role?: string | null;

  @Property({ type: 'text', nullable: true })
  staffId?: string | null;

  @Property({ type: 'json' })
  facts!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  at!: Date;
}

/** That a staff member read a notification: once, never unread. */
@Entity({ tableName: 'notification_read' })
export class NotificationReadRecord {
  @PrimaryKey({ type: 'text' })
  staffId!: string;

  @PrimaryKey({ type: 'bigint' })
  notificationId!: string;

  @Property({ type: 'timestamptz' })
  readAt!: Date;
}
