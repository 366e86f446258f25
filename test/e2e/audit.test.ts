import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const handler = tokenFor({ agency: 'UNION', region: '140400', id: 'union-handler' });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-supervisor', roles: ['SUPERVISOR'] });
const inspectionSupervisor = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['SUPERVISOR'] });
const TRAIL = 'auditTrail { at actorId actorAgency requestId entityType entityId action details }';

describe('the audit trail for supervisors', () => {
  it("shows who changed what, when and from which request, in the registry and on the agency's own case", async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: handler, requestId: 'req-report-1' })).reportLead;
    const transfer = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: handler, requestId: 'req-transfer-1' })).transferLead;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: FAILED, summary: "用人单位拒绝调解" }) { handler } }', { id: lead.id }, { token: handler, requestId: 'req-mediation-1' }));

    const seen = ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { ${TRAIL} union { ${TRAIL} } } }`, { id: lead.id }, { token: supervisor })).lead;
    expect(seen.auditTrail.map((e: { action: string; requestId: string; actorId: string }) => [e.action, e.requestId, e.actorId])).toEqual([
      ['LEAD_REPORTED', 'req-report-1', 'union-handler'],
      ['TRANSFER_REQUESTED', 'req-transfer-1', 'union-handler'],
    ]);
    expect(seen.auditTrail[1]).toMatchObject({ entityType: 'Transfer', entityId: transfer.id, actorAgency: 'UNION' });
    expect(JSON.parse(seen.auditTrail[1].details)).toMatchObject({ leadId: lead.id, kind: 'REFERRAL', to: 'INSPECTION' });
    expect(seen.union.auditTrail.map((e: { action: string; requestId: string }) => [e.action, e.requestId])).toEqual([['MEDIATION_RECORDED', 'req-mediation-1']]);
    // Personal data is never in the trail.
    const text = JSON.stringify(seen);
    for (const secret of ['11010519491231002X', '13812345678', '王某']) expect(text).not.toContain(secret);

    const asHandler = await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { referenceNo ${TRAIL} } }`, { id: lead.id }, { token: handler });
    expect(asHandler.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(asHandler.data?.lead.referenceNo).toBe(lead.referenceNo);
    const otherAgency = await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { union { ${TRAIL} } } }`, { id: lead.id }, { token: inspectionSupervisor });
    expect(otherAgency.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
