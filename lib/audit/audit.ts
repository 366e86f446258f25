import type { EntityManager } from '@mikro-orm/core';
import { AuditEntry } from './audit.entity';

export interface Actor {
  id: string;
  agency: string;
  requestId?: string;
}

/** Records a state change inside the caller's transaction, so the change and its audit commit together. */
export function audit(
  em: EntityManager,
  actor: Actor,
  change: { entityType: string; entityId: string; action: string; data?: Record<string, unknown> },
): void {
  em.persist(
    em.create(AuditEntry, {
      at: new Date(),
      actorId: actor.id,
      actorAgency: actor.agency,
      requestId: actor.requestId ?? null,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      data: change.data ?? {},
    }),
  );
}
