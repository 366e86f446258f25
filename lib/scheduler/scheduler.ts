import type { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from '../sql-arrays';
import type { Orm } from '../db';
import type { Logger } from '../logger';
import { Emitter, type Emit } from '../outbox/emitter';
import type { Dispatcher } from '../outbox/dispatcher';

/**
 * Deadlines that fire once. Each service lists its deadline sources; every HUB_SCHEDULER_INTERVAL_SECONDS
 * one pass asks each source what is due and fires what has not fired yet. A fired deadline's key
 * goes into `fired_deadline` in the same transaction as its effect (a notification, a timeline
 * entry, an outbox message), so a restart, a retry or a second replica never fires it again; a
 * transaction-scoped advisory lock per source lets one replica's pass run at a time (the others
 * skip theirs).
 */

/** A deadline as a rule found it due: `key` names it once for ever, e.g. `FEEDBACK_OVERDUE:<transferId>:<dueOn>`. */
export interface DueDeadline {
  key: string;
  kind: string;
  /** When it came due: the pass's lag is measured from it. */
  dueAt: Date;
}

export interface DeadlineTx {
  em: EntityManager;
  /** Messages to other services, in the same transaction (delivered after its commit). */
  emit: Emit;
}

export interface DeadlineSource<D extends DueDeadline = DueDeadline> {
  name: string;
  /** What is due at `now` (fired or not: the scheduler skips those already fired). */
  due(em: EntityManager, now: Date): Promise<D[]>;
  /** The deadline's effect, in the transaction that records it fired. */
  fire(tx: DeadlineTx, deadline: D, now: Date): Promise<void>;
}

export interface PassResult {
  /** False when another replica's pass held every source's lock: this one did nothing. */
  ran: boolean;
  fired: DueDeadline[];
  /** Seconds between the oldest deadline this pass fired coming due and now (0: nothing was late). */
  lagSeconds: number;
}

export interface SchedulerObserver {
  passed(result: PassResult): void;
}

/** The fired-deadline table every service has (append-only: a deadline fires once, for ever). */
export const FIRED_DEADLINE_SQL = [
  `create table "fired_deadline" ("key" text not null, "kind" text not null, "due_at" timestamptz not null, "fired_at" timestamptz not null, constraint "fired_deadline_pkey" primary key ("key"));`,
  `create trigger "fired_deadline_append_only" before update or delete on "fired_deadline" for each row execute function hub_refuse_change();`,
];

const lockName = (service: string, source: string) => `hub-scheduler:${service}:${source}`;

export class Scheduler {
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private running?: Promise<unknown>;

  constructor(
    private readonly o: {
      service: string;
      orm: Orm;
      sources: readonly DeadlineSource[];
      /** 0: no background passes (runOnce still works). */
      intervalMs: number;
      log: Logger;
      dispatcher?: Dispatcher;
      observer?: SchedulerObserver;
    },
  ) {}

  start(): void {
    if (!this.o.sources.length || this.o.intervalMs <= 0) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runOnce(new Date()).catch((e: unknown) => {
        if (!this.stopped) this.o.log.warn({ err: (e as Error).message }, 'deadline pass failed');
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.o.intervalMs);
    };
    this.timer = setTimeout(tick, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One pass as of `now` (tests pass a later instant to see deadlines come due). Each source in a
   * transaction of its own, under its own lock; each deadline in a savepoint, so one that fails
   * (logged, not recorded as fired: the next pass tries it again) does not hold back the others.
   */
  async runOnce(now: Date): Promise<PassResult> {
    const emitter = new Emitter(this.o.service);
    let ran = false;
    const fired: DueDeadline[] = [];
    for (const source of this.o.sources) {
      const outcome = await (this.o.orm.em.fork() as EntityManager).transactional(async (em) => {
        const [{ locked }] = await em.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [lockName(this.o.service, source.name)]);
        if (!locked) return undefined;
        const done: DueDeadline[] = [];
        const due = await source.due(em, now);
        if (!due.length) return done;
        const firedBefore = await em.execute<{ key: string }[]>('select "key" from fired_deadline where "key" = any(?::text[])', [textArray(due.map((d) => d.key))]);
        const already = new Set(firedBefore.map((r) => r.key));
        for (const d of due) {
          if (already.has(d.key)) continue;
          already.add(d.key);
          try {
            const first = await em.transactional(async (sp) => {
              const inserted = await sp.execute<{ key: string }[]>(
                'insert into fired_deadline ("key", "kind", "due_at", "fired_at") values (?, ?, ?, ?) on conflict ("key") do nothing returning "key"',
                [d.key, d.kind, d.dueAt.toISOString(), now.toISOString()],
              );
              if (!inserted.length) return false;
              await source.fire({ em: sp, emit: emitter.bind(sp) }, d, now);
              return true;
            });
            if (first) done.push(d);
          } catch (e) {
            this.o.log.error({ deadline: d.key, err: (e as Error).message }, 'deadline could not fire; the next pass tries again');
          }
        }
        return done;
      });
      if (outcome) {
        ran = true;
        fired.push(...outcome);
      }
    }
    const oldest = Math.min(...fired.map((d) => d.dueAt.getTime()));
    const result: PassResult = { ran, fired, lagSeconds: fired.length ? Math.max(0, (now.getTime() - oldest) / 1000) : 0 };
    if (emitter.destinations.size) await this.o.dispatcher?.deliverNow(emitter.destinations);
    this.o.observer?.passed(result);
    if (fired.length) this.o.log.info({ fired: fired.length, lagSeconds: result.lagSeconds }, 'deadlines fired');
    return result;
  }
}
