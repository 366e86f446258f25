import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One Idempotency-Key a caller used on a mutation of this service: claimed in the transaction of the
 * mutation's effect, with the answer that transaction gave, so that a copy of the request is
 * answered the same and changes nothing. Never purged (the promise is "at least 24 hours").
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKeyRecord {
  /** The caller's token subject: keys are the caller's own, another caller's key is another key. */
  @PrimaryKey({ type: 'text' })
  principalId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  /** sha-256 of the operation and its variables (see requestFingerprint). */
  @Property({ type: 'text' })
  fingerprint!: string;

  @Property({ type: 'text', nullable: true })
  operationName?: string | null;

  /** The GraphQL response body this service gave (data and errors), replayed as it is. */
  @Property({ type: 'jsonb', nullable: true })
  response?: unknown;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The table, in every service's database (a migration of each service runs it). */
export const IDEMPOTENCY_KEY_TABLE_SQL = [
  `create table "idempotency_key" ("principal_id" text not null, "key" text not null, "fingerprint" text not null, "operation_name" text null, "response" jsonb null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("principal_id", "key"));`,
];
