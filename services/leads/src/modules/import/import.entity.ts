import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Agency } from '../../../../../lib/domain/enums';
import type { Principal } from '../../../../../lib/auth';

export const IMPORT_STATUSES = ['UPLOADED', 'QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'CANCELLED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const ENDED: readonly ImportStatus[] = ['DONE', 'REFUSED', 'CANCELLED', 'FAILED'];

/**
 * One bulk import (批量导入): the uploaded file, who imports it and how far it got. Progress is
 * written in the same transaction as each batch of leads, so after a restart the import resumes at
 * exactly the first row not yet stored.
 */
@Entity({ tableName: 'lead_import' })
@Index({ name: 'lead_import_status_idx', properties: ['status'] })
export class LeadImportRecord {
  [OptionalProps]?: 'id' | 'createdAt' | 'rowsRead' | 'imported' | 'refused' | 'alreadyPresent' | 'possibleDuplicates' | 'startedAt' | 'finishedAt' | 'allOrNothing' | 'checked' | 'rowsTotal' | 'lastRowNo' | 'failure';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  agency!: Agency;

  /** The importer's jurisdiction. */
  @Property({ type: 'text' })
  region!: string;

  @Property({ type: 'text' })
  importedBy!: string;

  /** Who imports, as the token said when the file was uploaded: the rows are checked as that person. */
  @Property({ type: 'jsonb' })
  principal!: Principal;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  format!: 'csv' | 'xlsx';

  /** SHA-256 of the file, hex. */
  @Property({ type: 'text' })
  digest!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  sizeBytes!: string;

  @Property({ type: 'text' })
  status!: ImportStatus;

  @Property({ type: 'boolean', default: false })
  allOrNothing: boolean = false;

  /** All-or-nothing: the first pass (checking every row, storing none) is done. */
  @Property({ type: 'boolean', default: false })
  checked: boolean = false;

  /** Data rows in the file, counted before the first row is stored (for the progress bar). */
  @Property({ type: 'integer', nullable: true })
  rowsTotal?: number | null = null;

  /** The file's row number (header = 1) of the last row settled: a resumed import goes on after it. */
  @Property({ type: 'integer', default: 0 })
  lastRowNo: number = 0;

  /** Data rows read and settled (imported, refused or already there), in file order. */
  @Property({ type: 'integer', default: 0 })
  rowsRead: number = 0;

  @Property({ type: 'integer', default: 0 })
  imported: number = 0;

  @Property({ type: 'integer', default: 0 })
  refused: number = 0;

  @Property({ type: 'integer', default: 0 })
  alreadyPresent: number = 0;

  @Property({ type: 'integer', default: 0 })
  possibleDuplicates: number = 0;

  /** Why the whole file was not imported (a header or format problem), a reason code. */
  @Property({ type: 'jsonb', nullable: true })
  failure?: { reason: string; params: Record<string, unknown> } | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null = null;
}

/** The uploaded file, in pieces of at most a megabyte, kept so an import can resume after a restart. */
@Entity({ tableName: 'lead_import_chunk' })
export class LeadImportChunkRecord {
  @PrimaryKey({ type: 'uuid' })
  importId!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob', columnType: 'bytea' })
  data!: Buffer;
}

export const ROW_OUTCOMES = ['REFUSED', 'ALREADY_PRESENT', 'POSSIBLE_DUPLICATE'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/** A row the report names: refused (with every problem), already there, or imported as a possible duplicate. */
@Entity({ tableName: 'lead_import_row' })
export class LeadImportRowRecord {
  [OptionalProps]?: 'leadId' | 'referenceNo' | 'sourceRef';

  @PrimaryKey({ type: 'uuid' })
  importId!: string;

  @PrimaryKey({ type: 'integer' })
  rowNo!: number;

  @Property({ type: 'text' })
  outcome!: RowOutcome;

  @Property({ type: 'text', nullable: true })
  sourceRef?: string | null = null;

  /** Each problem: the column (Chinese header), the API field, the reason and its params. */
  @Property({ type: 'jsonb' })
  problems!: { column: string; field: string; reason: string; params: Record<string, unknown> }[];

  /** The row's cells as read, so the refused rows come back as a file ready to correct. */
  @Property({ type: 'jsonb' })
  cells!: Record<string, string>;

  /** The lead the row is already, or became. */
  @Property({ type: 'uuid', nullable: true })
  leadId?: string | null = null;

  @Property({ type: 'text', nullable: true })
  referenceNo?: string | null = null;
}
