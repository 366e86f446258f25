import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { stopTelemetry } from '../../lib/telemetry';
import { SPAN_KIND, delivered, expectOneTree, received, startOtlpReceiver, traceOf, type OtlpReceiver } from '../support/otlp-receiver';

const saved = { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, protocol: process.env.OTEL_EXPORTER_OTLP_PROTOCOL };
let receiver: OtlpReceiver;
let hub: TestHub;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
  await stopTelemetry();
  for (const [name, value] of [['OTEL_EXPORTER_OTLP_ENDPOINT', saved.endpoint], ['OTEL_EXPORTER_OTLP_PROTOCOL', saved.protocol]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await receiver?.stop();
});

const union = tokenFor({ agency: 'UNION', region: '140400' });

it('sends the spans as OTLP/HTTP JSON when OTEL_EXPORTER_OTLP_PROTOCOL=http/json', async () => {
  const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead.id;
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union, requestId: 'trace-json-1' }));
  const spans = await traceOf(receiver, 'trace-json-1', (all) => all.some(received('inspection')));
  expect([...receiver.contentTypes]).toEqual(['application/json']);
  expectOneTree(spans);
  expect(spans.some((s) => s.service === 'hub-leads' && s.kind === SPAN_KIND.SERVER)).toBe(true);
  expect(spans.some(delivered('inspection'))).toBe(true);
});
