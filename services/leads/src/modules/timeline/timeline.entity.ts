import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An event an agency recorded on a lead, as the timeline shows it. */
@Entity({ tableName: 'timeline_entry' })
@Index({ name: 'timeline_entry_lead_idx', properties: ['leadId', 'at', 'id'] })
export class TimelineEntryRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text' })
  agency!: string;

  /** Staff id of whoever acted. */
  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  summary!: string;
}
