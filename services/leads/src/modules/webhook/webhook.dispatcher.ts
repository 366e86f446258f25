import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../../../../lib/db';
import type { Logger } from '../../../../../lib/logger';
import { numberSetting } from '../../../../../lib/config';
import { errorText } from '../../../../../lib/outbox/dispatcher';
import { audit } from '../../../../../lib/audit/audit';
import type { Agency } from '../../../../../lib/domain/enums';
import { notify } from '../notification/notification.store';
import type { EventKind } from '../../../../../lib/vocabulary/events';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, backoffMs, originOf, shouldPauseAfter, signature } from './webhook.rules';

/** Settings from the environment (docs/configuration.md, docs/webhooks.md). */
export function webhookSettings() {
  return {
    pollMs: numberSetting('WEBHOOK_POLL_MS', 1000),
    maxBackoffMs: numberSetting('WEBHOOK_MAX_BACKOFF_MS', 10 * 60_000),
    requestTimeoutMs: numberSetting('WEBHOOK_REQUEST_TIMEOUT_MS', 10_000),
    pauseAfterFailures: numberSetting('WEBHOOK_PAUSE_AFTER_FAILURES', 20),
  };
}
export type WebhookSettingsEnv = ReturnType<typeof webhookSettings>;

/** Who the audit trail names when a subscription pauses itself. */
export const WEBHOOK_DISPATCHER_ACTOR = 'system:webhooks';

interface Pending {
  seq: string;
  event_id: string;
  payload: Record<string, unknown>;
  attempts: number;
  due: boolean;
}
interface Subscription {
  id: string;
  agency: Agency;
  region: string;
  version: number;
  url: string;
  secret: string;
  status: string;
  consecutive_failures: number;
}

/** What an endpoint answered: 2xx is delivered; anything else (or no answer) is retried. */
class DeliveryFailed extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
  }
}

/**
 * Delivers webhook events. Each subscription's events go out one at a time in the order they were
 * written (so in order per lead), by one instance at a time (a PostgreSQL advisory lock per
 * subscription); a failure holds the subscription's queue back and is retried with exponential
 * back-off, and after WEBHOOK_PAUSE_AFTER_FAILURES failures in a row the subscription pauses
 * itself. At least once: a receiver that answered after its timeout gets the event again, with
 * the same event id.
 */
export class WebhookDispatcher {
  private readonly runs = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: { orm: Orm; log: Logger } & WebhookSettingsEnv) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        const due = await this.o.orm.em.fork().getConnection().execute<{ subscription_id: string }[]>(
          `select distinct d.subscription_id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
            where d.delivered_at is null and d.next_attempt_at <= now() and s.status = 'ACTIVE'`,
        );
        await Promise.all(due.map((d) => this.run(d.subscription_id)));
      } catch (e) {
        if (!this.stopped) this.o.log.warn({ err: errorText(e) }, 'webhook poll failed');
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

  private run(subscriptionId: string): Promise<void> {
    const current = this.runs.get(subscriptionId);
    if (current) return current;
    const run = this.drain(subscriptionId)
      .catch((e) => {
        if (!this.stopped) this.o.log.warn({ subscriptionId, err: errorText(e) }, 'webhook delivery run failed');
      })
      .finally(() => this.runs.delete(subscriptionId));
    this.runs.set(subscriptionId, run);
    return run;
  }

  private async drain(subscriptionId: string): Promise<void> {
    while (!this.stopped && (await this.deliverNext(subscriptionId)) === 'more');
  }

  /** One delivery in one transaction, holding the subscription's lock while it is sent. */
  private deliverNext(subscriptionId: string): Promise<'more' | 'done'> {
    const em = this.o.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [{ locked }] = await tx.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [`webhook:${subscriptionId}`]);
      if (!locked) return 'done';
      const [sub] = await tx.execute<Subscription[]>('select id, agency, region, version, url, secret, status, consecutive_failures from webhook_subscription where id = ?', [subscriptionId]);
      if (!sub || sub.status !== 'ACTIVE') return 'done';
      const [next] = await tx.execute<Pending[]>(
        `select seq, event_id, payload, attempts, next_attempt_at <= now() as due from webhook_delivery
          where subscription_id = ? and delivered_at is null order by seq limit 1`,
        [subscriptionId],
      );
      if (!next || !next.due) return 'done';
      try {
        const status = await this.post(sub, next);
        await tx.execute('update webhook_delivery set delivered_at = now(), attempts = attempts + 1, last_status = ?, last_error = null, last_attempt_at = now() where seq = ?', [status, next.seq]);
        if (sub.consecutive_failures > 0) await tx.execute('update webhook_subscription set consecutive_failures = 0 where id = ?', [sub.id]);
        return 'more';
      } catch (e) {
        const attempts = next.attempts + 1;
        const retryInMs = backoffMs(attempts, this.o.maxBackoffMs);
        const status = e instanceof DeliveryFailed ? e.status : null;
        await tx.execute(
          `update webhook_delivery set attempts = ?, last_error = ?, last_status = ?, last_attempt_at = now(), next_attempt_at = now() + (? * interval '1 millisecond') where seq = ?`,
          [attempts, errorText(e).slice(0, 500), status, retryInMs, next.seq],
        );
        const failures = sub.consecutive_failures + 1;
        const pause = shouldPauseAfter(failures, this.o.pauseAfterFailures);
        await tx.execute(
          `update webhook_subscription set consecutive_failures = ?, last_failure_at = now()${pause ? ", status = 'PAUSED', paused_cause = 'FAILING', updated_at = now(), version = version + 1" : ''} where id = ?`,
          [failures, sub.id],
        );
        if (pause) {
          audit(tx, { id: WEBHOOK_DISPATCHER_ACTOR, agency: sub.agency }, {
            entityType: 'WebhookSubscription', entityId: sub.id, action: 'WEBHOOK_PAUSED' satisfies EventKind,
            data: { subscriptionId: sub.id, cause: 'FAILING', consecutiveFailures: failures },
          });
          this.o.log.warn({ subscriptionId: sub.id, consecutiveFailures: failures }, 'webhook subscription paused after repeated failures');
          // The subscription's supervisors are told, naming the lead whose event waits (a TEST event names none: audited only).
          const lead = (next.payload as { lead?: { id: string; referenceNo: string } | null }).lead;
          if (lead) {
            await notify({ em: tx }, [{
              recipient: { agency: sub.agency, region: sub.region, role: 'SUPERVISOR' }, kind: 'WEBHOOK_PAUSED', leadId: lead.id, referenceNo: lead.referenceNo,
              facts: { subscriptionId: sub.id, origin: originOf(sub.url), consecutiveFailures: failures }, dedupeKey: `WEBHOOK_PAUSED:${sub.id}:${sub.version + 1}`,
            }]);
          }
        } else {
          this.o.log.info({ subscriptionId: sub.id, eventId: next.event_id, attempts, retryInMs, err: errorText(e) }, 'webhook delivery failed; will retry');
        }
        return 'done';
      }
    });
  }

  private async post(sub: Subscription, d: Pending): Promise<number> {
    const body = JSON.stringify(d.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await fetch(sub.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'wage-arrears-hub-webhooks/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature(sub.secret, timestamp, body),
          [EVENT_ID_HEADER]: d.event_id,
          'X-Hub-Delivery-Attempt': String(d.attempts + 1),
        },
        body,
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      });
    } catch (e) {
      throw new DeliveryFailed(`no answer: ${errorText(e)}`, null);
    }
    // The answer's body is not read beyond a little: receivers' pages are not kept.
    const text = res.ok ? '' : (await res.text().catch(() => '')).slice(0, 200);
    if (!res.ok) throw new DeliveryFailed(`HTTP ${res.status}${text ? `: ${text}` : ''}`, res.status);
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }
}

export function webhookWorker(deps: { orm: Orm; log: Logger }) {
  return new WebhookDispatcher({ orm: deps.orm, log: deps.log, ...webhookSettings() });
}
