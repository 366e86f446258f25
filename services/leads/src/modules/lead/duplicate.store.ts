import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext } from '../../../../../lib/command/handler';
import { recordFromRow } from '../../../../../lib/read-records';
import { textArray } from '../../../../../lib/sql-arrays';
import { cleanText } from '../../../../../lib/vocabulary';
import { normalizeEmployerName } from '../employer/employer.name';
import type { Agency } from '../../../../../lib/domain/enums';
import type { ClosureFacts } from '../../../../../lib/messages';
import { event } from '../../../../../lib/vocabulary/events';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { loadForUpdate, syncAgencies, type Override } from '../transfer/transfer.store';
import type { LeadAgencyRecord } from './lead.entity';
import { LeadRecord } from './lead.entity';
import { lockLead } from './lead.lock';
import { checkMarkDuplicate } from './lead.duplicates';
import type { LeadEvent, MarkDuplicateCommand } from './lead.commands';

interface DuplicateState {
  lead: LeadRecord;
  original: LeadRecord;
  rows: LeadAgencyRecord[];
  openTransfers: number;
}

/** Marking a duplicate: an event on each lead's timeline; the duplicate's open cases close as DUPLICATE. */
export function decideDuplicate(s: DuplicateState, cmd: MarkDuplicateCommand): LeadEvent[] {
  const { lead, original } = s;
  checkMarkDuplicate(cmd.by, { ...lead, duplicateOfId: lead.duplicateOfId ?? null }, { ...original, duplicateOfId: original.duplicateOfId ?? null }, s.rows.find((r) => r.agency === cmd.by.agency), s.openTransfers);
  const closedAgencies = s.rows.filter((r) => r.closureState === 'OPEN').map((r) => r.agency);
  return [
    event('DUPLICATE_MARKED', { type: 'Lead', id: lead.id }, lead.id, { duplicateOf: original.id, original: false, otherReferenceNo: original.referenceNo, closedAgencies }),
    event('DUPLICATE_MARKED', { type: 'Lead', id: original.id }, original.id, { duplicateOf: original.id, original: true, otherReferenceNo: lead.referenceNo, closedAgencies: [] }),
  ];
}

export function markDuplicate(ctx: CommandContext, command: MarkDuplicateCommand): Promise<LeadRecord> {
  const { leadId, ofLeadId } = command;
  let transfers: Awaited<ReturnType<typeof loadForUpdate>>['transfers'] = [];
  return handleLeadsCommand(ctx, {
    command,
    async load(tx): Promise<DuplicateState> {
      // Both rows locked, in one order, so two staff marking a pair both ways cannot deadlock.
      for (const id of [leadId, ofLeadId].sort()) await lockLead(tx.em, id);
      const loaded = await loadForUpdate(tx, leadId);
      transfers = loaded.transfers;
      const original = await tx.em.findOneOrFail(LeadRecord, { id: ofLeadId }, { refresh: true });
      return { lead: loaded.lead, original, rows: loaded.rows, openTransfers: transfers.filter((t) => t.status === 'REQUESTED' || t.status === 'ACCEPTED').length };
    },
    decide: decideDuplicate,
    async apply(tx, s, e) {
      if (e.kind !== 'DUPLICATE_MARKED' || e.facts.original) return;
      s.lead.duplicateOfId = s.original.id;
      // No system prose in the note (staff read it in their own language): the lead's duplicateOf names the original.
      const facts: ClosureFacts = { reason: 'DUPLICATE', amountRecoveredFen: '0', workersPaid: 0, note: '', closedAt: command.at.toISOString(), closedBy: command.by.id };
      const overrides = new Map<Agency, Override>(e.facts.closedAgencies.map((a) => [a, { closure: { state: 'CLOSED' as const, facts } }]));
      await syncAgencies(tx, s.lead, transfers, s.rows, overrides);
    },
    result: (s) => s.lead,
  });
}

/**
 * For each lead, the open leads of its region naming the same employer (the same row, or one with
 * the same normalised name: a credit code is unique, so the same code is the same row), oldest
 * first: what possibleDuplicates shows and a bulk import flags. The employers matched are found
 * first, by the name's index, then their leads by employer: a join with the conditions OR-ed read
 * every employer for each lead (3 s a batch of 500 on 40,000 leads).
 */
export async function duplicateCandidatesOf(em: EntityManager, leadIds: readonly string[]): Promise<Map<string, LeadRecord[]>> {
  const grouped = new Map<string, LeadRecord[]>();
  if (!leadIds.length) return grouped;
  const rows = await em.execute<Record<string, unknown>[]>(
    `with a as (
       select l.id, l.region_code, e.id as employer_id, e.normalized_name
         from lead l join employer e on e.id = l.employer_id
        where l.id = any(?::uuid[])
     ), same as (
       select a.id as for_id, a.region_code, a.employer_id from a
       union
       select a.id, a.region_code, e.id from a join employer e on e.normalized_name = a.normalized_name
     )
     select s.for_id, b.* from same s
       join lead b on b.region_code = s.region_code and b.employer_id = s.employer_id and b.id <> s.for_id and b.duplicate_of_id is null
      where exists (select 1 from lead_agency la where la.lead_id = b.id and la.closure_state = 'OPEN')
      order by b.received_at, b.id`,
    [textArray(leadIds)],
  );
  for (const { for_id, ...row } of rows) {
    const list = grouped.get(for_id as string) ?? [];
    list.push(recordFromRow(em, LeadRecord, row));
    grouped.set(for_id as string, list);
  }
  return grouped;
}

/**
 * Open leads in the draft's region naming the same employer (normalised name or credit code), for
 * intake to see before saving; the caller's visibility and the same-arrears test come after. Two
 * index lookups on employer, one on lead.employer_id.
 */
export async function findDraftDuplicateCandidates(em: EntityManager, draft: { regionCode: string; employerName: string; employerCreditCode?: string | null }, limit: number): Promise<LeadRecord[]> {
  const name = normalizeEmployerName(cleanText(draft.employerName, 'name'));
  const code = draft.employerCreditCode?.trim().toUpperCase() || null;
  if (!/^\d{6}$/.test(draft.regionCode) || (!name && !code)) return [];
  const rows = await em.execute<Record<string, unknown>[]>(
    `select l.* from lead l
       join employer e on e.id = l.employer_id
      where l.region_code = ? and l.duplicate_of_id is null
        and (e.normalized_name = ? or e.credit_code = ?)
        and exists (select 1 from lead_agency la where la.lead_id = l.id and la.closure_state = 'OPEN')
      order by l.received_at desc, l.id desc
      limit ?`,
    [draft.regionCode, name, code, limit],
  );
  return rows.map((row) => recordFromRow(em, LeadRecord, row));
}
