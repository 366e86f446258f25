/**
 * Webhooks for integrators, the pure part: who may subscribe what, the decisions on a subscription,
 * what a delivery carries (never personal data) and how it is signed (docs/webhooks.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Principal } from '../../../../../lib/auth';
import { AGENCIES, type Agency } from '../../../../../lib/domain/enums';
import { invalid, invalidInput, refuse, type InvalidField } from '../../../../../lib/errors';
import { isWithinJurisdiction } from '../../../../../lib/vocabulary/jurisdiction';
import { knownRegionProblem } from '../../../../../lib/region';
import { WEBHOOK_DELIVERED_KINDS, event } from '../../../../../lib/vocabulary/events';
import { mayDo } from '../../../../../lib/vocabulary/acts';
import { cleanText, textProblem } from '../../../../../lib/vocabulary/text';
import type {
  PauseWebhookCommand, ResumeWebhookCommand, RotateWebhookSecretCommand, SendWebhookTestCommand, SubscribeWebhookCommand, UpdateWebhookCommand, WebhookEvent, WebhookSettings,
} from './webhook.commands';
import type { WebhookStatus } from './webhook.entity';

export const DELIVERED_KINDS = WEBHOOK_DELIVERED_KINDS;
const deliverable = (k: string) => (DELIVERED_KINDS as readonly string[]).includes(k);

export const SIGNATURE_HEADER = 'X-Hub-Signature';
export const TIMESTAMP_HEADER = 'X-Hub-Timestamp';
export const EVENT_ID_HEADER = 'X-Hub-Event-Id';
/** Receivers should refuse a delivery whose timestamp is further than this from their clock. */
export const REPLAY_WINDOW_SECONDS = 300;
export const URL_MAX = 2000;
export const PURPOSE_MAX = 200;

export function mayManageWebhooks(by: Principal): void {
  if (!mayDo(by.roles, 'supervise')) throw refuse('WEBHOOK_SUPERVISOR_REQUIRED');
}

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The documented check a receiver makes (the same as docs/webhooks.md's example). */
export function verifySignature(secret: string, timestamp: string, body: string, header: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const t = Number(timestamp);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A host the hub's own network would reach rather than an integrator's (named literally: a public
 * name resolving to an inner address is for the network's egress rules to stop).
 */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local')) return true;
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(h) === 6) return h === '::' || h === '::1' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:');
  return false;
}

/** Checks and cleans what a supervisor asks for; refuses every wrong field at once. */
export function checkSettings(input: { url: string; eventKinds: string[]; region?: string | null; purpose?: string | null }, by: Principal, production: boolean): WebhookSettings {
  const problems: InvalidField[] = [];
  const url = input.url.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!url) problems.push(invalid('input.url', 'FIELD_REQUIRED'));
  else if (url.length > URL_MAX) problems.push(invalid('input.url', 'TEXT_TOO_LONG', { max: URL_MAX }));
  else if (!parsed || !['https:', 'http:'].includes(parsed.protocol) || parsed.username || parsed.password || !parsed.hostname) problems.push(invalid('input.url', 'WEBHOOK_URL_INVALID'));
  else if (parsed.protocol === 'http:' && production) problems.push(invalid('input.url', 'WEBHOOK_HTTPS_REQUIRED'));
  else if (production && isInternalHost(parsed.hostname)) problems.push(invalid('input.url', 'WEBHOOK_URL_PRIVATE'));
  const eventKinds = [...new Set(input.eventKinds)];
  if (eventKinds.length === 0) problems.push(invalid('input.eventKinds', 'WEBHOOK_KINDS_REQUIRED'));
  const undelivered = eventKinds.filter((k) => !deliverable(k));
  if (undelivered.length) problems.push(invalid('input.eventKinds', 'WEBHOOK_KIND_NOT_DELIVERED', { kinds: undelivered }));
  const region = input.region?.trim() || by.region;
  const regionProblem = knownRegionProblem(region);
  if (regionProblem) problems.push(invalid('input.region', regionProblem));
  const purpose = cleanText(input.purpose ?? '', 'line');
  const tooLong = textProblem(purpose, { max: PURPOSE_MAX });
  if (tooLong?.rule === 'tooLong') problems.push(invalid('input.purpose', 'TEXT_TOO_LONG', { max: tooLong.max }));
  if (problems.length) throw invalidInput(problems);
  if (!isWithinJurisdiction(region, by.region)) throw refuse('WEBHOOK_REGION_OUTSIDE_JURISDICTION', { region, jurisdiction: by.region }, { field: 'input.region' });
  return { url: parsed!.toString(), eventKinds: DELIVERED_KINDS.filter((k) => eventKinds.includes(k)), region, purpose: purpose || null };
}

/** What the audit trail names of an endpoint: its origin, never its path or query (which may hold a token). */
export const originOf = (url: string) => new URL(url).origin;

interface SubscriptionState {
  id: string;
  agency: Agency;
  region: string;
  status: WebhookStatus;
  secretVersion: number;
}

const entity = (id: string) => ({ type: 'WebhookSubscription', id });
const settingsFacts = (id: string, s: WebhookSettings) => ({ subscriptionId: id, origin: originOf(s.url), region: s.region, eventKinds: s.eventKinds });

export function decideSubscribe(cmd: SubscribeWebhookCommand): WebhookEvent {
  mayManageWebhooks(cmd.by);
  return event('WEBHOOK_SUBSCRIBED', entity(cmd.subscriptionId), null, settingsFacts(cmd.subscriptionId, cmd.settings));
}

/** A subscription of another agency is not there for the caller. */
function mine(sub: SubscriptionState | null, by: Principal): SubscriptionState {
  mayManageWebhooks(by);
  if (!sub || sub.agency !== by.agency || !isWithinJurisdiction(sub.region, by.region)) throw refuse('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
  return sub;
}

export function decideUpdate(sub: SubscriptionState | null, cmd: UpdateWebhookCommand): WebhookEvent {
  const s = mine(sub, cmd.by);
  return event('WEBHOOK_UPDATED', entity(s.id), null, settingsFacts(s.id, cmd.settings));
}

export function decidePause(sub: SubscriptionState | null, cmd: PauseWebhookCommand): WebhookEvent {
  const s = mine(sub, cmd.by);
  if (s.status === 'PAUSED') throw refuse('WEBHOOK_ALREADY_PAUSED');
  return event('WEBHOOK_PAUSED', entity(s.id), null, { subscriptionId: s.id, cause: 'BY_SUPERVISOR', consecutiveFailures: 0 });
}

export function decideResume(sub: SubscriptionState | null, cmd: ResumeWebhookCommand): WebhookEvent {
  const s = mine(sub, cmd.by);
  if (s.status !== 'PAUSED') throw refuse('WEBHOOK_NOT_PAUSED');
  return event('WEBHOOK_RESUMED', entity(s.id), null, { subscriptionId: s.id });
}

export function decideRotate(sub: SubscriptionState | null, cmd: RotateWebhookSecretCommand): WebhookEvent {
  const s = mine(sub, cmd.by);
  return event('WEBHOOK_SECRET_ROTATED', entity(s.id), null, { subscriptionId: s.id, secretVersion: s.secretVersion + 1 });
}

export function decideTest(sub: SubscriptionState | null, cmd: SendWebhookTestCommand): WebhookEvent {
  const s = mine(sub, cmd.by);
  if (s.status === 'PAUSED') throw refuse('WEBHOOK_PAUSED_RESUME_FIRST');
  return event('WEBHOOK_TEST_SENT', entity(s.id), null, { subscriptionId: s.id, eventId: cmd.eventId });
}

/** After how many failed attempts in a row a subscription pauses itself. */
export const shouldPauseAfter = (consecutiveFailures: number, limit: number) => limit > 0 && consecutiveFailures >= limit;

/** Retry back-off: doubles per attempt from 500 ms, capped. */
export const backoffMs = (attempts: number, maxMs: number) => Math.min(maxMs, 500 * 2 ** Math.min(Math.max(attempts - 1, 0), 20));

/** Facts a delivery may carry: agencies, states, kinds, dates, counts. Staff ids and free text stay home. */
const FACTS_DELIVERED = new Set(['kind', 'status', 'transferState', 'reason', 'feedbackDueOn', 'dueOn', 'outcome', 'supported', 'late', 'province', 'workerCount', 'channel', 'regionCode']);
const AGENCY_FACTS = new Set(['from', 'to']);
const isAgency = (v: unknown): v is Agency => typeof v === 'string' && (AGENCIES as readonly string[]).includes(v);

export function deliveredFacts(facts: Record<string, unknown> | null | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(facts ?? {})) {
    if (AGENCY_FACTS.has(k) ? !isAgency(v) : !FACTS_DELIVERED.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

export interface AgencyStates {
  agency: string;
  transferState: string;
  feedbackState: string;
  closureState: string;
}

/** The body a subscriber receives for one event on a lead. */
export function leadEventPayload(e: { eventId: string; subscriptionId: string; kind: string; at: string; agency: string; lead: { id: string; referenceNo: string; regionCode: string }; agencies: AgencyStates[]; facts?: Record<string, unknown> | null }) {
  return {
    id: e.eventId,
    type: 'lead.event',
    subscriptionId: e.subscriptionId,
    kind: e.kind,
    occurredAt: e.at,
    agency: e.agency,
    lead: { id: e.lead.id, referenceNo: e.lead.referenceNo, regionCode: e.lead.regionCode },
    agencies: e.agencies.map((a) => ({ agency: a.agency, transferState: a.transferState, feedbackState: a.feedbackState, closureState: a.closureState })),
    facts: deliveredFacts(e.facts),
  };
}

export function testEventPayload(e: { eventId: string; subscriptionId: string; at: string; agency: string }) {
  return { id: e.eventId, type: 'webhook.test', subscriptionId: e.subscriptionId, kind: 'TEST', occurredAt: e.at, agency: e.agency, lead: null, agencies: [], facts: {} };
}
