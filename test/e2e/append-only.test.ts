/**
 * No lead, transfer, feedback or money record is ever deleted: the database of every service
 * refuses it (a trigger calling hub_refuse_change on each such table), whatever the code does.
 * The code itself never tries (test/unit/no-deletes.test.ts).
 */
import type { ServiceName } from '../../lib/config';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES, internalSecret } from '../../lib/config';
import { CASE_CLOSED } from '../../lib/messages';
import { MESSAGES_PATH, SIGNATURE_HEADER, sign } from '../../lib/outbox/message';
import { SERVICES } from '../../services/registry';
import { readRecords, recordFromRow } from '../../lib/read-records';
import { day } from '../support/arbitraries';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

/** Tables whose rows are records: never deleted. */
export const RECORD_TABLES: Record<ServiceName, string[]> = {
  leads: ['audit_entry', 'lead', 'complainant', 'employer', 'lead_agency', 'transfer', 'transfer_feedback', 'timeline_entry', 'mass_case_alert', 'joint_liability', 'dead_letter', 'personal_data_access', 'lead_evidence', 'lead_evidence_chunk', 'lead_export', 'notification', 'notification_read', 'complainant_notice'],
  union: ['audit_entry', 'union_case', 'relief_fund', 'fund_movement', 'wage_advance', 'mediation', 'legal_aid'],
  inspection: ['audit_entry', 'inspection_case', 'payment_order', 'order_payment', 'handover', 'callback', 'blacklist_listing', 'evidence_request', 'close_without_ledger_reason'],
  litigation: ['audit_entry', 'support_case', 'court_case', 'lawsuit', 'hearing', 'installment', 'installment_payment', 'liable_party'],
};

/**
 * Tables that are working state, not records: the outbox and inbox (delivery bookkeeping), the
 * reference-number counters, the watch list's latest view of each commitment and blacklist listing
 * (re-sent by its owner), and the migrator's own table.
 */
const WORKING_TABLES = ['outbox_message', 'inbox_message', 'idempotency_key', 'mikro_orm_migrations', 'reference_counter', 'risk_signal', 'blacklist_signal',
  // Every service has a dead-letter table; only the lead registry refuses messages for domain
  // reasons today, so only there is it checked as a record table (a refused message kept below).
  'dead_letter',
  // Bulk imports' bookkeeping (each import is audited; its leads are records): guarded against deletes all the same.
  'lead_import', 'lead_import_chunk', 'lead_import_row',
  // Webhook subscriptions (every change audited) and their delivery log: guarded against deletes all the same.
  'webhook_subscription', 'webhook_delivery',
  // Which deadlines fired (lib/scheduler), in every service: append-only too, empty until a deadline comes due.
  'fired_deadline'];

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
  await recordEverything();
});
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'ao-union', roles: ['INTAKE', 'HANDLER', 'SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'ao-insp' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'ao-proc' });
const court = tokenFor({ agency: 'COURT', region: '140400', id: 'ao-court' });

const run = async (token: string, query: string, variables: Record<string, unknown> = {}) => ok(await gql(hub.gatewayUrl, query, variables, { token }));

/** One lead through every kind of record the hub keeps, so that every table has rows. */
async function recordEverything() {
  const { reportLead: lead } = await run(union, REPORT_LEAD, { input: leadInput({ workerCount: 60, amountOwed: '300000.00' }) });
  const id = lead.id as string;
  // Evidence: its record and its bytes (test/fixtures/evidence).
  const pdf = readFileSync(path.join(__dirname, '..', 'fixtures', 'evidence', 'payroll.pdf'));
  const q = new URLSearchParams({ leadId: id, kind: 'PAYROLL', title: '工资表', documentDate: '2026-10-31', fileName: 'payroll.pdf' });
  const attached = await fetch(`${hub.gatewayUrl}/evidence/files?${q}`, { method: 'POST', headers: { authorization: `Bearer ${union}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(pdf) });
  expect(attached.status).toBe(201);
  // A message the registry refuses (a closure for an agency not on the lead): kept as a dead letter.
  const refused = JSON.stringify({ id: randomUUID(), source: 'litigation', type: CASE_CLOSED, occurredAt: new Date().toISOString(), payload: { leadId: id, agency: 'COURT', closure: { reason: 'UNRESOLVED', amountRecoveredFen: '0', workersPaid: 0, note: '', closedAt: new Date().toISOString(), closedBy: 'x' } } });
  await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(refused, internalSecret()) }, body: refused });
  const send = async (to: string, kind: string, token: string) =>
    (await run(token, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: id, to, kind, reason: '请依法处理' } })).transferLead.id as string;
  const accept = (transferId: string, token: string) => run(token, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transferId });

  // Union: fund, advance, mediation, legal aid.
  await run(union, 'mutation { depositToReliefFund(regionCode: "140400", amount: "100000.00", note: "周转金") { balance } }');
  await run(union, 'mutation($id: ID!) { grantWageAdvance(leadId: $id, input: { amount: "1000.00", workerCount: 2, recoveryAgreementNo: "ZC-1", fundRegionCode: "140400" }) { id } }', { id });
  await run(union, `mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: SETTLED, summary: "达成协议", amountAgreed: "300000.00", agreedPayBy: "${day(30)}" }) { handler } }`, { id });
  await run(union, `mutation($id: ID!) { recordLegalAid(leadId: $id, input: { provider: "法律援助中心", providedOn: "${day(0)}" }) { handler } }`, { id });

  // Labour inspection: referral, feedback, payment order and payment, handover, callback, the evidence checklist.
  const referral = await send('INSPECTION', 'REFERRAL', union);
  await accept(referral, inspector);
  await run(inspector, 'mutation($id: ID!) { giveFeedback(transferId: $id, input: { final: false, summary: "已立案调查" }) { status } }', { id: referral });
  const orders = (await run(inspector, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "5000.00", payBy: "${day(10)}" }) { paymentOrders { id } } }`, { id })).issuePaymentOrder.paymentOrders;
  await run(inspector, `mutation($o: ID!) { recordOrderPayment(orderId: $o, amount: "100.00", paidOn: "${day(0)}") { acceptBy } }`, { o: orders[0].id });
  await run(inspector, 'mutation($id: ID!) { recordHandover(leadId: $id, input: { to: LOCAL_GOVERNMENT, note: "交办属地政府" }) { acceptBy } }', { id });
  await run(inspector, 'mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: false, procedureLawful: true, satisfied: false, note: "" }) { acceptBy } }', { id });
  // As if the order's deadline had passed unpaid: then a blacklist proposal (失信联合惩戒名单).
  await hub.sql('inspection', `update payment_order set pay_by = current_date - 1 where lead_id = $1`, [id]);
  await run(inspector, 'mutation($id: ID!) { proposeBlacklisting(leadId: $id, input: { ground: CRIMINAL_THRESHOLD, reason: "逾期未支付" }) { acceptBy } }', { id });
  await run(inspector, 'mutation($id: ID!) { requestEvidence(leadId: $id, input: { item: PAYROLL_LEDGER }) { acceptBy } }', { id });
  await run(inspector, 'mutation($id: ID!) { recordCloseWithoutLedgerReason(leadId: $id, reason: "企业称未建立工资台账") { acceptBy } }', { id });

  // Procuratorate and court: support, filing, hearing, outcome with installments and liable parties, a payment.
  await accept(await send('PROCURATORATE', 'SUPPORT_TO_SUE', union), prosecutor);
  await run(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "证据已核实" }) { transferState } }', { id });
  await accept(await send('COURT', 'COURT_FILING', prosecutor), court);
  await run(court, `mutation($id: ID!) { recordCourtFiling(leadId: $id, input: { court: "长治市潞州区人民法院", docketNo: "(2026)晋0403民初7号", filedOn: "${day(0)}" }) { transferState } }`, { id });
  await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(7)}", courtRoom: "第一法庭" }) { transferState } }`, { id });
  const outcome = (
    await run(court, `mutation($id: ID!) { recordCourtOutcome(leadId: $id, input: { kind: MEDIATED, decidedOn: "${day(0)}", totalAmount: "3000.00", installments: [{ dueOn: "${day(10)}", amount: "3000.00" }], jointlyLiable: [{ name: "长治市某建筑劳务有限公司", creditCode: "91140400MA0K6X5Y12" }] }) { installments { id } } }`, { id })
  ).recordCourtOutcome;
  await run(court, `mutation($i: ID!) { recordInstallmentPayment(installmentId: $i, amount: "500.00", paidOn: "${day(0)}") { amountPaid } }`, { i: outcome.installments[0].id });
  // An export of the lead list: on its record.
  await (await fetch(`${hub.gatewayUrl}/reports/lead-list.csv`, { headers: { authorization: `Bearer ${union}` } })).arrayBuffer();
  // The union's notifications (the transfers' answers), one of them read.
  const notified = (await run(union, '{ notifications(first: 1) { edges { node { id } } } }')).notifications.edges;
  await run(union, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }', { ids: [notified[0].node.id] });
}

const count = async (service: ServiceName, table: string) => (await hub.sql<{ n: number }>(service, `select count(*)::int as n from "${table}"`))[0].n;

describe('the database refuses to delete records', () => {
  it.each(SERVICE_NAMES)('%s: every table is either a record table or declared working state', async (service) => {
    const tables = (await hub.sql<{ t: string }>(service, `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.t);
    expect(tables.filter((t) => !RECORD_TABLES[service].includes(t) && !WORKING_TABLES.includes(t))).toEqual([]);
    expect(RECORD_TABLES[service].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it.each(SERVICE_NAMES)('%s: each record table has a row-level trigger refusing DELETE', async (service) => {
    // tgtype bits: 1 = for each row, 2 = before, 8 = delete.
    const guarded = await hub.sql<{ t: string }>(
      service,
      `select distinct c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid
        where p.proname = 'hub_refuse_change' and g.tgenabled <> 'D' and (g.tgtype & 1) = 1 and (g.tgtype & 2) = 2 and (g.tgtype & 8) = 8`,
    );
    expect(RECORD_TABLES[service].filter((t) => !guarded.map((g) => g.t).includes(t))).toEqual([]);
  });

  const cases = SERVICE_NAMES.flatMap((s) => RECORD_TABLES[s].map((t) => [s, t] as const));
  it.each(cases)('%s.%s: a delete is refused and every row stays', async (service, table) => {
    const before = await count(service, table);
    expect(before).toBeGreaterThan(0);
    await expect(hub.sql(service, `delete from "${table}"`)).rejects.toThrow(/DELETE on .* is not allowed/);
    expect(await count(service, table)).toBe(before);
  });
});

describe("a lead's region and receipt time are fixed at intake", () => {
  // Lead lists and the transfer inbox read copies of them (lead_agency, transfer), so a change
  // would hide a lead from the agencies that handle it.
  it('refuses to change them in the database, and every copy agrees with its lead', async () => {
    await expect(hub.sql('leads', `update lead set region_code = '110101'`)).rejects.toThrow(/fixed at intake/);
    await expect(hub.sql('leads', `update lead set received_at = received_at - interval '1 day'`)).rejects.toThrow(/fixed at intake/);
    const disagreeing = await hub.sql<{ n: number }>(
      'leads',
      `select (select count(*) from lead_agency a join lead l on l.id = a.lead_id where a.lead_region_code <> l.region_code or a.lead_received_at <> l.received_at)
            + (select count(*) from transfer t join lead l on l.id = t.lead_id where t.lead_region_code <> l.region_code) as n`,
    );
    expect(Number(disagreeing[0].n)).toBe(0);
    expect(await count('leads', 'lead_agency')).toBeGreaterThan(1);
  });
});

describe('read paths see what the ORM sees', () => {
  // Loaders and lists read plain records (lib/read-records.ts) instead of managed entities.
  const entities = SERVICE_NAMES.flatMap((service) => SERVICES[service].entities.map((e) => [service, e.name, e] as const));
  it.each(entities)('%s.%s: readRecords gives the same values as em.find, row for row', async (service, _name, entity) => {
    const em = hub.services[service].orm.em.fork();
    const meta = em.getMetadata().get(entity.name);
    const orderBy = Object.fromEntries(meta.primaryKeys.map((k) => [k, 'asc']));
    const managed = await em.find(entity, {}, { orderBy });
    const plain = await readRecords(hub.services[service].orm.em.fork(), entity, {}, orderBy as never);
    expect(plain.length).toBe(managed.length);
    const values = (r: object) => Object.fromEntries(meta.props.filter((p) => p.persist !== false).map((p) => [p.name, (r as Record<string, unknown>)[p.name]]));
    expect(plain.map(values)).toEqual(managed.map(values));
    // Plain objects: never through the entity prototype's accessors (lib/read-records.ts).
    for (const r of plain) expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    const columns = meta.primaryKeys.map((k) => `"${meta.properties[k].fieldNames[0]}"`).join(', ');
    const raw = await em.execute<Record<string, unknown>[]>(`select * from "${meta.tableName}" order by ${columns}`);
    expect(raw.map((r) => values(recordFromRow(em, entity, r)))).toEqual(managed.map(values));
  });
});
