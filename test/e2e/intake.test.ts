import { signToken } from '../../lib/auth';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { internalSecret } from '../../lib/config';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const changzhiUnion = () => tokenFor({ agency: 'UNION', region: '140400', id: 'zhang-san' });

describe('a union officer reports a lead through the gateway', () => {
  it("creates the lead and the union's own case, visible as soon as the mutation returns", async () => {
    const token = changzhiUnion();
    const { reportLead: lead } = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token }));
    expect(lead.referenceNo).toMatch(/^QX-140421-\d{4}-\d{6}$/);
    expect(lead.amountOwed).toBe('89195.00');
    expect(lead.intakeAgency).toBe('UNION');
    expect(lead.employer).toMatchObject({ name: '长治市某建筑劳务有限公司', creditCode: '91140400MA0K6X5Y12' });
    expect(lead.agencies).toEqual([{ agency: 'UNION', transferState: 'ORIGINATED', feedbackState: 'NONE', closureState: 'OPEN' }]);
    expect(lead.union).toEqual({ handler: 'zhang-san', transferState: 'ORIGINATED', feedbackState: 'NONE', closureState: 'OPEN' });
    // The handler sees the complainant in full.
    expect(lead.complainants).toEqual([{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }]);

    const again = ok(
      await gql(hub.gatewayUrl, `query($ref: String!) { leadByReference(referenceNo: $ref) { id timeline { agency kind actor } union { handler } } }`, { ref: lead.referenceNo }, { token }),
    );
    expect(again.leadByReference.id).toBe(lead.id);
    expect(again.leadByReference.timeline.map((t: { kind: string }) => t.kind)).toEqual(['LEAD_REPORTED', 'CASE_OPENED']);
    expect(again.leadByReference.timeline.every((t: { actor: string }) => t.actor === 'zhang-san')).toBe(true);

    const audit = await hub.sql('leads', `select action, actor_id, request_id from audit_entry where entity_id = $1`, [lead.id]);
    expect(audit).toEqual([expect.objectContaining({ action: 'LEAD_REPORTED', actor_id: 'zhang-san' })]);
    expect(audit[0].request_id).toBeTruthy();
  });

  it('gives every lead its own reference number, even when reported at the same moment', async () => {
    const token = changzhiUnion();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '并发测试公司', employerCreditCode: null }) }, { token })),
    );
    const refs = results.map((r) => ok(r).reportLead.referenceNo);
    expect(new Set(refs).size).toBe(8);
    const employers = await hub.sql('leads', `select count(*)::int as n from employer where name = '并发测试公司'`);
    expect(employers[0].n).toBeGreaterThanOrEqual(1);
  });

  it('takes concurrent intakes in several regions naming one employer without deadlock, and keeps one employer', async () => {
    const province = tokenFor({ agency: 'UNION', region: '140000' });
    const results = await Promise.all(
      ['140105', '140421', '140402', '140105', '140421', '140402', '140105', '140421'].map((regionCode) =>
        gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ regionCode, employerName: '并发同名企业', employerCreditCode: '91110000802100433B' }) }, { token: province }),
      ),
    );
    const employers = new Set(results.map((r) => ok(r).reportLead.employer.id));
    expect(employers.size).toBe(1);
  });

  it('finds an employer again by credit code and by a differently typed name', async () => {
    const token = changzhiUnion();
    const a = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '山西某某建筑（集团）有限公司', employerCreditCode: null }) }, { token }));
    const b = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '山西某某建筑(集团)有限公司 ', employerCreditCode: null }) }, { token }));
    expect(b.reportLead.employer.id).toBe(a.reportLead.employer.id);
    const c = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token }));
    const d = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '长治某建筑劳务公司（简称）' }) }, { token }));
    expect(d.reportLead.employer.id).toBe(c.reportLead.employer.id);
  });
});

describe('bad input is refused with BAD_USER_INPUT naming the field, and nothing is written', () => {
  const countLeads = async () => (await hub.sql('leads', 'select count(*)::int as n from lead'))[0].n as number;

  it.each([
    ['amountOwed', { amountOwed: '1.005' }],
    ['amountOwed', { amountOwed: '-1.00' }],
    ['regionCode', { regionCode: '330185' }],
    ['employerCreditCode', { employerCreditCode: '91140400MA0K6X5Y13' }],
    ['workerCount', { workerCount: 0 }],
    ['wagePeriodEnd', { wagePeriodStart: '2025-06-01', wagePeriodEnd: '2025-01-01' }],
    ['wagePeriodStart', { wagePeriodStart: '2025-13-01' }],
    ['receivedAt', { receivedAt: 'yesterday' }],
  ])('%s (variables)', async (field, over) => {
    const before = await countLeads();
    const r = await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token: changzhiUnion() });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(r.errors?.[0].message).toContain(field);
    expect(await countLeads()).toBe(before);
  });

  it('names the field for a literal in the query text too', async () => {
    const r = await gql(
      hub.gatewayUrl,
      `mutation { reportLead(input: { channel: HOTLINE, regionCode: "140421", employerName: "某公司", industry: OTHER, workerCount: 3, amountOwed: "12.345", description: "x" }) { id } }`,
      {},
      { token: changzhiUnion() },
    );
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountOwed' });
  });

  it('refuses money sent as a JSON number, never a float', async () => {
    const r = await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ amountOwed: 100.1 }) }, { token: changzhiUnion() });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/string/);
  });
});

describe('who may call', () => {
  it('answers UNAUTHENTICATED without a token or with a forged one', async () => {
    const none = await gql(hub.gatewayUrl, '{ me { id } }');
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.status).toBe(401);
    const forged = signToken({ id: 'x', name: 'x', agency: 'UNION', region: '000000', roles: ['SUPERVISOR'] }, 'not-the-secret');
    const r = await gql(hub.gatewayUrl, '{ me { id } }', {}, { token: forged });
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a subgraph answers only the gateway, and does not trust a forged identity even from it', async () => {
    const token = tokenFor({ agency: 'UNION', region: '140000', roles: ['SUPERVISOR'] });
    const entities = `{ _entities(representations: [{__typename: "Lead", id: "00000000-0000-0000-0000-000000000000"}]) { ... on Lead { union { handler } } } }`;
    const direct = await gql(hub.services.union.url, entities, {}, { token });
    expect([direct.status, direct.errors?.[0].extensions?.code]).toEqual([403, 'FORBIDDEN']);
    const download = await fetch(`${hub.services.leads.url}/reports/weekly-report.csv?weekStart=2026-11-16`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(403);
    const bearer = `Bearer ${token}`;
    // A gateway header made for another token, or too old, opens nothing.
    const other = signGatewayCall(internalSecret(), 'Bearer another-token');
    const stale = signGatewayCall(internalSecret(), bearer, Date.now() - 10 * 60 * 1000);
    const guessed = signGatewayCall('guess', bearer);
    for (const header of [other, stale, guessed]) {
      const r = await fetch(`${hub.services.union.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer, [GATEWAY_HEADER]: header }, body: JSON.stringify({ query: entities }) });
      expect(r.status).toBe(403);
    }
    const forged = `Bearer ${signToken({ id: 'x', name: 'x', agency: 'UNION', region: '000000', roles: ['INTAKE'] }, 'not-the-secret')}`;
    const r = await fetch(`${hub.services.leads.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: forged, [GATEWAY_HEADER]: signGatewayCall(internalSecret(), forged) },
      body: JSON.stringify({ query: REPORT_LEAD, variables: { input: leadInput() } }),
    });
    expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a static gateway key only when the operator set one (for gateways that cannot sign)', async () => {
    const token = tokenFor({ agency: 'UNION', region: '140000' });
    const call = (key: string) => fetch(`${hub.services.leads.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-hub-gateway-key': key }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect((await call('a-long-router-key-for-this-test-only')).status).toBe(403);
    process.env.HUB_GATEWAY_KEY = 'a-long-router-key-for-this-test-only';
    try {
      expect((await call('a-long-router-key-for-this-test-only')).status).toBe(200);
      expect((await call('wrong')).status).toBe(403);
    } finally {
      delete process.env.HUB_GATEWAY_KEY;
    }
  });

  it('tells staff who they are', async () => {
    const token = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'li-si', name: '李四', roles: ['HANDLER'] });
    expect(ok(await gql(hub.gatewayUrl, '{ me { id name agency region roles } }', {}, { token })).me).toEqual({
      id: 'li-si',
      name: '李四',
      agency: 'INSPECTION',
      region: '140400',
      roles: ['HANDLER'],
    });
  });

  it('refuses intake without the INTAKE role', async () => {
    const r = await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] }) });
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows an unexpected failure as INTERNAL_SERVER_ERROR with a request id and no internals', async () => {
    ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: changzhiUnion() }));
    await hub.stopService('union');
    try {
      const r = await gql(hub.gatewayUrl, '{ leads(first: 1) { edges { node { union { handler } } } } }', {}, { token: changzhiUnion() });
      const error = r.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
      expect(error?.message).toMatch(/union service is not answering/);
      expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
    } finally {
      await hub.restartService('union');
    }
  });
});
