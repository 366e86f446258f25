import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A mediation attempt with the employer (调解): outcome, and for a settlement the amount and pay-by date. */
@Entity({ tableName: 'mediation' })
export class MediationRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  /** When the mediation took place (recordedAt is when it was entered). */
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;

  /** SETTLED, PARTIAL or FAILED. */
  @Property({ type: 'text' })
  outcome!: string;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountAgreedFen?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  agreedPayBy?: string | null;
}
