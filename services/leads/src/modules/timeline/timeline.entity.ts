import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An event an agency recorded on a lead, as the timeline shows it. */
@Entity({ tableName: 'timeline_entry' })
@Index({ name: 'timeline_entry_lead_idx', properties: ['leadId', 'at', 'id'] })
export class TimelineEntryRecord {
  [OptionalProps]?: 'id' | 'facts' | 'text' | 'actorName' | 'actorRegion';

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

  /** The staff member's name and region when they acted (null on entries from before they were kept). */
  @Property({ type: 'text', nullable: true })
  actorName?: string | null;

  @Property({ type: 'text', nullable: true })
  actorRegion?: string | null;

  /** An event kind of lib/vocabulary/events.ts. */
  @Property({ type: 'text' })
  kind!: string;

  /** The English rendering when it was recorded; entries with facts are rendered per reader. */
  @Property({ type: 'text' })
  summary!: string;

  /** The event's facts (no personal data) and its free text, from which the summary is rendered. */
  @Property({ type: 'json', nullable: true })
  facts?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  text?: Record<string, string> | null;
}
