import fs from 'node:fs';
import path from 'node:path';
import { startService, type RunningService } from '../../lib/service';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import { SERVICES } from '../../services/registry';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

/**
 * Two instances of every subgraph and two gateways on the same databases: the second set sends
 * its outbox to the second instances, the first to the first, as a load balancer would spread it.
 */
let hub: TestHub;
let gateway2: RunningGateway;
const second = {} as Record<ServiceName, RunningService>;

beforeAll(async () => {
  hub = await startHub();
  await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      second[name] = await startService(SERVICES[name], { databaseUrl: hub.databaseUrl(name), port: 0, resolveUrl: (s) => (second[s as ServiceName] ?? hub.services[s as ServiceName]).url, outboxPollMs: 100, outboxMaxBackoffMs: 400 });
    }),
  );
  gateway2 = await startGateway({
    supergraphSdl: fs.readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'),
    serviceUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, second[n].url])),
  });
});
afterAll(async () => {
  await gateway2?.stop();
  await Promise.allSettled(SERVICE_NAMES.map((n) => second[n]?.stop()));
  await hub?.stop();
});

const union = tokenFor({ agency: 'UNION', region: '140400' });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', roles: ['SUPERVISOR'] });
const inspectorA = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-a' });
const inspectorB = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-b' });
const gateways = () => [hub.gatewayUrl, gateway2.url];
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ? String(r.errors[0].extensions?.code) : 'OK');

async function drained() {
  await eventually(async () => {
    for (const n of SERVICE_NAMES) {
      const [{ n: left }] = await hub.sql<{ n: string }>(n, 'select count(*) as n from outbox_message where delivered_at is null');
      expect(`${n}: ${left}`).toBe(`${n}: 0`);
    }
  }, { timeoutMs: 15_000 });
}

describe('two instances of every service', () => {
  it('starts replicas on a fresh database together: one migrates, the other waits', async () => {
    const url = hub.databaseUrl('union').replace(/_union$/, '_union_replicas');
    const pair = await Promise.all([0, 1].map(() => startService(SERVICES.union, { databaseUrl: url, port: 0, resolveUrl: (s) => hub.services[s as ServiceName].url })));
    await Promise.all(pair.map((s) => s.stop()));
  });

  it('accepts each transfer exactly once when both inspectors race through different gateways', async () => {
    const leads = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const id = ok(await gql(gateways()[i % 2], REPORT_LEAD, { input: leadInput({ employerName: `某劳务公司${i}`, employerCreditCode: null }) }, { token: union })).reportLead.id as string;
        const t = ok(await gql(gateways()[(i + 1) % 2], 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union })).transferLead.id as string;
        return { id, t };
      }),
    );
    const accept = (url: string, token: string, id: string) => gql(url, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id }, { token });
    const results = await Promise.all(leads.flatMap(({ t }) => [accept(hub.gatewayUrl, inspectorA, t), accept(gateway2.url, inspectorB, t)]));
    for (let i = 0; i < leads.length; i++) {
      const pair = [codeOf(results[2 * i]), codeOf(results[2 * i + 1])].sort();
      expect(pair[0]).toBe('INVALID_TRANSITION');
      expect(pair[1]).toBe('OK');
    }
    await drained();
    const ids = leads.map((l) => l.id);
    const cases = await hub.sql<{ lead_id: string; handler: string; transfer_state: string }>('inspection', 'select lead_id, handler, transfer_state from inspection_case where lead_id = any($1::uuid[])', [ids]);
    expect(cases).toHaveLength(8);
    expect(cases.every((c) => c.transfer_state === 'ACCEPTED' && ['insp-a', 'insp-b'].includes(c.handler))).toBe(true);
    const opened = await hub.sql<{ lead_id: string; n: string }>('leads', `select lead_id, count(*) as n from timeline_entry where lead_id = any($1::uuid[]) and kind in ('CASE_OPENED', 'TRANSFER_ACCEPTED') group by lead_id, kind`, [ids]);
    expect(opened).toHaveLength(16);
    expect(opened.every((r) => r.n === '1')).toBe(true);
  });

  it('never overdraws a relief fund when advances race through both gateways', async () => {
    ok(await gql(gateway2.url, 'mutation { depositToReliefFund(regionCode: "140400", amount: "1000.00", note: "拨付") { balance } }', {}, { token: supervisor }));
    const leadIds = await Promise.all(Array.from({ length: 6 }, async (_, i) => ok(await gql(gateways()[i % 2], REPORT_LEAD, { input: leadInput({ employerName: `某建筑公司${i}`, employerCreditCode: null }) }, { token: union })).reportLead.id as string));
    const grant = (url: string, leadId: string) =>
      gql(url, 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id } }', { id: leadId, input: { amount: '150.00', workerCount: 1, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400' } }, { token: union });
    const results = await Promise.all(leadIds.flatMap((id) => [grant(hub.gatewayUrl, id), grant(gateway2.url, id)]));
    const granted = results.filter((r) => !r.errors).length;
    expect(granted).toBe(6);
    expect(results.filter((r) => r.errors).every((r) => codeOf(r) === 'BAD_USER_INPUT' || codeOf(r) === 'INVALID_TRANSITION')).toBe(true);
    const fund = ok(await gql(hub.gatewayUrl, '{ reliefFund(regionCode: "140400") { balance advancedTotal ledger { kind } } }', {}, { token: supervisor })).reliefFund;
    expect(fund).toMatchObject({ balance: '100.00', advancedTotal: '900.00' });
    expect(fund.ledger).toHaveLength(1 + granted);
    await drained();
  });
});
