import type { EntityManager } from '@mikro-orm/postgresql';
import { noticeUnit, renderComplainantNotice } from '../../../../../lib/i18n/complainant-notices';
import type { TimelineEvent } from '../../../../../lib/messages';
import { regionName } from '../../../../../lib/region';
import { ComplainantRecord, LeadRecord } from '../lead/lead.entity';
import { noticeOwed } from './complainant-notice.rules';

/**
 * Records, in the transaction that writes the events' timeline entries, the notice each event owes
 * each complainant of its lead. Each complainant's text names that complainant only. An event
 * seen again (a replayed message) owes nothing new: the (event, complainant) key is unique. A run
 * of events (a bulk import's cases opening) reads its leads and complainants in one query each
 * and inserts every notice in one statement.
 */
export async function recordNoticesOwed(em: EntityManager, events: readonly TimelineEvent[]): Promise<void> {
  const owing = events.flatMap((e) => {
    const owed = noticeOwed(e);
    return owed ? [{ e, owed }] : [];
  });
  if (!owing.length) return;
  const leadIds = [...new Set(owing.map((o) => o.e.leadId))];
  const leads = new Map((await em.find(LeadRecord, { id: { $in: leadIds } })).map((l) => [l.id, l]));
  const people = await em.find(ComplainantRecord, { leadId: { $in: leadIds } }, { orderBy: { leadId: 'asc', ordinal: 'asc' } });
  const now = new Date();
  const values = owing.flatMap(({ e, owed }) => {
    const lead = leads.get(e.leadId);
    if (!lead) return [];
    const unit = noticeUnit(e.agency, e.actorRegion ? regionName(e.actorRegion) : undefined);
    return people
      .filter((c) => c.leadId === e.leadId)
      .map((c) => [
        lead.id, lead.regionCode, lead.referenceNo, c.id, c.ordinal, owed.kind, owed.eventKey, e.agency, unit,
        renderComplainantNotice(owed.kind, { name: c.name, referenceNo: lead.referenceNo, unit, to: owed.to, transferKind: owed.transferKind, closureReason: owed.closureReason }),
        now, now,
      ]);
  });
  if (!values.length) return;
  // No audit entry of its own: the act that owes it is audited in this transaction; the notifier's reports are.
  await em.execute(
    `insert into complainant_notice (lead_id, lead_region_code, reference_no, complainant_id, complainant_ordinal, kind, event_key, agency, unit, text, created_at, updated_at)
     values ${values.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     on conflict (event_key, complainant_id) do nothing`,
    values.flat(),
  );
}
