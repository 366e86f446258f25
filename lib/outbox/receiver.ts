import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { SIGNATURE_HEADER, verifySignature, type HubMessage, type MessageBatch, type MessageResult } from './message';
import { Emitter, type Emit } from './emitter';
import type { Dispatcher } from './dispatcher';
import { DomainError } from '../errors';
import { keepDeadLetter } from './dead-letter';
import { traceMessage, traceMessages } from '../telemetry';
import { BulkInserts, rawRows } from '../bulk-insert';

export interface MessageContext {
  em: EntityManager;
  /** Messages a handler sends on, in the same transaction as its effect. */
  emit: Emit;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each handler declares its own payload type; the receiver routes by message.type */
/**
 * Applies one message. A handler may also apply a run of consecutive messages of its type at once
 * (`many`, see setHandler): a bulk import's thousands of CaseOpened or TimelineEvent messages then
 * cost a few statements per batch instead of a few each.
 */
export type MessageHandler = ((message: HubMessage<any>, ctx: MessageContext) => Promise<void>) & {
  many?: (messages: HubMessage<any>[], ctx: MessageContext) => Promise<void>;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A handler written for a run of messages, in order; one message is a run of one. */
export function setHandler<P>(many: (messages: HubMessage<P>[], ctx: MessageContext) => Promise<void>): MessageHandler {
  return Object.assign((message: HubMessage<P>, ctx: MessageContext) => many([message], ctx), { many });
}

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
  try {
    return { results: await applyTogether(o, messages, true) };
  } catch (e) {
    const at = e instanceof Stopped ? e.at : 0;
    const results: MessageResult[] = [];
    if (at > 0) {
      try {
        results.push(...(await applyTogether(o, messages.slice(0, at), true)));
      } catch {
        // The same messages failed when applied without the ones after them: retried later.
        return { results, failed: { id: messages[0].id, error: 'handler failed; retry later' } };
      }
    }
    // From the failure on, one message at a time, so that a refusal is the refused message's own.
    for (const message of messages.slice(at)) {
      let error: unknown;
      try {
        results.push(...(await applyTogether(o, [message], false)));
        continue;
      } catch (failure) {
        error = failure instanceof Stopped ? failure.error : failure;
      }
      const alone = await settleFailed(o, message, error);
      if ('failed' in alone) return { results, failed: alone.failed };
      results.push(alone);
    }
    return { results };
  }
}

/**
 * Applies messages in one transaction (runs of one type together when `runs` and their handler
 * can), or throws Stopped naming where it failed: the message, or the first of its run.
 */
async function applyTogether(o: ReceiverOptions, messages: HubMessage[], runs: boolean): Promise<MessageResult[]> {
  const emitter = new Emitter(o.source);
  const results = await (o.orm.em.fork() as EntityManager).transactional(async (em) => {
    const fresh = await recordInInbox(em, messages);
    const out: MessageResult[] = [];
    const ctx = { em, emit: emitter.bind(em) };
    // A set-based handler's new rows go in with one statement per table (lib/bulk-insert.ts).
    const bulkContext = () => {
      const tx = new BulkInserts().collecting(em);
      return { em: tx, emit: emitter.bind(tx) };
    };
    for (let i = 0; i < messages.length; ) {
      const message = messages[i];
      if (!fresh.has(i)) {
        out.push({ id: message.id, duplicate: true });
        i++;
        continue;
      }
      const handler = o.handlers[message.type];
      let end = i + 1;
      if (runs && handler.many) while (end < messages.length && fresh.has(end) && messages[end].type === message.type) end++;
      const run = messages.slice(i, end);
      try {
        // Written at once, under its span, so the next message of the batch reads it (raw statements do not flush).
        if (handler.many) {
          const c = bulkContext();
          const apply = () => handler.many!(run, c).then(() => c.em.flush());
          await (run.length > 1 ? traceMessages(o.source, run, apply) : traceMessage(o.source, message, apply));
        } else await traceMessage(o.source, message, () => handler(message, ctx).then(() => em.flush()));
      } catch (e) {
        throw new Stopped(i, e);
      }
      for (const m of run) out.push({ id: m.id });
      i = end;
    }
    return out;
  });
  if (emitter.destinations.size > 0) await o.dispatcher.deliverNow(emitter.destinations);
  return results;
}

/**
 * Records the messages' ids in the inbox in one statement; answers the positions of those not
 * seen before (a repeat within the batch counts once). clock_timestamp, not now(): the batch
 * shares one transaction, and received_at keeps the order they were applied in.
 */
async function recordInInbox(em: EntityManager, messages: HubMessage[]): Promise<Set<number>> {
  const rows = messages.map((m, n) => ({ id: m.id, source: m.source, type: m.type, n }));
  const inserted = await rawRows<{ id: string }>(
    em,
    `insert into inbox_message (id, source, type, received_at)
     select m.id, m.source, m.type, clock_timestamp() from jsonb_to_recordset(?::jsonb) as m(id uuid, source text, type text, n int) order by m.n
     on conflict (id) do nothing returning id`,
    [JSON.stringify(rows)],
  );
  const added = new Set(inserted.map((r) => r.id));
  const fresh = new Set<number>();
  messages.forEach((m, i) => {
    if (added.delete(m.id)) fresh.add(i);
  });
  return fresh;
}

/** A message that failed applied on its own: a domain refusal is kept as a dead letter, anything else stops the batch. */
async function settleFailed(o: ReceiverOptions, message: HubMessage, e: unknown): Promise<MessageResult | { failed: { id: string; error: string } }> {
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
