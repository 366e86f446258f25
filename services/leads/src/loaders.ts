import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../lib/auth';
import { LeadAgencyRecord, LeadRecord, ComplainantRecord } from './modules/lead/lead.entity';
import { EmployerRecord } from './modules/employer/employer.entity';
import { TimelineEntryRecord } from './modules/timeline/timeline.entity';
import { FeedbackRecord, TransferRecord } from './modules/transfer/transfer.entity';
import { canSeeLead, type Involvement } from './modules/lead/lead.access';
import { isUuid } from '../../../lib/identifiers';

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
    byId(ids, await em.find(LeadRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const involvements = new DataLoader<string, LeadAgencyRecord[]>(async (ids) =>
    groupBy(ids, await em.find(LeadAgencyRecord, { leadId: { $in: ids.filter(isUuid) } }, { orderBy: { involvedSince: 'asc' } }), (r) => r.leadId),
  );
  const employers = new DataLoader<string, EmployerRecord | null>(async (ids) =>
    byId(ids, await em.find(EmployerRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const complainants = new DataLoader<string, ComplainantRecord[]>(async (ids) =>
    groupBy(ids, await em.find(ComplainantRecord, { leadId: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (r) => r.leadId),
  );
  const timeline = new DataLoader<string, TimelineEntryRecord[]>(async (ids) =>
    groupBy(ids, await em.find(TimelineEntryRecord, { leadId: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }), (r) => r.leadId),
  );
  const transfers = new DataLoader<string, TransferRecord | null>(async (ids) =>
    byId(ids, await em.find(TransferRecord, { id: { $in: ids.filter(isUuid) } }), (r) => r.id),
  );
  const transfersByLead = new DataLoader<string, TransferRecord[]>(async (ids) =>
    groupBy(ids, await em.find(TransferRecord, { leadId: { $in: ids.filter(isUuid) } }, { orderBy: { requestedAt: 'asc', id: 'asc' } }), (r) => r.leadId),
  );
  const feedback = new DataLoader<string, FeedbackRecord[]>(async (ids) =>
    groupBy(ids, await em.find(FeedbackRecord, { transferId: { $in: [...ids] } }, { orderBy: { givenAt: 'asc', id: 'asc' } }), (r) => r.transferId),
  );
  /** A lead the caller may see, or null: outsiders cannot tell a hidden lead from a missing one. */
  const visibleLeads = new DataLoader<string, LeadRecord | null>(async (ids) => {
    const [rows, inv] = await Promise.all([leads.loadMany(ids), involvements.loadMany(ids)]);
    return ids.map((_, i) => {
      const lead = rows[i];
      const involved = inv[i];
      if (!lead || lead instanceof Error || involved instanceof Error) return null;
      return canSeeLead(principal, lead.regionCode, involved as Involvement[]) ? lead : null;
    });
  });
  return { leads, involvements, employers, complainants, timeline, visibleLeads, transfers, transfersByLead, feedback };
}

export type LeadsLoaders = ReturnType<typeof createLeadsLoaders>;
