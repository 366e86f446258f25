import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Legal aid given to the workers (法律援助): by whom, on which day. */
@Entity({ tableName: 'legal_aid' })
export class LegalAidRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** The lawyer, law firm or legal service that helped. */
  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'date', columnType: 'date' })
  providedOn!: string;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;
}
