import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from './auth';
import type { Logger } from './logger';
import type { Emit } from './outbox/emitter';
import type { IdempotentRequest } from './idempotency/idempotency';

export interface AuditChange {
  entityType: string;
  entityId: string;
  action: string;
  data?: Record<string, unknown>;
}

/** What a mutation does inside its transaction: write, audit, and send effects to other services. */
export interface Tx {
  em: EntityManager;
  emit: Emit;
  audit(change: AuditChange): void;
}

/** One per GraphQL request: who asks, an EntityManager fork and this request's DataLoaders. */
export interface HubContext<Loaders = unknown> {
  principal: Principal;
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  /** The request's Idempotency-Key, when it has one (lib/idempotency). */
  idempotency?: IdempotentRequest;
  /**
   * Runs `work` in one database transaction together with its audit entries and outbox messages,
   * then delivers those messages before returning, so other agencies see the effect at once.
   */
  transact<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}
