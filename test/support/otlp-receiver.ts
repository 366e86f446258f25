import http from 'node:http';
import protobuf from 'protobufjs';
import { flushTelemetry } from '../../lib/telemetry';
import { eventually } from './hub';

/**
 * The part of the OTLP trace schema this test reads (opentelemetry/proto/collector/trace/v1 and
 * trace/v1, the specification's field numbers), decoded by protobufjs; other fields are skipped.
 */
const OTLP = protobuf.parse(`
  syntax = "proto3";
  message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
  message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
  message Resource { repeated KeyValue attributes = 1; }
  message ScopeSpans { repeated Span spans = 2; }
  message Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; int32 kind = 6; repeated KeyValue attributes = 9; Status status = 15; }
  message Status { string message = 2; int32 code = 3; }
  message KeyValue { string key = 1; AnyValue value = 2; }
  message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
`).root.lookupType('ExportTraceServiceRequest');

export interface ReceivedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
  error: boolean;
}

type KeyValues = { key: string; value: Record<string, unknown> }[];
interface OtlpRequest {
  resourceSpans?: { resource?: { attributes?: KeyValues }; scopeSpans?: { spans?: { traceId: unknown; spanId: unknown; parentSpanId?: unknown; name: string; kind: number; attributes?: KeyValues; status?: { code?: number } }[] }[] }[];
}

export const SPAN_KIND = { SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 };

const hex = (v: unknown) => (v ? Buffer.from(v as Uint8Array).toString('hex') : '');
/** OTLP/JSON sends ids as hex strings, protobuf as bytes. */
const id = (v: unknown) => (typeof v === 'string' ? v : hex(v));
const value = (v: Record<string, unknown>) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.boolValue ?? v.doubleValue;
const attributes = (list: KeyValues = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));

/** A real OTLP/HTTP receiver, as a collector or Jaeger would run it: POST /v1/traces, protobuf or JSON. */
export function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type']);
      contentTypes.add(type);
      if (req.url !== '/v1/traces') return void res.writeHead(404).end();
      const request =
        type === 'application/x-protobuf'
          ? (OTLP.toObject(OTLP.decode(body), { longs: String }) as OtlpRequest)
          : (JSON.parse(body.toString('utf8')) as OtlpRequest);
      for (const rs of request.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)['service.name']);
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              service,
              name: s.name,
              kind: Number(s.kind),
              traceId: id(s.traceId),
              spanId: id(s.spanId),
              parentSpanId: id(s.parentSpanId),
              attributes: attributes(s.attributes),
              error: Number(s.status?.code ?? 0) === 2,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': type }).end(type === 'application/x-protobuf' ? Buffer.alloc(0) : '{}');
    });
  });
  return new Promise<{ url: string; spans: ReceivedSpan[]; contentTypes: Set<string>; stop(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        spans,
        contentTypes,
        stop: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;

/** Every span of the trace whose gateway request had this x-request-id, once exported. */
export async function traceOf(receiver: OtlpReceiver, requestId: string, done: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
  return eventually(async () => {
    await flushTelemetry();
    const root = receiver.spans.find((s) => s.service === 'hub-gateway' && s.kind === SPAN_KIND.SERVER && s.attributes['hub.request_id'] === requestId);
    if (!root) throw new Error(`no gateway span for request ${requestId} among ${receiver.spans.length} (${[...receiver.contentTypes].join()})`);
    const spans = receiver.spans.filter((s) => s.traceId === root.traceId);
    if (!done(spans)) throw new Error(`trace ${root.traceId} is not complete yet: ${spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
    return spans;
  });
}

/** Each span's parent is in the same trace, up to the one gateway request at its root. */
export function expectOneTree(spans: ReceivedSpan[], root = 'POST /graphql') {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => !ids.has(s.parentSpanId));
  expect(roots.map((s) => `${s.service} ${s.name} ${s.parentSpanId}`)).toEqual([`hub-gateway ${root} `]);
}

export const parentOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.find((s) => s.spanId === span.parentSpanId);
export const delivered = (to: string) => (s: ReceivedSpan) => s.kind === SPAN_KIND.PRODUCER && s.attributes['messaging.destination.name'] === to;
export const received = (service: string) => (s: ReceivedSpan) => s.service === `hub-${service}` && s.kind === SPAN_KIND.CONSUMER;
