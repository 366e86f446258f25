/**
 * Webhooks for integrators, through the gateway, against a real HTTP receiver started here: down
 * for a while, then every event delivered once by its id, in order per lead, signed as
 * docs/webhooks.md says (its verification example is run as written), never with personal data.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { checkSettings } from '../../services/leads/src/modules/webhook/webhook.rules';
import { DomainError } from '../../lib/errors';

const PAUSE_AFTER = 5;
process.env.WEBHOOK_POLL_MS = '100';
process.env.WEBHOOK_MAX_BACKOFF_MS = '300';
process.env.WEBHOOK_PAUSE_AFTER_FAILURES = String(PAUSE_AFTER);

type Verify = (secret: string, headers: Record<string, unknown>, rawBody: string, nowMs?: number) => boolean;
/** The documented check, exactly as docs/webhooks.md prints it. */
function documentedVerify(): Verify {
  const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'webhooks.md'), 'utf8');
  const block = /<!-- verification example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/webhooks.md has no verification example');
  return vm.runInNewContext(`${block[1]}\nverifyHubWebhook`, { require, Buffer }) as Verify;
}
const verify = documentedVerify();

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; kind: string; lead: { id: string; referenceNo: string } | null; agencies: { agency: string; transferState: string }[]; facts: Record<string, unknown> };
}

/** A receiver whose next answers the test decides: 503, a closed connection, or 200 (default). */
class Receiver {
  readonly accepted: Received[] = [];
  readonly refused: Received[] = [];
  private plan: ('503' | 'close')[] = [];
  failAlways = false;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] };
      const next = this.failAlways ? '503' : this.plan.shift();
      if (next === 'close') {
        this.refused.push(r);
        req.socket.destroy();
        return;
      }
      if (next === '503') {
        this.refused.push(r);
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        return;
      }
      this.accepted.push(r);
      res.writeHead(204).end();
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hub-events?token=receiver-own`;
    return this;
  }
  /** The next answers, in order; then 200s. */
  down(...answers: ('503' | 'close')[]): void {
    this.plan.push(...answers);
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

let hub: TestHub;
let receiver: Receiver;
let failing: Receiver;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  [hub, receiver, failing] = await Promise.all([startHub(), new Receiver().start(), new Receiver().start()]);
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => Promise.all([hub?.stop(), receiver?.stop(), failing?.stop()]));

const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-sup-zhao', roles: ['SUPERVISOR', 'INTAKE', 'HANDLER'] });
const intake = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhang' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-li' });
const inspectionSupervisor = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-sup', roles: ['SUPERVISOR'] });
const taiyuanSupervisor = tokenFor({ agency: 'UNION', region: '140100', id: 'ty-sup', roles: ['SUPERVISOR', 'INTAKE', 'HANDLER'] });

const SUB = 'id url region eventKinds purpose status pausedCause consecutiveFailures secretVersion createdBy';
const DELIVERY = 'eventId kind leadId referenceNo status attempts lastStatus lastError deliveredAt nextAttemptAt';
const subscribe = (input: Record<string, unknown>, token = supervisor, language?: string) =>
  gql(hub.gatewayUrl, `mutation($input: WebhookSubscriptionInput!) { subscribeWebhook(input: $input) { secret subscription { ${SUB} } } }`, { input }, { token, language });
const deliveries = async (subscriptionId: string, token = supervisor) =>
  ok(await gql(hub.gatewayUrl, `query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 200) { ${DELIVERY} } }`, { id: subscriptionId }, { token })).webhookDeliveries as {
    eventId: string; kind: string; leadId: string | null; referenceNo: string | null; status: string; attempts: number; lastStatus: number | null; lastError: string | null; deliveredAt: string | null;
  }[];
const subscriptions = async (token = supervisor) => ok(await gql(hub.gatewayUrl, `{ webhookSubscriptions { ${SUB} } }`, {}, { token })).webhookSubscriptions as Record<string, unknown>[];
const act = (mutation: string, id: string, fields = SUB, token = supervisor) => gql(hub.gatewayUrl, `mutation($id: ID!) { ${mutation}(id: $id) { ${fields} } }`, { id }, { token });
const report = async (over: Record<string, unknown> = {}, token = intake) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token })).reportLead as { id: string; referenceNo: string };
const transfer = async (leadId: string, token = intake) =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token })).transferLead.id as string;
const accept = async (id: string) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id }, { token: inspector }));
const refusal = (r: { errors?: { message: string; extensions?: Record<string, any> }[] }) => ({ code: r.errors?.[0]?.extensions?.code, reason: r.errors?.[0]?.extensions?.reason, message: r.errors?.[0]?.message });

describe('webhook deliveries', () => {
  let subId = '';
  let secret = '';

  it('delivers every event once by id, in order per lead, after the endpoint was down for a while', async () => {
    const made = ok(await subscribe({ url: receiver.url, eventKinds: ['LEAD_REPORTED', 'TRANSFER_REQUESTED', 'TRANSFER_ACCEPTED', 'CASE_CLOSED'], purpose: '区县工会信息系统' })).subscribeWebhook;
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(made.subscription).toMatchObject({ region: '140400', status: 'ACTIVE', consecutiveFailures: 0, secretVersion: 1, createdBy: 'union-sup-zhao' });
    subId = made.subscription.id;
    secret = made.secret;
    // Shown once: never again in the list.
    expect(JSON.stringify(await subscriptions())).not.toContain(secret);

    // Down: two 503s, a connection closed mid-request, another 503; then it answers.
    receiver.down('503', '503', 'close', '503');
    const first = await report();
    const second = await report({ regionCode: '140402', workerCount: 7 });
    const elsewhere = await report({ regionCode: '140105' }, tokenFor({ agency: 'UNION', region: '140100' }));
    const t1 = await transfer(first.id);
    await transfer(second.id);
    await accept(t1);

    const log = await eventually(async () => {
      const l = await deliveries(subId);
      expect(l).toHaveLength(5);
      expect(l.every((d) => d.status === 'DELIVERED')).toBe(true);
      return l;
    }, { timeoutMs: 30_000 });

    // Every event accepted exactly once, by its id; the failed attempts carried the same ids.
    const ids = receiver.accepted.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(log.map((d) => d.eventId).sort());
    expect(receiver.refused.length).toBe(4);
    for (const r of receiver.refused) expect(ids).toContain(r.body.id);
    expect(receiver.accepted.every((r) => r.headers['x-hub-event-id'] === r.body.id)).toBe(true);

    // In order per lead (and per subscription: in the order written).
    const kindsOf = (leadId: string) => receiver.accepted.filter((r) => r.body.lead?.id === leadId).map((r) => r.body.kind);
    expect(kindsOf(first.id)).toEqual(['LEAD_REPORTED', 'TRANSFER_REQUESTED', 'TRANSFER_ACCEPTED']);
    expect(kindsOf(second.id)).toEqual(['LEAD_REPORTED', 'TRANSFER_REQUESTED']);
    // Outside the subscription's region: not delivered.
    expect(receiver.accepted.some((r) => r.body.lead?.id === elsewhere.id)).toBe(false);

    // What a delivery carries: ids, kinds, reference number, agencies and states.
    const accepted = receiver.accepted.find((r) => r.body.kind === 'TRANSFER_ACCEPTED')!;
    expect(accepted.body).toMatchObject({ type: 'lead.event', lead: { id: first.id, referenceNo: first.referenceNo, regionCode: '140421' }, agency: 'INSPECTION', facts: { from: 'UNION', to: 'INSPECTION', status: 'ACCEPTED' } });
    expect(accepted.body.agencies).toEqual(expect.arrayContaining([expect.objectContaining({ agency: 'INSPECTION', transferState: 'ACCEPTED' }), expect.objectContaining({ agency: 'UNION', transferState: 'TRANSFERRED_OUT' })]));
    // Never personal data, staff names or free text.
    const everything = receiver.accepted.concat(receiver.refused).map((r) => r.raw).join('\n');
    for (const personal of ['王某', '11010519491231002X', '13812345678', '长治市某建筑劳务有限公司', '某安置小区二期', '4名农民工反映被拖欠工资', '请依法查处', 'union-zhang', 'insp-li', '测试人员']) expect(everything).not.toContain(personal);

    // The delivery log: the first event took five attempts, its last answered 204.
    const firstReported = log.find((d) => d.leadId === first.id && d.kind === 'LEAD_REPORTED')!;
    expect(firstReported).toMatchObject({ referenceNo: first.referenceNo, attempts: 5, lastStatus: 204, lastError: null, nextAttemptAt: null });
    expect(await subscriptions()).toEqual([expect.objectContaining({ id: subId, status: 'ACTIVE', consecutiveFailures: 0 })]);
  });

  it('signs each delivery as documented: real deliveries pass the check, forged ones fail it', () => {
    const now = Date.now();
    for (const r of receiver.accepted) expect(verify(secret, r.headers, r.raw, Number(r.headers['x-hub-timestamp']) * 1000)).toBe(true);
    const r = receiver.accepted[0];
    const ts = String(r.headers['x-hub-timestamp']);
    // Another body under the real signature, a signature by another key, a replay outside the window.
    const tampered = r.raw.replace(r.body.kind, 'CASE_CLOSED');
    expect(verify(secret, r.headers, tampered, Number(ts) * 1000)).toBe(false);
    const forged = 'sha256=' + createHmac('sha256', 'whsec_guessed').update(`${ts}.${r.raw}`).digest('hex');
    expect(verify(secret, { ...r.headers, 'x-hub-signature': forged }, r.raw, Number(ts) * 1000)).toBe(false);
    expect(verify(secret, { ...r.headers, 'x-hub-signature': 'sha256=' }, r.raw, Number(ts) * 1000)).toBe(false);
    expect(verify(secret, r.headers, r.raw, Number(ts) * 1000 + 301_000)).toBe(false);
    // A fresh signature by the right key passes (so the check above failed on the forgery, not the clock).
    const fresh = String(Math.floor(now / 1000));
    const good = 'sha256=' + createHmac('sha256', secret).update(`${fresh}.${r.raw}`).digest('hex');
    expect(verify(secret, { 'x-hub-timestamp': fresh, 'x-hub-signature': good }, r.raw, now)).toBe(true);
  });

  it('sends a test event, and signs with the new secret once rotated', async () => {
    const test = ok(await act('sendWebhookTest', subId, DELIVERY)).sendWebhookTest;
    expect(test).toMatchObject({ kind: 'TEST', leadId: null, status: 'PENDING', attempts: 0 });
    const got = await eventually(async () => {
      const r = receiver.accepted.find((a) => a.body.id === test.eventId);
      expect(r).toBeDefined();
      return r!;
    });
    expect(got.body).toMatchObject({ type: 'webhook.test', kind: 'TEST', lead: null, subscriptionId: subId });
    expect(verify(secret, got.headers, got.raw, Number(got.headers['x-hub-timestamp']) * 1000)).toBe(true);

    const rotated = ok(await act('rotateWebhookSecret', subId, `secret subscription { ${SUB} }`)).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.subscription.secretVersion).toBe(2);
    const again = ok(await act('sendWebhookTest', subId, DELIVERY)).sendWebhookTest;
    const next = await eventually(async () => {
      const r = receiver.accepted.find((a) => a.body.id === again.eventId);
      expect(r).toBeDefined();
      return r!;
    });
    const at = Number(next.headers['x-hub-timestamp']) * 1000;
    expect(verify(rotated.secret, next.headers, next.raw, at)).toBe(true);
    expect(verify(secret, next.headers, next.raw, at)).toBe(false);
    secret = rotated.secret;
  });

  it('pauses a subscription after repeated failures, keeps its events, and delivers them on resume', async () => {
    failing.failAlways = true;
    const made = ok(await subscribe({ url: failing.url, eventKinds: ['LEAD_REPORTED'], region: '140100' }, taiyuanSupervisor)).subscribeWebhook;
    const id = made.subscription.id as string;
    const lead = await report({ regionCode: '140105' }, tokenFor({ agency: 'UNION', region: '140100' }));
    const paused = await eventually(async () => {
      const [s] = await subscriptions(taiyuanSupervisor);
      expect(s).toMatchObject({ id, status: 'PAUSED', pausedCause: 'FAILING' });
      return s;
    }, { timeoutMs: 30_000 });
    expect(paused.consecutiveFailures).toBe(PAUSE_AFTER);
    expect(failing.refused).toHaveLength(PAUSE_AFTER);
    const [waiting] = await deliveries(id, taiyuanSupervisor);
    expect(waiting).toMatchObject({ leadId: lead.id, status: 'RETRYING', attempts: PAUSE_AFTER, lastStatus: 503, lastError: 'HTTP 503: down for maintenance' });
    const audited = await hub.sql('leads', `select actor_id, action, data from audit_entry where entity_type = 'WebhookSubscription' and entity_id = $1 order by seq`, [id]);
    expect(audited.map((a) => [a.actor_id, a.action])).toEqual([['ty-sup', 'WEBHOOK_SUBSCRIBED'], ['system:webhooks', 'WEBHOOK_PAUSED']]);
    expect(audited[1].data).toMatchObject({ cause: 'FAILING', consecutiveFailures: PAUSE_AFTER });
    // Its supervisors are told (in Chinese), naming the lead whose event waits; the Changzhi supervisor is not.
    const told = ok(await gql(hub.gatewayUrl, '{ notifications(first: 20) { edges { node { kind leadId referenceNo text } } } }', {}, { token: taiyuanSupervisor, language: 'zh-CN' })).notifications.edges.map((e: { node: unknown }) => e.node);
    expect(told).toEqual([{ kind: 'WEBHOOK_PAUSED', leadId: lead.id, referenceNo: lead.referenceNo, text: `推送订阅 ${new URL(failing.url).origin} 连续 ${PAUSE_AFTER} 次推送失败，已自动暂停（待推送：线索 ${lead.referenceNo} 的事件）；请检查接收端后恢复订阅` }]);
    const elsewhere = ok(await gql(hub.gatewayUrl, '{ notifications(first: 50) { edges { node { kind } } } }', {}, { token: supervisor })).notifications.edges.map((e: { node: { kind: string } }) => e.node.kind);
    expect(elsewhere).not.toContain('WEBHOOK_PAUSED');

    // Paused: nothing more is tried, events still queue; a test event is refused until resumed.
    const another = await report({ regionCode: '140106' }, tokenFor({ agency: 'UNION', region: '140100' }));
    expect(refusal(await act('sendWebhookTest', id, DELIVERY, taiyuanSupervisor))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'WEBHOOK_PAUSED_RESUME_FIRST' });
    expect(await deliveries(id, taiyuanSupervisor)).toHaveLength(2);

    failing.failAlways = false;
    expect(ok(await act('resumeWebhookSubscription', id, SUB, taiyuanSupervisor)).resumeWebhookSubscription).toMatchObject({ status: 'ACTIVE', pausedCause: null, consecutiveFailures: 0 });
    await eventually(async () => expect((await deliveries(id, taiyuanSupervisor)).map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED']), { timeoutMs: 30_000 });
    expect(failing.accepted.map((r) => r.body.lead?.id)).toEqual([lead.id, another.id]);
  });
});

describe('managing subscriptions', () => {
  it('is for supervisors of the agency, within their jurisdiction, with reasons in Chinese', async () => {
    expect(refusal(await subscribe({ url: receiver.url, eventKinds: ['LEAD_REPORTED'] }, intake))).toMatchObject({ code: 'FORBIDDEN', reason: 'WEBHOOK_SUPERVISOR_REQUIRED' });
    expect(refusal(await gql(hub.gatewayUrl, `{ webhookSubscriptions { id } }`, {}, { token: intake }))).toMatchObject({ code: 'FORBIDDEN', reason: 'WEBHOOK_SUPERVISOR_REQUIRED' });
    const outside = refusal(await subscribe({ url: receiver.url, eventKinds: ['LEAD_REPORTED'], region: '140100' }, supervisor, 'zh-CN'));
    expect(outside).toMatchObject({ code: 'FORBIDDEN', reason: 'WEBHOOK_REGION_OUTSIDE_JURISDICTION', message: '地区 140100 不在您的辖区（140400）内。' });

    const bad = await subscribe({ url: 'ftp://user:pw@example.org/x', eventKinds: [], purpose: '长'.repeat(201) }, supervisor, 'zh-CN');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.invalidFields.map((f: { field: string; reason: string; message: string }) => [f.field, f.reason, f.message])).toEqual([
      ['input.url', 'WEBHOOK_URL_INVALID', '推送地址须为完整的 https:// 地址，且不含用户名和密码'],
      ['input.eventKinds', 'WEBHOOK_KINDS_REQUIRED', '事件类型须至少选择一类事件'],
      ['input.purpose', 'TEXT_TOO_LONG', '用途说明不能超过200个字符'],
    ]);
    expect(refusal(await subscribe({ url: receiver.url, eventKinds: ['FUND_DEPOSIT'] }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK_KIND_NOT_DELIVERED' });

    // Another agency's supervisor sees nothing of it, and cannot touch it.
    const [mine] = await subscriptions();
    expect(await subscriptions(inspectionSupervisor)).toEqual([]);
    expect(refusal(await act('pauseWebhookSubscription', mine.id as string, SUB, inspectionSupervisor))).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
    expect(refusal(await gql(hub.gatewayUrl, `query($id: ID!) { webhookDeliveries(subscriptionId: $id) { eventId } }`, { id: mine.id }, { token: inspectionSupervisor }))).toMatchObject({ reason: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
  });

  it('updates, pauses and resumes, each change audited', async () => {
    const [mine] = await subscriptions();
    const id = mine.id as string;
    const updated = ok(await gql(hub.gatewayUrl, `mutation($id: ID!, $input: WebhookSubscriptionInput!) { updateWebhookSubscription(id: $id, input: $input) { ${SUB} } }`,
      { id, input: { url: receiver.url, eventKinds: ['CASE_CLOSED', 'LEAD_REPORTED'], region: '140421' } }, { token: supervisor })).updateWebhookSubscription;
    expect(updated).toMatchObject({ region: '140421', eventKinds: ['LEAD_REPORTED', 'CASE_CLOSED'], purpose: null, secretVersion: 2 });
    expect(ok(await act('pauseWebhookSubscription', id)).pauseWebhookSubscription).toMatchObject({ status: 'PAUSED', pausedCause: 'BY_SUPERVISOR' });
    expect(refusal(await act('pauseWebhookSubscription', id))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'WEBHOOK_ALREADY_PAUSED' });
    expect(ok(await act('resumeWebhookSubscription', id)).resumeWebhookSubscription).toMatchObject({ status: 'ACTIVE', pausedCause: null });
    expect(refusal(await act('resumeWebhookSubscription', id))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'WEBHOOK_NOT_PAUSED' });
    const audited = await hub.sql('leads', `select action, data from audit_entry where entity_type = 'WebhookSubscription' and entity_id = $1 order by seq`, [id]);
    expect(audited.map((a) => a.action)).toEqual(['WEBHOOK_SUBSCRIBED', 'WEBHOOK_TEST_SENT', 'WEBHOOK_SECRET_ROTATED', 'WEBHOOK_TEST_SENT', 'WEBHOOK_UPDATED', 'WEBHOOK_PAUSED', 'WEBHOOK_RESUMED']);
    // The endpoint's origin only: its path and query (a token of the receiver's) stay out of the audit trail.
    expect(JSON.stringify(audited)).not.toContain('receiver-own');
    expect(audited[0].data).toMatchObject({ origin: new URL(receiver.url).origin, region: '140400' });
  });

  it('accepts plain http only outside production', () => {
    const by = { id: 's', name: '主管', agency: 'UNION' as const, region: '140400', roles: ['SUPERVISOR' as const] };
    expect(checkSettings({ url: 'http://receiver.example/hub', eventKinds: ['LEAD_REPORTED'] }, by, false).url).toBe('http://receiver.example/hub');
    expect(checkSettings({ url: 'https://receiver.example/hub', eventKinds: ['LEAD_REPORTED'] }, by, true).url).toBe('https://receiver.example/hub');
    let refused: unknown;
    try {
      checkSettings({ url: 'http://receiver.example/hub', eventKinds: ['LEAD_REPORTED'] }, by, true);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).reason).toBe('WEBHOOK_HTTPS_REQUIRED');
    // Nor the hub's own network, in production.
    for (const inner of ['https://localhost/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.9/x', 'https://[::1]/x', 'https://169.254.169.254/latest']) {
      expect(() => checkSettings({ url: inner, eventKinds: ['LEAD_REPORTED'] }, by, true)).toThrow(expect.objectContaining({ reason: 'WEBHOOK_URL_PRIVATE' }) as Error);
      expect(checkSettings({ url: inner, eventKinds: ['LEAD_REPORTED'] }, by, false).url).toBe(new URL(inner).toString());
    }
  });
});
