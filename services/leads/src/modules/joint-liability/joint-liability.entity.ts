import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** An employer a court outcome holds jointly liable (连带责任): the registry's link to its employers. */
@Entity({ tableName: 'joint_liability' })
export class JointLiabilityRecord {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  outcomeId!: string;

  @PrimaryKey({ type: 'integer' })
  position!: number;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'uuid' })
  @Index()
  employerId!: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
