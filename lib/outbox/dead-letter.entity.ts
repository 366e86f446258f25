import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A message this service received and refused for a domain reason (the transfer it answers was
 * returned, its text is too long…). Never dropped: kept with the reason, shown to supervisors,
 * and applied again when one of them has resolved the cause and retries it.
 */
@Entity({ tableName: 'dead_letter' })
@Index({ name: 'dead_letter_open_idx', expression: 'create index "dead_letter_open_idx" on "dead_letter" ("received_at") where "resolved_at" is null' })
export class DeadLetter {
  [OptionalProps]?: 'attempts' | 'resolvedAt' | 'resolvedBy' | 'params';

  /** The message id (also in the inbox, so the sender's retries are not applied twice). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  /** The refusal's contract code and stable reason code, its params and message (English). */
  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'json', nullable: true })
  params?: Record<string, unknown> | null;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'integer' })
  attempts: number = 1;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  resolvedBy?: string | null;
}

/** The dead-letter table, created by one migration of every service. */
export const DEAD_LETTER_SQL = [
  `create table "dead_letter" ("id" uuid not null, "source" text not null, "type" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, "code" text not null, "reason" text not null, "params" jsonb null, "message" text not null, "attempts" int not null default 1, "resolved_at" timestamptz null, "resolved_by" text null, constraint "dead_letter_pkey" primary key ("id"));`,
  `create index "dead_letter_open_idx" on "dead_letter" ("received_at") where "resolved_at" is null;`,
  `create trigger "dead_letter_no_delete" before delete on "dead_letter" for each row execute function hub_refuse_change();`,
];
