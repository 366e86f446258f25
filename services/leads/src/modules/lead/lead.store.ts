import type { Tx } from '../../../../../lib/context';
import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../../../lib/dates';
import type { CommandContext } from '../../../../../lib/command/handler';
import { event } from '../../../../../lib/vocabulary/events';
import { CASE_SERVICE } from '../../../../../lib/domain/enums';
import { findOrCreateEmployer } from '../employer/employer.store';
import { handleLeadsCommand } from '../timeline/timeline.store';
import type { LeadEvent, ReportLeadCommand } from './lead.commands';
import { ComplainantRecord, LeadAgencyRecord, LeadRecord } from './lead.entity';
import { referenceNo } from './lead.intake';
import { CASE_OPENED, type CaseOpened } from '../../../../../lib/messages';
import { provinceOf } from '../../../../../lib/region';
import { MassCaseAlertRecord } from './mass-case.entity';
import { complainantDigests } from '../../../../../lib/search-term';

/** Next number in the region's yearly sequence; the row lock makes concurrent intakes take turns. */
async function nextSequence(tx: Tx, regionCode: string, year: number): Promise<number> {
  const [row] = await tx.em.execute<{ last: number }[]>(
    `insert into reference_counter (region_code, year, last) values (?, ?, 1)
     on conflict (region_code, year) do update set last = reference_counter.last + 1 returning last`,
    [regionCode, year],
  );
  return row.last;
}

export interface IntakeState {
  leadId: string;
  referenceNo: string;
  employerId: string;
  generalContractorId: string | null;
}

/** What an accepted intake records: the lead reported, and a mass case flagged to the province. */
export function decideIntake(s: IntakeState, cmd: ReportLeadCommand): LeadEvent[] {
  const lead = cmd.lead;
  const reported = event('LEAD_REPORTED', { type: 'Lead', id: s.leadId }, s.leadId, {
    referenceNo: s.referenceNo,
    regionCode: lead.regionCode,
    channel: lead.channel,
    workerCount: lead.workerCount,
    amountOwedFen: lead.amountOwed.toString(),
  });
  if (!lead.isMassCase) return [reported];
  return [reported, event('MASS_CASE_FLAGGED', { type: 'MassCaseAlert', id: s.leadId }, s.leadId, { workerCount: lead.workerCount, province: provinceOf(lead.regionCode) })];
}

/**
 * Stores an accepted intake: the lead, its complainants, the intake agency's involvement, the first
 * timeline entry and the audit record, and tells the intake agency's service to open its case.
 * A bulk import passes the lead's number and employers, prepared for its whole batch.
 */
export function recordLead(ctx: CommandContext, command: ReportLeadCommand, prepared?: IntakeState & { sourceRef: string; importId: string }): Promise<LeadRecord> {
  const lead = command.lead;
  const by = command.by;
  let record: LeadRecord | undefined;
  return handleLeadsCommand(ctx, {
    command,
    async load(tx): Promise<IntakeState> {
      // A bulk import numbers and finds employers for a whole batch at once (import.store.ts).
      if (prepared) return prepared;
      // The region's counter is locked first, employers after: one lock order for every intake, so
      // concurrent intakes cannot deadlock.
      const year = Number(shanghaiDate(lead.receivedAt).slice(0, 4));
      const ref = referenceNo(lead.regionCode, year, await nextSequence(tx, lead.regionCode, year));
      const employerId = await findOrCreateEmployer(tx.em, lead.employer);
      const generalContractorId = lead.generalContractor ? await findOrCreateEmployer(tx.em, lead.generalContractor) : null;
      return { leadId: randomUUID(), referenceNo: ref, employerId, generalContractorId };
    },
    decide: decideIntake,
    apply(tx, s, e) {
      const now = command.at;
      if (e.kind === 'MASS_CASE_FLAGGED') {
        tx.em.persist(tx.em.create(MassCaseAlertRecord, { leadId: s.leadId, agency: lead.intakeAgency, province: e.facts.province, raisedAt: now }));
        return;
      }
      record = tx.em.create(LeadRecord, {
        id: s.leadId,
        referenceNo: s.referenceNo,
        receivedAt: lead.receivedAt,
        intakeAgency: lead.intakeAgency,
        channel: lead.channel,
        regionCode: lead.regionCode,
        employerId: s.employerId,
        projectName: lead.projectName,
        generalContractorId: s.generalContractorId,
        industry: lead.industry,
        workerCount: lead.workerCount,
        amountOwedFen: lead.amountOwed.toString(),
        wagePeriodStart: lead.wagePeriodStart,
        wagePeriodEnd: lead.wagePeriodEnd,
        description: lead.description,
        duplicateOfId: null,
        reportedBy: by.id,
        sourceRef: prepared?.sourceRef ?? null,
        importId: prepared?.importId ?? null,
        createdAt: now,
      });
      tx.em.persist(record);
      lead.complainants.forEach((c, ordinal) =>
        tx.em.persist(tx.em.create(ComplainantRecord, { leadId: s.leadId, ordinal, name: c.name, idNumber: c.idNumber, phone: c.phone, ...complainantDigests(c) })),
      );
      tx.em.persist(
        tx.em.create(LeadAgencyRecord, {
          leadId: s.leadId,
          agency: lead.intakeAgency,
          transferState: 'ORIGINATED',
          feedbackState: 'NONE',
          closureState: 'OPEN',
          involvedSince: now,
          leadRegionCode: lead.regionCode,
          leadReceivedAt: lead.receivedAt,
        }),
      );
    },
    messages(e, s) {
      if (e.kind !== 'LEAD_REPORTED') return [];
      const opened: CaseOpened = {
        leadId: s.leadId,
        referenceNo: s.referenceNo,
        agency: lead.intakeAgency,
        regionCode: lead.regionCode,
        handler: by.id,
        handlerName: by.name,
        handlerRegion: by.region,
        transferState: 'ORIGINATED',
        openedAt: command.at.toISOString(),
        leadReceivedAt: lead.receivedAt.toISOString(),
        amountOwedFen: lead.amountOwed.toString(),
        workerCount: lead.workerCount,
      };
      return [{ to: CASE_SERVICE[lead.intakeAgency], type: CASE_OPENED, payload: opened }];
    },
    result: () => record!,
  });
}
