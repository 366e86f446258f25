import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One request to the employer for one document of the evidence checklist (第五十条), and whether it came. */
@Entity({ tableName: 'evidence_request' })
export class EvidenceRequestRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  /** LABOUR_CONTRACTS, ROSTER, PAYROLL_LEDGER or ATTENDANCE_RECORDS. */
  @Property({ type: 'text' })
  item!: string;

  /** The day the employer was asked; `requestedAt` is when that was entered. */
  @Property({ type: 'date', columnType: 'date' })
  requestedOn!: string;

  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'text' })
  requestedBy!: string;

  /** RECEIVED or NOT_PROVIDED; null while the employer has not answered. */
  @Property({ type: 'text', nullable: true })
  outcome?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  receivedOn?: string | null;

  /** Why the document was not provided, as the inspector noted it. */
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  outcomeRecordedBy?: string | null;
}

/** Why an inspection case may close without the payroll ledger; the latest one counts. Append-only. */
@Entity({ tableName: 'close_without_ledger_reason' })
export class CloseWithoutLedgerReasonRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  recordedBy!: string;
}
