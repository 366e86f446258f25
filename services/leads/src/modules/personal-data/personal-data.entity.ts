import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One sight of a complainant's unmasked ID number or phone (who saw it, when, on which lead,
 * through which operation), or one look-up of who saw a person's data. Never the number itself:
 * the person is named by a keyed digest of their ID number, so a request to know who saw their
 * data is answered from here without the log holding what it protects. Append-only.
 */
@Entity({ tableName: 'personal_data_access' })
@Index({ name: 'personal_data_access_lead_idx', properties: ['leadId', 'id'] })
@Index({ name: 'personal_data_access_subject_idx', properties: ['subjectDigest', 'id'] })
export class PersonalDataAccessRecord {
  [OptionalProps]?: 'id' | 'evidenceId';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  /** SEEN: unmasked values were answered; SUBJECT_LOOKUP: a supervisor asked who saw a person's data; SEARCH: staff searched leads by an ID number or phone. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'uuid', nullable: true })
  leadId?: string | null;

  @Property({ type: 'text', nullable: true })
  leadRegionCode?: string | null;

  /** The complainant's place on the lead (0-based), when a sight. */
  @Property({ type: 'integer', nullable: true })
  complainantOrdinal?: number | null;

  /** Keyed digest (HMAC-SHA256) of the ID number; null when the complainant gave none. */
  @Property({ type: 'text', nullable: true })
  subjectDigest?: string | null;

  /** The evidence file downloaded, when the sight was of one (fields EVIDENCE_FILE). */
  @Property({ type: 'uuid', nullable: true })
  evidenceId?: string | null;

  /** Which values were shown unmasked: ID_NUMBER, PHONE; EVIDENCE_FILE for a file holding personal data. */
  @Property({ type: 'text[]', columnType: 'text[]' })
  fields!: string[];

  @Property({ type: 'text' })
  viewerId!: string;

  @Property({ type: 'text' })
  viewerName!: string;

  @Property({ type: 'text' })
  viewerAgency!: string;

  @Property({ type: 'text' })
  viewerRegion!: string;

  /** The client's operation name (as it named it), when it gave one. */
  @Property({ type: 'text', nullable: true })
  operation?: string | null;

  /** The field of the API through which it was answered (lead, leads, reportLead…). */
  @Property({ type: 'text' })
  via!: string;

  @Property({ type: 'text' })
  requestId!: string;

  /** SEARCH: what was searched for, masked (1404**********1234, 139****5678), never the number. */
  @Property({ type: 'text', nullable: true })
  searchTerm?: string | null;
}
