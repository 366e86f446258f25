import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One export of the lead list: who, when, with which filters, search and order, and how many rows. Append-only. */
@Entity({ tableName: 'lead_export' })
@Index({ name: 'lead_export_viewer_idx', properties: ['viewerId', 'id'] })
export class LeadExportRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  /** csv or xlsx. */
  @Property({ type: 'text' })
  format!: string;

  /** The list's filter as given (LeadFilter's fields). */
  @Property({ type: 'json' })
  filter!: Record<string, unknown>;

  /** The search text, masked when it was an ID number or phone; null when there was none. */
  @Property({ type: 'text', nullable: true })
  search?: string | null;

  @Property({ type: 'text' })
  orderBy!: string;

  @Property({ type: 'integer' })
  rowCount!: number;

  /** More leads matched than the cap let into the file. */
  @Property({ type: 'boolean' })
  capped!: boolean;

  /** Rows whose complainants' numbers were written unmasked (each also on personal_data_access). */
  @Property({ type: 'integer' })
  unmaskedRows!: number;

  @Property({ type: 'text' })
  viewerId!: string;

  @Property({ type: 'text' })
  viewerName!: string;

  @Property({ type: 'text' })
  viewerAgency!: string;

  @Property({ type: 'text' })
  viewerRegion!: string;

  @Property({ type: 'text' })
  requestId!: string;
}
