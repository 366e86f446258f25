import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startService, type InProcessCall, type RunningService } from '../../lib/service';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { signToken, type Principal } from '../../lib/auth';
import { jwtSecret, SERVICE_NAMES, type ServiceName, type Topology } from '../../lib/config';
import { SERVICES } from '../../services/registry';

export interface TestHub {
  gatewayUrl: string;
  services: Record<ServiceName, RunningService>;
  gateway: RunningGateway;
  databaseUrl(name: ServiceName): string;
  stopService(name: ServiceName): Promise<void>;
  restartService(name: ServiceName): Promise<void>;
  /** Runs SQL against one service's database (for assertions only). */
  sql<T = Record<string, unknown>>(name: ServiceName, text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
  /** Subgraph calls the gateway made in process (topology 'in-process'; 0 over HTTP). */
  inProcessCalls(): number;
}

/** A fresh prefix for one hub's databases on the shared test server. */
export const testDatabasePrefix = () => `t${randomUUID().replace(/-/g, '').slice(0, 10)}_`;

const supergraph = () => fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

export interface HubOptions {
  /**
   * PostgreSQL server to make the databases on (a maintenance-database URL); defaults to the shared
   * test server in TEST_DATABASE_URL. Fault tests that restart PostgreSQL use a cluster of their own.
   */
  serverUrl?: string;
  /** A built staff console for the gateway to serve at /console (test/support/console.ts builds one). */
  consoleDir?: string;
  /** Names the databases `<prefix><service>` (default: a fresh random prefix), e.g. to run on seeded ones. */
  databasePrefix?: string;
  /** Serves /metrics on the gateway and every service to this bearer token. */
  metricsToken?: string;
  /**
   * `http` (default): the gateway calls the subgraphs over signed HTTP on loopback, as separate
   * processes do (the fault tests need that). `in-process`: as `npm start` does by default.
   */
  topology?: Topology;
}

/**
 * The whole hub in this process on fresh databases: four subgraphs and the gateway, talking over
 * real HTTP on loopback (or as functions, topology 'in-process'), outbox retries fast enough for tests.
 */
export async function startHub(o: HubOptions = {}): Promise<TestHub> {
  const server = o.serverUrl ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests with jest (globalSetup starts PostgreSQL)');
  const prefix = o.databasePrefix ?? testDatabasePrefix();
  const databaseUrl = (name: ServiceName) => {
    const u = new URL(server);
    u.pathname = `/${prefix}${name}`;
    return u.toString();
  };
  const services = {} as Record<ServiceName, RunningService>;
  const ports = {} as Record<ServiceName, number>;
  const start = async (name: ServiceName) => {
    services[name] = await startService(SERVICES[name], {
      databaseUrl: databaseUrl(name),
      port: ports[name] ?? 0,
      resolveUrl: (s) => services[s as ServiceName].url,
      outboxPollMs: 100,
      outboxMaxBackoffMs: 400,
      metricsToken: o.metricsToken,
    });
    ports[name] = services[name].port;
  };
  await Promise.all(SERVICE_NAMES.map(start));
  let inProcessCalls = 0;
  const gateway = await startGateway({
    supergraphSdl: supergraph(),
    serviceUrls: Object.fromEntries(SERVICE_NAMES.map((n) => [n, services[n].url])),
    healthTimeoutMs: 500,
    consoleDir: o.consoleDir,
    metricsToken: o.metricsToken,
    // A getter per call, so a restarted service is reached, as over HTTP.
    inProcess:
      o.topology === 'in-process'
        ? Object.fromEntries(SERVICE_NAMES.map((n) => [n, { execute: (c: InProcessCall) => (inProcessCalls++, services[n].inProcess.execute(c)), health: () => services[n].inProcess.health() }]))
        : undefined,
  });
  const clients: Client[] = [];
  return {
    gatewayUrl: gateway.url,
    services,
    gateway,
    databaseUrl,
    stopService: (name) => services[name].stop(),
    restartService: (name) => start(name),
    inProcessCalls: () => inProcessCalls,
    async sql(name, text, params) {
      const c = new Client({ connectionString: databaseUrl(name) });
      await c.connect();
      try {
        return (await c.query(text, params as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async stop() {
      await gateway.stop();
      await Promise.allSettled(SERVICE_NAMES.map((n) => services[n].stop()));
      await Promise.allSettled(clients.map((c) => c.end()));
    },
  };
}

let staffSeq = 0;
export function tokenFor(p: Partial<Principal> & Pick<Principal, 'agency' | 'region'>): string {
  staffSeq++;
  return signToken(
    { id: p.id ?? `${p.agency.toLowerCase()}-${p.region}-${staffSeq}`, name: p.name ?? `测试人员${staffSeq}`, agency: p.agency, region: p.region, roles: p.roles ?? ['INTAKE', 'HANDLER'] },
    jwtSecret(),
  );
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

export async function gql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  o: { token?: string; requestId?: string; language?: string } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.requestId ? { 'x-request-id': o.requestId } : {}),
      ...(o.language ? { 'accept-language': o.language } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  return { ...body, status: res.status };
}

/** The data of a response that must have succeeded; shows the errors otherwise. */
export function ok<T>(r: GraphQLResponse<T>): T {
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data as T;
}

export async function eventually<T>(check: () => Promise<T>, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 100));
  }
}

/** A valid intake, with overrides. */
export function leadInput(over: Record<string, unknown> = {}) {
  return {
    channel: 'HOTLINE',
    regionCode: '140421',
    employerName: '长治市某建筑劳务有限公司',
    employerCreditCode: '91140400MA0K6X5Y12',
    industry: 'CONSTRUCTION',
    projectName: '某安置小区二期',
    workerCount: 4,
    amountOwed: '89195.00',
    wagePeriodStart: '2025-03-01',
    wagePeriodEnd: '2025-12-31',
    description: '4名农民工反映被拖欠工资',
    complainants: [{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }],
    ...over,
  };
}

export const REPORT_LEAD = `mutation Report($input: ReportLeadInput!) {
  reportLead(input: $input) {
    id referenceNo regionCode amountOwed workerCount isMassCase intakeAgency
    employer { id name creditCode }
    complainants { name idNumber phone }
    agencies { agency transferState feedbackState closureState }
    union { handler transferState feedbackState closureState }
  }
}`;
