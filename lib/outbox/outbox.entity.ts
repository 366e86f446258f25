import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A message to another service, written in the same transaction as the change that causes it
 * (transactional outbox). The dispatcher delivers each destination's messages in order, at least
 * once; receivers drop repeats by id.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ name: 'outbox_message_pending_idx', properties: ['destination', 'seq'], expression: 'create index "outbox_message_pending_idx" on "outbox_message" ("destination", "seq") where "delivered_at" is null' })
export class OutboxMessage {
  [OptionalProps]?: 'seq' | 'id' | 'createdAt' | 'attempts' | 'nextAttemptAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Property({ type: 'uuid', unique: true })
  id: string = randomUUID();

  @Property({ type: 'text' })
  destination!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  /** W3C traceparent of the span that wrote it (null while traces are off). */
  @Property({ type: 'text', nullable: true })
  traceparent?: string | null;
}

/** Ids of messages already applied here: a repeat delivery is acknowledged and ignored. */
@Entity({ tableName: 'inbox_message' })
export class InboxMessage {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();
}
