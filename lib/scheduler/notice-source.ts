import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATIONS_DRAFTED, type NotificationsDrafted } from '../messages';
import type { NotificationDraft } from '../vocabulary/notifications';
import type { DeadlineSource, DueDeadline } from './scheduler';

/** A deadline of an agency's own casework whose effect is notifications, kept by the lead registry. */
export interface NoticeDeadline extends DueDeadline {
  drafts: NotificationDraft[];
}

/**
 * A deadline source of a service other than leads: what fires goes to the registry through the
 * outbox (NotificationsDrafted), in the transaction that records it fired, so it is told once.
 */
export function noticeSource(name: string, due: (em: EntityManager, now: Date) => Promise<NoticeDeadline[]>): DeadlineSource<NoticeDeadline> {
  return {
    name,
    due,
    async fire(tx, d) {
      const payload: NotificationsDrafted = { drafts: d.drafts.map((x) => ({ ...x, at: (x.at ?? d.dueAt).toISOString() })) };
      tx.emit('leads', NOTIFICATIONS_DRAFTED, payload as unknown as Record<string, unknown>);
    },
  };
}
