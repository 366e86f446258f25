import pino from 'pino';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { stopTelemetry, tracingEnabled } from '../../lib/telemetry';
import { logger } from '../../lib/logger';
import { SPAN_KIND, delivered, expectOneTree, parentOf, received, startOtlpReceiver, traceOf, type OtlpReceiver } from '../support/otlp-receiver';

const savedEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const logLines: string[] = [];
const loggerStream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
const loggerLevel = logger.level;

let receiver: OtlpReceiver;
let hub: TestHub | undefined;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  // Every line the hub logs, as JSON, to read the trace ids in them.
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (line: string) => void logLines.push(line) };
  logger.level = 'info';
});

afterAll(async () => {
  await hub?.stop();
  await stopTelemetry();
  logger.level = loggerLevel;
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = loggerStream;
  if (savedEndpoint === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = savedEndpoint;
  await receiver?.stop();
});

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-trace' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-trace' });
const TRANSFER = 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id status } }';
const ACCEPT = 'mutation($id: ID!) { acceptTransfer(id: $id) { id status } }';

const report = async () => ok(await gql(hub!.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead.id as string;
const transfer = async (leadId: string, requestId: string) =>
  ok(await gql(hub!.gatewayUrl, TRANSFER, { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union, requestId })).transferLead as { id: string; status: string };

describe('traces over OTLP/HTTP (protobuf, the default protocol)', () => {
  beforeAll(async () => {
    hub = await startHub();
  });

  it('follows a transfer from the gateway through leads and the outbox into the receiving agency, in one trace per command', async () => {
    expect(tracingEnabled()).toBe(true);
    const leadId = await report();
    const sent = await transfer(leadId, 'trace-transfer-1');

    const spans = await traceOf(receiver, 'trace-transfer-1', (all) => all.some(received('inspection')) && all.some(received('union')));
    expect(receiver.contentTypes).toContain('application/x-protobuf');
    expectOneTree(spans);
    // Distinct services, though this hub runs them all in one process.
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['hub-gateway', 'hub-leads', 'hub-union', 'hub-inspection']));

    // The gateway: its HTTP request, Apollo Gateway's query plan and fetch, the call to leads.
    const names = (service: string) => spans.filter((s) => s.service === service).map((s) => s.name);
    expect(names('hub-gateway')).toEqual(expect.arrayContaining(['POST /graphql', 'gateway.request', 'gateway.plan', 'gateway.fetch', 'POST leads']));
    const call = spans.find((s) => s.name === 'POST leads')!;
    expect(call).toMatchObject({ kind: SPAN_KIND.CLIENT, attributes: expect.objectContaining({ 'http.response.status_code': 200 }) });

    // leads answers that call, and its SQL runs inside.
    const leadsRequest = spans.find((s) => s.service === 'hub-leads' && s.kind === SPAN_KIND.SERVER)!;
    expect(leadsRequest).toMatchObject({ name: 'POST /graphql', parentSpanId: call.spanId });
    const sql = spans.filter((s) => s.service === 'hub-leads' && s.attributes['db.system.name'] === 'postgresql');
    expect(sql.map((s) => s.name)).toEqual(expect.arrayContaining(['INSERT transfer', 'INSERT outbox_message']));
    expect(sql.find((s) => s.name === 'INSERT transfer')!.attributes).toMatchObject({ 'db.namespace': expect.stringMatching(/leads$/), 'db.query.text': expect.stringMatching(/^insert into "transfer" .*\?/) });

    // The outbox delivery to inspection, and inspection applying the message under it.
    const delivery = spans.find(delivered('inspection'))!;
    expect(delivery).toMatchObject({ service: 'hub-leads', error: false, attributes: expect.objectContaining({ 'messaging.message.id': expect.any(String), 'hub.outbox.attempt': 1 }) });
    const applied = spans.find(received('inspection'))!;
    expect(applied.parentSpanId).toBe(delivery.spanId);
    expect(applied.attributes).toMatchObject({ 'messaging.message.id': delivery.attributes['messaging.message.id'], 'hub.message.source': 'leads' });
    // Its handler's SQL runs under it (the inbox records a batch's ids in one statement before).
    expect(spans.filter((s) => s.parentSpanId === applied.spanId && s.service === 'hub-inspection').map((s) => s.name)).toEqual(expect.arrayContaining(['SELECT inspection_case', 'INSERT inspection_case']));

    // The inspector accepts: a trace of its own, again reaching inspection through the outbox.
    ok(await gql(hub!.gatewayUrl, ACCEPT, { id: sent.id }, { token: inspector, requestId: 'trace-accept-1' }));
    const accepting = await traceOf(receiver, 'trace-accept-1', (all) => all.some(received('inspection')));
    expectOneTree(accepting);
    expect(accepting[0].traceId).not.toBe(spans[0].traceId);
    expect(accepting.some(delivered('inspection'))).toBe(true);

    // No personal data in any span: SQL is recorded with placeholders, never its values.
    const everything = JSON.stringify(receiver.spans);
    for (const secret of ['11010519491231002X', '13812345678', '王某', '请依法查处']) expect(everything).not.toContain(secret);
  });

  it('follows a report download from the gateway into the leads service', async () => {
    const res = await fetch(`${hub!.gatewayUrl}/reports/monthly-lead-summary.csv?month=2026-10&regionCode=140400`, { headers: { authorization: `Bearer ${union}`, 'x-request-id': 'trace-report-1' } });
    expect(res.status).toBe(200);
    await res.text();
    const spans = await traceOf(receiver, 'trace-report-1', (all) => all.some((s) => s.service === 'hub-leads'));
    expectOneTree(spans, 'GET /reports/:file');
    const download = spans.find((s) => s.service === 'hub-leads' && s.kind === SPAN_KIND.SERVER)!;
    expect(download).toMatchObject({ name: 'GET /reports/:file', attributes: expect.objectContaining({ 'http.response.status_code': 200, 'url.path': '/reports/monthly-lead-summary.csv' }) });
    expect(parentOf(spans, download)).toMatchObject({ service: 'hub-gateway', name: 'GET /reports/:file' });
  });

  it('joins a message delivered later by the background dispatcher to the trace that wrote it, and logs with its trace id', async () => {
    const leadId = await report();
    await hub!.stopService('inspection');
    try {
      await transfer(leadId, 'trace-transfer-late');
    } finally {
      await hub!.restartService('inspection');
    }
    // Delivered once inspection is back, by the dispatcher's retry.
    await eventually(async () => expect(await hub!.sql('inspection', 'select transfer_state from inspection_case where lead_id = $1', [leadId])).toEqual([{ transfer_state: 'PENDING_ACCEPTANCE' }]));

    const spans = await traceOf(receiver, 'trace-transfer-late', (all) => all.some(received('inspection')));
    expectOneTree(spans);
    const attempts = spans.filter(delivered('inspection'));
    expect(attempts[0]).toMatchObject({ error: true, attributes: expect.objectContaining({ 'hub.outbox.attempt': 1 }) });
    const applied = spans.find(received('inspection'))!;
    const last = parentOf(spans, applied)!;
    expect(last).toMatchObject({ kind: SPAN_KIND.PRODUCER, error: false, service: 'hub-leads' });
    expect(last.attributes['hub.outbox.attempt']).toBeGreaterThan(1);
    expect(last.attributes['messaging.message.id']).toBe(attempts[0].attributes['messaging.message.id']);

    // The warning about the failed delivery names the trace of the transfer it held up.
    const warning = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'outbox delivery failed; will retry' && l.destination === 'inspection' && l.messageId === attempts[0].attributes['messaging.message.id']);
    expect(warning).toMatchObject({ trace_id: spans[0].traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(spans.map((s) => s.spanId)).toContain(warning.span_id);
  });
});
