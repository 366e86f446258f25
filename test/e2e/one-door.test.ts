import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { SERVICE_NAMES } from '../../lib/config';
import { MESSAGES_PATH } from '../../lib/outbox/message';
import { startHub, tokenFor, type TestHub } from '../support/hub';

/**
 * One door (issue 17): the allow-list and every query limit hold for GET as for POST, and for
 * introspection; what the gateway refuses never reaches a subgraph; a client's mistake is a 4xx
 * with a code, and no answer shows a stack trace, a path or SQL.
 */
let hub: TestHub;
let allowListed: RunningGateway;
const LISTED = 'query Me { me { id name } }';
const hash = (q: string) => createHash('sha256').update(q).digest('hex');
const token = tokenFor({ agency: 'UNION', region: '140000' });

beforeAll(async () => {
  hub = await startHub();
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-')), 'operations.json');
  fs.writeFileSync(manifest, JSON.stringify({ [hash(LISTED)]: LISTED }));
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

interface Answer {
  status: number;
  text: string;
  json?: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  requestId: string;
}

async function send(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Answer> {
  const requestId = `door-${randomUUID()}`;
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId, ...init.headers } });
  const text = await res.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, requestId };
}

const get = (base: string, params: Record<string, string>) =>
  send(`${base}/graphql?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });
const post = (base: string, body: unknown) => send(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const first = (a: Answer) => a.json?.errors?.[0]?.extensions;

/** No subgraph saw a call for this request. */
const reachedNoSubgraph = (a: Answer) => expect(SERVICE_NAMES.map((n) => [n, hub.services[n].callsFor(a.requestId) ?? 0])).toEqual(SERVICE_NAMES.map((n) => [n, 0]));

/** What an answer must never show: stack frames, absolute paths, module names, SQL. */
function showsNoInternals(a: Answer) {
  expect(a.text).not.toMatch(/\bat [\w.<>]+ \(|\/work\/|\/home\/|\/tmp\/|node_modules|\.ts:\d|\.js:\d|\b(select|insert|update) .+ (from|into|set) /i);
  expect(a.text).not.toMatch(/<pre>|<html/i);
}

describe('the allow-list holds for GET as for POST', () => {
  it('runs a listed operation by GET, by its text or its hash', async () => {
    const listed = await get(allowListed.url, { query: LISTED });
    expect(listed.json?.data?.me.id).toBeTruthy();
    // What "reached no subgraph" below is measured with.
    expect(SERVICE_NAMES.some((n) => (hub.services[n].callsFor(listed.requestId) ?? 0) > 0)).toBe(true);
    expect((await get(allowListed.url, { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash(LISTED) } }) })).json?.data?.me.id).toBeTruthy();
  });

  it('refuses an unlisted query by GET (introspection and personal data included), and it reaches no subgraph', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ leads(first: 5) { edges { node { complainants { name idNumber phone } } } } }', '{ me { id } }']) {
      for (const a of [await get(allowListed.url, { query }), await post(allowListed.url, { query })]) {
        expect([a.status, first(a)?.code]).toEqual([400, 'OPERATION_NOT_ALLOWED']);
        expect(a.json?.data).toBeUndefined();
        reachedNoSubgraph(a);
      }
    }
  });

  it('refuses an unlisted automatic persisted query, registered or not', async () => {
    const query = '{ me { id agency } }';
    const register = await post(allowListed.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash(query) } } });
    expect([register.status, first(register)?.code]).toEqual([400, 'OPERATION_NOT_ALLOWED']);
    const byHash = await get(allowListed.url, { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash(query) } }) });
    expect(byHash.status).toBe(400);
    expect(byHash.json?.data).toBeUndefined();
  });
});

describe('every query limit holds for GET and for introspection', () => {
  const nested = (levels: number) => {
    let q = 'name';
    for (let i = 0; i < levels; i++) q = `fields { type { ${q} } }`;
    return `{ __schema { types { ${q} } } }`;
  };

  it('counts introspection fields in depth, aliases and cost, by GET and by POST', async () => {
    const deep = nested(8);
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    // The kind of request that answered 7.4 MB: a few KB of aliased, nested introspection.
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name kind description fields { name description args { name description type { name kind } } type { name kind ofType { name kind ofType { name } } } } interfaces { name } enumValues { name description } inputFields { name type { name } } } }`).join(' ')} }`;
    expect(Buffer.byteLength(wide)).toBeLessThan(14 * 1024);
    for (const [query, limit] of [[deep, 'DEPTH'], [aliases, 'ALIASES'], [wide, 'COST']] as const) {
      for (const a of [await get(hub.gatewayUrl, { query }), await post(hub.gatewayUrl, { query })]) {
        expect([a.status, first(a)?.code, first(a)?.limit]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED', limit]);
        expect(a.text.length).toBeLessThan(2000);
        reachedNoSubgraph(a);
      }
    }
  });

  it('still answers the standard introspection query outside production, within the limits', async () => {
    const a = await post(hub.gatewayUrl, { query: getIntrospectionQuery() });
    expect(a.json?.errors).toBeUndefined();
    expect(a.json?.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses a deep or costly query by GET as by POST', async () => {
    const costly = '{ leads(first: 100) { edges { node { employer { leads(first: 100) { edges { node { timeline { kind summary at actor } } } } } } } } }';
    const a = await get(hub.gatewayUrl, { query: costly });
    expect([a.status, first(a)?.limit]).toEqual([400, 'COST']);
    reachedNoSubgraph(a);
    // A directive is two tokens in two characters: many tokens in a URL a server still reads.
    const tokens = await get(hub.gatewayUrl, { query: `{ me ${'@a'.repeat(3000)} { id } }` });
    expect([tokens.status, first(tokens)?.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });
});

describe('a client mistake is a 4xx with a code', () => {
  it('two operations without operationName, an unknown operationName, a subscription', async () => {
    const two = 'query A { me { id } } query B { me { agency } }';
    const cases: [Answer, string][] = [
      [await post(hub.gatewayUrl, { query: two }), 'OPERATION_NAME_REQUIRED'],
      [await get(hub.gatewayUrl, { query: two }), 'OPERATION_NAME_REQUIRED'],
      [await post(hub.gatewayUrl, { query: two, operationName: 'C' }), 'OPERATION_NAME_UNKNOWN'],
      [await post(hub.gatewayUrl, { query: 'subscription { me { id } }' }), 'OPERATION_TYPE_UNSUPPORTED'],
      [await post(hub.gatewayUrl, { query: 'subscription S { leadChanged { id } }' }), 'OPERATION_TYPE_UNSUPPORTED'],
    ];
    for (const [a, reason] of cases) {
      expect([a.status, first(a)?.code, first(a)?.reason]).toEqual([400, 'BAD_USER_INPUT', reason]);
      reachedNoSubgraph(a);
      showsNoInternals(a);
    }
    // The named one runs.
    expect((await post(hub.gatewayUrl, { query: two, operationName: 'B' })).json?.data).toEqual({ me: { agency: 'UNION' } });
  });

  it('a persisted-query hash that does not match its query, a mutation by GET', async () => {
    const mismatch = await post(hub.gatewayUrl, { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash('{ me { name } }') } } });
    expect([mismatch.status, first(mismatch)?.code]).toEqual([400, 'BAD_REQUEST']);
    const mutation = await get(hub.gatewayUrl, { query: 'mutation { acceptTransfer(id: "x") { id } }' });
    expect([mutation.status, first(mutation)?.code]).toEqual([405, 'BAD_REQUEST']);
  });
});

describe('no answer shows internals', () => {
  it('a bad console asset path, an unknown route, a malformed body, at the gateway', async () => {
    const answers = [
      await send(`${hub.gatewayUrl}/console/assets/%E0%A4%A`),
      await send(`${hub.gatewayUrl}/console/assets/..%2f..%2fpackage.json`),
      await send(`${hub.gatewayUrl}/console/assets/missing.js`),
      await send(`${hub.gatewayUrl}/nothing/here`),
      await send(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }),
      await send(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'x'.repeat(300 * 1024) }) }),
    ];
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expect(typeof first(a)?.code).toBe('string');
      showsNoInternals(a);
    }
  });

  it('an oversized or malformed message, an unknown route, at a subgraph', async () => {
    const leads = hub.services.leads.url;
    const answers = [
      await send(`${leads}${MESSAGES_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) }),
      await send(`${leads}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }),
      await send(`${leads}/nothing`),
    ];
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      showsNoInternals(a);
    }
  });
});
