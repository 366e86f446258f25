/**
 * Idempotency-Key: a clerk who clicks twice, a client that retries after a timeout, copies that
 * arrive at once on two replicas behind two gateways: one effect, the first answer every time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startService, type RunningService } from '../../lib/service';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import { SERVICES } from '../../services/registry';
import { day } from '../support/arbitraries';
import { createHubClient, type TypedOperation } from '../../client';
import { eventually, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';

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

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'idem-union', roles: ['INTAKE', 'HANDLER', 'SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'idem-insp' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'idem-proc' });
const gateways = () => [hub.gatewayUrl, gateway2.url];

async function post(url: string, token: string, query: string, variables: Record<string, unknown>, key?: string, signal?: AbortSignal): Promise<GraphQLResponse & { replayed: string | null }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  return { ...((await res.json()) as GraphQLResponse), status: res.status, replayed: res.headers.get('idempotent-replayed') };
}
const call = (token: string, query: string, variables: Record<string, unknown> = {}) => post(hub.gatewayUrl, token, query, variables);

/** Eight copies of one request with one key, at once, spread over both gateways (and so both replicas). */
const eightCopies = (token: string, query: string, variables: Record<string, unknown>, key = `"${randomUUID()}"`) =>
  Promise.all(Array.from({ length: 8 }, (_, i) => post(gateways()[i % 2], token, query, variables, key)));

const DEPOSIT = 'mutation($a: Money!) { depositToReliefFund(regionCode: "140400", amount: $a, note: "周转金") { balance ledger(first: 1) { kind amount balanceAfter } } }';
const ADVANCE = 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id amount outstanding } }';
const RECOVERY = 'mutation($id: ID!, $a: Money!) { recordAdvanceRecovery(advanceId: $id, amount: $a) { id recovered outstanding } }';

async function newLead(over: Record<string, unknown> = {}) {
  return ok(await call(union, 'mutation($input: ReportLeadInput!) { reportLead(input: $input) { id } }', { input: leadInput({ employerCreditCode: null, employerName: `某劳务公司${randomUUID().slice(0, 6)}`, ...over }) })).reportLead.id as string;
}
async function acceptedBy(leadId: string, to: 'INSPECTION' | 'PROCURATORATE', token: string) {
  const t = ok(await call(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to, kind: to === 'INSPECTION' ? 'REFERRAL' : 'SUPPORT_TO_SUE', reason: '请依法处理' } })).transferLead.id;
  await eventually(async () => ok(await call(token, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t })));
}
const fundMovements = async (kind: string) => Number((await hub.sql<{ n: string }>('union', 'select count(*) as n from fund_movement where kind = $1', [kind]))[0].n);

/** Every copy got the same answer, with data and no error. */
function expectOneAnswer(rs: (GraphQLResponse & { replayed: string | null })[]) {
  expect(rs.map((r) => r.errors ?? [])).toEqual(rs.map(() => []));
  expect(rs.map((r) => JSON.stringify(r.data))).toEqual(rs.map(() => JSON.stringify(rs[0].data)));
  // One of them did it; the others were told they got its answer again.
  expect(rs.filter((r) => r.replayed === 'true')).toHaveLength(7);
}

describe('Idempotency-Key on mutations', () => {
  it('eight identical deposits at once with one key: one deposit, eight times the same answer', async () => {
    const before = await fundMovements('DEPOSIT');
    const rs = await eightCopies(union, DEPOSIT, { a: '3000.00' });
    expectOneAnswer(rs);
    expect(await fundMovements('DEPOSIT')).toBe(before + 1);
    expect(rs[0].data.depositToReliefFund.ledger[0]).toMatchObject({ kind: 'DEPOSIT', amount: '3000.00' });
    // Without a key, two deposits are two deposits.
    ok(await call(union, DEPOSIT, { a: '3000.00' }));
    ok(await call(union, DEPOSIT, { a: '3000.00' }));
    expect(await fundMovements('DEPOSIT')).toBe(before + 3);
  });

  it('eight identical advances and then recoveries with one key each: one advance, one recovery', async () => {
    ok(await call(union, DEPOSIT, { a: '100000.00' }));
    const leadId = await newLead();
    const advances = await eightCopies(union, ADVANCE, { id: leadId, input: { amount: '3000.00', workerCount: 2, recoveryAgreementNo: 'ZC-IDEM-1', fundRegionCode: '140400' } });
    expectOneAnswer(advances);
    expect(await hub.sql('union', 'select amount_fen::text as a from wage_advance where lead_id = $1', [leadId])).toEqual([{ a: '300000' }]);

    const advanceId = advances[0].data.grantWageAdvance.id;
    const recoveries = await eightCopies(union, RECOVERY, { id: advanceId, a: '1000.00' });
    expectOneAnswer(recoveries);
    expect(recoveries[0].data.recordAdvanceRecovery).toEqual({ id: advanceId, recovered: '1000.00', outstanding: '2000.00' });
    expect(await hub.sql('union', `select count(*)::int as n from fund_movement where advance_id = $1 and kind = 'RECOVERY'`, [advanceId])).toEqual([{ n: 1 }]);
  });

  it('eight identical order payments with one key: one payment of 3,000.00, not six', async () => {
    const leadId = await newLead();
    await acceptedBy(leadId, 'INSPECTION', inspector);
    const orderId = ok(await call(inspector, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "89195.00", payBy: "${day(5)}" }) { paymentOrders { id } } }`, { id: leadId })).issuePaymentOrder.paymentOrders[0].id;
    const rs = await eightCopies(inspector, 'mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { paymentOrders { id paid outstanding } } }', { o: orderId, a: '3000.00', d: day(0) });
    expectOneAnswer(rs);
    expect(rs[0].data.recordOrderPayment.paymentOrders).toEqual([{ id: orderId, paid: '3000.00', outstanding: '86195.00' }]);
    expect(await hub.sql('inspection', 'select amount_fen::text as a from order_payment where order_id = $1', [orderId])).toEqual([{ a: '300000' }]);
  });

  it('eight identical installment payments with one key: one payment', async () => {
    const leadId = await newLead();
    await acceptedBy(leadId, 'PROCURATORATE', prosecutor);
    ok(await call(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "支持起诉" }) { transferState } }', { id: leadId }));
    ok(await call(prosecutor, `mutation($id: ID!) { recordCourtFiling(leadId: $id, input: { court: "长治市潞州区人民法院", docketNo: "(2026)晋0403民初${randomUUID().slice(0, 4)}号", filedOn: "${day(0)}" }) { transferState } }`, { id: leadId }));
    const installments = ok(
      await call(prosecutor, `mutation($id: ID!) { recordCourtOutcome(leadId: $id, input: { kind: MEDIATED, decidedOn: "${day(0)}", totalAmount: "29195.00", installments: [{ dueOn: "${day(0)}", amount: "9195.00" }, { dueOn: "${day(30)}", amount: "20000.00" }], jointlyLiable: [{ name: "长治市某建筑劳务有限公司" }] }) { installments { id } } }`, { id: leadId }),
    ).recordCourtOutcome.installments;
    const rs = await eightCopies(prosecutor, 'mutation($i: ID!, $a: Money!, $d: Date!) { recordInstallmentPayment(installmentId: $i, amount: $a, paidOn: $d) { amountPaid } }', { i: installments[1].id, a: '3000.00', d: day(0) });
    expectOneAnswer(rs);
    expect(await hub.sql('litigation', 'select amount_fen::text as a from installment_payment where installment_id = $1', [installments[1].id])).toEqual([{ a: '300000' }]);
  });

  it('the same key with other variables or another operation is refused as CONFLICT, and writes nothing', async () => {
    const key = randomUUID();
    const first = await post(hub.gatewayUrl, union, DEPOSIT, { a: '10.00' }, key);
    expect(first.errors).toBeUndefined();
    const before = await fundMovements('DEPOSIT');
    for (const [query, variables] of [
      [DEPOSIT, { a: '11.00' }],
      ['mutation($a: Money!) { depositToReliefFund(regionCode: "140400", amount: $a, note: "另一笔") { balance } }', { a: '10.00' }],
    ] as const) {
      const r = await post(gateway2.url, union, query, variables, key);
      expect(r.data?.depositToReliefFund ?? null).toBeNull();
      expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']]);
    }
    expect(await fundMovements('DEPOSIT')).toBe(before);
    // The same request again still gets its first answer.
    expect((await post(hub.gatewayUrl, union, DEPOSIT, { a: '10.00' }, key)).data).toEqual(first.data);
  });

  it("keys are the caller's own: another staff member's same key is another request", async () => {
    const other = tokenFor({ agency: 'UNION', region: '140400', id: 'idem-union-2', roles: ['SUPERVISOR'] });
    const key = randomUUID();
    const before = await fundMovements('DEPOSIT');
    ok(await post(hub.gatewayUrl, union, DEPOSIT, { a: '20.00' }, key));
    ok(await post(hub.gatewayUrl, other, DEPOSIT, { a: '20.00' }, key));
    expect(await fundMovements('DEPOSIT')).toBe(before + 2);
  });

  it('a client that timed out and retries with its key gets the first answer, and one effect', async () => {
    ok(await call(union, DEPOSIT, { a: '1.00' }));
    const before = await fundMovements('DEPOSIT');
    const key = randomUUID();
    // Hold the fund's row so the first deposit is stuck in its transaction.
    const holder = new Client({ connectionString: hub.databaseUrl('union') });
    await holder.connect();
    const waitingOn = async (what: RegExp, n: number) =>
      eventually(async () => {
        const rows = await hub.sql<{ query: string }>('union', `select query from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        expect(rows.filter((r) => what.test(r.query)).length).toBeGreaterThanOrEqual(n);
      });
    try {
      await holder.query('begin');
      await holder.query(`select 1 from relief_fund where region_code = '140400' for update`);
      const client = new AbortController();
      const first = post(hub.gatewayUrl, union, DEPOSIT, { a: '500.00' }, key, client.signal).then(() => 'answered', (e: Error) => e.name);
      await waitingOn(/relief_fund/, 1);
      client.abort(); // the client gives up; the hub does not know
      expect(await first).toBe('AbortError');
      const retry = post(gateway2.url, union, DEPOSIT, { a: '500.00' }, key);
      await waitingOn(/idempotency_key/, 1); // the retry waits for the first one's outcome
      await holder.query('commit');
      const answer = await retry;
      expect(answer.errors).toBeUndefined();
      expect(answer.replayed).toBe('true');
      expect(answer.data.depositToReliefFund.ledger[0]).toMatchObject({ kind: 'DEPOSIT', amount: '500.00' });
      // The answer is the first deposit's: the balance right after it.
      const [{ balance }] = await hub.sql<{ balance: string }>('union', `select balance_after_fen::text as balance from fund_movement where kind = 'DEPOSIT' and amount_fen = 50000 order by id desc limit 1`);
      expect(answer.data.depositToReliefFund.ledger[0].balanceAfter.replace('.', '')).toBe(String(Number(balance)));
      expect(await fundMovements('DEPOSIT')).toBe(before + 1);
    } finally {
      await holder.end();
    }
  });

  it('a refusal uses no key up: once the cause is gone, the same request with its key goes through', async () => {
    const leadId = await newLead({ amountOwed: '1000.00' });
    const key = randomUUID();
    const input = { id: leadId, input: { amount: '1500.00', workerCount: 1, recoveryAgreementNo: 'ZC-IDEM-2', fundRegionCode: '140400' } };
    const refused = await post(hub.gatewayUrl, union, ADVANCE, input, key);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.sql('union', 'select count(*)::int as n from idempotency_key where key = $1', [key])).toEqual([{ n: 0 }]);
    input.input.amount = '900.00';
    const other = await post(hub.gatewayUrl, union, ADVANCE, input, randomUUID());
    expect(other.errors).toBeUndefined();
  });

  it('an unusable key is refused before anything runs (HTTP 400)', async () => {
    for (const key of ['', '"unterminated', 'x'.repeat(256), '"a\tb"']) {
      const r = await post(hub.gatewayUrl, union, DEPOSIT, { a: '1.00' }, key);
      expect([r.status, r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.reason]).toEqual([400, 'BAD_REQUEST', 'IDEMPOTENCY_KEY_INVALID']);
    }
    // The draft's quoted form and a bare UUID are the same key.
    const key = randomUUID();
    const a = await post(hub.gatewayUrl, union, DEPOSIT, { a: '2.00' }, `"${key}"`);
    const b = await post(gateway2.url, union, DEPOSIT, { a: '2.00' }, key);
    expect([a.errors, b.replayed, b.data]).toEqual([undefined, 'true', a.data]);
  });

  it('queries ignore the key', async () => {
    const key = randomUUID();
    const q = '{ reliefFund(regionCode: "140400") { balance } }';
    ok(await post(hub.gatewayUrl, union, q, {}, key));
    ok(await call(union, DEPOSIT, { a: '3.00' }));
    const again = ok(await post(hub.gatewayUrl, union, q, {}, key));
    expect(again.reliefFund.balance).not.toBeNull();
    expect(await hub.sql('union', 'select count(*)::int as n from idempotency_key where key = $1', [key])).toEqual([{ n: 0 }]);
  });

  it('the typed client sends one key per submission and, when the answer is lost, sends it again with that key: one effect', async () => {
    const before = await fundMovements('DEPOSIT');
    const keys: (string | null)[] = [];
    let lose = 1;
    const hubClient = createHubClient({
      url: `${hub.gatewayUrl}/graphql`,
      token: union,
      // The request reaches the hub and is done there; the answer never reaches the client.
      fetch: async (input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        const res = await fetch(input, init);
        if (lose-- > 0) throw new TypeError('fetch failed: the connection was reset');
        return res;
      },
    });
    const deposit = DEPOSIT as TypedOperation<{ depositToReliefFund: { balance: string } }, { a: string }>;
    const answer = await hubClient.request(deposit, { a: '700.00' });
    expect(answer.depositToReliefFund.balance).toMatch(/^\d+\.\d\d$/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await fundMovements('DEPOSIT')).toBe(before + 1);
    // Answered: the same deposit once more is a new submission, with a new key.
    await hubClient.request(deposit, { a: '700.00' });
    expect(keys[2]).not.toBe(keys[0]);
    expect(await fundMovements('DEPOSIT')).toBe(before + 2);
  });
});
