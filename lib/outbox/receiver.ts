import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { SIGNATURE_HEADER, verifySignature, type HubMessage } from './message';
import { Emitter, type Emit } from './emitter';
import type { Dispatcher } from './dispatcher';
import { DomainError } from '../errors';
import { keepDeadLetter } from './dead-letter';

export interface MessageContext {
  em: EntityManager;
  /** Messages a handler sends on, in the same transaction as its effect. */
  emit: Emit;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own payload type; the receiver routes by message.type
export type MessageHandler = (message: HubMessage<any>, ctx: MessageContext) => Promise<void>;

/**
 * POST /internal/messages: applies a message exactly once. The message id goes into the inbox in
 * the same transaction as the effect, so a repeat (a retry after a lost acknowledgement, or a
 * second dispatcher) is acknowledged without being applied again.
 */
export function messageReceiver(o: {
  orm: Orm;
  secret: string;
  handlers: Record<string, MessageHandler>;
  dispatcher: Dispatcher;
  source: string;
  log: Logger;
}) {
  return async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (!verifySignature(body, req.header(SIGNATURE_HEADER), o.secret)) {
      res.status(401).json({ error: 'bad or missing signature' });
      return;
    }
    let message: HubMessage;
    try {
      message = JSON.parse(body) as HubMessage;
      if (typeof message.id !== 'string' || typeof message.type !== 'string' || typeof message.source !== 'string') throw new Error();
    } catch {
      res.status(400).json({ error: 'not a hub message' });
      return;
    }
    const handler = o.handlers[message.type];
    if (!handler) {
      // Kept in the sender's outbox and retried: a newer version of this service may know it.
      o.log.error({ messageId: message.id, type: message.type, from: message.source }, 'no handler for message type');
      res.status(501).json({ error: `unknown message type ${message.type}` });
      return;
    }
    const emitter = new Emitter(o.source);
    try {
      const applied = await (o.orm.em.fork() as EntityManager).transactional(async (em) => {
        const inserted = await em.execute<{ id: string }[]>(
          'insert into inbox_message (id, source, type, received_at) values (?, ?, ?, now()) on conflict (id) do nothing returning id',
          [message.id, message.source, message.type],
        );
        if (inserted.length === 0) return false;
        await handler(message, { em, emit: emitter.bind(em) });
        return true;
      });
      if (applied) await o.dispatcher.deliverNow(emitter.destinations);
      res.json({ ok: true, duplicate: !applied });
    } catch (e) {
      if (e instanceof DomainError) {
        // Refused for a domain reason: retrying would only be refused again, and dropping it would
        // lose it. Kept as a dead letter for a supervisor to resolve and retry; the sender moves on.
        try {
          await (o.orm.em.fork() as EntityManager).transactional(async (em) => {
            await em.execute('insert into inbox_message (id, source, type, received_at) values (?, ?, ?, now()) on conflict (id) do nothing', [message.id, message.source, message.type]);
            await keepDeadLetter(em, message, e, o.log);
          });
          res.json({ ok: true, deadLetter: e.reason });
          return;
        } catch (stored) {
          o.log.error({ messageId: message.id, type: message.type, err: (stored as Error).message }, 'could not keep the dead letter');
        }
      }
      o.log.error({ messageId: message.id, type: message.type, from: message.source, err: (e as Error).message }, 'message handler failed');
      res.status(500).json({ error: 'handler failed; retry later' });
    }
  };
}
