import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Append-only record of every state change: who, when, what, and the request it came from. */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  [OptionalProps]?: 'seq' | 'at' | 'data';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'text' })
  actorId!: string;

  @Property({ type: 'text' })
  actorAgency!: string;

  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'text' })
  action!: string;

  /** What changed. Never personal data: ids, states and amounts only. */
  @Property({ type: 'json' })
  data: Record<string, unknown> = {};
}
