import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { HubMessage } from './message';

/**
 * Keeps a message refused for a domain reason, in the same transaction that records it in the
 * inbox (so the sender's retries are acknowledged, not applied twice), and logs why.
 */
export async function keepDeadLetter(em: EntityManager, message: HubMessage, refusal: DomainError, log: Logger): Promise<void> {
  await em.execute(
    `insert into dead_letter (id, source, type, payload, occurred_at, received_at, code, reason, params, message)
     values (?, ?, ?, ?::jsonb, ?, now(), ?, ?, ?::jsonb, ?) on conflict (id) do nothing`,
    [message.id, message.source, message.type, JSON.stringify(message.payload ?? {}), message.occurredAt ?? new Date().toISOString(), refusal.code, refusal.reason, JSON.stringify(refusal.params), refusal.message],
  );
  log.warn({ messageId: message.id, type: message.type, from: message.source, code: refusal.code, reason: refusal.reason, params: refusal.params }, 'message refused: kept as a dead letter');
}
