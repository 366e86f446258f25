import { Entity, Enum, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AGENCIES, INDUSTRIES, INTAKE_CHANNELS, type Agency, type Industry, type IntakeChannel } from '../../../../../lib/domain/enums';
import { randomUUID } from 'node:crypto';
import { AgencyStatesRecord } from '../../../../../lib/agency-case/agency-states.entity';

/** The shared lead (欠薪线索): one row that every involved agency sees. */
@Entity({ tableName: 'lead' })
@Index({ name: 'lead_received_idx', properties: ['receivedAt', 'id'] })
@Index({ name: 'lead_region_received_idx', expression: 'create index "lead_region_received_idx" on "lead" ("region_code" text_pattern_ops, "received_at", "id")' })
export class LeadRecord {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'mediatedOrLegalService' | 'closedAt' | 'amountRecoveredFen' | 'compensationRecoveredFen' | 'workersPaid' | 'sourceRef' | 'importId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  referenceNo!: string;

  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @Enum({ items: () => AGENCIES })
  intakeAgency!: Agency;

  @Enum({ items: () => INTAKE_CHANNELS })
  channel!: IntakeChannel;

  @Property({ type: 'text' })
  regionCode!: string;

  @Property({ type: 'uuid' })
  @Index()
  employerId!: string;

  @Property({ type: 'text', nullable: true })
  projectName?: string | null;

  @Property({ type: 'uuid', nullable: true })
  generalContractorId?: string | null;

  @Enum({ items: () => INDUSTRIES })
  industry!: Industry;

  @Property({ type: 'integer' })
  workerCount!: number;

  /** Amount owed or disputed, in fen. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  amountOwedFen!: string;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  wagePeriodStart?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  wagePeriodEnd?: string | null;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'uuid', nullable: true })
  duplicateOfId?: string | null;

  @Property({ type: 'text' })
  reportedBy!: string;

  /** The lead's number where it came from (线索来源编号: the national platform's, a backlog's), when imported. */
  @Property({ type: 'text', nullable: true })
  sourceRef?: string | null;

  /** The bulk import that created the lead (lead_import), if one did. */
  @Property({ type: 'uuid', nullable: true })
  importId?: string | null;

  /**
   * Some agency mediated or gave legal service (附件1 是否进行调解或提供法律服务): set by the
   * timeline events that count (report.rules), so the monthly report reads a column, not the timeline.
   */
  @Property({ type: 'boolean', default: false })
  mediatedOrLegalService: boolean = false;

  /**
   * When the lead was closed (办结: every agency holding it closed its case), with what it
   * recovered; null while open. Kept in step with the agencies' closures (lead.closure.ts) so
   * reports over many leads read columns.
   */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null = null;

  /** Wages recovered: per lead the largest wages one agency's closure recorded (compensation apart). */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  amountRecoveredFen?: string | null = null;

  /** Compensation (加付赔偿金) recovered: the largest one agency's closure recorded. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  compensationRecoveredFen?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  workersPaid?: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** The people who complained. Personal data: shown in full only to agencies handling the lead. */
@Entity({ tableName: 'complainant' })
export class ComplainantRecord {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  leadId!: string;

  @Property({ type: 'integer' })
  ordinal!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  idNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  /** Digests of the normalised ID number and phone (lib/search-term.ts), so a search matches them whole through an index. */
  @Property({ type: 'text', nullable: true })
  idNumberDigest?: string | null;

  @Property({ type: 'text', nullable: true })
  phoneDigest?: string | null;
}

/**
 * One row per agency involved in a lead, with that agency's three states as the registry knows
 * them. Involvement decides who may see the lead.
 */
@Entity({ tableName: 'lead_agency' })
@Index({ name: 'lead_agency_agency_idx', properties: ['agency', 'leadId'] })
// lead_agency_list_idx, lead_agency_state_list_idx, lead_agency_region_idx: see Migration20261123100000
@Index({ name: 'lead_agency_deadline_idx', expression: 'create index "lead_agency_deadline_idx" on "lead_agency" ("agency", "deadline_at", "lead_id") include ("lead_region_code") where "deadline_at" is not null' })
export class LeadAgencyRecord extends AgencyStatesRecord<'involvedSince'> {
  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @PrimaryKey({ type: 'text' })
  @Enum({ items: () => AGENCIES })
  agency!: Agency;

  @Property({ type: 'timestamptz' })
  involvedSince: Date = new Date();

  /** Copies of the lead's region and receipt time, fixed at intake, so lead lists walk one index. */
  @Property({ type: 'text' })
  leadRegionCode!: string;

  @Property({ type: 'timestamptz' })
  leadReceivedAt!: Date;

  /** This agency's nearest deadline (accepting the lead, or feedback), kept by syncAgencies: the list's 最近期限 order walks lead_agency_deadline_idx. */
  @Property({ type: 'timestamptz', nullable: true })
  deadlineAt?: Date | null = null;
}

/** Per region and year, the last sequence number handed out for reference numbers. */
@Entity({ tableName: 'reference_counter' })
export class ReferenceCounter {
  @PrimaryKey({ type: 'text' })
  regionCode!: string;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}
