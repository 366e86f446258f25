/**
 * The evidence checklist of an inspection case (《保障农民工工资支付条例》第五十条) through the
 * gateway: which of the employer's documents were asked for, when, and whether they came; and an
 * inspection case closed as paid in full, or after a payment order, only with the payroll ledger
 * or a recorded reason to close without it.
 */
import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-zhou' });
const viewer = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-view', roles: ['VIEWER'] });
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));
type Answer = { errors?: { message: string; extensions?: { code?: string; reason?: string; invalidFields?: { field: string; reason: string; message: string }[] } }[] };
const refusal = (r: Answer) => r.errors?.[0]?.extensions;
const CHECKLIST = 'evidenceChecklist { items { item status requestedOn receivedOn note requests { requestedOn requestedBy status receivedOn note } } payrollLedgerReceivedOn payrollLedgerSettled closeWithoutLedgerReason { reason recordedBy } }';
const checklist = async (leadId: string, token = inspector) => ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { inspection { ${CHECKLIST} } } }`, { id: leadId }, { token })).lead.inspection.evidenceChecklist;
const request = (leadId: string, input: Record<string, unknown>, token = inspector) =>
  gql(hub.gatewayUrl, `mutation($id: ID!, $input: EvidenceRequestInput!) { requestEvidence(leadId: $id, input: $input) { ${CHECKLIST} } }`, { id: leadId, input }, { token });
const received = (leadId: string, input: Record<string, unknown>) =>
  gql(hub.gatewayUrl, `mutation($id: ID!, $input: EvidenceReceivedInput!) { recordEvidenceReceived(leadId: $id, input: $input) { ${CHECKLIST} } }`, { id: leadId, input }, { token: inspector });
const notProvided = (leadId: string, input: Record<string, unknown>) =>
  gql(hub.gatewayUrl, `mutation($id: ID!, $input: EvidenceNotProvidedInput!) { recordEvidenceNotProvided(leadId: $id, input: $input) { ${CHECKLIST} } }`, { id: leadId, input }, { token: inspector });
const closeAs = (leadId: string, reason: string, language?: string) =>
  gql(hub.gatewayUrl, 'mutation($id: ID!, $input: CloseCaseInput!) { closeInspectionCase(leadId: $id, input: $input) { closureState } }', { id: leadId, input: { reason, amountRecovered: '89195.00', workersPaid: 4, note: '' } }, { token: inspector, language });
const item = (c: { items: { item: string }[] }, name: string) => c.items.find((i) => i.item === name);

/** A lead received ten days ago, referred to inspection, accepted, worked and answered: only the closing rule is left. */
async function workedLead(): Promise<string> {
  const input = leadInput({ receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString() });
  const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead.id as string;
  const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead.id;
  ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t }, { token: inspector }));
  ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { id } }', { id: t, input: { final: true, summary: '已全额支付', amountRecovered: '89195.00', workersPaid: 4 } }, { token: inspector }));
  ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: true, procedureLawful: true, satisfied: true, note: "" }) { closureState } }', { id: leadId }, { token: inspector }));
  return leadId;
}

describe('the evidence checklist (第五十条)', () => {
  it('records which documents were asked for, when, and whether they came; the case closes as paid in full once the payroll ledger came', async () => {
    const leadId = await workedLead();
    const empty = await checklist(leadId);
    expect(empty.items.map((i: { item: string; status: string }) => [i.item, i.status])).toEqual([
      ['LABOUR_CONTRACTS', 'NOT_REQUESTED'], ['ROSTER', 'NOT_REQUESTED'], ['PAYROLL_LEDGER', 'NOT_REQUESTED'], ['ATTENDANCE_RECORDS', 'NOT_REQUESTED'],
    ]);
    expect(empty).toMatchObject({ payrollLedgerReceivedOn: null, payrollLedgerSettled: false, closeWithoutLedgerReason: null });

    // Dated when it happened: not before the lead was received, not in the future.
    for (const [requestedOn, reason] of [[day(-11), 'DATE_BEFORE_LEAD_RECEIVED'], [day(1), 'IN_FUTURE']]) {
      expect(refusal(await request(leadId, { item: 'PAYROLL_LEDGER', requestedOn }))).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'input.requestedOn', reason }] });
    }
    // Only inspection's handlers record it; a viewer reads it.
    expect(refusal(await request(leadId, { item: 'PAYROLL_LEDGER' }, union))?.code).toBe('FORBIDDEN');
    expect(refusal(await request(leadId, { item: 'PAYROLL_LEDGER' }, viewer))?.code).toBe('FORBIDDEN');

    ok(await request(leadId, { item: 'PAYROLL_LEDGER', requestedOn: day(-8) }));
    ok(await request(leadId, { item: 'ROSTER', requestedOn: day(-8) }));
    expect(refusal(await request(leadId, { item: 'ROSTER' }))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'EVIDENCE_ALREADY_REQUESTED' });
    expect(refusal(await received(leadId, { item: 'LABOUR_CONTRACTS' }))).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'EVIDENCE_NOT_REQUESTED' });
    expect(refusal(await received(leadId, { item: 'ROSTER', receivedOn: day(-9) }))).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'input.receivedOn', reason: 'DATE_BEFORE_EVIDENCE_REQUEST' }] });
    ok(await received(leadId, { item: 'ROSTER', receivedOn: day(-5) }));
    expect(refusal(await notProvided(leadId, { item: 'PAYROLL_LEDGER', note: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'input.note', reason: 'FIELD_REQUIRED' }] });
    const after = ok(await notProvided(leadId, { item: 'PAYROLL_LEDGER', note: '企业称工资台账在总部，未能提供' })).recordEvidenceNotProvided.evidenceChecklist;
    expect(item(after, 'ROSTER')).toMatchObject({ status: 'RECEIVED', requestedOn: day(-8), receivedOn: day(-5), note: null });
    expect(item(after, 'PAYROLL_LEDGER')).toMatchObject({ status: 'NOT_PROVIDED', requestedOn: day(-8), receivedOn: null, note: '企业称工资台账在总部，未能提供' });
    expect(after.payrollLedgerSettled).toBe(false);

    // Without the ledger, closing as paid in full is refused at the closure reason, saying what to do.
    const refused = await closeAs(leadId, 'PAID_IN_FULL', 'zh-CN');
    expect(refusal(refused)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE', invalidFields: [{ field: 'input.reason', reason: 'PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE' }] });
    expect(refused.errors?.[0].message).toMatch(/工资台账.*无工资台账结案的理由/);
    expect((await closeAs(leadId, 'PAID_IN_FULL', 'en')).errors?.[0].message).toMatch(/payroll ledger.*recordEvidenceReceived.*recordCloseWithoutLedgerReason/);

    // Asked again, it came.
    ok(await request(leadId, { item: 'PAYROLL_LEDGER', requestedOn: day(-3) }));
    const done = ok(await received(leadId, { item: 'PAYROLL_LEDGER', receivedOn: day(-1) })).recordEvidenceReceived.evidenceChecklist;
    expect(item(done, 'PAYROLL_LEDGER')).toMatchObject({
      status: 'RECEIVED',
      requestedOn: day(-3),
      receivedOn: day(-1),
      requests: [
        { requestedOn: day(-8), requestedBy: 'insp-zhou', status: 'NOT_PROVIDED', receivedOn: null, note: '企业称工资台账在总部，未能提供' },
        { requestedOn: day(-3), requestedBy: 'insp-zhou', status: 'RECEIVED', receivedOn: day(-1), note: null },
      ],
    });
    expect(done).toMatchObject({ payrollLedgerReceivedOn: day(-1), payrollLedgerSettled: true });
    expect(refusal(await received(leadId, { item: 'PAYROLL_LEDGER' }))?.reason).toBe('EVIDENCE_ALREADY_RECEIVED');
    expect(ok(await closeAs(leadId, 'PAID_IN_FULL')).closeInspectionCase.closureState).toBe('CLOSED');
    // A closed case's checklist is read, not written.
    expect(refusal(await request(leadId, { item: 'ATTENDANCE_RECORDS' }))?.reason).toBe('INSPECTION_CASE_CLOSED');

    // Audited (facts only, no notes) and on the lead's timeline, in Chinese.
    const audit = await hub.sql<{ action: string; data: Record<string, unknown> }>('inspection', `select action, data from audit_entry where entity_id = $1 and action like 'EVIDENCE%' order by seq`, [leadId]);
    expect(audit.map((a) => a.action)).toEqual(['EVIDENCE_REQUESTED', 'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED', 'EVIDENCE_NOT_PROVIDED', 'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED']);
    expect(JSON.stringify(audit)).not.toContain('总部');
    await eventually(async () => {
      const timeline = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind summary } } }', { id: leadId }, { token: inspector, language: 'zh-CN' })).lead.timeline as { kind: string; summary: string }[];
      const mine = timeline.filter((t) => t.kind.startsWith('EVIDENCE'));
      expect(mine.map((t) => t.kind)).toEqual(['EVIDENCE_REQUESTED', 'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED', 'EVIDENCE_NOT_PROVIDED', 'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED']);
      expect(mine[3].summary).toContain('未提供工资台账');
      expect(mine[4].summary).toContain('再次要求用人单位提供工资台账');
    });
  });

  it('after a payment order, closes without the payroll ledger only with a recorded reason', async () => {
    const leadId = await workedLead();
    ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "89195.00", payBy: "${day(5)}" }) { closureState } }`, { id: leadId }, { token: inspector }));
    expect(refusal(await closeAs(leadId, 'PARTIALLY_PAID'))?.reason).toBe('PAYROLL_LEDGER_REQUIRED_BEFORE_CLOSE');
    const reasonFor = (reason: string) => gql(hub.gatewayUrl, `mutation($id: ID!, $r: String!) { recordCloseWithoutLedgerReason(leadId: $id, reason: $r) { ${CHECKLIST} } }`, { id: leadId, r: reason }, { token: inspector });
    expect(refusal(await reasonFor('  '))).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'reason', reason: 'FIELD_REQUIRED' }] });
    const c = ok(await reasonFor('用人单位未建立工资台账，已另案处理；工人书面确认已足额领取')).recordCloseWithoutLedgerReason.evidenceChecklist;
    expect(c).toMatchObject({ payrollLedgerSettled: true, payrollLedgerReceivedOn: null, closeWithoutLedgerReason: { reason: '用人单位未建立工资台账，已另案处理；工人书面确认已足额领取', recordedBy: 'insp-zhou' } });
    expect(ok(await closeAs(leadId, 'PARTIALLY_PAID')).closeInspectionCase.closureState).toBe('CLOSED');
    expect((await checklist(leadId, viewer)).closeWithoutLedgerReason.reason).toContain('工资台账');
  });

  it('costs the same SQL in the inspection service for a page of 8 leads as for 1, whatever their checklists hold', async () => {
    for (let i = 0; i < 6; i++) {
      const leadId = await workedLead();
      ok(await request(leadId, { item: 'PAYROLL_LEDGER' }));
      if (i % 2) ok(await received(leadId, { item: 'PAYROLL_LEDGER' }));
      else ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordCloseWithoutLedgerReason(leadId: $id, reason: "工人书面确认") { closureState } }', { id: leadId }, { token: inspector }));
    }
    const sql = async (first: number) => {
      const requestId = randomUUID();
      const page = ok(await gql(hub.gatewayUrl, `query($first: Int) { leads(first: $first) { edges { node { inspection { evidenceChecklist { items { item status requestedOn } payrollLedgerSettled closeWithoutLedgerReason { reason } } } } } } }`, { first }, { token: inspector, requestId })).leads.edges;
      expect(page).toHaveLength(first);
      return hub.services.inspection.queriesFor(requestId);
    };
    const one = await sql(1);
    expect(await sql(8)).toBe(one);
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThanOrEqual(3); // the cases, their requests, their reasons
  });
});
