import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../../lib/auth';
import { recordFromRow } from '../../../../../lib/read-records';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { likePrefix } from '../lead/lead.query';
import { PersonalDataAccessRecord } from './personal-data.entity';
import { subjectDigest, type PersonalDataField } from './personal-data.rules';
import type { LeadSearch } from '../lead/search.rules';

export interface Sight {
  leadId: string;
  leadRegionCode: string;
  complainantOrdinal: number;
  idNumber: string | null;
  fields: PersonalDataField[];
  operation: string | null;
  via: string;
}

/**
 * What one request showed unmasked, collected while it is answered and written once at its end
 * (one INSERT however many leads a page shows); a complainant seen twice in a request is one entry.
 */
export class PersonalDataSightings {
  private readonly seen = new Map<string, Omit<PersonalDataAccessRecord, 'id'>>();

  constructor(private readonly by: Principal) {}

  saw(s: Sight, at = new Date()): void {
    const key = `${s.leadId}:${s.complainantOrdinal}`;
    const before = this.seen.get(key);
    if (before) {
      before.fields = [...new Set([...before.fields, ...s.fields])].sort();
      return;
    }
    this.seen.set(key, {
      at,
      kind: 'SEEN',
      leadId: s.leadId,
      leadRegionCode: s.leadRegionCode,
      complainantOrdinal: s.complainantOrdinal,
      subjectDigest: s.idNumber ? subjectDigest(s.idNumber) : null,
      fields: [...s.fields].sort(),
      ...this.viewer(),
      operation: s.operation,
      via: s.via,
      requestId: '',
    });
  }

  /** A supervisor's look-up of who saw one person's data: itself on the record. */
  lookedUp(idNumber: string, operation: string | null, at = new Date()): void {
    this.seen.set(`subject:${this.seen.size}`, { at, kind: 'SUBJECT_LOOKUP', leadId: null, leadRegionCode: null, complainantOrdinal: null, subjectDigest: subjectDigest(idNumber), fields: [], ...this.viewer(), operation, via: 'personalDataAccessBySubject', requestId: '' });
  }

  /** A search of leads by ID number or phone: who searched for whom, the value masked (the ID number also by digest, like a sight). */
  searched(s: LeadSearch, operation: string | null, via: string, at = new Date()): void {
    const t = s.term;
    if (t.kind !== 'idNumber' && t.kind !== 'phone') return;
    this.seen.set(`search:${this.seen.size}`, {
      at,
      kind: 'SEARCH',
      leadId: null,
      leadRegionCode: null,
      complainantOrdinal: null,
      subjectDigest: t.kind === 'idNumber' ? subjectDigest(t.value) : null,
      fields: [t.kind === 'idNumber' ? 'ID_NUMBER' : 'PHONE'],
      ...this.viewer(),
      operation,
      via,
      requestId: '',
      searchTerm: t.masked,
    });
  }

  private viewer() {
    return { viewerId: this.by.id, viewerName: this.by.name, viewerAgency: this.by.agency, viewerRegion: this.by.region };
  }

  get size(): number {
    return this.seen.size;
  }

  /** Writes what was collected, in one statement; called once, when the request's execution ends. */
  async write(em: EntityManager, requestId: string): Promise<void> {
    if (!this.seen.size) return;
    const rows = [...this.seen.values()].map((r) => ({ ...r, requestId }));
    this.seen.clear();
    await em.fork().insertMany(PersonalDataAccessRecord, rows);
  }
}

/** The latest sights of each lead's personal data, newest first (one query for a page of leads). */
export async function accessesOfLeads(em: EntityManager, leadIds: readonly string[], limit: number): Promise<PersonalDataAccessRecord[][]> {
  if (!leadIds.length) return [];
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from (select p.*, row_number() over (partition by lead_id order by id desc) as n from personal_data_access p where lead_id in (${leadIds.map(() => '?').join(', ')})) t where n <= ? order by lead_id, id desc`,
    [...leadIds, limit],
  );
  const found = rows.map(({ n: _n, ...r }) => recordFromRow(em, PersonalDataAccessRecord, r));
  return leadIds.map((id) => found.filter((r) => r.leadId === id));
}

/** Every sight of one person's data on leads within the supervisor's jurisdiction, newest first. */
export async function accessesOfSubject(em: EntityManager, by: Principal, idNumber: string, limit: number): Promise<PersonalDataAccessRecord[]> {
  return em.find(PersonalDataAccessRecord, { subjectDigest: subjectDigest(idNumber), kind: 'SEEN', leadRegionCode: { $like: likePrefix(jurisdictionPrefix(by.region)) } }, { orderBy: { id: 'desc' }, limit });
}

/** At the end of each request's execution: what it showed unmasked, in one INSERT. */
export const writePersonalDataSightings = (ctx: { em: EntityManager; requestId: string; loaders: { personalDataSightings: PersonalDataSightings } }): Promise<void> =>
  ctx.loaders.personalDataSightings.write(ctx.em, ctx.requestId);
