import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { SERVICE_NAMES } from '../../lib/config';
import { gql, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
let allowListed: RunningGateway;
const ME = '{ me { id agency } }';
const LISTED = 'query Me { me { id name } }';
const hash = (q: string) => createHash('sha256').update(q).digest('hex');

beforeAll(async () => {
  hub = await startHub();
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-')), 'operations.json');
  fs.writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: hash(LISTED), name: 'Me', type: 'query', body: LISTED }] }));
  allowListed = await startGateway({
    supergraphSdl: fs.readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'),
    serviceUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].url])),
    operationsFile: manifest,
    operationsOnly: true,
  });
});
afterAll(async () => {
  await allowListed?.stop();
  await hub?.stop();
});

const token = tokenFor({ agency: 'UNION', region: '140000' });
const refusal = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

describe('query limits at the gateway', () => {
  it('refuses a query nested too deep, naming the limit', async () => {
    let q = 'id';
    for (let i = 0; i < 5; i++) q = `employer { leads(first: 1) { edges { node { ${q} } } } }`;
    const r = await gql(hub.gatewayUrl, `{ leads(first: 1) { edges { node { ${q} } } } }`, {}, { token });
    expect(refusal(r)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'DEPTH', max: 15 });
    expect(r.errors?.[0].message).toMatch(/HUB_MAX_QUERY_DEPTH/);
  });

  it('refuses too many aliases', async () => {
    const r = await gql(hub.gatewayUrl, `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}, { token });
    expect(refusal(r)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'ALIASES', max: 30, actual: 31 });
  });

  it('refuses a query that would resolve too many fields, counting list sizes', async () => {
    const r = await gql(hub.gatewayUrl, '{ leads(first: 100) { edges { node { employer { leads(first: 100) { edges { node { timeline { kind summary at actor } } } } } } } } }', {}, { token });
    expect(refusal(r)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'COST', max: 100000 });
    // A full page of leads with every agency's states stays well within it.
    ok(await gql(hub.gatewayUrl, '{ leads(first: 100) { edges { node { referenceNo agencies { agency transferState feedbackState closureState } timeline { kind } transfers { status feedback { summary } } } } } }', {}, { token }));
  });

  it('refuses a document with too many tokens before parsing it all', async () => {
    const r = await gql(hub.gatewayUrl, `{ me { ${'id '.repeat(6000)} } }`, {}, { token });
    expect(refusal(r)?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a body over the size limit with a GraphQL-shaped 413', async () => {
    const res = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ME, variables: { pad: 'x'.repeat(300 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('persisted operations', () => {
  it('runs a listed operation by its hash and refuses anything else when only listed ones may run', async () => {
    const res = await fetch(`${allowListed.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash(LISTED) } } }),
    });
    expect(((await res.json()) as { data: { me: { id: string } } }).data.me.id).toBeTruthy();
    expect(ok(await gql(allowListed.url, LISTED, {}, { token })).me.name).toBeTruthy();
    const other = await gql(allowListed.url, ME, {}, { token });
    expect([other.status, refusal(other)?.code]).toEqual([400, 'OPERATION_NOT_ALLOWED']);
  });
});
