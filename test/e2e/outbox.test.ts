import { sign, SIGNATURE_HEADER, MESSAGES_PATH } from '../../lib/outbox/message';
import { internalSecret } from '../../lib/config';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const unionOfficer = () => tokenFor({ agency: 'UNION', region: '140400', id: 'wang-wu' });
const unionCases = async (leadId: string) => (await hub.sql('union', 'select * from union_case where lead_id = $1', [leadId])).length;

describe("the intake agency's case travels through the outbox", () => {
  it('is delivered exactly once after the union service comes back', async () => {
    await hub.stopService('union');
    let leadId: string;
    try {
      // The intake succeeds while the union service is down.
      leadId = ok(await gql(hub.gatewayUrl, `mutation($input: ReportLeadInput!) { reportLead(input: $input) { id agencies { agency } } }`, { input: leadInput() }, { token: unionOfficer() })).reportLead.id;
      const [pending] = await hub.sql('leads', `select attempts, delivered_at from outbox_message where payload->>'leadId' = $1 and destination = 'union'`, [leadId]);
      expect(pending.delivered_at).toBeNull();
      expect(pending.attempts).toBeGreaterThanOrEqual(1);
      // Let the background dispatcher fail a few more times.
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await hub.restartService('union');
    }
    await eventually(async () => expect(await unionCases(leadId!)).toBe(1));
    const { lead } = ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { union { handler } timeline { kind } } }`, { id: leadId! }, { token: unionOfficer() }));
    expect(lead.union).toEqual({ handler: 'wang-wu' });
    await eventually(async () => {
      const { lead: l } = ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { timeline { kind } } }`, { id: leadId! }, { token: unionOfficer() }));
      expect(l.timeline.map((t: { kind: string }) => t.kind)).toEqual(['LEAD_REPORTED', 'CASE_OPENED']);
    });
    // Nothing is left to deliver, and nothing was delivered twice.
    await new Promise((r) => setTimeout(r, 300));
    expect(await unionCases(leadId!)).toBe(1);
    expect(await hub.sql('leads', 'select 1 from outbox_message where delivered_at is null')).toEqual([]);
  });

  it('ignores the same message delivered twice', async () => {
    const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: unionOfficer() })).reportLead.id;
    const [row] = await hub.sql('leads', `select id, type, payload, created_at from outbox_message where payload->>'leadId' = $1 and destination = 'union'`, [leadId]);
    const body = JSON.stringify({ id: row.id, source: 'leads', type: row.type, occurredAt: new Date(row.created_at as string).toISOString(), payload: row.payload });
    const post = () =>
      fetch(hub.services.union.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
    const replies = await Promise.all([post(), post()]);
    for (const r of replies) expect(await r.json()).toEqual({ ok: true, duplicate: true });
    expect(await unionCases(leadId)).toBe(1);
  });

  it('refuses messages that are not signed with the internal secret', async () => {
    const body = JSON.stringify({ id: '6f1e5a4c-1111-4111-8111-111111111111', source: 'leads', type: 'CaseOpened', occurredAt: new Date().toISOString(), payload: {} });
    const r = await fetch(hub.services.union.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, 'guess') }, body });
    expect(r.status).toBe(401);
  });
});

describe("each agency's intake opens a case in its own service", () => {
  it.each([
    ['INSPECTION', 'inspection', 'inspection { transferState closureState }'],
    ['PROCURATORATE', 'support', 'support { transferState closureState }'],
  ] as const)('%s', async (agency, field, selection) => {
    const token = tokenFor({ agency, region: '140400' });
    const { reportLead } = ok(await gql(hub.gatewayUrl, `mutation($input: ReportLeadInput!) { reportLead(input: $input) { intakeAgency union { handler } ${selection} agencies { agency transferState } } }`, { input: leadInput() }, { token }));
    expect(reportLead.intakeAgency).toBe(agency);
    expect(reportLead[field]).toEqual({ transferState: 'ORIGINATED', closureState: 'OPEN' });
    expect(reportLead.union).toBeNull();
    expect(reportLead.agencies).toEqual([{ agency, transferState: 'ORIGINATED' }]);
  });

  it('COURT', async () => {
    const token = tokenFor({ agency: 'COURT', region: '140400' });
    const { reportLead } = ok(await gql(hub.gatewayUrl, REPORT_LEAD.replace('union {', 'support { transferState } union {'), { input: leadInput() }, { token }));
    expect(reportLead.agencies).toEqual([{ agency: 'COURT', transferState: 'ORIGINATED', feedbackState: 'NONE', closureState: 'OPEN' }]);
    expect(reportLead.support).toBeNull();
    expect(await hub.sql('litigation', 'select handler from court_case where lead_id = $1', [reportLead.id])).toHaveLength(1);
  });
});

describe('health', () => {
  it('is 200 only while every subgraph answers', async () => {
    const health = async () => {
      const r = await fetch(`${hub.gatewayUrl}/health`);
      return { status: r.status, body: (await r.json()) as { subgraphs: Record<string, string> } };
    };
    expect((await health()).status).toBe(200);
    await hub.stopService('litigation');
    try {
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.body.subgraphs).toMatchObject({ litigation: 'not answering', leads: 'ok' });
    } finally {
      await hub.restartService('litigation');
    }
    expect((await health()).status).toBe(200);
  });
});
