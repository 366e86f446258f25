/**
 * HUB_TOPOLOGY: the same operations through a hub whose gateway calls its subgraphs over signed
 * HTTP and through one that calls them in process must get the same answers, byte for byte once
 * ids and instants (different in two fresh hubs) are named by their order of appearance, and cost
 * the same SQL per subgraph.
 */
import { startHub, tokenFor, leadInput, REPORT_LEAD, type TestHub } from '../support/hub';
import { SERVICE_NAMES, type Topology } from '../../lib/config';
import { SQL_COUNTS_PATH } from '../../lib/service';

const hubs = {} as Record<Topology, TestHub>;
beforeAll(async () => {
  // One after the other: two cores, shared.
  hubs.http = await startHub({ topology: 'http' });
  hubs['in-process'] = await startHub({ topology: 'in-process' });
});
afterAll(async () => {
  await hubs['in-process']?.stop();
  await hubs.http?.stop();
});

// The same staff on both hubs (ids appear in answers).
const union = tokenFor({ agency: 'UNION', region: '140400', id: 'topo-union', name: '工会甲', roles: ['INTAKE', 'HANDLER', 'SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'topo-insp', name: '监察乙' });
const court = tokenFor({ agency: 'COURT', region: '140400', id: 'topo-court', name: '法院丙' });

const LEAD_FIELDS = `id referenceNo amountOwed isMassCase workerCount description
  employer { name creditCode } generalContractor { name }
  complainants { name idNumber phone }
  agencies { agency transferState feedbackState closureState closure { reason } }
  timeline { kind actor }
  transfers { status to from kind reason feedback { summary } }
  union { handler transferState feedbackState closureState lead { referenceNo } }
  inspection { transferState }
  support { transferState }`;

interface Answer {
  name: string;
  status: number;
  contentType: string | null;
  replayed: string | null;
  body: string;
  sql?: Record<string, number>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})/g;

/** Ids by order of first appearance; instants as one placeholder (two can fall in the same millisecond on one hub only). */
function normalised(answers: Answer[]): Answer[] {
  const ids = new Map<string, string>();
  const name = (id: string) => {
    if (!ids.has(id)) ids.set(id, `<id ${ids.size + 1}>`);
    return ids.get(id)!;
  };
  return answers.map((a) => ({ ...a, body: a.body.replace(UUID, name).replace(INSTANT, '<instant>') }));
}

/** The fixed set of operations, in order, on one hub: the answers as sent, and the SQL of the reads. */
async function script(hub: TestHub): Promise<Answer[]> {
  const answers: Answer[] = [];
  let seq = 0;
  const call = async (name: string, query: string, variables: Record<string, unknown> | undefined, o: { token?: string; key?: string; countSql?: boolean; raw?: string; language?: string } = {}) => {
    const requestId = `topology-${++seq}`;
    const res = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.key ? { 'idempotency-key': o.key } : {}),
        ...(o.language ? { 'accept-language': o.language } : {}),
      },
      body: o.raw ?? JSON.stringify({ query, variables }),
    });
    const body = await res.text();
    const answer: Answer = { name, status: res.status, contentType: res.headers.get('content-type'), replayed: res.headers.get('idempotent-replayed'), body };
    if (o.countSql) answer.sql = Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0]));
    answers.push(answer);
    return JSON.parse(body) as { data?: any; errors?: unknown[] };
  };

  const report = `mutation Report($input: ReportLeadInput!) { reportLead(input: $input) { ${LEAD_FIELDS} } }`;
  const first = await call('a mutation (intake) with an Idempotency-Key', report, { input: leadInput() }, { token: union, key: 'topology-intake-1' });
  await call('the same mutation again: the stored answer', report, { input: leadInput() }, { token: union, key: 'topology-intake-1' });
  const leadId = first.data.reportLead.id as string;
  await call('a lone surrogate in a text', report, { input: leadInput({ employerName: '某劳务\udfff公司', employerCreditCode: null, description: '拖欠\ud800工资' }) }, { token: union });
  await call('a mass case', REPORT_LEAD, { input: leadInput({ workerCount: 40, employerName: '某制衣厂', employerCreditCode: null }) }, { token: union, language: 'zh-CN' });
  const sent = await call('a transfer', 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id status kind to from } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union });
  const transferId = sent.data.transferLead.id as string;

  await call('the lead page', `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`, { id: leadId }, { token: union, countSql: true });
  await call('the lead page, personal data masked for another agency', `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`, { id: leadId }, { token: inspector, countSql: true });
  await call('the list of 50', `query { leads(first: 50) { totalCount edges { node { ${LEAD_FIELDS} } } pageInfo { hasNextPage } } }`, undefined, { token: union, countSql: true });
  await call('the transfer inbox', 'query { transferInbox(first: 20) { totalCount edges { node { id status kind from to reason lead { referenceNo employer { name } complainants { name phone } } } } } }', undefined, { token: inspector, countSql: true });

  await call('a refusal (the sender accepts its own transfer), in Chinese', 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: union, language: 'zh-CN' });
  await call('a refusal, in English', 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transferId }, { token: court });
  await call('a lead another agency may not see', `query($id: ID!) { lead(id: $id) { id referenceNo } }`, { id: leadId }, { token: court });
  await call('accepted by the receiver', 'mutation($id: ID!) { acceptTransfer(id: $id) { id status } }', { id: transferId }, { token: inspector });

  await call('a variable the gateway coerces (Int given a string)', 'query($n: Int) { leads(first: $n) { totalCount } }', { n: 'many' }, { token: union });
  await call('a variable only the subgraph coerces (30 February)', REPORT_LEAD, { input: leadInput({ receivedAt: '2026-02-30T09:00:00Z', wagePeriodStart: null, wagePeriodEnd: null }) }, { token: union });
  await call('a variable only the subgraph coerces, in Chinese', REPORT_LEAD, { input: leadInput({ receivedAt: '2026-04-31T10:00:00+08:00', wagePeriodStart: null, wagePeriodEnd: null }) }, { token: union, language: 'zh-CN' });
  await call('a forged cursor', 'query($a: String) { transferInbox(after: $a) { totalCount } }', { a: Buffer.from('["x",1]').toString('base64url') }, { token: inspector });

  await call('no token', 'query { leads(first: 1) { totalCount } }', undefined, {});
  await call('a forged token', 'query { leads(first: 1) { totalCount } }', undefined, { token: `${union.slice(0, -4)}AAAA` });
  await call('not JSON', '', undefined, { token: union, raw: '{"query": ' });
  await call('an unknown field', 'query { leads(first: 1) { nonsense } }', undefined, { token: union });

  // A subgraph down: the rest of the page answers, the missing part names the service.
  await hub.stopService('union');
  try {
    await call('the lead page with the union subgraph stopped', `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`, { id: leadId }, { token: union });
    const health = await fetch(`${hub.gatewayUrl}/health`);
    answers.push({ name: '/health with the union subgraph stopped', status: health.status, contentType: health.headers.get('content-type'), replayed: null, body: await health.text() });
  } finally {
    await hub.restartService('union');
  }
  await call('the lead page once it is back', `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`, { id: leadId }, { token: union });
  return answers;
}

describe('HUB_TOPOLOGY', () => {
  it('answers the same operations identically over HTTP and in process, with the same SQL', async () => {
    const overHttp = normalised(await script(hubs.http));
    const inProcess = normalised(await script(hubs['in-process']));
    expect(hubs.http.inProcessCalls()).toBe(0);
    // Every operation that reached a subgraph reached it in process (the intake alone makes calls).
    expect(hubs['in-process'].inProcessCalls()).toBeGreaterThan(overHttp.length);
    expect(inProcess.map((a) => a.name)).toEqual(overHttp.map((a) => a.name));
    for (let i = 0; i < overHttp.length; i++) expect({ ...inProcess[i] }).toEqual({ ...overHttp[i] });
    // The script means something: reads found data, refusals were refused, surrogates repaired.
    const by = (name: string) => overHttp.find((a) => a.name === name)!;
    expect(by('the list of 50').body).toContain('"totalCount":3');
    expect(by('the lead page').sql!.leads).toBeGreaterThan(0);
    expect(by('the lead page').sql!.union).toBeGreaterThan(0);
    expect(by('the same mutation again: the stored answer').replayed).toBe('true');
    expect(by('a lone surrogate in a text').body).toContain('某劳务\ufffd公司');
    expect(by('a lone surrogate in a text').body).toContain('拖欠\ufffd工资');
    expect(JSON.parse(by('a variable only the subgraph coerces (30 February)').body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.parse(by('a refusal, in English').body).errors[0].extensions.reason).toBeTruthy();
    expect(by('no token').status).toBe(401);
    expect(by('the lead page, personal data masked for another agency').body).not.toContain('13812345678');
    expect(by('the lead page').body).toContain('13812345678');
    expect(JSON.parse(by('the lead page with the union subgraph stopped').body).errors[0].extensions).toMatchObject({ reason: 'SERVICE_UNAVAILABLE', serviceName: 'union' });
    expect(by('/health with the union subgraph stopped').status).toBe(503);
    expect(JSON.parse(by('the lead page once it is back').body).errors).toBeUndefined();
  });

  it('in process, answers hold no object a subgraph keeps: changing one answer changes no later one', async () => {
    const hub = hubs['in-process'];
    const original = (c: Parameters<typeof hub.services.leads.inProcess.execute>[0]) => hub.services.leads.inProcess.execute(c);
    const call = { headers: { 'content-type': 'application/json', authorization: `Bearer ${union}` }, body: { query: '{ leads(first: 1) { edges { node { referenceNo employer { name } } } } }' } };
    const a = await original(call);
    (a.body as any).data.leads.edges[0].node.employer.name = 'changed';
    const b = await original(call);
    expect((b.body as any).data.leads.edges[0].node.employer.name).not.toBe('changed');
    // Nor does the call keep the caller's variables: a repaired copy is what runs.
    const variables = { n: 1 };
    await original({ ...call, body: { query: 'query($n: Int) { leads(first: $n) { totalCount } }', variables } });
    expect(variables).toEqual({ n: 1 });
  });

  it('in process, a subgraph still refuses a call without a valid token, and exposes no route to the executor', async () => {
    const hub = hubs['in-process'];
    const refused = await hub.services.leads.inProcess.execute({ headers: { 'content-type': 'application/json' }, body: { query: '{ leads(first: 1) { totalCount } }' } });
    expect(refused.status).toBe(401);
    expect((refused.body as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // The subgraph's own HTTP endpoint still wants the gateway's signature, as in the HTTP layout.
    const direct = await fetch(`${hub.services.leads.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${union}` }, body: JSON.stringify({ query: '{ leads(first: 1) { totalCount } }' }) });
    expect(direct.status).toBe(403);
    for (const path of ['/in-process', '/internal/in-process', '/subgraphs/leads', SQL_COUNTS_PATH]) {
      const r = await fetch(`${hub.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${union}` }, body: '{}' });
      expect(r.status).toBe(404);
    }
  });

  it('in process, /health asks every subgraph', async () => {
    const r = await fetch(`${hubs['in-process'].gatewayUrl}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', subgraphs: Object.fromEntries(SERVICE_NAMES.map((n) => [n, 'ok'])) });
  });
});
