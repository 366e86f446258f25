/**
 * OpenTelemetry traces (docs/tracing.md). Off unless an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): then nothing but
 * @opentelemetry/api is loaded, no SDK, exporter or context manager starts, and every hook below is
 * a plain pass-through (the API's no-op).
 *
 * Spans are made by hand at the few places the hub crosses a boundary (HTTP in, each subgraph call,
 * each SQL statement, outbox delivery and receipt): auto-instrumentation patches modules as they
 * are required, which misses modules loaded before it and does not run under jest, and it would
 * record SQL with its values inlined (MikroORM formats parameters into the text).
 *
 * One process can host several services (`npm start` runs the gateway and all four subgraphs). Each
 * service gets a tracer provider of its own, with its own resource (service.name `hub-<service>`),
 * all sharing the process's context: a trace shows the gateway, leads and union as the distinct
 * services they are in either layout, and a span attribute `hub.service` says the same.
 */
import { context, diag, DiagLogLevel, propagation, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Context, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NextFunction, Request, Response as ServerResponse } from 'express';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { HubMessage } from './outbox/message';

type SdkModule = typeof import('@opentelemetry/sdk-trace-node');

interface Sdk {
  sdk: SdkModule;
  providers: Map<string, BasicTracerProvider>;
  /** The service whose provider serves tracers nobody named (the first service this process started). */
  first?: string;
}

let state: Sdk | null | undefined;

/** True when the environment asks for traces: an OTLP endpoint, and the SDK not switched off. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((e) => e.trim().toLowerCase());
  if (exporters.every((e) => e === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** Whether spans are being made in this process. */
export const tracingEnabled = (): boolean => Boolean(state);

/** Attribute keys for spans' service and the gateway's tracer (Apollo Gateway's own spans). */
const SERVICE_ATTRIBUTE = 'hub.service';
const APOLLO_GATEWAY_TRACER = 'apollo/gateway-js';

const otlpProtocol = () => (process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
const PROTOCOLS = ['http/protobuf', 'http/json'];

function exporterFor(sdk: SdkModule) {
  const protocol = otlpProtocol();
  // Loaded only when traces are on; each exporter reads the standard OTEL_EXPORTER_OTLP_* settings itself.
  if (protocol === 'http/protobuf') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
    return new sdk.BatchSpanProcessor(new OTLPTraceExporter());
  }
  if (protocol === 'http/json') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    return new sdk.BatchSpanProcessor(new OTLPTraceExporter());
  }
  throw unsupported(protocol);
}

const unsupported = (protocol: string) =>
  new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported: use http/protobuf (the default) or http/json, on the collector's OTLP/HTTP port (4318).`);

function providerFor(s: Sdk, service: string): BasicTracerProvider {
  let provider = s.providers.get(service);
  if (provider) return provider;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resources = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults, as the specification says.
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': `hub-${service}`, 'service.namespace': 'wage-arrears-hub', 'service.version': hubVersion(), 'host.name': os.hostname() }))
    // Not the host detector: its machine id is read by a dynamic import, which jest cannot run.
    .merge(resources.detectResources({ detectors: [resources.processDetector, resources.envDetector] }));
  provider = new s.sdk.NodeTracerProvider({ resource, spanProcessors: [exporterFor(s.sdk)] });
  s.providers.set(service, provider);
  s.first ??= service;
  return provider;
}

/** The hub's version from package.json (lib/ in the sources, dist/lib/ when built). */
let version: string | undefined;
function hubVersion(): string {
  return (version ??= readVersion());
}
function readVersion(): string {
  for (const up of ['..', '../..']) {
    try {
      return (JSON.parse(fs.readFileSync(path.join(__dirname, up, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not there: try one level up
    }
  }
  return 'unknown';
}

/**
 * Starts the SDK once per process if the environment asks for traces (idempotent; every service
 * and the gateway call it before serving). Registers the W3C trace-context propagator and an
 * AsyncLocalStorage context manager, and a tracer provider that hands Apollo Gateway's own spans
 * (gateway.request, gateway.plan, gateway.fetch, ...) to the gateway's provider.
 */
export function startTelemetry(): boolean {
  if (state !== undefined) return state !== null;
  if (!tracingConfigured()) {
    state = null;
    return false;
  }
  // A mistyped setting stops the service at start rather than leaving it silently untraced.
  if (!PROTOCOLS.includes(otlpProtocol())) throw unsupported(otlpProtocol());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@opentelemetry/sdk-trace-node') as SdkModule;
  const s: Sdk = { sdk, providers: new Map() };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const routing: TracerProvider = {
    getTracer: (name, version, options) => providerFor(s, name === APOLLO_GATEWAY_TRACER ? 'gateway' : (s.first ?? 'hub')).getTracer(name, version, options),
  };
  // The SDK's own troubles (an unreachable collector, refused exports) as warnings in the hub's log.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { logger } = require('./logger') as typeof import('./logger');
  const log = logger.child({ component: 'telemetry' });
  const ignore = () => undefined;
  diag.setLogger({ error: (m, ...a) => log.warn({ details: a.map(String) }, m), warn: (m, ...a) => log.warn({ details: a.map(String) }, m), info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new core.CompositePropagator({ propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()] }));
  trace.setGlobalTracerProvider(routing);
  state = s;
  return true;
}

/** Sends every finished span now (tests; also before a process exits). */
export async function flushTelemetry(): Promise<void> {
  if (state) await Promise.all([...state.providers.values()].map((p) => p.forceFlush()));
}

/** Flushes and stops the SDK (process exit). Tracing can be started again afterwards. */
export async function stopTelemetry(): Promise<void> {
  const s = state;
  state = undefined;
  if (!s) return;
  await Promise.allSettled([...s.providers.values()].map((p) => p.shutdown()));
  trace.disable();
  propagation.disable();
  diag.disable();
  context.disable();
}

/** The tracer of one service (gateway, leads, union, ...), or undefined while tracing is off. */
export function tracerFor(service: string): Tracer | undefined {
  return state ? providerFor(state, service).getTracer('wage-arrears-hub', hubVersion()) : undefined;
}

/** trace_id and span_id of the current span for every log line (pino mixin); nothing without one. */
export function traceFields(): Record<string, string> {
  if (!state) return {};
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}` };
}

/** The W3C `traceparent` of the current span, to store with an outbox message; undefined without one. */
export function currentTraceparent(): string | undefined {
  if (!state || !trace.getSpan(context.active())) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

const contextFrom = (traceparent: string | null | undefined): Context =>
  traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;

function failed(span: Span, e: unknown): void {
  span.recordException(e instanceof Error ? e : String(e));
  span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
}

/**
 * Express middleware: a SERVER span for each request, child of the caller's `traceparent`, active
 * for the rest of the chain (mount it after the body parser: the parser's stream callbacks would
 * lose the context). Records method, route, status and the request id, never the body.
 */
export function traceRequests(service: string, route: string) {
  return (req: Request, res: ServerResponse, next: NextFunction): void => {
    const tracer = tracerFor(service);
    if (!tracer) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const operation = (req.body as { operationName?: unknown } | undefined)?.operationName;
    const requestId = res.getHeader('x-request-id') ?? req.header('x-request-id');
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [SERVICE_ATTRIBUTE]: service,
          'http.request.method': req.method,
          'http.route': route,
          'url.path': req.path === '/' ? req.baseUrl : req.baseUrl + req.path,
          ...(typeof operation === 'string' && operation.length <= 100 ? { 'graphql.operation.name': operation } : {}),
          ...(typeof requestId === 'string' && requestId.length <= 100 ? { 'hub.request_id': requestId } : {}),
        },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away before the answer was sent' });
      else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}

/** `traceparent` (and `tracestate`) headers for a call made inside the current span; none while tracing is off. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (state) propagation.inject(context.active(), carrier);
  return carrier;
}

type Fetcher<I> = (url: string, init?: I) => Promise<Response>;

/**
 * The gateway's fetcher for one subgraph: a CLIENT span per call, its `traceparent` sent along.
 * Without tracing it returns the fetcher itself.
 */
export function traceSubgraphCalls<I extends { method?: string; headers?: Record<string, string> }>(subgraph: string, fetcher: Fetcher<I>): Fetcher<I> {
  const tracer = tracerFor('gateway');
  if (!tracer) return fetcher;
  return async (url, init) => {
    const target = new URL(url);
    const span = tracer.startSpan(`${init?.method ?? 'GET'} ${subgraph}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        [SERVICE_ATTRIBUTE]: 'gateway',
        'peer.service': `hub-${subgraph}`,
        'http.request.method': init?.method ?? 'GET',
        'server.address': target.hostname,
        'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
        'url.full': `${target.origin}${target.pathname}`,
      },
    });
    const ctx = trace.setSpan(context.active(), span);
    const headers = { ...init?.headers };
    propagation.inject(ctx, headers);
    try {
      const res = await context.with(ctx, () => fetcher(url, { ...init, headers } as I));
      span.setAttribute('http.response.status_code', res.status);
      if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return res;
    } catch (e) {
      failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  };
}

const STATEMENT = /^\s*(?:\/\*.*?\*\/\s*)?(\w+)/s;
const TARGET = /\b(?:from|into|update|join)\s+"?([A-Za-z_][\w]*)"?/i;
const MAX_STATEMENT = 4000;

type Execute = (...args: unknown[]) => Promise<unknown>;
/** MikroORM's Connection, as far as this needs it. */
interface SqlConnection {
  execute(...args: never[]): Promise<unknown>;
}

/**
 * A CLIENT span per SQL statement a service's ORM runs, inside a request or a message (never a
 * trace of its own: the outbox poller's statements are not traced). The statement is recorded as
 * MikroORM received it, with `?` placeholders: its parameters (names, ID numbers, amounts) are
 * never recorded. Hooks the ORM's one connection object, the single path of every query.
 */
export function traceSql(service: string, connection: SqlConnection, database: string): void {
  const tracer = tracerFor(service);
  if (!tracer) return;
  const execute = connection.execute.bind(connection) as Execute;
  connection.execute = async (query: unknown, ...rest: unknown[]) => {
    if (!trace.getSpan(context.active())) return execute(query, ...rest);
    const text = typeof query === 'string' ? query : ((query as { toSQL?: () => { sql: string } })?.toSQL?.().sql ?? '');
    const operation = STATEMENT.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
    const table = TARGET.exec(text)?.[1];
    return tracer.startActiveSpan(
      table ? `${operation} ${table}` : `${operation} ${database}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [SERVICE_ATTRIBUTE]: service,
          'db.system.name': 'postgresql',
          'db.system': 'postgresql',
          'db.namespace': database,
          'db.operation.name': operation,
          ...(table ? { 'db.collection.name': table } : {}),
          'db.query.text': text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT)}…` : text,
        },
      },
      async (span) => {
        try {
          const result: unknown = await execute(query, ...rest);
          if (Array.isArray(result)) span.setAttribute('db.response.returned_rows', result.length);
          return result;
        } catch (e) {
          // Not the message: the driver's error repeats the statement with its values inlined.
          const code = (e as { code?: unknown }).code;
          const type = typeof code === 'string' ? code : e instanceof Error ? e.constructor.name : 'error';
          span.setAttribute('error.type', type);
          span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `SQLSTATE ${code}` : type });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  };
}

export interface TracedMessage {
  id: string;
  type: string;
  /** The traceparent stored with the message when it was written. */
  traceparent?: string | null;
}

/**
 * One outbox delivery attempt of a batch: a PRODUCER span per message, each in the trace of the
 * request (or message) that wrote it, whenever it is sent: right after commit, or later by the
 * background dispatcher. `send` gets the traceparent to put in each message (its span's, or the
 * stored one while tracing is off here) and says how many were delivered; the spans of the rest
 * are marked failed with `error`.
 */
export async function traceDeliveries(
  source: string,
  destination: string,
  messages: readonly (TracedMessage & { attempts: number })[],
  send: (traceparents: (string | undefined)[]) => Promise<{ delivered: number; error?: unknown }>,
): Promise<{ delivered: number; error?: unknown }> {
  const tracer = tracerFor(source);
  if (!tracer) return send(messages.map((m) => m.traceparent ?? undefined));
  const spans = messages.map((message) => {
    const span = tracer.startSpan(
      `send ${message.type}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          [SERVICE_ATTRIBUTE]: source,
          'messaging.system': 'hub-outbox',
          'messaging.operation.type': 'send',
          'messaging.destination.name': destination,
          'messaging.message.id': message.id,
          'hub.message.type': message.type,
          'hub.outbox.attempt': message.attempts + 1,
          'messaging.batch.message_count': messages.length,
        },
      },
      contextFrom(message.traceparent),
    );
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(contextFrom(message.traceparent), span), carrier);
    return { span, traceparent: carrier.traceparent };
  });
  let outcome: { delivered: number; error?: unknown };
  try {
    outcome = await send(spans.map((s) => s.traceparent));
  } catch (e) {
    outcome = { delivered: 0, error: e };
  }
  spans.forEach(({ span }, i) => {
    if (i >= outcome.delivered) failed(span, outcome.error ?? 'not delivered');
    span.end();
  });
  return outcome;
}

/**
 * Applying a run of messages at once (a handler's `many`): one CONSUMER span linked to the
 * delivery span of each message, the OpenTelemetry way for batches, since they belong to many traces.
 */
export async function traceMessages<T>(service: string, messages: readonly Partial<HubMessage>[], apply: () => Promise<T>): Promise<T> {
  const tracer = tracerFor(service);
  if (!tracer) return apply();
  const links = messages.flatMap((m) => {
    const linked = typeof m.traceparent === 'string' ? trace.getSpanContext(contextFrom(m.traceparent)) : undefined;
    return linked ? [{ context: linked, attributes: { 'messaging.message.id': String(m.id) } }] : [];
  });
  const span = tracer.startSpan(
    `process ${String(messages[0]?.type)}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        [SERVICE_ATTRIBUTE]: service,
        'messaging.system': 'hub-outbox',
        'messaging.operation.type': 'process',
        'messaging.destination.name': service,
        'messaging.batch.message_count': messages.length,
        'hub.message.type': String(messages[0]?.type),
        'hub.message.source': String(messages[0]?.source),
      },
    },
    ROOT_CONTEXT,
  );
  try {
    return await context.with(trace.setSpan(ROOT_CONTEXT, span), apply);
  } catch (e) {
    failed(span, e);
    throw e;
  } finally {
    span.end();
  }
}

/**
 * Applying one message that came through the outbox, as a CONSUMER span continuing the trace its
 * signed `traceparent` names, so the handler's SQL and the messages it sends on belong to the
 * trace of the command that caused it, however late it arrives.
 */
export async function traceMessage<T>(service: string, message: Partial<HubMessage>, apply: () => Promise<T>): Promise<T> {
  const tracer = tracerFor(service);
  if (!tracer) return apply();
  const parent = contextFrom(typeof message.traceparent === 'string' ? message.traceparent : undefined);
  const span = tracer.startSpan(
    `process ${String(message.type)}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [SERVICE_ATTRIBUTE]: service,
        'messaging.system': 'hub-outbox',
        'messaging.operation.type': 'process',
        'messaging.destination.name': service,
        'messaging.message.id': String(message.id),
        'hub.message.type': String(message.type),
        'hub.message.source': String(message.source),
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), apply);
  } catch (e) {
    failed(span, e);
    throw e;
  } finally {
    span.end();
  }
}
