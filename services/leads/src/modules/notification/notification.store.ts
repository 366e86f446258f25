import type { Tx } from '../../../../../lib/context';
import { isStaffRecipient, type NotificationDraft } from '../../../../../lib/vocabulary/notifications';

/**
 * Keeps notifications, in the caller's transaction: with the effect that caused them, or with the
 * message (inbox) or deadline claim that fired them. A draft whose dedupe key is already kept is
 * skipped, so each fires once however often it is drafted.
 */
export async function notify(tx: Pick<Tx, 'em'>, drafts: readonly NotificationDraft[]): Promise<void> {
  const unique = [...new Map(drafts.map((d) => [d.dedupeKey, d])).values()];
  if (unique.length === 0) return;
  const values: unknown[] = [];
  const rows = unique.map((d) => {
    const r = d.recipient;
    values.push(d.dedupeKey, d.kind, d.leadId, d.referenceNo, r.agency,
      isStaffRecipient(r) ? null : r.region, isStaffRecipient(r) ? null : (r.role ?? null), isStaffRecipient(r) ? r.staffId : null,
      JSON.stringify(d.facts), (d.at ?? new Date()).toISOString());
    return '(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz)';
  });
  await tx.em.execute(
    `insert into notification (dedupe_key, kind, lead_id, reference_no, agency, region, role, staff_id, facts, at) values ${rows.join(', ')} on conflict (dedupe_key) do nothing`,
    values,
  );
}
