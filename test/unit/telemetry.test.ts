import { currentTraceparent, startTelemetry, traceFields, traceSubgraphCalls, tracingConfigured, tracingEnabled } from '../../lib/telemetry';

describe('when traces are on', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'otlp' }, true],
  ])('%j → %s', (env, on) => {
    expect(tracingConfigured(env)).toBe(on);
  });
});

describe('starting traces', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('stops the start instead of running untraced', () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:4318';
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc';
    expect(() => startTelemetry()).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: use http\/protobuf/);
    expect(tracingEnabled()).toBe(false);
  });

  it('without an endpoint, starts nothing: the hooks are the plain functions and log lines carry no trace', () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    expect(startTelemetry()).toBe(false);
    const fetcher = async () => new Response('{}');
    expect(traceSubgraphCalls('leads', fetcher)).toBe(fetcher);
    expect(currentTraceparent()).toBeUndefined();
    expect(traceFields()).toEqual({});
  });
});
