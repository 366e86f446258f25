/**
 * `npm run bench` in miniature, so it cannot rot: the same harness, in process against startHub(),
 * eight requests per operation at two clients on a few dozen leads, on our gateway, Hive Gateway
 * and the subgraphs alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { SERVICE_NAMES, internalSecret, jwtSecret } from '../../lib/config';
import { startHiveGateway } from '../../scripts/bench/hive-gateway';
import { readPools, runBench, SEED_FIRST, type BenchPlan } from '../../scripts/bench/run';
import type { HubEndpoints, OpResult } from '../../scripts/bench/harness';
import { OPERATION_NAMES } from '../../scripts/bench/operations';

const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
let hub: TestHub;
let hive: { url: string; stop(): Promise<void> } | undefined;
let endpoints: HubEndpoints;

const plan = (over: Partial<BenchPlan>): BenchPlan => ({
  targets: ['apollo'],
  connections: 2,
  // A fixed number of requests rather than a time, so a slow machine runs them all the same.
  durationSec: 0,
  requests: 8,
  warmupSec: 0,
  countSql: true,
  jwtSecret: jwtSecret(),
  ...over,
});

beforeAll(async () => {
  hub = await startHub();
  const subgraphs = Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].url])) as HubEndpoints['subgraphs'];
  hive = await startHiveGateway({ supergraphSdl: supergraphSdl, serviceUrls: subgraphs, port: 0 });
  endpoints = { gateways: { apollo: hub.gatewayUrl, hive: hive.url }, subgraphs, supergraphSdl: supergraphSdl, internalSecret: internalSecret() };
});
afterAll(async () => {
  await hive?.stop();
  await hub?.stop();
});

it('refuses an empty database and says how to seed it', async () => {
  await expect(readPools(hub.databaseUrl('leads'), 10)).rejects.toThrow(SEED_FIRST);
});

describe('with a few dozen leads', () => {
  beforeAll(async () => {
    // 30 open union leads in Shanxi, every third one referred to inspection (the inbox has work).
    const union = tokenFor({ agency: 'UNION', region: '140000' });
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const { reportLead } = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: `冒烟测试用人单位${batch * 10 + i}`, employerCreditCode: null }) }, { token: union }));
          if (i % 3 === 0) {
            ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: reportLead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
          }
        }),
      );
    }
  });

  it('runs every operation on every target with no error, and counts the SQL each cost every subgraph', async () => {
    // Every lead is open: a list of closed ones would be empty and cheaper.
    const pools = { ...(await readPools(hub.databaseUrl('leads'), 8)), closureStates: ['OPEN'] };
    expect(pools.leadCount).toBe(30);
    const { results, plans } = await runBench(endpoints, pools, plan({ targets: ['apollo', 'direct', 'hive'] }));

    expect(results.map((r) => `${r.target} ${r.op}`)).toEqual(['apollo', 'direct', 'hive'].flatMap((t) => OPERATION_NAMES.map((o) => `${t} ${o}`)));
    expect(results.filter((r) => r.errors || !r.requests).map((r) => `${r.target} ${r.op}: ${r.requests} requests, ${r.errors} errors ${r.firstError ?? ''}`)).toEqual([]);
    for (const r of results) {
      expect(r.note).toBeUndefined();
      const steps = r.op === 'transferAccept' ? ['transferLead', 'acceptTransfer'] : [r.op === 'leadPage' ? 'lead' : r.op === 'leadList' ? 'leads' : r.op];
      expect(Object.keys(r.cost).sort()).toEqual(steps.sort());
      for (const cost of Object.values(r.cost)) {
        expect(Object.keys(cost.sql).sort()).toEqual([...SERVICE_NAMES].sort());
        expect(cost.sql.leads).toBeGreaterThan(0);
      }
    }
    // The replay asks the subgraphs exactly what our gateway asked: the same calls, the same SQL.
    const of = (target: string, op: string) => results.find((r) => r.target === target && r.op === op)!;
    for (const op of ['leadList', 'transferInbox'] as const) {
      const [direct, apollo] = [of('direct', op).cost, of('apollo', op).cost];
      expect(Object.values(direct).map((c) => [c.sql, c.calls])).toEqual(Object.values(apollo).map((c) => [c.sql, c.calls]));
    }
    expect(plans?.lead).toContain('leads');
  });

  it('a list of 30 leads costs each subgraph the same SQL as a list of 10', async () => {
    const pools = { ...(await readPools(hub.databaseUrl('leads'), 30)), closureStates: ['OPEN'] };
    const cost = async (listSize: number): Promise<OpResult['cost']> => (await runBench(endpoints, pools, plan({ ops: ['leadList'], listSize }))).results[0].cost;
    const ten = await cost(10);
    const thirty = await cost(50); // all 30 leads
    expect(ten.leads.constant).toBe(true);
    expect(thirty.leads.sql).toEqual(ten.leads.sql);
    expect(thirty.leads.calls).toEqual(ten.leads.calls);
  });
});
