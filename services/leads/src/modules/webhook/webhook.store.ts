import { randomBytes, randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommandContext } from '../../../../../lib/command/handler';
import type { Tx } from '../../../../../lib/context';
import type { TimelineEvent } from '../../../../../lib/messages';
import { isUuid } from '../../../../../lib/identifiers';
import { jurisdictionPrefix as jurisdictionPrefixOf } from '../../../../../lib/vocabulary/jurisdiction';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { LeadAgencyRecord, LeadRecord } from '../lead/lead.entity';
import { WebhookDeliveryRecord, WebhookSubscriptionRecord } from './webhook.entity';
import type { PauseWebhookCommand, ResumeWebhookCommand, RotateWebhookSecretCommand, SendWebhookTestCommand, SubscribeWebhookCommand, UpdateWebhookCommand, WebhookEvent } from './webhook.commands';
import { DELIVERED_KINDS, decidePause, decideResume, decideRotate, decideSubscribe, decideTest, decideUpdate, leadEventPayload, testEventPayload, type AgencyStates } from './webhook.rules';

/** A fresh signing secret: 32 random bytes. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** A subscription and, when it was just made or rotated, its secret (shown this once). */
export interface SubscriptionWithSecret {
  subscription: WebhookSubscriptionRecord;
  secret: string | null;
}

interface State {
  sub: WebhookSubscriptionRecord | null;
  secret: string | null;
}

async function loadSubscription(tx: Tx, id: string): Promise<State> {
  const sub = isUuid(id) ? await tx.em.findOne(WebhookSubscriptionRecord, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  return { sub, secret: null };
}

const result = (s: State): SubscriptionWithSecret => ({ subscription: s.sub!, secret: s.secret });

export function subscribeWebhook(ctx: CommandContext, command: SubscribeWebhookCommand): Promise<SubscriptionWithSecret> {
  return handleLeadsCommand(ctx, {
    command,
    load: (): Promise<State> => Promise.resolve({ sub: null, secret: null }),
    decide: (_s, cmd) => decideSubscribe(cmd),
    apply(tx, state) {
      const s = command.settings;
      state.secret = newSecret();
      state.sub = tx.em.create(WebhookSubscriptionRecord, {
        id: command.subscriptionId, agency: command.by.agency, region: s.region, url: s.url, eventKinds: s.eventKinds, purpose: s.purpose,
        status: 'ACTIVE', secret: state.secret, secretVersion: 1, createdAt: command.at, createdBy: command.by.id, updatedAt: command.at,
      });
      tx.em.persist(state.sub);
    },
    result,
  });
}

export function updateWebhook(ctx: CommandContext, command: UpdateWebhookCommand): Promise<SubscriptionWithSecret> {
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadSubscription(tx, command.subscriptionId),
    decide: (s, cmd) => decideUpdate(s.sub, cmd),
    apply(_tx, state) {
      const s = command.settings;
      Object.assign(state.sub!, { url: s.url, eventKinds: s.eventKinds, region: s.region, purpose: s.purpose, updatedAt: command.at });
    },
    result,
  });
}

export function pauseWebhook(ctx: CommandContext, command: PauseWebhookCommand): Promise<SubscriptionWithSecret> {
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadSubscription(tx, command.subscriptionId),
    decide: (s, cmd) => decidePause(s.sub, cmd),
    apply(_tx, state) {
      Object.assign(state.sub!, { status: 'PAUSED', pausedCause: 'BY_SUPERVISOR', updatedAt: command.at });
    },
    result,
  });
}

/** Resuming clears the failure count; what waited while paused is delivered now, in order. */
export function resumeWebhook(ctx: CommandContext, command: ResumeWebhookCommand): Promise<SubscriptionWithSecret> {
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadSubscription(tx, command.subscriptionId),
    decide: (s, cmd) => decideResume(s.sub, cmd),
    async apply(tx, state) {
      Object.assign(state.sub!, { status: 'ACTIVE', pausedCause: null, consecutiveFailures: 0, updatedAt: command.at });
      await tx.em.nativeUpdate(WebhookDeliveryRecord, { subscriptionId: state.sub!.id, deliveredAt: null }, { nextAttemptAt: command.at });
    },
    result,
  });
}

export function rotateWebhookSecret(ctx: CommandContext, command: RotateWebhookSecretCommand): Promise<SubscriptionWithSecret> {
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadSubscription(tx, command.subscriptionId),
    decide: (s, cmd) => decideRotate(s.sub, cmd),
    apply(_tx, state, e: WebhookEvent) {
      if (e.kind !== 'WEBHOOK_SECRET_ROTATED') return;
      state.secret = newSecret();
      Object.assign(state.sub!, { secret: state.secret, secretVersion: e.facts.secretVersion, updatedAt: command.at });
    },
    result,
  });
}

/** A test event goes in the subscription's queue like any other, behind what is already waiting. */
export function sendWebhookTest(ctx: CommandContext, command: SendWebhookTestCommand): Promise<WebhookDeliveryRecord> {
  let delivery: WebhookDeliveryRecord | undefined;
  return handleLeadsCommand(ctx, {
    command,
    load: (tx) => loadSubscription(tx, command.subscriptionId),
    decide: (s, cmd) => decideTest(s.sub, cmd),
    apply(tx, state) {
      delivery = tx.em.create(WebhookDeliveryRecord, {
        subscriptionId: state.sub!.id, eventId: command.eventId, leadId: null, kind: 'TEST',
        payload: testEventPayload({ eventId: command.eventId, subscriptionId: state.sub!.id, at: command.at.toISOString(), agency: command.by.agency }),
      });
      tx.em.persist(delivery);
    },
    result: () => delivery!,
  });
}

const DELIVERED = new Set<string>(DELIVERED_KINDS);

type Subscribed = { id: string; region: string; event_kinds: string[] };
/** Subscriptions, read once per transaction (a bulk import's batch records hundreds of events in one). */
const subscriptionsOf = new WeakMap<EntityManager, Promise<Subscribed[]>>();

/** What this transaction holds of an entity class, written or not yet: the newest state of each. */
function inTransaction<T extends object>(em: EntityManager, cls: new () => T, keep: (e: T) => boolean): T[] {
  const uow = em.getUnitOfWork();
  const known = uow.getIdentityMap().getStore(em.getMetadata().get(cls.name)).values();
  return [...new Set<unknown>([...known, ...uow.getPersistStack()])].filter((e): e is T => e instanceof cls && keep(e));
}

/** The lead and its agencies' states as this event leaves them: rows changed in this transaction over those stored. */
async function leadAsNow(em: EntityManager, leadId: string): Promise<{ id: string; referenceNo: string; regionCode: string; agencies: AgencyStates[] } | null> {
  const stored = await em.execute<{ reference_no: string; region_code: string; agencies: AgencyStates[] }[]>(
    `select l.reference_no, l.region_code,
       coalesce((select json_agg(json_build_object('agency', a.agency, 'transferState', a.transfer_state, 'feedbackState', a.feedback_state, 'closureState', a.closure_state))
                 from lead_agency a where a.lead_id = l.id), '[]') as agencies
       from lead l where l.id = ?`,
    [leadId],
  );
  const lead = inTransaction(em, LeadRecord, (l) => l.id === leadId)[0];
  const referenceNo = lead?.referenceNo ?? stored[0]?.reference_no;
  const regionCode = lead?.regionCode ?? stored[0]?.region_code;
  if (!referenceNo || !regionCode) return null;
  const agencies = new Map((stored[0]?.agencies ?? []).map((a) => [a.agency, a]));
  for (const a of inTransaction(em, LeadAgencyRecord, (r) => r.leadId === leadId)) agencies.set(a.agency, { agency: a.agency, transferState: a.transferState, feedbackState: a.feedbackState, closureState: a.closureState });
  return { id: leadId, referenceNo, regionCode, agencies: [...agencies.values()].sort((x, y) => x.agency.localeCompare(y.agency)) };
}

/**
 * Queues an event on a lead for every subscription to its kind whose region holds the lead, in the
 * transaction that records the event: delivered once it commits, and only then. Paused
 * subscriptions queue too: nothing is lost while an endpoint is down or paused.
 */
export async function queueWebhookDeliveries(em: EntityManager, e: TimelineEvent): Promise<void> {
  if (!DELIVERED.has(e.kind)) return;
  let all = subscriptionsOf.get(em);
  if (!all) {
    all = em.execute<Subscribed[]>('select id, region, event_kinds from webhook_subscription');
    subscriptionsOf.set(em, all);
  }
  const subs = (await all).filter((s) => s.event_kinds.includes(e.kind));
  if (subs.length === 0) return;
  const lead = await leadAsNow(em, e.leadId);
  if (!lead) return;
  const eventId = randomUUID();
  for (const s of subs) {
    if (!lead.regionCode.startsWith(jurisdictionPrefixOf(s.region))) continue;
    em.persist(
      em.create(WebhookDeliveryRecord, {
        subscriptionId: s.id, eventId, leadId: lead.id, kind: e.kind,
        payload: leadEventPayload({ eventId, subscriptionId: s.id, kind: e.kind, at: e.at, agency: e.agency, lead, agencies: lead.agencies, facts: e.facts }),
      }),
    );
  }
}
