import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
import { createHttpServer } from '../../lib/http-server';
import { errorHandler, notFoundHandler } from '../../lib/http-errors';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { subgraphFetch } from './subgraph-fetcher';
import { InProcessSource } from './in-process';
import type { InProcessSubgraph } from '../../lib/service';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { authenticator } from '../../lib/oidc';
import { DomainError, refuse } from '../../lib/errors';
import { withGraphQLReason } from '../../lib/format-error';
import { languageMiddleware, languageOf, requestLanguage } from '../../lib/i18n/language';
import { checkSecrets, internalSecret, isProduction, jwtSecret, numberSetting } from '../../lib/config';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { logger } from '../../lib/logger';
import { startTelemetry, traceRequests, traceSubgraphCalls } from '../../lib/telemetry';
import { queryLimits, queryLimitsRule, type QueryLimits } from './limits';
import { allowListPlugin, loadOperationManifest, persistedOperations } from './operations';
import { clientMistakesPlugin, requestMistakeCode } from './request-errors';
import { reportDownloadProxy } from './reports';
import { importProxy } from './imports';
import { evidenceProxy } from './evidence';
import { forwardKey, forwardedKey, noteReplayed, replayedHeader, type ForwardedKey } from './idempotency';
import { METRICS_PATH, gatewayMetrics } from '../../lib/metrics';
import { consoleApp, defaultConsoleDir, developmentIdentities, developmentIdentitiesEnabled } from './console';

export interface GatewayContext {
  authorization: string;
  requestId: string;
  idempotencyKey?: ForwardedKey;
  /** A subgraph answered with the stored answer of an earlier copy of this request. */
  replayed?: boolean;
  /** Passed on to the subgraphs, which render their refusals in it. */
  acceptLanguage?: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Base URL per subgraph name; overrides the URLs written in the supergraph. */
  serviceUrls?: Record<string, string>;
  port?: number;
  host?: string;
  /** How long /health waits for each subgraph. */
  healthTimeoutMs?: number;
  /** Defaults from the environment (HUB_MAX_QUERY_*). */
  limits?: Partial<QueryLimits>;
  /** Persisted operations manifest (HUB_OPERATIONS_FILE) and whether only those run (HUB_OPERATIONS_ONLY). */
  operationsFile?: string;
  operationsOnly?: boolean;
  /** Request body limit in bytes (HUB_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** The built staff console served at /console (default dist/console). */
  consoleDir?: string;
  /** Serves /metrics to this bearer token (default HUB_METRICS_TOKEN; unset: no /metrics). */
  metricsToken?: string;
  /**
   * HUB_TOPOLOGY=in-process: subgraphs running in this process, called as functions (no HTTP) for
   * GraphQL. serviceUrls still name them for the file routes (reports, imports, evidence).
   */
  inProcess?: Partial<Record<string, InProcessSubgraph>>;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const log = logger.child({ service: 'gateway' });
const requestIds = new AsyncLocalStorage<string>();

/** Subgraph names as the supergraph spells them (upper case in join__Graph), mapped to their URLs. */
function subgraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const m of supergraphSdl.matchAll(/(\w+)\s+@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) urls[m[2]] = m[3];
  return urls;
}

/** Errors from the gateway itself (a subgraph down, a planning failure) without internals. */
function formatGatewayError(formatted: GraphQLFormattedError, requestId: string | undefined, serviceAt: (url: string) => string | undefined): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const url = /https?:\/\/[^\s,]+/.exec(formatted.message)?.[0];
  const service = (formatted.extensions as { serviceName?: string } | undefined)?.serviceName ?? (url ? serviceAt(url) : undefined);
  const unreachable = /ECONNREFUSED|fetch failed|socket hang up|ETIMEDOUT|ENOTFOUND|ECONNRESET/i.test(formatted.message);
  // Contract codes pass through; a subgraph's own internal errors are already stripped of details.
  if (!unreachable && code && (code !== 'INTERNAL_SERVER_ERROR' || service)) return withGraphQLReason(formatted);
  log.error({ requestId, message: formatted.message, extensions: formatted.extensions, path: formatted.path, service }, 'request failed in the gateway');
  const e = unreachable ? refuse('SERVICE_UNAVAILABLE', { service: service ?? 'requested' }) : refuse('INTERNAL_ERROR');
  const lang = requestLanguage();
  return {
    message: e.messageIn(lang),
    path: formatted.path,
    locations: formatted.locations,
    extensions: { ...e.extensionsIn(lang), ...(requestId ? { requestId } : {}), ...(service ? { serviceName: service } : {}) },
  };
}

/**
 * A subgraph answers HTTP 400 when a request fails before execution (bad input in variables, for
 * one). Pass its own error on, with its code, instead of a bare "400: Bad Request" (which would
 * also carry the subgraph's internal URL).
 */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as { errors?: GraphQLFormattedError[] } | undefined;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (first?.extensions?.code) return new GraphQLError(first.message, { extensions: first.extensions });
    return new GraphQLError(`The subgraph answered HTTP ${response.status}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  checkSecrets();
  const secret = jwtSecret();
  const authenticate = authenticator(secret);
  const internal = internalSecret();
  startTelemetry();
  // Apollo Gateway otherwise reports usage metrics to Apollo's servers (and probes cloud metadata
  // endpoints to describe the host): the hub reports to no one but its own OTLP endpoint.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const written = subgraphUrls(o.supergraphSdl);
  const urlFor = (name: string, url?: string) => {
    const base = o.serviceUrls?.[name];
    return base ? `${base.replace(/\/+$/, '')}/graphql` : (url ?? written[name]);
  };

  const metrics = gatewayMetrics({ token: o.metricsToken });
  const gateway = new ApolloGateway({
    supergraphSdl: o.supergraphSdl,
    buildService: ({ name, url }) => {
      const local = o.inProcess?.[name];
      if (local) return new InProcessSource(local);
      return new SubgraphSource({
        url: urlFor(name, url),
        fetcher: metrics.timeSubgraph(name, traceSubgraphCalls(name, subgraphFetch)) as never,
        // Subgraphs send no cache hints (nothing here is HTTP-cacheable): skip parsing them.
        honorSubgraphCacheControlHeader: false,
        willSendRequest({ request, context: c }) {
          const context = c as GatewayContext;
          // Subgraphs verify the token themselves: a forged identity gets nowhere, gateway or not.
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
          request.http?.headers.set(GATEWAY_HEADER, signGatewayCall(internal, context.authorization ?? ''));
          if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
          forwardKey(request.http?.headers, context.idempotencyKey);
          if (context.acceptLanguage) request.http?.headers.set('accept-language', context.acceptLanguage);
        },
        didReceiveResponse: ({ response, context }) => noteReplayed(response, context),
      });
    },
  });

  const limits = { ...queryLimits(), ...o.limits };
  const manifest = loadOperationManifest(o.operationsFile ?? process.env.HUB_OPERATIONS_FILE, o.operationsOnly ?? process.env.HUB_OPERATIONS_ONLY === 'true');
  const maxBody = o.maxBodyBytes ?? numberSetting('HUB_MAX_BODY_BYTES', 256 * 1024);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !isProduction(),
    includeStacktraceInErrorResponses: false,
    // lib/main.ts owns SIGTERM/SIGINT: Apollo's own handler raced it and the process hung until killed.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [queryLimitsRule(limits)],
    formatError: (formatted) =>
      requestMistakeCode(formatted) ??
      formatGatewayError(formatted, requestIds.getStore(), (u) => Object.keys(written).find((n) => urlFor(n) === u)),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), allowListPlugin(manifest), clientMistakesPlugin, metrics.plugin, ApolloServerPluginCacheControlDisabled(), replayedHeader, ...(isProduction() ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    const names = Object.keys(written);
    const results = await Promise.all(
      names.map(async (name) => {
        const local = o.inProcess?.[name];
        if (local) return [name, await local.health()] as const;
        const healthUrl = urlFor(name).replace(/\/graphql$/, '/health');
        try {
          const r = await fetch(healthUrl, { signal: AbortSignal.timeout(o.healthTimeoutMs ?? 2000) });
          return [name, r.ok ? 'ok' : `unhealthy (HTTP ${r.status})`] as const;
        } catch {
          return [name, 'not answering'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(results);
    const ok = results.every(([, s]) => s === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs });
  });

  app.use('/console', consoleApp(o.consoleDir ?? defaultConsoleDir()));
  if (developmentIdentitiesEnabled(secret)) app.use('/dev', developmentIdentities(secret));

  app.get(METRICS_PATH, metrics.endpoint);
  app.get('/reports/:file', traceRequests('gateway', '/reports/:file'), metrics.downloads, reportDownloadProxy({ leadsUrl: urlFor('leads').replace(/\/graphql$/, ''), authenticate, log }));
  app.use('/imports', traceRequests('gateway', '/imports'), importProxy({ leadsUrl: urlFor('leads').replace(/\/graphql$/, ''), authenticate, log }));
  app.use('/evidence', traceRequests('gateway', '/evidence'), evidenceProxy({ leadsUrl: urlFor('leads').replace(/\/graphql$/, ''), authenticate, log }));

  app.use(
    '/graphql',
    express.json({ limit: maxBody }),
    persistedOperations(manifest),
    languageMiddleware,
    (req, res, next) => {
      const given = req.header('x-request-id');
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', requestId);
      requestIds.run(requestId, next);
    },
    traceRequests('gateway', '/graphql'),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => {
        const requestId = requestIds.getStore() ?? randomUUID();
        const authorization = req.header('authorization') ?? '';
        try {
          await authenticate(authorization);
        } catch (e) {
          if (e instanceof DomainError) throw e.toGraphQL(requestLanguage(), { http: { status: 401 } });
          throw e;
        }
        return { authorization, requestId, acceptLanguage: req.header('accept-language'), idempotencyKey: forwardedKey(req) };
      },
    }),
  );

  // Bodies too large or not JSON: a GraphQL-shaped answer rather than express's HTML page.
  app.use((err: { status?: number; type?: string }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    const refusal = err?.type === 'entity.too.large' ? refuse('BODY_TOO_LARGE', { max: maxBody }) : err?.type === 'entity.parse.failed' ? refuse('BODY_NOT_JSON') : undefined;
    if (!refusal) return next(err);
    const lang = languageOf(req.headers['accept-language']);
    return res.status(refusal.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400).json({ errors: [{ message: refusal.messageIn(lang), extensions: refusal.extensionsIn(lang) }] });
  });
  app.use(notFoundHandler);
  app.use(errorHandler(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as { port: number }).port;
  log.info({ port }, 'gateway ready');
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= apollo.stop();
      return stopping;
    },
  };
}
