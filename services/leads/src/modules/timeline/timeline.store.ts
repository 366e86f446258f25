import type { EntityManager } from '@mikro-orm/postgresql';
import { commandHandler, type TimelineSink } from '../../../../../lib/command/handler';
import { countsAsMediatedOrLegalService } from '../report/report.rules';
import type { TimelineEvent } from '../../../../../lib/messages';
import { LeadRecord } from '../lead/lead.entity';
import { TimelineEntryRecord } from './timeline.entity';
import { notificationsOf, notifiesOf } from '../notification/notification.rules';
import { notify } from '../notification/notification.store';
import { queueWebhookDeliveries } from '../webhook/webhook.store';
import { recordNoticesOwed } from '../complainant-notice/complainant-notice.owed';

/** Writes one entry on a lead's timeline (the registry's own events, and those agencies send). */
export async function writeTimelineEntry(em: EntityManager, e: TimelineEvent): Promise<void> {
  em.persist(
    em.create(TimelineEntryRecord, {
      leadId: e.leadId,
      at: new Date(e.at),
      agency: e.agency,
      actor: e.actor,
      actorName: e.actorName ?? null,
      actorRegion: e.actorRegion ?? null,
      kind: e.kind,
      summary: e.summary,
      facts: e.facts ?? null,
      text: e.text ?? null,
    }),
  );
  if (countsAsMediatedOrLegalService(e.kind)) {
    // A plain update: no lead lock nor version bump for a flag that only ever turns on.
    await em.nativeUpdate(LeadRecord, { id: e.leadId, mediatedOrLegalService: false }, { mediatedOrLegalService: true });
  }
  // Told in the same transaction as the entry: once, as the entry is written once (inbox dedupe).
  if (notifiesOf(e.kind)) {
    // Usually already loaded (locked) by the command that caused the event.
    const lead = await em.findOne(LeadRecord, { id: e.leadId });
    if (lead) await notify({ em }, notificationsOf(e, lead));
  }
  await queueWebhookDeliveries(em, e);
  // Accepting, transferring or closing owes each complainant a notice (首问负责制), in the same transaction.
  await recordNoticesOwed(em, e);
}

const writeOwnEvent: TimelineSink = (tx, e) =>
  writeTimelineEntry(tx.em, {
    leadId: e.leadId,
    agency: e.agency,
    actor: e.actor.id,
    actorName: e.actor.name,
    actorRegion: e.actor.region,
    kind: e.kind,
    summary: e.summary,
    at: e.at.toISOString(),
    facts: e.facts,
    text: e.text,
  });

/** The lead registry's command handler: its timeline entries are its own rows. */
export const handleLeadsCommand = commandHandler(writeOwnEvent);
