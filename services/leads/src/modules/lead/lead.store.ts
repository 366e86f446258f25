import type { Tx } from '../../../../../lib/context';
import type { Principal } from '../../../../../lib/auth';
import { shanghaiDate } from '../../../../../lib/dates';
import { formatFen } from '../../../../../lib/money';
import { CASE_SERVICE } from '../../../../../lib/domain/enums';
import { findOrCreateEmployer } from '../employer/employer.store';
import { TimelineEntryRecord } from '../timeline/timeline.entity';
import { ComplainantRecord, LeadAgencyRecord, LeadRecord } from './lead.entity';
import { referenceNo, type AcceptedLead } from './lead.intake';
import { CASE_OPENED, type CaseOpened } from '../../../../../lib/messages';
import { provinceOf } from '../../../../../lib/region';
import { MassCaseAlertRecord } from './mass-case.entity';

/** Next number in the region's yearly sequence; the row lock makes concurrent intakes take turns. */
async function nextSequence(tx: Tx, regionCode: string, year: number): Promise<number> {
  const [row] = await tx.em.execute<{ last: number }[]>(
    `insert into reference_counter (region_code, year, last) values (?, ?, 1)
     on conflict (region_code, year) do update set last = reference_counter.last + 1 returning last`,
    [regionCode, year],
  );
  return row.last;
}

/**
 * Stores an accepted intake: the lead, its complainants, the intake agency's involvement, the first
 * timeline entry and the audit record, and tells the intake agency's service to open its case.
 */
export async function recordLead(tx: Tx, lead: AcceptedLead, by: Principal): Promise<LeadRecord> {
  // The region's counter is locked first, employers after: one lock order for every intake, so
  // concurrent intakes cannot deadlock.
  const year = Number(shanghaiDate(lead.receivedAt).slice(0, 4));
  const ref = referenceNo(lead.regionCode, year, await nextSequence(tx, lead.regionCode, year));
  const employerId = await findOrCreateEmployer(tx.em, lead.employer);
  const generalContractorId = lead.generalContractor ? await findOrCreateEmployer(tx.em, lead.generalContractor) : null;
  const now = new Date();

  const record = tx.em.create(LeadRecord, {
    referenceNo: ref,
    receivedAt: lead.receivedAt,
    intakeAgency: lead.intakeAgency,
    channel: lead.channel,
    regionCode: lead.regionCode,
    employerId,
    projectName: lead.projectName,
    generalContractorId,
    industry: lead.industry,
    workerCount: lead.workerCount,
    amountOwedFen: lead.amountOwed.toString(),
    wagePeriodStart: lead.wagePeriodStart,
    wagePeriodEnd: lead.wagePeriodEnd,
    description: lead.description,
    duplicateOfId: null,
    reportedBy: by.id,
    createdAt: now,
  });
  tx.em.persist(record);
  lead.complainants.forEach((c, ordinal) =>
    tx.em.persist(tx.em.create(ComplainantRecord, { leadId: record.id, ordinal, name: c.name, idNumber: c.idNumber, phone: c.phone })),
  );
  tx.em.persist(
    tx.em.create(LeadAgencyRecord, {
      leadId: record.id,
      agency: lead.intakeAgency,
      transferState: 'ORIGINATED',
      feedbackState: 'NONE',
      closureState: 'OPEN',
      involvedSince: now,
      leadRegionCode: record.regionCode,
      leadReceivedAt: record.receivedAt,
    }),
  );
  tx.em.persist(
    tx.em.create(TimelineEntryRecord, {
      leadId: record.id,
      at: now,
      agency: lead.intakeAgency,
      actor: by.id,
      kind: 'LEAD_REPORTED',
      summary: `Lead ${ref} reported through ${lead.channel}: ${lead.workerCount} worker(s), ${formatFen(lead.amountOwed)} yuan owed`,
    }),
  );
  if (lead.isMassCase) {
    tx.em.persist(
      tx.em.create(TimelineEntryRecord, {
        leadId: record.id,
        at: now,
        agency: lead.intakeAgency,
        actor: by.id,
        kind: 'MASS_CASE_FLAGGED',
        summary: `Mass case: ${lead.workerCount} workers (50 or more); alert raised to ${lead.intakeAgency} at province level (${provinceOf(lead.regionCode)})`,
      }),
    );
    tx.em.persist(tx.em.create(MassCaseAlertRecord, { leadId: record.id, agency: lead.intakeAgency, province: provinceOf(lead.regionCode), raisedAt: now }));
  }
  tx.audit({
    entityType: 'Lead',
    entityId: record.id,
    action: 'LEAD_REPORTED',
    data: { referenceNo: ref, regionCode: lead.regionCode, workerCount: lead.workerCount, amountOwedFen: lead.amountOwed.toString() },
  });
  const opened: CaseOpened = {
    leadId: record.id,
    referenceNo: ref,
    agency: lead.intakeAgency,
    regionCode: lead.regionCode,
    handler: by.id,
    transferState: 'ORIGINATED',
    openedAt: now.toISOString(),
    amountOwedFen: lead.amountOwed.toString(),
    workerCount: lead.workerCount,
  };
  tx.emit(CASE_SERVICE[lead.intakeAgency], CASE_OPENED, { ...opened });
  return record;
}
