import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from './outbox.entity';
import { currentTraceparent } from '../telemetry';

export type Emit = (destination: string, type: string, payload: Record<string, unknown>) => void;

/** Collects outgoing messages of one transaction and remembers where they go, to deliver right after commit. */
export class Emitter {
  readonly destinations = new Set<string>();

  constructor(private readonly source: string) {}

  bind(em: EntityManager): Emit {
    return (destination: string, type: string, payload: Record<string, unknown>) => {
      if (destination === this.source) throw new Error(`a service does not send messages to itself (${type})`);
      em.persist(em.create(OutboxMessage, { destination, type, payload, traceparent: currentTraceparent() }));
      this.destinations.add(destination);
    };
  }
}
