import { Client } from 'pg';
import { startHub, testDatabasePrefix, tokenFor, gql, ok, type TestHub } from '../support/hub';
import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import { seed } from '../../scripts/seed';
import { UNREAD_COUNT_MAX } from '../../lib/vocabulary/notifications';
import { shanghaiDate } from '../../lib/dates';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * `npm run seed` on fresh databases, then the hub on them: what staff would see must agree between
 * the registry and each agency's own case, and the same seed must give the same data.
 */
const LEADS = 2_000;
const SEED = 11;

const urls = (prefix: string) =>
  Object.fromEntries(
    SERVICE_NAMES.map((n) => {
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${prefix}${n}`;
      return [n, u.toString()];
    }),
  ) as Record<ServiceName, string>;

async function query<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Every table's row count and a checksum of its contents. */
async function fingerprint(databases: Record<ServiceName, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of SERVICE_NAMES) {
    const tables = await query<{ t: string }>(databases[n], `select tablename as t from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1`);
    for (const { t } of tables) {
      const [r] = await query<{ n: string; sum: string }>(databases[n], `select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from "${t}" x`);
      out[`${n}.${t}`] = `${r.n}:${r.sum}`;
    }
  }
  return out;
}

let hub: TestHub;
let db: Record<ServiceName, string>;
let to: string;
let from: string;

beforeAll(async () => {
  await clearOfShanghaiMidnight();
  to = shanghaiDate(new Date(Date.now() - 86_400_000));
  from = shanghaiDate(new Date(Date.now() - 500 * 86_400_000));
  const prefix = testDatabasePrefix();
  db = urls(prefix);
  await seed({ count: LEADS, seed: SEED, from, to, batchSize: 700, databaseUrls: db });
  hub = await startHub({ databasePrefix: prefix });
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);

afterAll(async () => {
  await hub?.stop();
});

const LEAD_PAGE = `query($id: ID!) { lead(id: $id) {
  referenceNo
  agencies { agency transferState feedbackState closureState }
  union { transferState feedbackState closureState closure { reason amountRecovered workersPaid } mediations { outcome agreedPayBy } brokenAgreement advances { amount } }
  inspection { transferState feedbackState closureState closure { reason amountRecovered workersPaid } firstContactAt paymentOrders { amount paid overdue } callbacks { wagesPaid } evidenceChecklist { payrollLedgerReceivedOn payrollLedgerSettled } }
  support { transferState feedbackState closureState closure { reason amountRecovered workersPaid } decision { supported } installments { amount paid overdue } }
  court { transferState feedbackState closureState closure { reason amountRecovered workersPaid } }
} }`;
const FIELD: Record<string, string> = { UNION: 'union', INSPECTION: 'inspection', PROCURATORATE: 'support', COURT: 'court' };

describe('a seeded hub', () => {
  it("shows on each lead every agency's case in the states the registry holds, closed with the same reason and amount", async () => {
    // Leads with several agencies, and ones every agency closed, across the flows.
    const sample = await query<{ id: string; region_code: string; agency: string }>(
      db.leads,
      `(select distinct on (la.agency, la.transfer_state, la.closure_state) l.id, l.region_code, la.agency from lead l join lead_agency la on la.lead_id = l.id
         order by la.agency, la.transfer_state, la.closure_state, l.reference_no)`,
    );
    expect(sample.length).toBeGreaterThanOrEqual(15);
    for (const s of sample) {
      const token = tokenFor({ agency: s.agency as never, region: s.region_code, roles: ['HANDLER'] });
      const lead = ok(await gql(hub.gatewayUrl, LEAD_PAGE, { id: s.id }, { token })).lead;
      const registry = await query(db.leads, `select agency, closure_reason, amount_recovered_fen::text as fen, workers_paid from lead_agency where lead_id = $1`, [s.id]);
      expect(lead.agencies.length).toBe(registry.length);
      for (const a of lead.agencies) {
        const own = lead[FIELD[a.agency]];
        expect({ agency: a.agency, ...pick(own, ['transferState', 'feedbackState', 'closureState']) }).toEqual(a);
        const r = registry.find((x) => x.agency === a.agency)!;
        if (a.closureState === 'CLOSED') {
          expect(own.closure).toEqual({ reason: r.closure_reason, amountRecovered: (Number(r.fen) / 100).toFixed(2), workersPaid: r.workers_paid });
        } else {
          expect(own.closure).toBeNull();
        }
      }
    }
  });

  it('shows inspection casework on the cases inspection took on: first contact, payment orders, a callback and the payroll ledger before closing', async () => {
    const [c] = await query(db.leads, `select l.id, l.region_code, l.amount_owed_fen::text as owed, la.amount_recovered_fen::text as rec from lead l join lead_agency la on la.lead_id = l.id
      where la.agency = 'INSPECTION' and la.closure_state = 'CLOSED' and la.closure_reason = 'PAID_IN_FULL' and la.transfer_state = 'ACCEPTED' order by l.reference_no limit 1`);
    const token = tokenFor({ agency: 'INSPECTION', region: c.region_code, roles: ['HANDLER'] });
    const { inspection } = ok(await gql(hub.gatewayUrl, LEAD_PAGE, { id: c.id }, { token })).lead;
    const owed = (Number(c.owed) / 100).toFixed(2);
    expect(inspection.closure.amountRecovered).toBe(owed);
    expect(inspection.firstContactAt).not.toBeNull();
    expect(inspection.paymentOrders).toEqual([{ amount: owed, paid: owed, overdue: false }]);
    expect(inspection.callbacks).toEqual([{ wagesPaid: true }]);
    expect(inspection.evidenceChecklist).toMatchObject({ payrollLedgerReceivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), payrollLedgerSettled: true });
  });

  it('lists lawsuits with overdue installments for prosecutors, as the registry counts missed installments', async () => {
    const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '000000', roles: ['HANDLER'] });
    const r = ok(
      await gql(
        hub.gatewayUrl,
        `{ supportCases(filter: { hasOverdueInstallments: true }, first: 50) { totalCount edges { node { outcome { kind totalAmount } installments { amount paid overdue } amountOutstanding lead { referenceNo } } } } }`,
        {},
        { token: prosecutor },
      ),
    ).supportCases;
    const [{ n }] = await query<{ n: number }>(db.leads, `select count(distinct lead_id)::int as n from risk_signal where kind = 'INSTALLMENT' and outstanding_fen > 0 and due_on < $1`, [shanghaiDate(new Date())]);
    expect(n).toBeGreaterThan(0);
    expect(r.totalCount).toBe(n);
    for (const { node } of r.edges) {
      expect(node.installments.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
      const total = node.installments.reduce((s: number, i: { amount: string }) => s + Math.round(Number(i.amount) * 100), 0);
      expect((total / 100).toFixed(2)).toBe(node.outcome.totalAmount);
    }
  });

  it("fills the inbox of an agency with transfers waiting for it", async () => {
    const [p] = await query(db.leads, `select to_agency, count(*)::int as n from transfer where status = 'REQUESTED' group by 1 order by 2 desc limit 1`);
    expect(p?.n).toBeGreaterThan(0);
    const token = tokenFor({ agency: p.to_agency, region: '000000', roles: ['HANDLER'] });
    const inbox = ok(await gql(hub.gatewayUrl, `{ transferInbox(first: 100) { edges { node { id kind lead { referenceNo } } } } }`, {}, { token })).transferInbox;
    expect(inbox.edges.length).toBe(p.n);
  });

  it('tells each receiving unit of its transfers, and each sender of the answers, as the registry would', async () => {
    const [p] = await query(db.leads, `select to_agency, count(*)::int as n from transfer group by 1 order by 2 desc limit 1`);
    const [answered] = await query(db.leads, `select count(*)::int as n from transfer where from_agency = $1 and responded_at is not null`, [p.to_agency]);
    const token = tokenFor({ agency: p.to_agency, region: '000000', roles: ['HANDLER'] });
    const { unreadNotificationCount, notifications } = ok(await gql(hub.gatewayUrl, `{ unreadNotificationCount notifications(first: 5) { edges { node { kind referenceNo text } } } }`, {}, { token, language: 'zh-CN' }));
    expect(unreadNotificationCount).toBe(Math.min(p.n + answered.n, UNREAD_COUNT_MAX));
    expect(notifications.edges[0].node.text).toMatch(/^线索 QX-\d{6}-\d{4}-\d{6}：/);
  });

  it('shows a county relief fund whose ledger adds up to its balance', async () => {
    const [f] = await query(db.union, `select region_code from relief_fund order by recovered_total_fen desc limit 1`);
    const token = tokenFor({ agency: 'UNION', region: f.region_code, roles: ['SUPERVISOR'] });
    const fund = ok(await gql(hub.gatewayUrl, `query($r: String!) { reliefFund(regionCode: $r) { balance ledger(first: 1000) { kind amount balanceAfter } } }`, { r: f.region_code }, { token })).reliefFund;
    const net = fund.ledger.reduce((s: number, m: { kind: string; amount: string }) => s + (m.kind === 'ADVANCE' ? -1 : 1) * Math.round(Number(m.amount) * 100), 0);
    expect((net / 100).toFixed(2)).toBe(fund.balance);
    expect(fund.ledger[0].balanceAfter).toBe(fund.balance);
    expect(fund.ledger.every((m: { balanceAfter: string }) => Number(m.balanceAfter) >= 0)).toBe(true);
    expect(new Set(fund.ledger.map((m: { kind: string }) => m.kind))).toEqual(new Set(['DEPOSIT', 'ADVANCE', 'RECOVERY']));
  });

  it('puts employers with broken commitments on the watch list', async () => {
    const viewer = tokenFor({ agency: 'INSPECTION', region: '000000', roles: ['VIEWER'] });
    const list = ok(await gql(hub.gatewayUrl, `{ employerWatchList(first: 20) { risk signals { kind } } }`, {}, { token: viewer })).employerWatchList;
    expect(list[0].risk).toBe('EXPLICIT');
    expect(list.flatMap((e: { signals: { kind: string }[] }) => e.signals.map((s) => s.kind))).toContain('OVERDUE_PAYMENT_ORDER');
  });

  it('leaves nothing in any outbox', async () => {
    for (const n of SERVICE_NAMES) {
      expect(await query(db[n], `select count(*)::int as n from outbox_message where delivered_at is null`)).toEqual([{ n: 0 }]);
    }
  });

  it('gives the same data for the same seed', async () => {
    const again = urls(testDatabasePrefix());
    await seed({ count: LEADS, seed: SEED, from, to, batchSize: 700, databaseUrls: again });
    expect(await fingerprint(again)).toEqual(await fingerprint(db));
  });
});

function pick(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
