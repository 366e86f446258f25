import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The latest state of a commitment an employer made on a lead, as the agency that holds it last
 * said (RiskSignal messages): what is still unpaid and by when it was due.
 */
@Entity({ tableName: 'risk_signal' })
export class RiskSignalRecord {
  @PrimaryKey({ type: 'text' })
  kind!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'date', columnType: 'date' })
  dueOn!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  outstandingFen!: string;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
