import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { MESSAGES_PATH, SIGNATURE_HEADER, sign, type HubMessage } from './message';
import { traceDelivery } from '../telemetry';
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
            'select distinct destination from outbox_message where delivered_at is null and next_attempt_at <= now()',
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
      for (const row of rows) {
        if (this.stopped) return 'failed';
        if (!force && !row.due) return 'done';
        try {
          await this.send(destination, row);
          await tx.execute(
            'update outbox_message set delivered_at = now(), attempts = attempts + 1, last_error = null where seq = ?',
            [row.seq],
          );
        } catch (e) {
          const attempts = row.attempts + 1;
          const backoff = Math.min(this.o.maxBackoffMs, 200 * 2 ** Math.min(attempts, 20));
          await tx.execute(
            `update outbox_message set attempts = ?, last_error = ?,
               next_attempt_at = now() + (? * interval '1 millisecond') where seq = ?`,
            [attempts, errorText(e).slice(0, 500), backoff, row.seq],
          );
          this.o.observer?.deliveryFailed(destination);
          this.o.log.warn({ destination, messageId: row.id, type: row.type, attempts, retryInMs: backoff, err: errorText(e) }, 'outbox delivery failed; will retry');
          return 'failed';
        }
      }
      return rows.length === BATCH ? 'more' : 'done';
    });
  }

  private send(destination: string, row: Row): Promise<void> {
    return traceDelivery(this.o.source, destination, row, row.attempts + 1, (traceparent) => this.post(destination, row, traceparent));
  }

  private async post(destination: string, row: Row, traceparent: string | undefined): Promise<void> {
    const message: HubMessage = {
      id: row.id,
      source: this.o.source,
      type: row.type,
      occurredAt: new Date(row.created_at).toISOString(),
      payload: row.payload,
      ...(traceparent ? { traceparent } : {}),
    };
    const body = JSON.stringify(message);
    const res = await fetch(this.o.resolveUrl(destination) + MESSAGES_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, this.o.secret) },
      body,
      signal: AbortSignal.timeout(this.o.requestTimeoutMs),
    });
    if (!res.ok) throw new Error(`${destination} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
