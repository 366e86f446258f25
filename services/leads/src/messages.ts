import type { MessageHandler } from '../../../lib/outbox/receiver';
import { TIMELINE_EVENT, type TimelineEvent } from '../../../lib/messages';
import { TimelineEntryRecord } from './modules/timeline/timeline.entity';

export const leadsMessageHandlers: Record<string, MessageHandler> = {
  async [TIMELINE_EVENT](message, { em }) {
    const e = message.payload as TimelineEvent;
    em.persist(em.create(TimelineEntryRecord, { leadId: e.leadId, at: new Date(e.at), agency: e.agency, actor: e.actor, kind: e.kind, summary: e.summary }));
  },
};
