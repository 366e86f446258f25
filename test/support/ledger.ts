import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import { eventually, gql, ok, type TestHub } from './hub';

type Agency = 'UNION' | 'INSPECTION' | 'PROCURATORATE' | 'COURT';
const CASE_TABLE: Record<Agency, [ServiceName, string]> = {
  UNION: ['union', 'union_case'],
  INSPECTION: ['inspection', 'inspection_case'],
  PROCURATORATE: ['litigation', 'support_case'],
  COURT: ['litigation', 'court_case'],
};

/**
 * What a test was told it did: the leads, transfers, feedback and money movements whose commands
 * were answered with success. After a fault each must be there exactly once; commands answered
 * with an error may or may not have happened (the reply can be lost after the commit), but never
 * twice.
 */
export class Ledger {
  readonly leads = new Map<string, Set<Agency>>();
  readonly transfers = new Map<string, { leadId: string; to: Agency; status: string; feedback: number }>();
  /** Wage advances granted, by id. */
  readonly advances = new Set<string>();
  /** Payments recorded against payment orders, by order id. */
  readonly orderPayments = new Map<string, number>();
  /** Deposits into relief funds: how many, per region. */
  readonly deposits = new Map<string, number>();

  lead(id: string, agency: Agency): void {
    this.leads.set(id, new Set([agency]));
  }

  transfer(id: string, leadId: string, to: Agency): void {
    this.transfers.set(id, { leadId, to, status: 'REQUESTED', feedback: 0 });
    this.leads.get(leadId)?.add(to);
  }
}

const group = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** Every outbox is empty, and each service's inbox holds exactly the messages sent to it. */
export async function expectAllDelivered(hub: TestHub, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      for (const s of SERVICE_NAMES) expect(await hub.sql(s, 'select id, destination, attempts, last_error from outbox_message where delivered_at is null')).toEqual([]);
    },
    { timeoutMs, intervalMs: 200 },
  );
  const sent = (await Promise.all(SERVICE_NAMES.map((s) => hub.sql<{ id: string; destination: string }>(s, 'select id, destination from outbox_message')))).flat();
  for (const s of SERVICE_NAMES) {
    const inbox = (await hub.sql<{ id: string }>(s, 'select id from inbox_message')).map((r) => r.id).sort();
    expect(inbox).toEqual(sent.filter((m) => m.destination === s).map((m) => m.id).sort());
  }
}

/**
 * Every lead, transfer, feedback and money movement the ledger holds is present exactly once in
 * each service's database and in the registry's view through the gateway, and nothing anywhere
 * is doubled: timeline events match the records they tell of, balances match their ledgers.
 */
export async function expectEveryRecordOnce(hub: TestHub, ledger: Ledger, token: (agency: Agency) => string, o: { exact?: boolean } = {}): Promise<void> {
  // Exact: the ledger holds everything that happened. Otherwise some commands answered with an
  // error may have happened too, so the ledger's records must be there and may have company.
  const same = <T>(actual: T[], expected: T[]) => (o.exact === false ? expect(actual).toEqual(expect.arrayContaining(expected)) : expect(actual.sort()).toEqual(expected.sort()));
  await expectAllDelivered(hub);
  const leadIds = [...ledger.leads.keys()];

  // The registry: each lead once, each agency on it once, each transfer once with its feedback.
  const leadRows = await hub.sql<{ id: string }>('leads', 'select id from lead where id = any($1::uuid[])', [leadIds]);
  expect(leadRows.map((r) => r.id).sort()).toEqual([...leadIds].sort());
  const involved = group(await hub.sql<{ lead_id: string; agency: string }>('leads', 'select lead_id, agency from lead_agency where lead_id = any($1::uuid[])', [leadIds]), (r) => r.lead_id);
  for (const [id, agencies] of ledger.leads) {
    const rows = (involved.get(id) ?? []).map((r) => r.agency);
    expect(new Set(rows).size).toBe(rows.length);
    same(rows, [...agencies]);
  }
  const transferIds = [...ledger.transfers.keys()];
  const transfers = await hub.sql<{ id: string; status: string; n: number }>(
    'leads',
    'select t.id, t.status, (select count(*)::int from transfer_feedback f where f.transfer_id = t.id) as n from transfer t where t.id = any($1::uuid[])',
    [transferIds],
  );
  expect(transfers.map((t) => t.id).sort()).toEqual([...transferIds].sort());
  for (const t of transfers) expect({ id: t.id, status: t.status, feedback: t.n }).toEqual({ id: t.id, status: ledger.transfers.get(t.id)!.status, feedback: ledger.transfers.get(t.id)!.feedback });

  // Each agency's own case: exactly one per lead it is on.
  for (const agency of Object.keys(CASE_TABLE) as Agency[]) {
    const [service, table] = CASE_TABLE[agency];
    const expected = leadIds.filter((id) => ledger.leads.get(id)!.has(agency)).sort();
    const rows = await hub.sql<{ lead_id: string }>(service, `select lead_id from ${table} where lead_id = any($1::uuid[]) order by lead_id`, [leadIds]);
    same(rows.map((r) => r.lead_id), expected);
  }

  // The timeline tells of every record once, for every lead in the database (not only the ledger's).
  const doubled = await hub.sql(
    'leads',
    `select l.id,
       (select count(*) from timeline_entry e where e.lead_id = l.id and e.kind = 'LEAD_REPORTED') as reported,
       (select count(*) from transfer t where t.lead_id = l.id) as transfers,
       (select count(*) from timeline_entry e where e.lead_id = l.id and e.kind = 'TRANSFER_REQUESTED') as requested,
       (select count(*) from transfer t where t.lead_id = l.id and t.responded_at is not null and t.status in ('ACCEPTED', 'COMPLETED')) as accepted,
       (select count(*) from timeline_entry e where e.lead_id = l.id and e.kind = 'TRANSFER_ACCEPTED') as acceptances,
       (select count(*) from transfer_feedback f join transfer t on t.id = f.transfer_id where t.lead_id = l.id) as feedback,
       (select count(*) from timeline_entry e where e.lead_id = l.id and e.kind in ('FEEDBACK_INTERIM', 'FEEDBACK_FINAL')) as feedback_events,
       (select count(*) from lead_agency a where a.lead_id = l.id) as agencies,
       (select count(distinct e.agency) from timeline_entry e where e.lead_id = l.id and e.kind = 'CASE_OPENED') as opened_agencies,
       (select count(*) from timeline_entry e where e.lead_id = l.id and e.kind = 'CASE_OPENED') as opened
     from lead l`,
  );
  expect(doubled.filter((r: any) => r.reported !== '1' || r.requested !== r.transfers || r.acceptances !== r.accepted || r.feedback_events !== r.feedback || r.opened !== r.opened_agencies)).toEqual([]);
  expect(await hub.sql('leads', 'select lead_id, agency, actor, kind, summary, at from timeline_entry group by 1, 2, 3, 4, 5, 6 having count(*) > 1')).toEqual([]);

  // Money: every advance once, in the fund's ledger once; balances equal their movements.
  const advances = await hub.sql<{ id: string; lead_id: string }>('union', 'select id, lead_id from wage_advance');
  expect(advances.filter((a) => ledger.advances.has(a.id)).map((a) => a.id).sort()).toEqual([...ledger.advances].sort());
  expect(await hub.sql('union', `select advance_id from fund_movement where kind = 'ADVANCE' group by advance_id having count(*) <> 1`)).toEqual([]);
  expect(
    await hub.sql('union', `select a.id from wage_advance a where not exists (select 1 from fund_movement m where m.advance_id = a.id and m.kind = 'ADVANCE' and m.amount_fen = a.amount_fen)`),
  ).toEqual([]);
  // The timeline tells of each advance and each order payment once.
  const told = async (kind: string) => new Map((await hub.sql<{ lead_id: string; n: number }>('leads', 'select lead_id, count(*)::int as n from timeline_entry where kind = $1 group by lead_id', [kind])).map((r) => [r.lead_id, r.n]));
  const advancesTold = await told('WAGE_ADVANCE_GRANTED');
  for (const [leadId, list] of group(advances, (a) => a.lead_id)) expect([leadId, advancesTold.get(leadId) ?? 0]).toEqual([leadId, list.length]);
  const paymentsTold = await told('ORDER_PAYMENT');
  const paymentsMade = await hub.sql<{ lead_id: string; n: number }>('inspection', 'select o.lead_id, count(*)::int as n from order_payment p join payment_order o on o.id = p.order_id group by o.lead_id');
  for (const p of paymentsMade) expect([p.lead_id, paymentsTold.get(p.lead_id) ?? 0]).toEqual([p.lead_id, p.n]);
  const funds = await hub.sql<{ region_code: string; balance: string; moved: string; last: string | null; advanced: string; advances: string; deposits: number }>(
    'union',
    `select f.region_code, f.balance_fen::text as balance,
        coalesce((select sum(case when m.kind = 'ADVANCE' then -m.amount_fen else m.amount_fen end) from fund_movement m where m.region_code = f.region_code), 0)::text as moved,
        (select m.balance_after_fen::text from fund_movement m where m.region_code = f.region_code order by m.id desc limit 1) as last,
        f.advanced_total_fen::text as advanced,
        coalesce((select sum(a.amount_fen) from wage_advance a where a.fund_region_code = f.region_code), 0)::text as advances,
        (select count(*)::int from fund_movement m where m.region_code = f.region_code and m.kind = 'DEPOSIT') as deposits
      from relief_fund f`,
  );
  for (const f of funds) {
    expect({ region: f.region_code, balance: f.balance, last: f.last, advanced: f.advanced }).toEqual({ region: f.region_code, balance: f.moved, last: f.balance, advanced: f.advances });
    expect(f.deposits).toBeGreaterThanOrEqual(ledger.deposits.get(f.region_code) ?? 0);
  }
  for (const [region, n] of ledger.deposits) expect(funds.find((f) => f.region_code === region)?.deposits).toBeGreaterThanOrEqual(n);
  const orders = await hub.sql<{ id: string; paid: string; payments: string; n: number }>(
    'inspection',
    'select o.id, o.paid_fen::text as paid, coalesce((select sum(p.amount_fen) from order_payment p where p.order_id = o.id), 0)::text as payments, (select count(*)::int from order_payment p where p.order_id = o.id) as n from payment_order o',
  );
  for (const o of orders) expect(o.paid).toBe(o.payments);
  for (const [id, n] of ledger.orderPayments) expect(orders.find((o) => o.id === id)?.n).toBe(n);

  // The registry's view through the gateway, as each agency on the lead reads it.
  for (const [id, agencies] of ledger.leads) {
    const reader = token([...agencies][0]);
    const { lead } = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { id agencies { agency } transfers { id status feedback { final } } } }', { id }, { token: reader }));
    same(lead.agencies.map((a: { agency: string }) => a.agency), [...agencies]);
    const mine = [...ledger.transfers].filter(([, t]) => t.leadId === id).map(([tid, t]) => `${tid} ${t.status} ${t.feedback}`);
    same(lead.transfers.map((t: { id: string; status: string; feedback: unknown[] }) => `${t.id} ${t.status} ${t.feedback.length}`), mine);
  }
}
