import fs from 'node:fs';
import path from 'node:path';
import { startGateway } from '../../gateway/src/gateway';
import { calendar } from '../../lib/calendar/calendar';
import { deadlineSettings } from '../../lib/config';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

const TOKEN = 'metrics-scraper-token-for-the-test-0123456789';
let hub: TestHub;
const interval = process.env.HUB_SCHEDULER_INTERVAL_SECONDS;
beforeAll(async () => {
  // Deadline passes only when a test runs one (the lag gauge shows the last pass).
  process.env.HUB_SCHEDULER_INTERVAL_SECONDS = '0';
  hub = await startHub({ metricsToken: TOKEN });
});
afterAll(async () => {
  await hub?.stop();
  if (interval === undefined) delete process.env.HUB_SCHEDULER_INTERVAL_SECONDS;
  else process.env.HUB_SCHEDULER_INTERVAL_SECONDS = interval;
});

// Only what the leads service answers: the union service is down in one test.
const REPORT_ONLY = 'mutation Report($input: ReportLeadInput!) { reportLead(input: $input) { id } }';
const officer = () => tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
const scrape = async (base: string, token = TOKEN) => fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const metricsOf = async (base: string) => {
  const r = await scrape(base);
  expect(r.status).toBe(200);
  return r.text();
};

/** The value of the sample `name` whose labels include `labels` (Prometheus text format), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  it('answers only the scraper with the bearer token, on the gateway and on every service', async () => {
    for (const base of [hub.gatewayUrl, ...Object.values(hub.services).map((s) => s.url)]) {
      expect((await scrape(base, '')).status).toBe(401);
      expect((await scrape(base, `${TOKEN}x`)).status).toBe(401);
      expect((await scrape(base, 'short')).status).toBe(401);
      const r = await scrape(base);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(await r.text()).toContain('process_cpu_seconds_total');
    }
  });

  it('is off (404) when HUB_METRICS_TOKEN is not set', async () => {
    expect(process.env.HUB_METRICS_TOKEN).toBeUndefined();
    const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    const gateway = await startGateway({ supergraphSdl, serviceUrls: Object.fromEntries(Object.entries(hub.services).map(([n, s]) => [n, s.url])) });
    try {
      expect((await scrape(gateway.url)).status).toBe(404);
      expect((await scrape(gateway.url, '')).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('counts operations by name, errors by code and the calls to each subgraph', async () => {
    const token = officer();
    const before = await metricsOf(hub.gatewayUrl);
    ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token }));
    const refused = await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ workerCount: 0 }) }, { token });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await gql(hub.gatewayUrl, '{ me { id } }', undefined, {});

    const after = await metricsOf(hub.gatewayUrl);
    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('hub_graphql_requests_total', { operation: 'Report', service: 'gateway' })).toBe(2);
    expect(delta('hub_graphql_request_duration_seconds_count', { operation: 'Report' })).toBe(2);
    expect(delta('hub_graphql_errors_total', { operation: 'Report', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(delta('hub_graphql_errors_total', { operation: '(none)', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('hub_subgraph_request_duration_seconds_count', { subgraph: 'leads', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    // The leads subgraph counts the operation the gateway sent it.
    const leads = await metricsOf(hub.services.leads.url);
    expect(sample(leads, 'hub_graphql_errors_total', { service: 'leads', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(sample(leads, 'hub_db_pool_max_connections', { service: 'leads' })).toBe(10);
    expect(sample(leads, 'hub_db_pool_connections', { state: 'used' })).toBeGreaterThanOrEqual(0);
  });

  it('shows undelivered messages and their age rising while a receiver is down, and falling once it is back', async () => {
    const token = officer();
    const waiting = async () => {
      const text = await metricsOf(hub.services.leads.url);
      return {
        count: sample(text, 'hub_outbox_undelivered_messages', { destination: 'union' }),
        age: sample(text, 'hub_outbox_oldest_undelivered_age_seconds', { destination: 'union' }),
        failures: sample(text, 'hub_outbox_delivery_failures_total', { destination: 'union' }) ?? 0,
        dead: sample(text, 'hub_outbox_dead_letters', { destination: 'union' }),
      };
    };
    const calm = await waiting();
    expect(calm).toMatchObject({ count: 0, age: 0, dead: 0 });

    await hub.stopService('union');
    try {
      // Each intake writes a message to the union service (its case on the lead).
      ok(await gql(hub.gatewayUrl, REPORT_ONLY, { input: leadInput() }, { token }));
      const first = await waiting();
      expect(first.count).toBe(1);
      ok(await gql(hub.gatewayUrl, REPORT_ONLY, { input: leadInput() }, { token }));
      const second = await eventually(async () => {
        const now = await waiting();
        expect(now.age).toBeGreaterThan(first.age!);
        return now;
      });
      expect(second.count).toBe(2);
      expect(second.failures).toBeGreaterThan(calm.failures);
    } finally {
      await hub.restartService('union');
    }
    await eventually(async () => expect(await waiting()).toMatchObject({ count: 0, age: 0, dead: 0 }));
  });

  it('shows no download in flight once a report has been downloaded', async () => {
    const r = await fetch(`${hub.gatewayUrl}/reports/monthly-lead-summary.csv?month=2026-10`, { headers: { authorization: `Bearer ${officer()}` } });
    expect(r.status).toBe(200);
    await r.text();
    await eventually(async () => {
      expect(sample(await metricsOf(hub.gatewayUrl), 'hub_report_downloads_in_flight')).toBe(0);
      expect(sample(await metricsOf(hub.services.leads.url), 'hub_report_downloads_in_flight')).toBe(0);
    });
  });

  it('shows how late the last deadline pass fired, and what it fired', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_ONLY, { input: leadInput() }, { token: officer() })).reportLead as { id: string };
    const sent = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { requestedAt } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: officer() })).transferLead;
    const before = await metricsOf(hub.services.leads.url);
    // Ten hours after the 受理期限 (5 working days) ran out.
    const deadline = calendar.dueAt(new Date(sent.requestedAt), deadlineSettings().acceptWorkingDays);
    await hub.services.leads.scheduler.runOnce(new Date(deadline.getTime() + 10 * 3_600_000));
    const after = await metricsOf(hub.services.leads.url);
    expect(sample(after, 'hub_scheduler_lag_seconds', { service: 'leads' })).toBeGreaterThanOrEqual(36_000);
    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('hub_scheduler_fired_total', { kind: 'TRANSFER_ESCALATED' })).toBe(1);
    expect(delta('hub_scheduler_passes_total', { outcome: 'ran' })).toBe(1);
  });
});
