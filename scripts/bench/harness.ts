/**
 * The load harness behind `npm run bench` and its smoke test: runs each operation at a fixed
 * concurrency for a fixed time against a target, and counts what every request cost each subgraph.
 *
 * Targets: `apollo` (our gateway) and `hive` (Hive Gateway on the same supergraph and subgraphs) are
 * driven by autocannon; `direct` has no gateway: it replays, in query-plan order, the subgraph calls
 * our gateway made for the same operation (captured once through a recording proxy), so the
 * difference is what the gateway costs.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { SERVICE_NAMES, type ServiceName } from '../../lib/config';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { SQL_COUNTS_PATH } from '../../lib/service';
import { startGateway } from '../../gateway/src/gateway';
import type { Operation, OperationName, Step } from './operations';

export type TargetName = 'apollo' | 'hive' | 'direct';
export const TARGETS: TargetName[] = ['apollo', 'hive', 'direct'];

export interface HubEndpoints {
  /** Base URL of each gateway that runs (no path). */
  gateways: Partial<Record<'apollo' | 'hive', string>>;
  /** Base URL of each subgraph. */
  subgraphs: Record<ServiceName, string>;
  supergraphSdl: string;
  /** Signs calls to the subgraphs (direct replay, reading SQL counts). */
  internalSecret: string;
}

export interface RunOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Instead of the duration: stop after this many answered requests (the smoke test, on any machine). */
  requests?: number;
  /** Read SQL counts back from the subgraphs (their route exists only outside production). */
  countSql: boolean;
  /** CPU time used so far per process (ms), when the hub runs in processes this one can see. */
  cpuTimes?: () => Promise<Record<string, number>>;
  log?: (line: string) => void;
}

/** Per subgraph: SQL statements and GraphQL calls one request cost (median over sampled requests). */
export interface RequestCost {
  sql: Record<ServiceName, number>;
  calls: Record<ServiceName, number>;
  /** Sampled requests, and whether every one of them cost the same. */
  sampled: number;
  constant: boolean;
  /** The spread when not constant: per subgraph "min–max" SQL. */
  spread?: Record<ServiceName, string>;
}

export interface OpResult {
  op: OperationName;
  title: string;
  target: TargetName;
  requests: number;
  iterations: number;
  durationSec: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  firstError?: string;
  /** Per request kind (an iteration of transferAccept makes two). */
  cost: Record<string, RequestCost>;
  /** CPU milliseconds each process spent per request during the measured run. */
  cpuMsPerRequest?: Record<string, number>;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// HTTP with keep-alive (the direct replay and the count reads).

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function getJson(url: string, headers: Record<string, string>): Promise<any> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** A GraphQL request through a gateway; for warm-up, capture and checks. */
export async function gatewayRequest(base: string, step: Step, variables: Record<string, unknown>, requestId: string = randomUUID()) {
  const r = await post(`${base}/graphql`, JSON.stringify({ query: step.query, variables }), { authorization: `Bearer ${step.token}`, 'x-request-id': requestId });
  return { status: r.status, body: JSON.parse(r.text) as { data?: any; errors?: { message: string }[] } };
}

// ---------------------------------------------------------------------------------------------
// SQL counts.

export async function readCounts(hub: HubEndpoints, ids: string[]): Promise<Record<ServiceName, Record<string, { queries: number; calls: number } | null>>> {
  const out = {} as Record<ServiceName, Record<string, { queries: number; calls: number } | null>>;
  const authorization = '';
  await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      out[name] = {};
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const body = await getJson(`${hub.subgraphs[name]}${SQL_COUNTS_PATH}?requestIds=${chunk.join(',')}`, { [GATEWAY_HEADER]: signGatewayCall(hub.internalSecret, authorization) });
        Object.assign(out[name], body.counts);
      }
    }),
  );
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

async function costOf(hub: HubEndpoints, ids: string[]): Promise<RequestCost> {
  const counts = await readCounts(hub, ids);
  const sql = {} as Record<ServiceName, number>;
  const calls = {} as Record<ServiceName, number>;
  const spread = {} as Record<ServiceName, string>;
  let constant = true;
  for (const name of SERVICE_NAMES) {
    const q = ids.map((id) => counts[name][id]?.queries ?? 0);
    const c = ids.map((id) => counts[name][id]?.calls ?? 0);
    sql[name] = median(q);
    calls[name] = median(c);
    const lo = Math.min(...q);
    const hi = Math.max(...q);
    spread[name] = lo === hi ? String(lo) : `${lo}–${hi}`;
    if (lo !== hi || Math.min(...c) !== Math.max(...c)) constant = false;
  }
  return { sql, calls, sampled: ids.length, constant, ...(constant ? {} : { spread }) };
}

/** Request ids of one run, per request kind; the last ones are read back for their SQL counts. */
class RequestIds {
  private readonly tag = randomUUID().slice(0, 8);
  private seq = 0;
  /** Answered requests per kind, the latest last. */
  readonly byStep = new Map<string, string[]>();
  next(step: string): string {
    return `bench-${this.tag}-${step}-${++this.seq}`;
  }
  answered(step: string, id: string): void {
    let ids = this.byStep.get(step);
    if (!ids) this.byStep.set(step, (ids = []));
    ids.push(id);
    if (ids.length > 400) ids.splice(0, ids.length - 200);
  }
}

async function costs(hub: HubEndpoints, ids: RequestIds, countSql: boolean): Promise<Record<string, RequestCost>> {
  if (!countSql) return {};
  // Counts are recorded as each response is sent; the last responses may still be on their way.
  await new Promise((r) => setTimeout(r, 100));
  const out: Record<string, RequestCost> = {};
  for (const [step, list] of ids.byStep) out[step] = await costOf(hub, list.slice(-100));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Through a gateway, with autocannon.

interface IterationState {
  steps?: Step[];
  previous?: any;
  requestIds?: string[];
}

function errorOf(status: number, text: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 300)}`;
  try {
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) return `${body.errors[0].extensions?.code ?? ''} ${body.errors[0].message}`.trim();
  } catch {
    return `not JSON: ${text.slice(0, 100)}`;
  }
  return undefined;
}

async function autocannonRun(base: string, op: Operation, steps: number, o: { connections: number; durationSec: number; amount?: number; ids: RequestIds }) {
  let errors = 0;
  let firstError: string | undefined;
  let exhausted = false;
  let instance: autocannon.Instance | undefined;
  const requests: autocannon.Request[] = Array.from({ length: steps }, (_, k) => ({
    method: 'POST',
    path: '/graphql',
    setupRequest: (req: autocannon.Request, context: object) => {
      const state = context as IterationState;
      if (k === 0) {
        state.steps = op.iteration();
        state.previous = undefined;
        if (!state.steps) {
          exhausted = true;
          instance?.stop();
          state.steps = [];
        }
      }
      const step = state.steps?.[k];
      // Ran out of input: an empty query, answered with an error the result leaves out (see `exhausted`).
      if (!step) return { ...req, body: '{}', headers: { 'content-type': 'application/json' } };
      const requestId = o.ids.next(step.name);
      (state.requestIds ??= [])[k] = requestId;
      return {
        ...req,
        body: JSON.stringify({ query: step.query, variables: step.variables(state.previous) }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${step.token}`, 'x-request-id': requestId },
      };
    },
    onResponse: (status: number, body: string, context: object) => {
      const state = context as IterationState;
      const step = state.steps?.[k];
      if (!step) return;
      o.ids.answered(step.name, state.requestIds![k]);
      const problem = errorOf(status, body);
      if (problem) {
        errors++;
        firstError ??= `${step.name}: ${problem}`;
        state.previous = undefined;
        return;
      }
      const data = JSON.parse(body).data;
      state.previous = data;
      op.answered?.(step.name, data);
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const length = o.amount ? { amount: o.amount } : { duration: o.durationSec };
    instance = autocannon({ url: base, connections: o.connections, ...length, timeout: 30, requests }, (err, res) => (err ? reject(err as Error) : resolve(res)));
  });
  const transportErrors = result.errors + result.timeouts;
  if (transportErrors && !firstError) firstError = `${result.errors} connection errors, ${result.timeouts} timeouts`;
  return {
    requests: result.requests.total,
    iterations: Math.floor(result.requests.total / steps),
    durationSec: result.duration,
    requestsPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: errors + transportErrors,
    firstError,
    note: exhausted ? 'ran out of fresh leads before the time was up' : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Direct: capture the gateway's subgraph calls, then replay them.

interface SubgraphCall {
  service: ServiceName;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  response: any;
  startedAt: number;
  endedAt: number;
  /** Calls that had answered before this one started: the query plan's order. */
  after: number[];
}

interface Captured {
  variables: Record<string, unknown>;
  calls: SubgraphCall[];
}

/** A gateway in this process whose subgraph calls go through recording proxies. */
export class Capture {
  private readonly calls = new Map<string, SubgraphCall[]>();
  private servers: http.Server[] = [];
  private gateway?: { url: string; stop(): Promise<void> };
  /** Captures per step name: exact ones by token and variables, and the last one as a template. */
  private readonly byKey = new Map<string, Captured>();
  private readonly templates = new Map<string, Captured>();

  constructor(private readonly hub: HubEndpoints) {}

  async start(): Promise<void> {
    const urls = {} as Record<ServiceName, string>;
    for (const name of SERVICE_NAMES) {
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const h of ['authorization', GATEWAY_HEADER, 'x-request-id']) if (req.headers[h]) headers[h] = String(req.headers[h]);
          const startedAt = performance.now();
          try {
            const answer = await post(`${this.hub.subgraphs[name]}${req.url}`, text, headers);
            const endedAt = performance.now();
            const id = headers['x-request-id'];
            if (id && req.url === '/graphql') {
              let list = this.calls.get(id);
              if (!list) this.calls.set(id, (list = []));
              list.push({ service: name, body: JSON.parse(text), response: JSON.parse(answer.text), startedAt, endedAt, after: [] });
            }
            res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.text);
          } catch (e) {
            res.writeHead(502).end(String(e));
          }
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      this.servers.push(server);
      urls[name] = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    }
    this.gateway = await startGateway({ supergraphSdl: this.hub.supergraphSdl, serviceUrls: urls, healthTimeoutMs: 500 });
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }

  /** Runs one step through the recording gateway and keeps its subgraph calls. */
  async record(step: Step, variables: Record<string, unknown>): Promise<any> {
    const id = `capture-${randomUUID()}`;
    const { body } = await gatewayRequest(this.gateway!.url, step, variables, id);
    if (body.errors?.length) throw new Error(`capturing ${step.name}: ${body.errors[0].message}`);
    const calls = this.calls.get(id) ?? [];
    this.calls.delete(id);
    calls.sort((a, b) => a.startedAt - b.startedAt);
    calls.forEach((c, i) => (c.after = calls.flatMap((d, j) => (j < i && d.endedAt <= c.startedAt ? [j] : []))));
    const captured = { variables, calls };
    this.byKey.set(keyOf(step, variables), captured);
    this.templates.set(step.name, captured);
    return body.data;
  }

  find(step: Step, variables: Record<string, unknown>): Captured | undefined {
    return this.byKey.get(keyOf(step, variables)) ?? this.templates.get(step.name);
  }

  /** Plan shapes per step, for the report: subgraph calls in order, parallel ones joined by "+". */
  shapes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, c] of this.templates) {
      // Calls that waited for the same earlier calls went out together.
      const stages = new Map<string, ServiceName[]>();
      for (const call of c.calls) {
        const key = call.after.join(',');
        stages.set(key, [...(stages.get(key) ?? []), call.service]);
      }
      out[name] = [...stages.values()].map((s) => s.join(' + ')).join(' → ');
    }
    return out;
  }
}

const keyOf = (step: Step, variables: Record<string, unknown>) => `${step.name}|${step.token}|${JSON.stringify(variables)}`;

const ID_KEY = /^(id|.*Id)$/;

/** Ids the replayed calls answer with in place of the captured ones (a new lead, a new transfer). */
function learnIds(captured: any, replayed: any, ids: Map<string, string>, key = ''): void {
  if (typeof captured === 'string' && typeof replayed === 'string') {
    if (ID_KEY.test(key) && captured !== replayed) ids.set(captured, replayed);
  } else if (Array.isArray(captured) && Array.isArray(replayed)) {
    captured.forEach((c, i) => learnIds(c, replayed[i], ids, key));
  } else if (captured && replayed && typeof captured === 'object' && typeof replayed === 'object') {
    for (const k of Object.keys(captured)) learnIds(captured[k], replayed[k], ids, k);
  }
}

const swapIds = (value: unknown, ids: Map<string, string>): unknown =>
  typeof value === 'string'
    ? (ids.get(value) ?? value)
    : Array.isArray(value)
      ? value.map((v) => swapIds(v, ids))
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapIds(v, ids)]))
        : value;

/**
 * Replays the subgraph calls of one captured request: each call waits for the calls that had
 * answered before it started (the plan's dependencies), carries the client's token and a fresh
 * gateway signature, and takes the request's own variables and the ids earlier calls answered with.
 */
async function replay(hub: HubEndpoints, captured: Captured, step: Step, variables: Record<string, unknown>, requestId: string): Promise<{ data?: any; error?: string }> {
  const ids = new Map<string, string>();
  learnIds(captured.variables, variables, ids);
  const authorization = `Bearer ${step.token}`;
  const answers: Promise<{ response: any; error?: string }>[] = [];
  for (const [i, call] of captured.calls.entries()) {
    answers[i] = (async () => {
      await Promise.all(call.after.map((j) => answers[j]));
      const vars = Object.fromEntries(
        Object.entries(call.body.variables ?? {}).map(([k, v]) =>
          k in captured.variables && JSON.stringify(captured.variables[k]) === JSON.stringify(v) ? [k, variables[k]] : [k, swapIds(v, ids)],
        ),
      );
      const r = await post(`${hub.subgraphs[call.service]}/graphql`, JSON.stringify({ ...call.body, variables: vars }), {
        authorization,
        [GATEWAY_HEADER]: signGatewayCall(hub.internalSecret, authorization),
        'x-request-id': requestId,
      });
      const error = errorOf(r.status, r.text);
      const response = error ? undefined : JSON.parse(r.text);
      if (response) learnIds(call.response, response, ids);
      return { response, error: error && `${call.service}: ${error}` };
    })();
  }
  const done = await Promise.all(answers);
  const error = done.find((d) => d.error)?.error;
  // The root call's data is what the next step needs (the new transfer's id).
  return { data: done[0]?.response?.data, error };
}

async function directRun(hub: HubEndpoints, capture: Capture, op: Operation, o: { connections: number; durationSec: number; amount?: number; ids: RequestIds }) {
  const latencies: number[] = [];
  let requests = 0;
  let iterations = 0;
  let errors = 0;
  let firstError: string | undefined;
  let exhausted = false;
  const started = performance.now();
  const deadline = started + o.durationSec * 1000;
  let started_ = 0;
  const more = () => (o.amount ? started_ < o.amount : performance.now() < deadline);
  const worker = async () => {
    while (more()) {
      started_ += op.requests;
      const steps = op.iteration();
      if (!steps) {
        exhausted = true;
        return;
      }
      iterations++;
      let previous: any;
      for (const step of steps) {
        const variables = step.variables(previous);
        const captured = capture.find(step, variables);
        if (!captured) throw new Error(`nothing captured for ${step.name}`);
        const t0 = performance.now();
        const requestId = o.ids.next(step.name);
        const r = await replay(hub, captured, step, variables, requestId).catch((e: Error) => ({ data: undefined, error: e.message }));
        latencies.push(performance.now() - t0);
        o.ids.answered(step.name, requestId);
        requests++;
        if (r.error) {
          errors++;
          firstError ??= `${step.name}: ${r.error}`;
        } else op.answered?.(step.name, r.data);
        previous = r.data;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const durationSec = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  return {
    requests,
    iterations,
    durationSec,
    requestsPerSec: requests / durationSec,
    p50Ms: Math.round(at(0.5)),
    p99Ms: Math.round(at(0.99)),
    errors,
    firstError,
    note: exhausted ? 'ran out of fresh leads before the time was up' : undefined,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * For the direct target: captures what our gateway asks of the subgraphs for every read the
 * operations can make (their pools are small and fixed), and one template per mutation.
 */
export async function captureAll(capture: Capture, ops: Operation[]): Promise<void> {
  for (const op of ops) {
    if (op.variants) {
      const list = op.variants();
      for (let i = 0; i < list.length; i += 8) await Promise.all(list.slice(i, i + 8).map(({ step, variables }) => capture.record(step, variables)));
      continue;
    }
    // Mutations: one real run through the recording gateway, each step feeding the next.
    const steps = op.iteration();
    if (!steps) throw new Error(`${op.name} has no input to capture with`);
    let previous: any;
    for (const step of steps) {
      previous = await capture.record(step, step.variables(previous));
      op.answered?.(step.name, previous);
    }
  }
}

export async function runOperation(
  target: TargetName,
  hub: HubEndpoints,
  op: Operation,
  o: RunOptions & { capture?: Capture; prepare?: (iterations: number) => Promise<void> },
): Promise<OpResult> {
  const run = async (durationSec: number, ids: RequestIds, amount?: number) => {
    if (target === 'direct') return directRun(hub, o.capture!, op, { connections: o.connections, durationSec, amount, ids });
    const base = hub.gateways[target];
    if (!base) throw new Error(`the ${target} gateway is not running`);
    return autocannonRun(base, op, op.requests, { connections: o.connections, durationSec, amount, ids });
  };
  // Input an operation uses up (fresh leads to transfer): a generous guess for the warm-up, then
  // half as much again as the warm-up's pace needs for the measured run.
  let pace = 50 / Math.max(o.warmupSec, 1);
  await o.prepare?.(o.connections + 1);
  await once(target, hub, op, o.capture);
  if (o.warmupSec > 0) {
    await o.prepare?.(Math.ceil(pace * o.warmupSec));
    const warm = await run(o.warmupSec, new RequestIds());
    if (warm.errors) o.log?.(`  warm-up of ${op.name} on ${target}: ${warm.errors} errors (${warm.firstError})`);
    pace = Math.max(0, warm.iterations - warm.errors) / warm.durationSec;
  }
  await o.prepare?.(o.requests ? Math.ceil(o.requests / op.requests) + 2 * o.connections : Math.min(5000, Math.ceil(pace * o.durationSec * 3) + 4 * o.connections));
  const ids = new RequestIds();
  const cpuBefore = await o.cpuTimes?.();
  const r = await run(o.durationSec, ids, o.requests && Math.ceil(o.requests / op.requests) * op.requests);
  const cpuAfter = await o.cpuTimes?.();
  const cpuMsPerRequest =
    cpuBefore && cpuAfter && r.requests
      ? Object.fromEntries(Object.entries(cpuAfter).map(([name, ms]) => [name, Math.round((10 * (ms - (cpuBefore[name] ?? 0))) / r.requests) / 10]))
      : undefined;
  const cost = await costs(hub, ids, o.countSql);
  return { op: op.name as OperationName, title: op.title, target, ...r, cost, cpuMsPerRequest };
}

/**
 * One iteration, one request at a time, before any load: it fails loudly on a broken query, and the
 * gateway has planned the operation (its plan cache) before the clock starts.
 */
async function once(target: TargetName, hub: HubEndpoints, op: Operation, capture?: Capture): Promise<void> {
  const steps = op.iteration();
  if (!steps) throw new Error(`${op.name} has no input left`);
  let previous: any;
  for (const step of steps) {
    const variables = step.variables(previous);
    let error: string | undefined;
    if (target === 'direct') {
      const r = await replay(hub, capture!.find(step, variables)!, step, variables, `bench-once-${randomUUID()}`);
      error = r.error;
      previous = r.data;
    } else {
      const { body } = await gatewayRequest(hub.gateways[target]!, step, variables);
      error = body.errors?.[0]?.message;
      previous = body.data;
    }
    if (error) throw new Error(`${op.name} on ${target}: ${step.name} failed before the run: ${error}`);
    op.answered?.(step.name, previous);
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const short: Record<ServiceName, string> = { leads: 'L', union: 'U', inspection: 'I', litigation: 'Lit' };

function costCell(cost: Record<string, RequestCost>, kind: 'sql' | 'calls'): string {
  const parts = Object.entries(cost).map(([step, c]) => {
    const cell = SERVICE_NAMES.map((n) => `${short[n]} ${kind === 'sql' && !c.constant ? c.spread![n] : c[kind][n]}`).join(' · ');
    return Object.keys(cost).length > 1 ? `${step}: ${cell}` : cell;
  });
  return parts.length ? parts.join('<br>') : '—';
}

export function markdownTable(results: OpResult[]): string {
  const lines = [
    '| operation | target | req/s | p50 ms | p99 ms | errors | SQL per request (L leads · U union · I inspection · Lit litigation) | subgraph calls per request |',
    '|---|---|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    const perIteration = r.requests !== r.iterations ? ` (${fmt(r.iterations / r.durationSec, 1)} iterations/s)` : '';
    lines.push(
      `| ${r.title} | ${r.target} | ${fmt(r.requestsPerSec, 1)}${perIteration} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors}${r.firstError ? ` (${r.firstError.slice(0, 80)})` : ''} | ${costCell(r.cost, 'sql')} | ${costCell(r.cost, 'calls')} |`,
    );
  }
  const cpu = results.filter((r) => r.cpuMsPerRequest);
  if (cpu.length) {
    const names = [...new Set(cpu.flatMap((r) => Object.keys(r.cpuMsPerRequest!)))];
    lines.push('', `| CPU ms per request | target | ${names.join(' | ')} | total |`, `|---|---|${names.map(() => '---:').join('|')}|---:|`);
    for (const r of cpu) {
      const c = r.cpuMsPerRequest!;
      const total = names.reduce((sum, n) => sum + (c[n] ?? 0), 0);
      lines.push(`| ${r.title} | ${r.target} | ${names.map((n) => fmt(c[n] ?? 0, 1)).join(' | ')} | ${fmt(total, 1)} |`);
    }
  }
  const notes = results.filter((r) => r.note).map((r) => `- ${r.title} (${r.target}): ${r.note}`);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
