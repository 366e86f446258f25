import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { SIGNATURE_HEADER, verifySignature, type HubMessage, type MessageBatch, type MessageResult } from './message';
import { Emitter, type Emit } from './emitter';
import type { Dispatcher } from './dispatcher';
import { DomainError } from '../errors';
import { keepDeadLetter } from './dead-letter';
import { traceMessage } from '../telemetry';

export interface MessageContext {
  em: EntityManager;
  /** Messages a handler sends on, in the same transaction as its effect. */
  emit: Emit;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own payload type; the receiver routes by message.type
export type MessageHandler = (message: HubMessage<any>, ctx: MessageContext) => Promise<void>;

interface ReceiverOptions {
  orm: Orm;
  secret: string;
  handlers: Record<string, MessageHandler>;
  dispatcher: Dispatcher;
  source: string;
  log: Logger;
}

const isMessage = (m: unknown): m is HubMessage =>
  typeof m === 'object' && m !== null && typeof (m as HubMessage).id === 'string' && typeof (m as HubMessage).type === 'string' && typeof (m as HubMessage).source === 'string';

/** A batch stopped at one message: the ones before it are settled, it and those after are not. */
class Stopped extends Error {
  constructor(
    readonly at: number,
    readonly error: unknown,
  ) {
    super('stopped');
  }
}

/**
 * POST /internal/messages: applies messages exactly once, in the order sent. Each message id goes
 * into the inbox in the same transaction as its effect, so a repeat (a retry after a lost
 * acknowledgement, or a second dispatcher) is acknowledged without being applied again.
 *
 * The body is one message, or `{ messages: [...] }` from a dispatcher delivering a batch. A batch
 * is applied in one transaction; if a message in it fails, that transaction is rolled back, the
 * messages before it are applied again on their own, and the failing one is dealt with alone: a
 * refusal for a domain reason becomes a dead letter and the batch goes on, anything else stops the
 * batch there and the answer says how far it got, so the sender retries from that message.
 */
export function messageReceiver(o: ReceiverOptions) {
  return async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (!verifySignature(body, req.header(SIGNATURE_HEADER), o.secret)) {
      res.status(401).json({ error: 'bad or missing signature' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const batch = (parsed as MessageBatch | undefined)?.messages;
    const messages = Array.isArray(batch) ? batch : [parsed];
    if (messages.length === 0 || !messages.every(isMessage)) {
      res.status(400).json({ error: 'not a hub message' });
      return;
    }
    const unknown = messages.find((m) => !o.handlers[m.type]);
    if (unknown) {
      // Kept in the sender's outbox and retried: a newer version of this service may know it.
      o.log.error({ messageId: unknown.id, type: unknown.type, from: unknown.source }, 'no handler for message type');
      res.status(501).json({ error: `unknown message type ${unknown.type}` });
      return;
    }
    const { results, failed } = await applyInOrder(o, messages);
    if (!Array.isArray(batch)) {
      // One message, answered as before batches existed.
      const [r] = results;
      if (failed) res.status(500).json({ error: 'handler failed; retry later' });
      else res.json(r.deadLetter ? { ok: true, deadLetter: r.deadLetter } : { ok: true, duplicate: !!r.duplicate });
      return;
    }
    if (failed && results.length === 0) res.status(500).json({ ok: false, results, failed });
    else res.json(failed ? { ok: false, results, failed } : { ok: true, results });
  };
}

async function applyInOrder(o: ReceiverOptions, messages: HubMessage[]): Promise<{ results: MessageResult[]; failed?: { id: string; error: string } }> {
  const results: MessageResult[] = [];
  let rest = messages;
  while (rest.length > 0) {
    try {
      results.push(...(await applyTogether(o, rest)));
      return { results };
    } catch (e) {
      const at = e instanceof Stopped ? e.at : 0;
      if (at > 0) {
        try {
          results.push(...(await applyTogether(o, rest.slice(0, at))));
        } catch {
          // The same messages failed when applied without the one after them: retried later.
          return { results, failed: { id: rest[0].id, error: 'handler failed; retry later' } };
        }
      }
      const alone = await applyAlone(o, rest[at], e instanceof Stopped ? e.error : e);
      if ('failed' in alone) return { results, failed: alone.failed };
      results.push(alone);
      rest = rest.slice(at + 1);
    }
  }
  return { results };
}

/** Applies messages in one transaction, or throws Stopped naming the one that failed. */
async function applyTogether(o: ReceiverOptions, messages: HubMessage[]): Promise<MessageResult[]> {
  const emitter = new Emitter(o.source);
  const results = await (o.orm.em.fork() as EntityManager).transactional(async (em) => {
    const out: MessageResult[] = [];
    for (const [i, message] of messages.entries()) {
      try {
        out.push(await traceMessage(o.source, message, () => applyOne(o, em, emitter, message)));
      } catch (e) {
        throw new Stopped(i, e);
      }
    }
    return out;
  });
  if (emitter.destinations.size > 0) await o.dispatcher.deliverNow(emitter.destinations);
  return results;
}

async function applyOne(o: ReceiverOptions, em: EntityManager, emitter: Emitter, message: HubMessage): Promise<MessageResult> {
  // clock_timestamp, not now(): a batch shares one transaction, and received_at keeps the order applied.
  const inserted = await em.execute<{ id: string }[]>(
    'insert into inbox_message (id, source, type, received_at) values (?, ?, ?, clock_timestamp()) on conflict (id) do nothing returning id',
    [message.id, message.source, message.type],
  );
  if (inserted.length === 0) return { id: message.id, duplicate: true };
  await o.handlers[message.type](message, { em, emit: emitter.bind(em) });
  // Written now, so the next message of the batch reads it and the unit of work stays small.
  await em.flush();
  em.clear();
  return { id: message.id };
}

/** A message that failed in a batch, on its own: a domain refusal is kept as a dead letter. */
async function applyAlone(o: ReceiverOptions, message: HubMessage, error: unknown): Promise<MessageResult | { failed: { id: string; error: string } }> {
  let e = error;
  if (!(e instanceof DomainError)) {
    // It may have failed only beside the others (a lock, a conflict): once more, alone.
    try {
      const [r] = await applyTogether(o, [message]);
      return r;
    } catch (again) {
      e = again instanceof Stopped ? again.error : again;
    }
  }
  if (e instanceof DomainError) {
    // Refused for a domain reason: retrying would only be refused again, and dropping it would
    // lose it. Kept as a dead letter for a supervisor to resolve and retry; the sender moves on.
    const refusal = e;
    try {
      await (o.orm.em.fork() as EntityManager).transactional(async (em) => {
        await em.execute('insert into inbox_message (id, source, type, received_at) values (?, ?, ?, now()) on conflict (id) do nothing', [message.id, message.source, message.type]);
        await keepDeadLetter(em, message, refusal, o.log);
      });
      return { id: message.id, deadLetter: refusal.reason };
    } catch (stored) {
      o.log.error({ messageId: message.id, type: message.type, err: (stored as Error).message }, 'could not keep the dead letter');
    }
  }
  o.log.error({ messageId: message.id, type: message.type, from: message.source, err: (e as Error).message }, 'message handler failed');
  return { failed: { id: message.id, error: 'handler failed; retry later' } };
}
