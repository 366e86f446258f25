import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../context';
import { DomainError, refuse } from '../errors';
import { isUuid } from '../identifiers';
import type { EventKind } from '../vocabulary/events';
import type { MessageHandler } from './receiver';
import type { HubMessage } from './message';
import { DeadLetter } from './dead-letter.entity';

/** The service's dead letters, oldest first: the open ones, or all. */
export const listDeadLetters = (em: EntityManager, open: boolean): Promise<DeadLetter[]> =>
  em.find(DeadLetter, open ? { resolvedAt: null } : {}, { orderBy: { receivedAt: 'asc' }, limit: 500 });

/**
 * Applies a dead letter again with its handler, as on arrival, under the letter's row lock: applied,
 * it is resolved; refused again, it stays with the new reason. Both audited.
 */
export async function retryDeadLetter(ctx: HubContext<unknown>, handlers: Record<string, MessageHandler>, id: string): Promise<{ kept: DeadLetter; refusal?: DomainError }> {
  if (!isUuid(id)) throw refuse('DEAD_LETTER_NOT_FOUND');
  let refusal: DomainError | undefined;
  const kept = await ctx.transact(async (tx) => {
    const d = await tx.em.findOne(DeadLetter, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!d) throw refuse('DEAD_LETTER_NOT_FOUND');
    if (d.resolvedAt) throw refuse('DEAD_LETTER_ALREADY_RESOLVED', { at: d.resolvedAt.toISOString() });
    const message: HubMessage = { id: d.id, source: d.source, type: d.type, occurredAt: d.occurredAt.toISOString(), payload: d.payload };
    d.attempts += 1;
    try {
      // A savepoint: a refusal undoes what the handler wrote, not the attempt's record.
      await tx.em.transactional((inner) => handlers[d.type](message, { em: inner, emit: tx.emit }));
      Object.assign(d, { resolvedAt: new Date(), resolvedBy: ctx.principal.id });
      tx.audit({ entityType: 'DeadLetter', entityId: d.id, action: 'DEAD_LETTER_APPLIED' satisfies EventKind, data: { type: d.type, attempts: d.attempts } });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refusal = e;
      Object.assign(d, { code: e.code, reason: e.reason, params: e.params, message: e.message });
      tx.audit({ entityType: 'DeadLetter', entityId: d.id, action: 'DEAD_LETTER_REFUSED_AGAIN' satisfies EventKind, data: { type: d.type, reason: e.reason, attempts: d.attempts } });
    }
    return d;
  });
  return { kept, refusal };
}
