import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { MESSAGES_PATH, SIGNATURE_HEADER, sign, type BatchAnswer, type HubMessage } from './message';
import { traceDeliveries } from '../telemetry';
import type { OutboxObserver } from '../metrics';

export interface DispatcherOptions {
  source: string;
  orm: Orm;
  /** Base URL of a destination service. */
  resolveUrl: (destination: string) => string;
  secret: string;
  log: Logger;
  /** How often undelivered messages are retried in the background. */
  pollMs: number;
  /** Retry back-off grows 2x per attempt up to this. */
  maxBackoffMs: number;
  requestTimeoutMs: number;
  /** Told of each failed delivery (metrics). */
  observer?: OutboxObserver;
}

interface Row {
  seq: string;
  id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: string | Date;
  /** Decided by the database clock, so instances with skewed clocks agree. */
  due: boolean;
  attempts: number;
  traceparent: string | null;
}

const BATCH = 100;
/** A request carries at most this much JSON (the receiver takes 1 MB); one larger message goes alone. */
const MAX_REQUEST_BYTES = 512 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Delivers the outbox. Each destination's messages go out in the order they were written, one
 * dispatcher at a time across all instances (a PostgreSQL advisory lock per destination), so a
 * receiver never sees an effect before its cause. A failed message blocks its destination and is
 * retried with exponential back-off; nothing is skipped or lost.
 */
export class Dispatcher {
  private readonly runs = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: DispatcherOptions) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        const due = await this.o.orm.em
          .fork()
          .getConnection()
          .execute<{ destination: string }[]>(
            // The destinations with undelivered messages, one step of the pending index each (a
            // loose index scan), then whether one is due: every message is kept, so a plain
            // `select distinct` read the whole table on every poll (8.7 ms at 80,000 messages).
            `with recursive d as (
               (select destination from outbox_message where delivered_at is null order by destination limit 1)
               union all
               select (select m.destination from outbox_message m where m.delivered_at is null and m.destination > d.destination order by m.destination limit 1)
                 from d where d.destination is not null
             )
             select destination from d
              where destination is not null
                and exists (select 1 from outbox_message m where m.destination = d.destination and m.delivered_at is null and m.next_attempt_at <= now())`,
          );
        await Promise.all(due.map((d) => this.run(d.destination, false)));
      } catch (e) {
        if (!this.stopped) this.o.log.warn({ err: errorText(e) }, 'outbox poll failed');
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs);
    };
    this.timer = setTimeout(tick, this.o.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.runs.values()]);
  }

  /**
   * Tries to deliver every pending message for these destinations now, ignoring back-off: used
   * right after a commit so that effects are visible when the mutation returns. Waits at most
   * `maxWaitMs`; whatever is not delivered by then goes on in the background.
   */
  async deliverNow(destinations: Iterable<string>, maxWaitMs = 5000): Promise<void> {
    const work = Promise.all([...new Set(destinations)].map((d) => this.run(d, true)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /** Serialises runs per destination inside this process; the advisory lock does it across processes. */
  private run(destination: string, force: boolean): Promise<void> {
    const previous = this.runs.get(destination) ?? Promise.resolve();
    const next = previous.then(() => this.drain(destination, force));
    const guarded = next.catch((e) => {
      if (!this.stopped) this.o.log.warn({ destination, err: errorText(e) }, 'outbox delivery run failed');
    });
    this.runs.set(destination, guarded);
    // guarded never rejects (caught above): nothing to lose by not awaiting its clean-up.
    void guarded.finally(() => {
      if (this.runs.get(destination) === guarded) this.runs.delete(destination);
    });
    return guarded;
  }

  private async drain(destination: string, force: boolean): Promise<void> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const result = await this.deliverBatch(destination, force);
      if (result === 'more') continue;
      // Another instance holds this destination: when asked to deliver now, wait for it briefly.
      if (result === 'busy' && force && !this.stopped && Date.now() < deadline) {
        await sleep(25);
        continue;
      }
      return;
    }
  }

  private async deliverBatch(destination: string, force: boolean): Promise<'done' | 'more' | 'busy' | 'failed'> {
    const em = this.o.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [{ locked }] = await tx.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [`outbox:${destination}`],
      );
      if (!locked) return 'busy';
      const rows = await tx.execute<Row[]>(
        `select seq, id, type, payload, created_at, next_attempt_at <= now() as due, attempts, traceparent from outbox_message
          where destination = ? and delivered_at is null order by seq limit ${BATCH}`,
        [destination],
      );
      const due = force ? rows : rows.slice(0, nextNotDue(rows));
      for (const batch of requests(due, this.o.source)) {
        if (this.stopped) return 'failed';
        const { delivered, error } = await traceDeliveries(this.o.source, destination, batch.rows, (traceparents) => this.post(destination, batch, traceparents));
        if (delivered > 0) {
          const seqs = batch.rows.slice(0, delivered).map((r) => r.seq);
          await tx.execute(`update outbox_message set delivered_at = now(), attempts = attempts + 1, last_error = null where seq in (${seqs.map(() => '?').join(', ')})`, seqs);
        }
        if (error !== undefined) {
          // The first message not delivered holds up the rest of its destination, as before.
          const row = batch.rows[delivered];
          const attempts = row.attempts + 1;
          const backoff = Math.min(this.o.maxBackoffMs, 200 * 2 ** Math.min(attempts, 20));
          await tx.execute(
            `update outbox_message set attempts = ?, last_error = ?,
               next_attempt_at = now() + (? * interval '1 millisecond') where seq = ?`,
            [attempts, errorText(error).slice(0, 500), backoff, row.seq],
          );
          this.o.observer?.deliveryFailed(destination);
          this.o.log.warn({ destination, messageId: row.id, type: row.type, attempts, retryInMs: backoff, err: errorText(error) }, 'outbox delivery failed; will retry');
          return 'failed';
        }
      }
      return due.length < rows.length ? 'done' : rows.length === BATCH ? 'more' : 'done';
    });
  }

  /** One request for a batch: how many of its messages the receiver settled, in order, and why it stopped. */
  private async post(destination: string, batch: Request, traceparents: (string | undefined)[]): Promise<{ delivered: number; error?: unknown }> {
    const body = `{"messages":[${batch.json.map((json, i) => (traceparents[i] ? `${json.slice(0, -1)},"traceparent":${JSON.stringify(traceparents[i])}}` : json)).join(',')}]}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.o.resolveUrl(destination) + MESSAGES_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, this.o.secret) },
        body,
        signal: AbortSignal.timeout(this.o.requestTimeoutMs * Math.max(1, Math.ceil(batch.rows.length / 20))),
      });
      text = await res.text();
    } catch (error) {
      // Not reached, or no answer in time: nothing is known to be settled.
      return { delivered: 0, error };
    }
    let answer: Partial<BatchAnswer> = {};
    try {
      answer = JSON.parse(text) as BatchAnswer;
    } catch {
      // Not a receiver's answer (a proxy's error page): nothing was settled.
    }
    const settled = Array.isArray(answer.results) ? answer.results.filter((r, i) => r?.id === batch.rows[i]?.id).length : 0;
    if (res.ok && answer.ok === true && settled === batch.rows.length) return { delivered: settled };
    const reason = answer.failed?.error ?? text.slice(0, 200);
    return { delivered: res.ok ? settled : 0, error: new Error(`${destination} answered HTTP ${res.status}: ${reason}`) };
  }
}

/** Index of the first message whose back-off has not run out: delivery stops there to keep the order. */
function nextNotDue(rows: Row[]): number {
  const i = rows.findIndex((r) => !r.due);
  return i < 0 ? rows.length : i;
}

interface Request {
  rows: Row[];
  /** Each message as JSON without its traceparent, which the delivery's span decides. */
  json: string[];
}

/** Splits messages, in order, into requests of at most BATCH messages and MAX_REQUEST_BYTES. */
function requests(rows: Row[], source: string): Request[] {
  const out: Request[] = [];
  let current: Request = { rows: [], json: [] };
  let bytes = 0;
  for (const row of rows) {
    const message: Omit<HubMessage, 'traceparent'> = { id: row.id, source, type: row.type, occurredAt: new Date(row.created_at).toISOString(), payload: row.payload };
    const json = JSON.stringify(message);
    if (current.rows.length > 0 && (current.rows.length >= BATCH || bytes + json.length > MAX_REQUEST_BYTES)) {
      out.push(current);
      current = { rows: [], json: [] };
      bytes = 0;
    }
    current.rows.push(row);
    current.json.push(json);
    bytes += json.length;
  }
  if (current.rows.length > 0) out.push(current);
  return out;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
