import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Agency } from '../../../../../lib/domain/enums';
import type { EvidenceKind } from '../../../../../lib/vocabulary/evidence';

/**
 * One piece of evidence on a lead (证据材料): its file never changes and is never deleted; a wrong
 * one is withdrawn with a reason and stays on the record (triggers enforce both).
 */
@Entity({ tableName: 'lead_evidence' })
@Index({ name: 'lead_evidence_lead_idx', properties: ['leadId', 'uploadedAt'] })
export class EvidenceRecord {
  [OptionalProps]?: 'withdrawnAt' | 'withdrawnBy' | 'withdrawnByName' | 'withdrawnByAgency' | 'withdrawalReason' | 'storageKey';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'text' })
  kind!: EvidenceKind;

  @Property({ type: 'text' })
  title!: string;

  /** The date the document bears (or the photo was taken), as the uploader gives it. */
  @Property({ type: 'date', columnType: 'date' })
  documentDate!: string;

  /** The name the file had on the uploader's computer, cleaned. */
  @Property({ type: 'text' })
  fileName!: string;

  /** What the content is, detected from its bytes. */
  @Property({ type: 'text' })
  contentType!: string;

  @Property({ type: 'text' })
  extension!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  sizeBytes!: string;

  /** SHA-256 of the file, hex. */
  @Property({ type: 'text' })
  digest!: string;

  /** The uploader says the file holds personal data: only agencies handling the lead see it. */
  @Property({ type: 'boolean' })
  containsPersonalData!: boolean;

  /** Where the bytes are: PG (lead_evidence_chunk) or S3 (storageKey in the configured bucket). */
  @Property({ type: 'text' })
  storage!: 'PG' | 'S3';

  @Property({ type: 'text', nullable: true })
  storageKey?: string | null;

  @Property({ type: 'timestamptz' })
  uploadedAt!: Date;

  @Property({ type: 'text' })
  uploadedBy!: string;

  @Property({ type: 'text' })
  uploadedByName!: string;

  @Property({ type: 'text' })
  uploadedByAgency!: Agency;

  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  withdrawnBy?: string | null;

  @Property({ type: 'text', nullable: true })
  withdrawnByName?: string | null;

  @Property({ type: 'text', nullable: true })
  withdrawnByAgency?: Agency | null;

  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null;
}

/** A file's bytes, 1 MB per row, when kept in the database. */
@Entity({ tableName: 'lead_evidence_chunk' })
export class EvidenceChunkRecord {
  @PrimaryKey({ type: 'uuid' })
  evidenceId!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'bytea' })
  data!: Buffer;
}
