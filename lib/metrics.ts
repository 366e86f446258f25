import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from './db';
import { SERVICE_NAMES } from './config';
import type { SchedulerObserver } from './scheduler/scheduler';

/**
 * Prometheus metrics of one process part (the gateway or one service), served at GET /metrics in
 * the text format, built on prom-client. Off unless HUB_METRICS_TOKEN is set, and then answered only
 * to `Authorization: Bearer <HUB_METRICS_TOKEN>`: operation names and queue depths tell an outsider
 * how the hub is used. Off, every hook below is a no-op and nothing is collected.
 */
export const METRICS_PATH = '/metrics';

/** Seconds; from a 5 ms entity fetch to a 10 s report. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Operation names come from clients: only well-formed ones, and only so many, get their own series. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,79}$/;
const MAX_OPERATIONS = 300;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,49}$/;

export function metricsToken(given?: string): string | undefined {
  const token = given ?? process.env.HUB_METRICS_TOKEN;
  return token ? token : undefined;
}

/** 404 when metrics are off, 401 without the right bearer token (compared in constant time). */
export function metricsEndpoint(registry: Registry | undefined, token: string | undefined): RequestHandler {
  const expected = token ? createHash('sha256').update(token).digest() : undefined;
  return async (req, res) => {
    if (!registry || !expected) {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '');
    const given = createHash('sha256').update(m?.[1] ?? '').digest();
    if (!m || !timingSafeEqual(given, expected)) {
      res.status(401).set('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('Send Authorization: Bearer <HUB_METRICS_TOKEN>.\n');
      return;
    }
    res.set('content-type', registry.contentType).set('cache-control', 'no-store').send(await registry.metrics());
  };
}

function operationLabel(seen: Set<string>, name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (!OPERATION_NAME.test(name)) return '(invalid)';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATIONS) return '(other)';
  seen.add(name);
  return name;
}

/** GraphQL requests and latency per operation name, errors per `extensions.code`. */
function graphqlMetrics(registry: Registry): ApolloServerPlugin<BaseContext> {
  const requests = new Counter({ name: 'hub_graphql_requests_total', help: 'GraphQL operations answered, by operation name', labelNames: ['operation'], registers: [registry] });
  const duration = new Histogram({ name: 'hub_graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation, by operation name', labelNames: ['operation'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const errors = new Counter({ name: 'hub_graphql_errors_total', help: 'Errors in GraphQL answers, by operation name and extensions.code', labelNames: ['operation', 'code'], registers: [registry] });
  const seen = new Set<string>();
  const codeOf = (code: unknown) => (typeof code === 'string' && ERROR_CODE.test(code) ? code : 'UNKNOWN');
  return {
    // A refused token fails while the context is made, before any operation is read.
    async contextCreationDidFail({ error }) {
      requests.inc({ operation: '(none)' });
      errors.inc({ operation: '(none)', code: codeOf((error as { extensions?: { code?: unknown } }).extensions?.code) });
    },
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operationName, request, response }) {
          const operation = operationLabel(seen, operationName ?? request.operationName);
          end({ operation });
          requests.inc({ operation });
          const body = response.body;
          for (const e of body.kind === 'single' ? (body.singleResult.errors ?? []) : []) errors.inc({ operation, code: codeOf(e.extensions?.code) });
        },
      };
    },
  };
}

/** Counts requests in flight on an HTTP route (report downloads): up on arrival, down when the response closes. */
function inFlight(gauge: Gauge | undefined): RequestHandler {
  return (_req, res, next) => {
    if (!gauge) return next();
    gauge.inc();
    res.once('close', () => gauge.dec());
    next();
  };
}

const noopPlugin: ApolloServerPlugin<BaseContext> = {};
const passThrough: RequestHandler = (_req, _res, next) => next();

export interface OutboxObserver {
  deliveryFailed(destination: string): void;
}

export interface ServiceMetrics {
  plugin: ApolloServerPlugin<BaseContext>;
  endpoint: RequestHandler;
  downloads: RequestHandler;
  outbox: OutboxObserver;
  scheduler: SchedulerObserver;
}

interface OutboxRow {
  destination: string;
  undelivered: string | number;
  oldest_age_seconds: string | number | null;
}

/** Messages waiting for each destination and how long the oldest has waited, from the outbox table. */
async function readOutbox(orm: Orm): Promise<OutboxRow[]> {
  return (orm.em.fork() as EntityManager)
    .getConnection()
    .execute<OutboxRow[]>(
      `select destination, count(*) as undelivered, extract(epoch from now() - min(created_at)) as oldest_age_seconds
         from outbox_message where delivered_at is null group by destination`,
    );
}

/**
 * Messages given up on per destination. Reads 0 until the outbox keeps dead letters (issue 15);
 * then this is where they are counted.
 */
async function readDeadLetters(_orm: Orm): Promise<Record<string, number>> {
  return {};
}

export function serviceMetrics(o: { service: string; orm: Orm; token?: string }): ServiceMetrics {
  const token = metricsToken(o.token);
  if (!token) return { plugin: noopPlugin, endpoint: metricsEndpoint(undefined, undefined), downloads: passThrough, outbox: { deliveryFailed() {} }, scheduler: { passed() {} } };

  const registry = new Registry();
  registry.setDefaultLabels({ service: o.service });
  collectDefaultMetrics({ register: registry });
  const destinations = new Set<string>(SERVICE_NAMES.filter((n) => n !== o.service));

  // Both outbox gauges come from one query per scrape (prom-client collects every metric at once).
  let pending: Promise<OutboxRow[]> | undefined;
  const outbox = () => (pending ??= readOutbox(o.orm).finally(() => (pending = undefined)));
  const perDestination = (gauge: Gauge, values: Map<string, number>) => {
    for (const d of values.keys()) destinations.add(d);
    for (const d of destinations) gauge.set({ destination: d }, values.get(d) ?? 0);
  };
  new Gauge({
    name: 'hub_outbox_undelivered_messages',
    help: 'Outbox messages not yet delivered, by destination service',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      perDestination(this, new Map((await outbox()).map((r) => [r.destination, Number(r.undelivered)])));
    },
  });
  new Gauge({
    name: 'hub_outbox_oldest_undelivered_age_seconds',
    help: 'Age of the oldest undelivered outbox message, by destination service (0 when none waits)',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      perDestination(this, new Map((await outbox()).map((r) => [r.destination, Number(r.oldest_age_seconds ?? 0)])));
    },
  });
  new Gauge({
    name: 'hub_outbox_dead_letters',
    help: 'Outbox messages given up on (dead letters), by destination service',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      perDestination(this, new Map(Object.entries(await readDeadLetters(o.orm))));
    },
  });
  const failures = new Counter({ name: 'hub_outbox_delivery_failures_total', help: 'Failed outbox delivery attempts (each is retried), by destination service', labelNames: ['destination'], registers: [registry] });

  // knex's tarn pool under MikroORM.
  const pool = () => ((o.orm.em as EntityManager).getKnex().client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number; max: number } }).pool;
  new Gauge({
    name: 'hub_db_pool_connections',
    help: 'Database pool connections: in use, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      this.set({ state: 'used' }, p?.numUsed() ?? 0);
      this.set({ state: 'free' }, p?.numFree() ?? 0);
      this.set({ state: 'pending' }, p?.numPendingAcquires() ?? 0);
    },
  });
  new Gauge({
    name: 'hub_db_pool_max_connections',
    help: 'Largest number of connections the database pool opens',
    registers: [registry],
    collect() {
      this.set(pool()?.max ?? 0);
    },
  });
  const downloads = new Gauge({ name: 'hub_report_downloads_in_flight', help: 'Report downloads being streamed right now', registers: [registry] });

  // Deadlines (lib/scheduler): how late the last pass fired the oldest deadline it fired, and how many.
  const lag = new Gauge({ name: 'hub_scheduler_lag_seconds', help: 'Seconds from the oldest deadline the last deadline pass fired coming due to its firing (0: none was late)', registers: [registry] });
  const passes = new Counter({ name: 'hub_scheduler_passes_total', help: 'Deadline passes, by outcome (ran, or skipped while another replica held the lock)', labelNames: ['outcome'], registers: [registry] });
  const fired = new Counter({ name: 'hub_scheduler_fired_total', help: 'Deadlines fired, by kind', labelNames: ['kind'], registers: [registry] });

  return {
    plugin: graphqlMetrics(registry),
    scheduler: {
      passed: (r) => {
        passes.inc({ outcome: r.ran ? 'ran' : 'skipped' });
        if (!r.ran) return;
        lag.set(r.lagSeconds);
        for (const d of r.fired) fired.inc({ kind: d.kind });
      },
    },
    endpoint: metricsEndpoint(registry, token),
    downloads: inFlight(downloads),
    outbox: {
      deliveryFailed: (destination) => {
        destinations.add(destination);
        failures.inc({ destination });
      },
    },
  };
}

export interface GatewayMetrics {
  plugin: ApolloServerPlugin<BaseContext>;
  endpoint: RequestHandler;
  downloads: RequestHandler;
  /** Wraps the fetcher of one subgraph to time its calls. */
  timeSubgraph<I>(subgraph: string, fetcher: (url: string, init?: I) => Promise<Response>): (url: string, init?: I) => Promise<Response>;
}

export function gatewayMetrics(o: { token?: string } = {}): GatewayMetrics {
  const token = metricsToken(o.token);
  if (!token) return { plugin: noopPlugin, endpoint: metricsEndpoint(undefined, undefined), downloads: passThrough, timeSubgraph: (_s, f) => f };

  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  const calls = new Histogram({
    name: 'hub_subgraph_request_duration_seconds',
    help: 'Time of the gateway calls to each subgraph, by outcome (ok, http_error, unreachable)',
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const downloads = new Gauge({ name: 'hub_report_downloads_in_flight', help: 'Report downloads being streamed right now', registers: [registry] });
  return {
    plugin: graphqlMetrics(registry),
    endpoint: metricsEndpoint(registry, token),
    downloads: inFlight(downloads),
    timeSubgraph: (subgraph, fetcher) =>
      async (url, init) => {
        const end = calls.startTimer({ subgraph });
        try {
          const res = await fetcher(url, init);
          end({ outcome: res.ok ? 'ok' : 'http_error' });
          return res;
        } catch (e) {
          end({ outcome: 'unreachable' });
          throw e;
        }
      },
  };
}
