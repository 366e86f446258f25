import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../lib/auth';
import { LeadAgencyRecord, LeadRecord, ComplainantRecord } from './modules/lead/lead.entity';
import { EmployerRecord } from './modules/employer/employer.entity';
import { TimelineEntryRecord } from './modules/timeline/timeline.entity';
import { FeedbackRecord, TransferRecord } from './modules/transfer/transfer.entity';
import { canSeeLead } from './modules/lead/lead.access';
import { isUuid } from '../../../lib/identifiers';
import { readRecords } from '../../../lib/read-records';
import { JointLiabilityRecord } from './modules/joint-liability/joint-liability.entity';
import { PersonalDataSightings, accessesOfLeads } from './modules/personal-data/personal-data.store';
import { evidenceOfLeads } from './modules/evidence/evidence.store';
import { noticesOfLeads } from './modules/complainant-notice/complainant-notice.store';
import { duplicateCandidatesOf } from './modules/lead/duplicate.store';

/** How many of a lead's latest personal-data sights a supervisor reads at once. */
export const PERSONAL_DATA_ACCESS_MAX = 200;

function groupBy<T>(keys: readonly string[], rows: T[], key: (r: T) => string): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(key(r))?.push(r);
  return keys.map((k) => map.get(k)!);
}

function byId<T>(keys: readonly string[], rows: T[], key: (r: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** One set per request: every list of leads costs a fixed number of queries, whatever its length. */
export function createLeadsLoaders(em: EntityManager, principal: Principal) {
  const leads = new DataLoader<string, LeadRecord | null>(async (ids) =>
    byId(ids, await readRecords(em, LeadRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const involvements = new DataLoader<string, LeadAgencyRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, LeadAgencyRecord, { leadId: { $in: ids.filter(isUuid) } }, { involvedSince: 'asc' }), (r) => r.leadId),
  );
  const employers = new DataLoader<string, EmployerRecord | null>(async (ids) =>
    byId(ids, await readRecords(em, EmployerRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const complainants = new DataLoader<string, ComplainantRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, ComplainantRecord, { leadId: { $in: [...ids] } }, { ordinal: 'asc' }), (r) => r.leadId),
  );
  const timeline = new DataLoader<string, TimelineEntryRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, TimelineEntryRecord, { leadId: { $in: [...ids] } }, { at: 'asc', id: 'asc' }), (r) => r.leadId),
  );
  const transfers = new DataLoader<string, TransferRecord | null>(async (ids) =>
    byId(ids, await readRecords(em, TransferRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const transfersByLead = new DataLoader<string, TransferRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, TransferRecord, { leadId: { $in: ids.filter(isUuid) } }, { requestedAt: 'asc', id: 'asc' }), (r) => r.leadId),
  );
  const jointLiabilities = new DataLoader<string, JointLiabilityRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, JointLiabilityRecord, { outcomeId: { $in: ids.filter(isUuid) } }, { position: 'asc' }), (r) => r.outcomeId),
  );
  const feedback = new DataLoader<string, FeedbackRecord[]>(async (ids) =>
    groupBy(ids, await readRecords(em, FeedbackRecord, { transferId: { $in: [...ids] } }, { givenAt: 'asc', id: 'asc' }), (r) => r.transferId),
  );
  /** Leads in the same region naming the same employer (id, normalised name or credit code), still open. */
  const duplicateCandidates = new DataLoader<string, LeadRecord[]>(async (ids) => {
    const grouped = await duplicateCandidatesOf(em, ids.filter(isUuid));
    return ids.map((id) => grouped.get(id) ?? []);
  });
  /** A lead the caller may see, or null: outsiders cannot tell a hidden lead from a missing one. */
  const visibleLeads = new DataLoader<string, LeadRecord | null>(async (ids) => {
    const [rows, inv] = await Promise.all([leads.loadMany(ids), involvements.loadMany(ids)]);
    return ids.map((_, i) => {
      const lead = rows[i];
      const involved = inv[i];
      // A lead that could not be read (the database failing) is an error, not a lead that does not exist.
      if (lead instanceof Error) return lead;
      if (involved instanceof Error) return involved;
      if (!lead) return null;
      return canSeeLead(principal, lead.regionCode, involved) ? lead : null;
    });
  });
  const personalDataAccess = new DataLoader<string, Awaited<ReturnType<typeof accessesOfLeads>>[number]>(async (ids) => accessesOfLeads(em, ids.filter(isUuid), PERSONAL_DATA_ACCESS_MAX).then((found) => {
    const byLead = new Map(ids.filter(isUuid).map((id, i) => [id, found[i]]));
    return ids.map((id) => byLead.get(id) ?? []);
  }));
  /** Each lead's evidence, oldest first (visibility is the resolver's). */
  const evidence = new DataLoader<string, Awaited<ReturnType<typeof evidenceOfLeads>>[number]>((ids) => evidenceOfLeads(em, ids));
  /** Each lead's notices owed to complainants, oldest first (visibility is the resolver's). */
  const complainantNotices = new DataLoader<string, Awaited<ReturnType<typeof noticesOfLeads>>[number]>((ids) => noticesOfLeads(em, ids));
  /** What this request shows unmasked: written once, when it ends (personal-data.plugin.ts). */
  const personalDataSightings = new PersonalDataSightings(principal);
  return { leads, involvements, employers, complainants, timeline, visibleLeads, transfers, transfersByLead, feedback, duplicateCandidates, jointLiabilities, personalDataAccess, personalDataSightings, evidence, complainantNotices };
}

export type LeadsLoaders = ReturnType<typeof createLeadsLoaders>;
