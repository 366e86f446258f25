import type { EntityManager } from '@mikro-orm/postgresql';
import { noticeUnit, renderComplainantNotice } from '../../../../../lib/i18n/complainant-notices';
import type { TimelineEvent } from '../../../../../lib/messages';
import { regionName } from '../../../../../lib/region';
import { ComplainantRecord, LeadRecord } from '../lead/lead.entity';
import { noticeOwed } from './complainant-notice.rules';

/**
 * Records, in the transaction that writes the event's timeline entry, the notice the event owes
 * each complainant of the lead. Each complainant's text names that complainant only. An event
 * seen again (a replayed message) owes nothing new: the (event, complainant) key is unique.
 */
export async function recordNoticesOwed(em: EntityManager, e: TimelineEvent): Promise<void> {
  const owed = noticeOwed(e);
  if (!owed) return;
  const lead = await em.findOne(LeadRecord, { id: e.leadId });
  const people = await em.find(ComplainantRecord, { leadId: e.leadId }, { orderBy: { ordinal: 'asc' } });
  if (!lead || !people.length) return;
  const unit = noticeUnit(e.agency, e.actorRegion ? regionName(e.actorRegion) : undefined);
  const now = new Date();
  const values = people.map((c) => [
    lead.id, lead.regionCode, lead.referenceNo, c.id, c.ordinal, owed.kind, owed.eventKey, e.agency, unit,
    renderComplainantNotice(owed.kind, { name: c.name, referenceNo: lead.referenceNo, unit, to: owed.to, transferKind: owed.transferKind, closureReason: owed.closureReason }),
    now, now,
  ]);
  // No audit entry of its own: the act that owes it is audited in this transaction; the notifier's reports are.
  await em.execute(
    `insert into complainant_notice (lead_id, lead_region_code, reference_no, complainant_id, complainant_ordinal, kind, event_key, agency, unit, text, created_at, updated_at)
     values ${values.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     on conflict (event_key, complainant_id) do nothing`,
    values.flat(),
  );
}
