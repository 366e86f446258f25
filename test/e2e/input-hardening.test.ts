/**
 * The counterexamples the property-based tests (properties.test.ts) found, kept as plain tests:
 * inputs that used to end in an internal error, a silently different date, or feedback that never
 * arrived.
 */
import { Census } from '../support/census';
import { day } from '../support/arbitraries';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
let census: Census;
beforeAll(async () => {
  hub = await startHub();
  census = new Census(hub);
});
afterAll(async () => {
  await census?.close();
  await hub?.stop();
});

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'hard-union', roles: ['INTAKE', 'HANDLER', 'SUPERVISOR'] });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'hard-proc', roles: ['INTAKE', 'HANDLER'] });
const court = tokenFor({ agency: 'COURT', region: '140400', id: 'hard-court' });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const field = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.field;

const report = async (token = union, over: Record<string, unknown> = {}) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token })).reportLead.id as string;
const transfer = async (leadId: string, to: string, kind: string, token: string) =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to, kind, reason: '请依法处理' } }, { token })).transferLead.id as string;
const accept = async (id: string, token: string) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id }, { token }));
const transferOf = async (id: string, token: string) =>
  ok(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { status feedback { final summary } } }', { id }, { token })).transfer;
const mediate = (leadId: string, input: Record<string, unknown>) =>
  gql(hub.gatewayUrl, 'mutation($id: ID!, $input: MediationInput!) { recordMediation(leadId: $id, input: $input) { mediations { summary } } }', { id: leadId, input }, { token: union });

/** A refusal must leave every table of every service as it was. */
async function refusedWithoutWrites(call: () => Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>) {
  await census.settled();
  const before = await census.fingerprint();
  const r = await call();
  await census.settled();
  expect(await census.fingerprint()).toEqual(before);
  return r;
}

describe('text PostgreSQL cannot store as given', () => {
  it('cleans a mediation summary like every other text: NUL and control characters go, no internal error', async () => {
    const leadId = await report();
    expect(ok(await mediate(leadId, { outcome: 'FAILED', summary: '用人单位\u0000拒绝\u0007协商\n' })).recordMediation.mediations).toEqual([{ summary: '用人单位 拒绝 协商' }]);
  });

  it('keeps a lone surrogate as U+FFFD wherever the text goes, in a mediation, an advance or a closure note', async () => {
    const leadId = await report();
    expect(ok(await mediate(leadId, { outcome: 'FAILED', summary: '调解\udfff不成' })).recordMediation.mediations).toEqual([{ summary: '调解\ufffd不成' }]);
    ok(await gql(hub.gatewayUrl, 'mutation { depositToReliefFund(regionCode: "140400", amount: "1000.00", note: "周转金") { balance } }', {}, { token: union }));
    const advance = await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { recoveryAgreementNo } }', { id: leadId, input: { amount: '1.00', workerCount: 1, recoveryAgreementNo: 'ZC-\ud800', fundRegionCode: '140400' } }, { token: union });
    expect(ok(advance).grantWageAdvance.recoveryAgreementNo).toBe('ZC-\ufffd');
    const closed = await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: CloseCaseInput!) { closeUnionCase(leadId: $id, input: $input) { closure { note } } }', { id: leadId, input: { reason: 'UNRESOLVED', amountRecovered: '0', workersPaid: 0, note: '\udfff' } }, { token: union });
    expect(ok(closed).closeUnionCase.closure.note).toBe('\ufffd');
  });

  it('refuses a fund region code with a NUL in it as bad input, writing nothing', async () => {
    const leadId = await report();
    const r = await refusedWithoutWrites(() =>
      gql(hub.gatewayUrl, 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id } }', { id: leadId, input: { amount: '1.00', workerCount: 1, recoveryAgreementNo: 'ZC-1', fundRegionCode: '140400\u0000' } }, { token: union }),
    );
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'input.fundRegionCode']);
  });

  it('answers lookups by a code with a NUL in it as not found', async () => {
    expect(ok(await gql(hub.gatewayUrl, 'query($r: String!) { reliefFund(regionCode: $r) { balance } }', { r: '140400\u0000' }, { token: union })).reliefFund).toBeNull();
    expect(ok(await gql(hub.gatewayUrl, 'query($r: String!) { leadByReference(referenceNo: $r) { id } }', { r: 'QX-140421-2026-000001\u0000' }, { token: union })).leadByReference).toBeNull();
  });
});

describe('lists asked for with a forged cursor or a NUL', () => {
  const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  it.each([
    ['leads', 'no instant', cursor(['not a date', '6f1e5a4c-1111-4111-8111-111111111111'])],
    ['leads', 'an id with a NUL', cursor(['2026-11-23T00:00:00.000Z', 'x\u0000'])],
    ['leads', 'numbers', cursor([1, 2])],
    ['transferInbox', 'month 13', cursor(['2026-13-45T00:00:00.000Z', '6f1e5a4c-1111-4111-8111-111111111111'])],
  ])('%s refuses a cursor it never gave out (%s) as bad input', async (list, _what, after) => {
    const r = await gql(hub.gatewayUrl, `query($a: String) { ${list}(after: $a) { totalCount } }`, { a: after }, { token: union });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'after']);
  });

  it('a cursor it gave out still pages', async () => {
    await report();
    await report();
    const first = ok(await gql(hub.gatewayUrl, '{ leads(first: 1) { pageInfo { endCursor } edges { node { id } } } }', {}, { token: union })).leads;
    const next = ok(await gql(hub.gatewayUrl, 'query($a: String) { leads(first: 1, after: $a) { edges { node { id } } } }', { a: first.pageInfo.endCursor }, { token: union })).leads;
    expect(next.edges[0].node.id).not.toBe(first.edges[0].node.id);
  });

  it('finds no employer by a name with a NUL in it, without an internal error', async () => {
    expect(ok(await gql(hub.gatewayUrl, 'query($f: LeadFilter) { leads(filter: $f) { totalCount } }', { f: { employerName: '某建筑\u0000' } }, { token: union })).leads.totalCount).toBeGreaterThanOrEqual(0);
  });
});

describe('instants that do not exist', () => {
  it.each(['2026-02-30T09:00:00Z', '2026-04-31T10:00:00+08:00', '2026-11-22T24:00:00Z', '2026-11-22T10:60:00Z'])('refuses receivedAt %s instead of reading it as another day', async (receivedAt) => {
    const r = await refusedWithoutWrites(() => gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ receivedAt, wagePeriodStart: null, wagePeriodEnd: null }) }, { token: union }));
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'receivedAt']);
  });

  it('refuses a feedback deadline of 30 February', async () => {
    const leadId = await report();
    const r = await refusedWithoutWrites(() =>
      gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处', feedbackDueAt: `${Number(day(0).slice(0, 4)) + 1}-02-30T09:00:00+08:00` } }, { token: union }),
    );
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'input.feedbackDueAt']);
  });
});

describe('feedback an agency gives through its casework is never lost', () => {
  const longText = '理'.repeat(2000);

  it('a decline with a reason of the full 2000 characters still answers the application', async () => {
    const leadId = await report();
    const application = await transfer(leadId, 'PROCURATORATE', 'SUPPORT_TO_SUE', union);
    await accept(application, prosecutor);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $id, input: $input) { decision { supported } } }', { id: leadId, input: { supported: false, reason: longText } }, { token: prosecutor }));
    await census.settled();
    const t = await transferOf(application, union);
    expect(t.status).toBe('COMPLETED');
    expect(t.feedback).toHaveLength(1);
    expect(t.feedback[0].final).toBe(true);
    expect(t.feedback[0].summary).toContain('理'.repeat(100));
    expect([...t.feedback[0].summary].length).toBeLessThanOrEqual(2000);
    const seen = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { union { feedbackState } support { feedbackState } } }', { id: leadId }, { token: union })).lead;
    expect(seen).toEqual({ union: { feedbackState: 'RECEIVED' }, support: { feedbackState: 'GIVEN' } });
  });

  it("a delegated mediation's settlement with a summary of the full 2000 characters still answers the court", async () => {
    const leadId = await report(prosecutor);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "证据已核实" }) { transferState } }', { id: leadId }, { token: prosecutor }));
    await accept(await transfer(leadId, 'COURT', 'COURT_FILING', prosecutor), court);
    const delegated = await transfer(leadId, 'UNION', 'DELEGATED_MEDIATION', court);
    await accept(delegated, union);
    ok(await mediate(leadId, { outcome: 'SETTLED', summary: longText, amountAgreed: '1000.00', agreedPayBy: day(10) }));
    await census.settled();
    const t = await transferOf(delegated, court);
    expect(t.status).toBe('COMPLETED');
    expect(t.feedback[0]).toMatchObject({ final: true, summary: expect.stringContaining('理'.repeat(100)) });
  });
});
