import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import express from 'express';
import { createHttpServer } from './http-server';
import { errorHandler, notFoundHandler } from './http-errors';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import type { NonEmptyArray } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { openDatabase, type Orm } from './db';
import { checkSecrets, gatewayKey, internalSecret, isProduction, jwtSecret, numberSetting, serviceBaseUrl, type ServiceName } from './config';
import { logger as rootLogger, type Logger } from './logger';
import type { Principal } from './auth';
import { authenticator, type Authenticate } from './oidc';
import { GATEWAY_HEADER, GATEWAY_KEY_HEADER, verifyGatewayCall, verifyGatewayKey } from './gateway-call';
import { buildFederatedSchema, type ClassType, type ReferenceResolver } from './subgraph';
import { Dispatcher } from './outbox/dispatcher';
import { Emitter } from './outbox/emitter';
import { messageReceiver, type MessageHandler } from './outbox/receiver';
import { MESSAGES_PATH } from './outbox/message';
import { audit } from './audit/audit';
import { formatHubError } from './format-error';
import { DomainError, refuse } from './errors';
import { languageMiddleware, requestLanguage, withLanguage } from './i18n/language';
import type { HubContext } from './context';
import { AuditEntry } from './audit/audit.entity';
import { InboxMessage, OutboxMessage } from './outbox/outbox.entity';
import { DeadLetter } from './outbox/dead-letter.entity';
import { IdempotencyKeyRecord } from './idempotency/idempotency-key.entity';
import { idempotencyPlugin, keyReusedErrors } from './idempotency/idempotency.plugin';
import { idempotentRequest } from './idempotency/idempotency';
import { startTelemetry, traceRequests, traceSql } from './telemetry';
import { METRICS_PATH, serviceMetrics } from './metrics';
import { Scheduler, type DeadlineSource } from './scheduler/scheduler';

/** Tables every service has: its audit trail, its outbox and inbox, the Idempotency-Keys it was sent, the messages it refused. */
export const PLATFORM_ENTITIES = [AuditEntry, OutboxMessage, InboxMessage, IdempotencyKeyRecord, DeadLetter];

export interface ServiceDefinition<Loaders> {
  name: ServiceName;
  entities: EntityClass<object>[];
  migrations: MigrationObject[];
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  referenceResolvers?: Record<string, ReferenceResolver>;
  createLoaders: (em: EntityManager, principal: Principal) => Loaders;
  messageHandlers: Record<string, MessageHandler>;
  /** Plain HTTP endpoints beside /graphql (report downloads); each verifies the token itself. */
  httpRoutes?: (deps: HttpRouteDeps) => express.Router;
  /** Work the service does in the background (bulk imports), stopped before the database closes. */
  background?: (deps: HttpRouteDeps & { dispatcher: Dispatcher }) => { start(): void; stop(): Promise<void> };
  /**
   * Runs once a request's execution has ended, before its answer is sent (the lead registry writes
   * who saw personal data there, once per request).
   */
  executionDidEnd?(context: HubContext<Loaders>): Promise<void>;
  /** Deadlines the service fires once as they come due (lib/scheduler). */
  deadlines?: DeadlineSource[];
}

export interface HttpRouteDeps {
  orm: Orm;
  /** Checks a request's Authorization header (HS256 or the OpenID provider's token). */
  authenticate: Authenticate;
  log: Logger;
}

export interface ServiceOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  /** Base URL of each service, for outbox delivery. */
  resolveUrl?: (service: string) => string;
  outboxPollMs?: number;
  outboxMaxBackoffMs?: number;
  /** Serves /metrics to this bearer token (default HUB_METRICS_TOKEN; unset: no /metrics). */
  metricsToken?: string;
}

export interface RunningService {
  name: ServiceName;
  url: string;
  port: number;
  orm: Orm;
  dispatcher: Dispatcher;
  /** Fires the service's deadlines every HUB_SCHEDULER_INTERVAL_SECONDS; `runOnce(now)` runs one pass. */
  scheduler: Scheduler;
  /**
   * SQL statements run while serving the request with this x-request-id (recent requests only),
   * summed over every call the gateway made to this subgraph for it.
   */
  queriesFor(requestId: string): number | undefined;
  /** How many GraphQL calls this subgraph answered for that x-request-id (recent requests only). */
  callsFor(requestId: string): number | undefined;
  /**
   * The subgraph's GraphQL endpoint as a function, for a gateway in this same process
   * (HUB_TOPOLOGY=in-process). No route leads to it; see InProcessSubgraph.
   */
  inProcess: InProcessSubgraph;
  stop(): Promise<void>;
}

/** One GraphQL call to a subgraph, as the gateway would POST it (lower-case header names). */
export interface InProcessCall {
  headers: Record<string, string>;
  body: { query?: string; operationName?: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> };
}

export interface InProcessAnswer {
  status: number;
  headers: Map<string, string>;
  /** The answer parsed from its JSON text: objects of its own, shared with nothing the subgraph keeps. */
  body: unknown;
}

/**
 * What `POST /graphql` does, minus the socket and the gateway signature (the caller is in this
 * process): the same token check and context per call, the same repair of lone surrogates, the
 * same request id, language and SQL counting, and Apollo's own HTTP handling (so a variable that
 * does not coerce is the same 400 BAD_USER_INPUT). Request and answer cross as JSON text, as over
 * HTTP, so neither side can alias the other's objects.
 */
export interface InProcessSubgraph {
  execute(call: InProcessCall): Promise<InProcessAnswer>;
  /** As the gateway's /health words it over HTTP: 'ok', or why not. */
  health(): Promise<string>;
}

/**
 * A call to a stopped in-process subgraph: the gateway reads it as a subgraph not answering
 * (SERVICE_UNAVAILABLE naming it), as it reads a refused connection over HTTP.
 */
export class SubgraphStopped extends GraphQLError {
  constructor(readonly service: string) {
    super(`in-process call to the ${service} subgraph failed, reason: ECONNREFUSED (stopped)`, { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: service } });
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
/** Request ids whose SQL counts are kept (a benchmark reads back its last few thousand requests). */
const RECENT_COUNTS = 5000;
/**
 * Development only (never registered when NODE_ENV=production), and only for callers signed like the
 * gateway: the SQL counts of recent requests, so a benchmark running the services as separate
 * processes can count the statements each request cost. See docs/security.md.
 */
export const SQL_COUNTS_PATH = '/internal/sql-counts';

/**
 * JSON can carry a lone UTF-16 surrogate ("\udfff"), which is not text: PostgreSQL keeps it as U+FFFD
 * in a text column but refuses it in jsonb (outbox payloads, audit data), failing the whole command.
 * Every string in a request is made well-formed up front, the same way in both places.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormedStrings = (_key: string, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value);

/** Builds the schema alone (no database): what `npm run compose` needs. */
export function schemaOf<L>(def: ServiceDefinition<L>) {
  return buildFederatedSchema(def);
}

/** A service's end-of-execution hook as a plugin: awaited before the answer leaves, also after errors. */
function endOfExecution<L>(hook: (context: HubContext<L>) => Promise<void>): ApolloServerPlugin<HubContext<L>> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue }) {
          return { executionDidEnd: () => hook(contextValue) };
        },
      };
    },
  };
}

export async function startService<L>(def: ServiceDefinition<L>, o: ServiceOptions): Promise<RunningService> {
  const log = rootLogger.child({ service: def.name });
  checkSecrets();
  const authenticate = authenticator(jwtSecret());
  startTelemetry();
  const orm = await openDatabase({ databaseUrl: o.databaseUrl, entities: [...PLATFORM_ENTITIES, ...def.entities], migrations: def.migrations });
  traceSql(def.name, orm.em.getConnection(), orm.config.get('dbName'));
  const metrics = serviceMetrics({ service: def.name, orm, token: o.metricsToken });

  // Counts SQL per request, so tests and benchmarks can prove there is no N+1.
  const requestStore = new AsyncLocalStorage<{ requestId: string; queries: number }>();
  const recentCounts = new Map<string, { queries: number; calls: number }>();
  ((orm.em as EntityManager).getKnex().client as EventEmitter).on('query', () => {
    const store = requestStore.getStore();
    if (store) store.queries++;
  });

  const dispatcher = new Dispatcher({
    source: def.name,
    orm,
    resolveUrl: o.resolveUrl ?? ((s) => serviceBaseUrl(s as ServiceName)),
    secret: internalSecret(),
    log,
    pollMs: o.outboxPollMs ?? numberSetting('OUTBOX_POLL_MS', 1000),
    maxBackoffMs: o.outboxMaxBackoffMs ?? numberSetting('OUTBOX_MAX_BACKOFF_MS', 30_000),
    requestTimeoutMs: numberSetting('OUTBOX_REQUEST_TIMEOUT_MS', 5000),
    observer: metrics.outbox,
  });

  const schema = await buildFederatedSchema(def);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);

  const countQueries: ApolloServerPlugin<HubContext<L>> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          const store = requestStore.getStore();
          if (!store || !contextValue?.requestId) return;
          // One client request can reach a subgraph several times (root fetch, then entity fetches).
          const seen = recentCounts.get(contextValue.requestId);
          recentCounts.set(contextValue.requestId, { queries: (seen?.queries ?? 0) + store.queries, calls: (seen?.calls ?? 0) + 1 });
          if (recentCounts.size > RECENT_COUNTS) recentCounts.delete(recentCounts.keys().next().value!);
        },
      };
    },
  };

  const apollo = new ApolloServer<HubContext<L>>({
    schema,
    introspection: !isProduction(),
    includeStacktraceInErrorResponses: false,
    // lib/main.ts owns SIGTERM/SIGINT: Apollo's own handler raced it and the process hung until killed.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatHubError(formatted, error, log, requestStore.getStore()?.requestId),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      countQueries,
      ...(def.executionDidEnd ? [endOfExecution(def.executionDidEnd.bind(def))] : []),
      idempotencyPlugin({ dispatcher, keyReused: keyReusedErrors }),
      metrics.plugin,
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here is HTTP-cacheable, and its per-field hook wraps every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(isProduction() ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  /** One request's context: its principal (the token checked here, on every call), EntityManager fork and loaders. */
  const contextFor = async (req: { header(name: string): string | undefined; body?: unknown }): Promise<HubContext<L>> => {
    const requestId = requestStore.getStore()?.requestId ?? randomUUID();
    let principal: Principal;
    try {
      principal = await authenticate(req.header('authorization'));
    } catch (e) {
      if (e instanceof DomainError) throw e.toGraphQL(requestLanguage(), { http: { status: 401 } });
      throw e;
    }
    const idempotency = idempotentRequest(req, principal);
    const em = orm.em.fork() as EntityManager;
    const requestLog = log.child({ requestId });
    return {
      principal,
      requestId,
      em,
      loaders: def.createLoaders(em, principal),
      log: requestLog,
      idempotency,
      async transact(work) {
        const emitter = new Emitter(def.name);
        const result = await em.transactional((tx) =>
          work({
            em: tx,
            emit: emitter.bind(tx),
            audit: (change) => audit(tx, { id: principal.id, agency: principal.agency, requestId }, change),
          }),
        );
        // Inside an idempotent request's transaction (a savepoint of it): delivered after its commit.
        if (idempotency?.open) {
          idempotency.effects++;
          for (const d of emitter.destinations) idempotency.destinations.add(d);
          return result;
        }
        if (emitter.destinations.size) await dispatcher.deliverNow(emitter.destinations);
        return result;
      },
    };
  };

  const healthy = () => orm.em.fork().getConnection().execute('select 1').then(() => true, () => false);
  app.get('/health', async (_req, res) => {
    if (await healthy()) res.json({ status: 'ok', service: def.name });
    else res.status(503).json({ status: 'unavailable', service: def.name, reason: 'database not reachable' });
  });

  app.get(METRICS_PATH, metrics.endpoint);

  app.post(
    MESSAGES_PATH,
    express.text({ type: 'application/json', limit: '1mb' }),
    messageReceiver({ orm, secret: internalSecret(), handlers: def.messageHandlers, dispatcher, source: def.name, log }),
  );

  const gatewayOnly = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (verifyGatewayCall(req.header(GATEWAY_HEADER), req.header('authorization') ?? '', internalSecret())) return next();
    if (verifyGatewayKey(req.header(GATEWAY_KEY_HEADER), gatewayKey())) return next();
    const e = refuse('GATEWAY_ONLY');
    res.status(403).json({ errors: [{ message: e.messageIn('en'), extensions: e.extensionsIn('en') }] });
  };

  if (!isProduction()) {
    app.get(SQL_COUNTS_PATH, gatewayOnly, (req, res) => {
      const given = req.query.requestIds;
      const ids = (typeof given === 'string' ? given : Array.isArray(given) ? given.filter((g) => typeof g === 'string').join(',') : '').split(',').filter((id) => REQUEST_ID.test(id)).slice(0, RECENT_COUNTS);
      res.json({ service: def.name, counts: Object.fromEntries(ids.map((id) => [id, recentCounts.get(id) ?? null])) });
    });
  }

  if (def.httpRoutes) {
    // The plain routes are report downloads (services/leads: /reports/<file>).
    app.use('/reports', traceRequests(def.name, '/reports/:file'), metrics.downloads);
    app.use(gatewayOnly, def.httpRoutes({ orm, authenticate, log }));
  }

  app.use(
    '/graphql',
    gatewayOnly,
    express.json({ limit: '1mb', reviver: wellFormedStrings }),
    languageMiddleware,
    traceRequests(def.name, '/graphql'),
    (req, _res, next) => {
      const given = req.header('x-request-id');
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      requestStore.run({ requestId, queries: 0 }, next);
    },
    expressMiddleware(apollo, { context: ({ req }) => contextFor(req) }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as { port: number }).port;
  dispatcher.start();
  const background = def.background?.({ orm, authenticate, log, dispatcher });
  background?.start();
  const scheduler = new Scheduler({
    service: def.name,
    orm,
    sources: def.deadlines ?? [],
    intervalMs: numberSetting('HUB_SCHEDULER_INTERVAL_SECONDS', 60) * 1000,
    log,
    dispatcher,
    observer: metrics.scheduler,
  });
  scheduler.start();
  log.info({ port }, `${def.name} subgraph ready`);

  let stopping: Promise<void> | undefined;
  const inProcess: InProcessSubgraph = {
    async execute({ headers, body: given }) {
      if (stopping) throw new SubgraphStopped(def.name);
      // The same text-and-reviver round trip express.json does: lone surrogates repaired, and a copy.
      const body = JSON.parse(JSON.stringify(given), wellFormedStrings) as unknown;
      const header = (name: string) => headers[name];
      const givenId = headers['x-request-id'];
      const requestId = givenId && REQUEST_ID.test(givenId) ? givenId : randomUUID();
      const httpHeaders = new HeaderMap();
      for (const [k, v] of Object.entries(headers)) httpHeaders.set(k, v);
      const answer = await withLanguage(headers['accept-language'], () =>
        requestStore.run({ requestId, queries: 0 }, () =>
          apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers: httpHeaders, search: '', body }, context: () => contextFor({ header, body }) }),
        ),
      );
      if (answer.body.kind !== 'complete') throw new Error(`the ${def.name} subgraph answered in chunks, which the in-process gateway does not read`);
      return { status: answer.status ?? 200, headers: new Map(answer.headers), body: JSON.parse(answer.body.string) as unknown };
    },
    health: async () => (stopping ? 'not answering' : (await healthy()) ? 'ok' : 'unhealthy (database not reachable)'),
  };
  return {
    name: def.name,
    inProcess,
    url: `http://127.0.0.1:${port}`,
    port,
    orm,
    dispatcher,
    scheduler,
    queriesFor: (requestId) => recentCounts.get(requestId)?.queries,
    callsFor: (requestId) => recentCounts.get(requestId)?.calls,
    stop() {
      stopping ??= (async () => {
        await background?.stop();
        await scheduler.stop();
        await dispatcher.stop();
        await apollo.stop();
        await orm.close(true);
        log.info(`${def.name} subgraph stopped`);
      })();
      return stopping;
    },
  };
}
