import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhang' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-li' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'proc-wang' });

const TRANSFER_FIELDS = 'id kind from to status reason requestedBy respondedAt rejectionReason cancellationReason feedbackDueAt feedback { final summary amountRecovered workersPaid givenBy }';
const LEAD_STATE = `query($id: ID!) { lead(id: $id) {
  complainants { idNumber }
  agencies { agency transferState feedbackState closureState closure { reason amountRecovered workersPaid note closedBy } }
  transfers { id status }
  timeline { kind agency actor summary }
  union { handler transferState feedbackState closureState }
  inspection { transferState feedbackState closureState closure { reason } }
  support { transferState feedbackState closureState closure { reason note } }
} }`;

const report = async () => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead.id as string;
const send = async (leadId: string, to: string, kind = 'REFERRAL', token = union, extra: object = {}) =>
  gql(hub.gatewayUrl, `mutation($input: TransferLeadInput!) { transferLead(input: $input) { ${TRANSFER_FIELDS} } }`, { input: { leadId, to, kind, reason: '请依法查处', ...extra } }, { token });
const mutate = (op: string, vars: Record<string, unknown>, token: string) => gql(hub.gatewayUrl, op.replace('FIELDS', TRANSFER_FIELDS), vars, { token });
const accept = (id: string, token = inspector) => mutate('mutation($id: ID!) { acceptTransfer(id: $id) { FIELDS } }', { id }, token);
const reject = (id: string, reason: string, token = inspector) =>
  mutate('mutation($id: ID!, $reason: String!) { rejectTransfer(id: $id, reason: $reason) { FIELDS } }', { id, reason }, token);
const cancel = (id: string, reason: string, token = union) =>
  mutate('mutation($id: ID!, $reason: String!) { cancelTransfer(id: $id, reason: $reason) { FIELDS } }', { id, reason }, token);
const feedback = (id: string, input: Record<string, unknown>, token = inspector) =>
  mutate('mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { FIELDS } }', { id, input }, token);
const stateOf = async (id: string, token = union) => ok(await gql(hub.gatewayUrl, LEAD_STATE, { id }, { token })).lead;
const agency = (lead: { agencies: { agency: string }[] }, name: string) => lead.agencies.find((a) => a.agency === name);
const closeCase = (mutation: string, leadId: string, token: string, input: object = { reason: 'PAID_IN_FULL', amountRecovered: '62436.50', workersPaid: 4, note: '已全额支付' }) =>
  gql(hub.gatewayUrl, `mutation($leadId: ID!, $input: CloseCaseInput!) { ${mutation}(leadId: $leadId, input: $input) { closureState closure { reason amountRecovered workersPaid note closedBy } } }`, { leadId, input }, { token });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('union → labour inspection referral with interim and final feedback', () => {
  it('runs the whole loop, each agency keeping its own states', async () => {
    const leadId = await report();
    const sent = ok(await send(leadId, 'INSPECTION')).transferLead;
    expect(sent).toMatchObject({ kind: 'REFERRAL', from: 'UNION', to: 'INSPECTION', status: 'REQUESTED', requestedBy: 'union-zhang' });
    expect(new Date(sent.feedbackDueAt).getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);

    // The receiver can read the lead before deciding, but not the complainants' personal data.
    let seen = await stateOf(leadId, inspector);
    expect(seen.complainants[0].idNumber).toBe('1101**********002X');
    expect(agency(seen, 'UNION')).toMatchObject({ transferState: 'TRANSFERRED_OUT', feedbackState: 'AWAITING' });
    expect(agency(seen, 'INSPECTION')).toMatchObject({ transferState: 'PENDING_ACCEPTANCE', feedbackState: 'NONE', closureState: 'OPEN' });
    expect(seen.inspection).toMatchObject({ transferState: 'PENDING_ACCEPTANCE' });
    const inbox = ok(await gql(hub.gatewayUrl, '{ transferInbox { totalCount edges { node { id lead { id } } } } }', {}, { token: inspector })).transferInbox;
    expect(inbox.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(sent.id);

    const accepted = ok(await accept(sent.id)).acceptTransfer;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.respondedAt).toBeTruthy();
    seen = await stateOf(leadId, inspector);
    expect(seen.complainants[0].idNumber).toBe('11010519491231002X');
    expect(agency(seen, 'INSPECTION')).toMatchObject({ transferState: 'ACCEPTED', feedbackState: 'DUE' });
    expect(seen.inspection).toMatchObject({ transferState: 'ACCEPTED', feedbackState: 'DUE' });
    const handler = await hub.sql('inspection', 'select handler from inspection_case where lead_id = $1', [leadId]);
    expect(handler).toEqual([{ handler: 'insp-li' }]);
    expect(ok(await gql(hub.gatewayUrl, '{ transferInbox { edges { node { id } } } }', {}, { token: inspector })).transferInbox.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(sent.id);

    ok(await feedback(sent.id, { final: false, summary: '已首日对接，正在调查' }));
    ok(await feedback(sent.id, { final: false, summary: '已责令限期支付' }));
    // Inspection owes final feedback, so it cannot close yet.
    const early = await closeCase('closeInspectionCase', leadId, inspector);
    expect(code(early)).toBe('INVALID_TRANSITION');
    expect(early.errors?.[0].message).toMatch(/final feedback/);

    const done = ok(await feedback(sent.id, { final: true, summary: '欠薪已全额支付', amountRecovered: '89195.00', workersPaid: 4 })).giveFeedback;
    expect(done.status).toBe('COMPLETED');
    expect(done.feedback.map((f: { final: boolean }) => f.final)).toEqual([false, false, true]);
    expect(done.feedback[2]).toMatchObject({ amountRecovered: '89195.00', workersPaid: 4, givenBy: 'insp-li' });

    seen = await stateOf(leadId);
    expect(agency(seen, 'UNION')).toMatchObject({ transferState: 'ORIGINATED', feedbackState: 'RECEIVED' });
    expect(agency(seen, 'INSPECTION')).toMatchObject({ transferState: 'ACCEPTED', feedbackState: 'GIVEN' });
    expect(seen.union).toMatchObject({ feedbackState: 'RECEIVED', handler: 'union-zhang' });

    // A referred lead is closed only after calling the complainant back (回头看).
    const noCallback = await closeCase('closeInspectionCase', leadId, inspector);
    expect(code(noCallback)).toBe('INVALID_TRANSITION');
    expect(noCallback.errors?.[0].message).toMatch(/call the complainant back/);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: true, procedureLawful: true, satisfied: true, note: "" }) { callbacks { wagesPaid } } }', { id: leadId }, { token: inspector }));
    // Paid in full rests on the employer's payroll ledger (第五十条, test/e2e/checklist.test.ts).
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { requestEvidence(leadId: $id, input: { item: PAYROLL_LEDGER }) { transferState } }', { id: leadId }, { token: inspector }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { recordEvidenceReceived(leadId: $id, input: { item: PAYROLL_LEDGER }) { transferState } }', { id: leadId }, { token: inspector }));
    const closed = ok(await closeCase('closeInspectionCase', leadId, inspector)).closeInspectionCase;
    expect(closed.closure).toEqual({ reason: 'PAID_IN_FULL', amountRecovered: '62436.50', workersPaid: 4, note: '已全额支付', closedBy: 'insp-li' });
    await eventually(async () => expect(agency(await stateOf(leadId), 'INSPECTION')).toMatchObject({ closureState: 'CLOSED', closure: { reason: 'PAID_IN_FULL', amountRecovered: '62436.50', closedBy: 'insp-li' } }));

    expect(code(await gql(hub.gatewayUrl, 'mutation($id: ID!) { reopenInspectionCase(leadId: $id, note: " ") { closureState } }', { id: leadId }, { token: inspector }))).toBe('BAD_USER_INPUT');
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { reopenInspectionCase(leadId: $id, note: "工人反映仍有欠款") { closureState } }', { id: leadId }, { token: inspector }));
    ok(await closeCase('closeUnionCase', leadId, union, { reason: 'PAID_IN_FULL', amountRecovered: '89195.00', workersPaid: 4, note: '' }));

    // Every agency's events, oldest first, with who acted.
    await eventually(async () => {
      const timeline = (await stateOf(leadId)).timeline;
      expect(timeline.map((t: { kind: string }) => t.kind)).toEqual([
        'LEAD_REPORTED', 'CASE_OPENED', 'TRANSFER_REQUESTED', 'TRANSFER_ACCEPTED', 'FEEDBACK_INTERIM', 'FEEDBACK_INTERIM',
        'FEEDBACK_FINAL', 'CALLBACK', 'EVIDENCE_REQUESTED', 'EVIDENCE_RECEIVED', 'CASE_CLOSED', 'CASE_REOPENED', 'CASE_CLOSED',
      ]);
      expect(timeline.map((t: { actor: string }) => t.actor)).toEqual([
        'union-zhang', 'union-zhang', 'union-zhang', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'insp-li', 'union-zhang',
      ]);
    });
    const audit = await hub.sql('inspection', `select action, actor_id from audit_entry where entity_id = $1 order by seq`, [leadId]);
    expect(audit).toEqual([
      { action: 'CALLBACK', actor_id: 'insp-li' },
      { action: 'EVIDENCE_REQUESTED', actor_id: 'insp-li' },
      { action: 'EVIDENCE_RECEIVED', actor_id: 'insp-li' },
      { action: 'CASE_CLOSED', actor_id: 'insp-li' },
      { action: 'CASE_REOPENED', actor_id: 'insp-li' },
    ]);
  });
});

describe('return and withdrawal', () => {
  it('a returned lead goes back to the sender and is read-only for the receiver', async () => {
    const leadId = await report();
    const t = ok(await send(leadId, 'INSPECTION')).transferLead;
    expect(code(await reject(t.id, '  '))).toBe('BAD_USER_INPUT');
    const returned = ok(await reject(t.id, '不属于本区管辖')).rejectTransfer;
    expect(returned).toMatchObject({ status: 'REJECTED', rejectionReason: '不属于本区管辖' });
    const seen = await stateOf(leadId);
    expect(agency(seen, 'UNION')).toMatchObject({ transferState: 'ORIGINATED', feedbackState: 'NONE' });
    expect(agency(seen, 'INSPECTION')).toMatchObject({ transferState: 'RETURNED', closureState: 'OPEN' });
    expect(code(await accept(t.id))).toBe('INVALID_TRANSITION');
    expect(code(await closeCase('closeInspectionCase', leadId, inspector))).toBe('INVALID_TRANSITION');
    // The union can send it on again.
    ok(await send(leadId, 'INSPECTION'));
  });

  it('a withdrawn transfer closes the receiver\'s case as WITHDRAWN', async () => {
    const leadId = await report();
    const t = ok(await send(leadId, 'PROCURATORATE', 'SUPPORT_TO_SUE')).transferLead;
    expect(code(await cancel(t.id, '撤回', prosecutor))).toBe('FORBIDDEN');
    expect(code(await cancel(t.id, ''))).toBe('BAD_USER_INPUT');
    expect(ok(await cancel(t.id, '双方已和解')).cancelTransfer).toMatchObject({ status: 'CANCELLED', cancellationReason: '双方已和解' });
    const seen = await stateOf(leadId, prosecutor);
    expect(agency(seen, 'PROCURATORATE')).toMatchObject({ closureState: 'CLOSED', closure: { reason: 'WITHDRAWN', note: '双方已和解' } });
    expect(seen.support).toMatchObject({ closureState: 'CLOSED', closure: { reason: 'WITHDRAWN' } });
    expect(code(await accept(t.id, prosecutor))).toBe('INVALID_TRANSITION');
    expect(code(await gql(hub.gatewayUrl, 'mutation($id: ID!) { reopenSupportCase(leadId: $id, note: "重新审查") { closureState } }', { id: leadId }, { token: prosecutor }))).toBe('INVALID_TRANSITION');
    // Sent again, the case reopens for a new decision.
    const again = ok(await send(leadId, 'PROCURATORATE', 'SUPPORT_TO_SUE')).transferLead;
    expect(agency(await stateOf(leadId, prosecutor), 'PROCURATORATE')).toMatchObject({ transferState: 'PENDING_ACCEPTANCE', closureState: 'OPEN' });
    ok(await accept(again.id, prosecutor));
  });
});

describe('refusals', () => {
  it('wrong agency, wrong state, wrong kind', async () => {
    const leadId = await report();
    // An agency not involved cannot even see the lead.
    expect(code(await send(leadId, 'COURT', 'REFERRAL', inspector))).toBe('NOT_FOUND');
    expect(code(await send(leadId, 'COURT', 'COURT_FILING'))).toBe('BAD_USER_INPUT');
    expect(code(await send(leadId, 'UNION'))).toBe('BAD_USER_INPUT');
    expect(code(await send(leadId, 'INSPECTION', 'REFERRAL', tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] })))).toBe('FORBIDDEN');
    expect(code(await send(leadId, 'INSPECTION', 'REFERRAL', union, { feedbackDueAt: '2020-01-01T00:00:00+08:00' }))).toBe('BAD_USER_INPUT');
    const t = ok(await send(leadId, 'INSPECTION')).transferLead;
    expect(code(await send(leadId, 'INSPECTION'))).toBe('CONFLICT');
    expect(code(await feedback(t.id, { final: true, summary: '完成' }))).toBe('INVALID_TRANSITION');
    expect(code(await feedback(t.id, { final: true, summary: '完成' }, union))).toBe('FORBIDDEN');
    expect(code(await accept(t.id, union))).toBe('FORBIDDEN');
    // Still pending: the receiver cannot pass it on before accepting it.
    expect(code(await send(leadId, 'PROCURATORATE', 'SUPPORT_TO_SUE', inspector))).toBe('INVALID_TRANSITION');
    expect(code(await accept('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(code(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { id } }', { id: t.id }, { token: tokenFor({ agency: 'COURT', region: '140400' }) }))).toBeUndefined();
    expect(ok(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { id } }', { id: t.id }, { token: tokenFor({ agency: 'COURT', region: '140400' }) })).transfer).toBeNull();
  });

  it('an agency that closed its case cannot transfer the lead until it reopens it', async () => {
    const leadId = await report();
    ok(await closeCase('closeUnionCase', leadId, union));
    await eventually(async () => expect(code(await send(leadId, 'INSPECTION'))).toBe('INVALID_TRANSITION'));
  });
});

describe('concurrency', () => {
  it('four simultaneous acceptances: exactly one wins, the others change nothing', async () => {
    const leadId = await report();
    const t = ok(await send(leadId, 'INSPECTION')).transferLead;
    const staff = [1, 2, 3, 4].map((i) => tokenFor({ agency: 'INSPECTION', region: '140400', id: `insp-${i}` }));
    const results = await Promise.all(staff.map((token) => accept(t.id, token)));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(code(r));
    const timeline = (await stateOf(leadId)).timeline.filter((e: { kind: string }) => e.kind === 'TRANSFER_ACCEPTED');
    expect(timeline).toHaveLength(1);
    const audit = await hub.sql('leads', `select count(*)::int as n from audit_entry where entity_id = $1 and action = 'TRANSFER_ACCEPTED'`, [t.id]);
    expect(audit[0].n).toBe(1);
  });
});

describe('overdue feedback', () => {
  it('turns DUE and AWAITING into OVERDUE when the deadline passes, and the filter finds it', async () => {
    const leadId = await report();
    const dueAt = new Date(Date.now() + 1500).toISOString();
    const t = ok(await send(leadId, 'INSPECTION', 'REFERRAL', union, { feedbackDueAt: dueAt })).transferLead;
    ok(await accept(t.id));
    const overdueIds = async (token: string) =>
      ok(await gql(hub.gatewayUrl, '{ leads(filter: { feedbackOverdue: true }, first: 100) { edges { node { id } } } }', {}, { token })).leads.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await overdueIds(inspector)).not.toContain(leadId);
    await new Promise((r) => setTimeout(r, 1700));
    const seen = await stateOf(leadId);
    expect(agency(seen, 'UNION')!).toMatchObject({ feedbackState: 'OVERDUE' });
    expect(agency(seen, 'INSPECTION')!).toMatchObject({ feedbackState: 'OVERDUE' });
    expect(seen.inspection.feedbackState).toBe('OVERDUE');
    expect(seen.union.feedbackState).toBe('OVERDUE');
    expect(await overdueIds(inspector)).toContain(leadId);
    expect(await overdueIds(union)).toContain(leadId);
    // Final feedback settles it for both sides.
    ok(await feedback(t.id, { final: true, summary: '已处理完毕' }));
    expect(await overdueIds(union)).not.toContain(leadId);
  });
});

describe('a receiving service down', () => {
  it('transferLead and giveFeedback still succeed, and each effect arrives exactly once when it is back', async () => {
    const leadId = await report();
    await hub.stopService('inspection');
    let transferId: string;
    try {
      transferId = ok(await send(leadId, 'INSPECTION')).transferLead.id;
    } finally {
      await hub.restartService('inspection');
    }
    await eventually(async () => expect(await hub.sql('inspection', 'select transfer_state from inspection_case where lead_id = $1', [leadId])).toEqual([{ transfer_state: 'PENDING_ACCEPTANCE' }]));
    ok(await accept(transferId!));

    await hub.stopService('union');
    try {
      ok(await feedback(transferId!, { final: true, summary: '已支付' }));
    } finally {
      await hub.restartService('union');
    }
    await eventually(async () => expect(await hub.sql('union', 'select feedback_state from union_case where lead_id = $1', [leadId])).toEqual([{ feedback_state: 'RECEIVED' }]));
    expect(await hub.sql('inspection', 'select 1 from inspection_case where lead_id = $1', [leadId])).toHaveLength(1);
    await eventually(async () => expect(await hub.sql('leads', 'select 1 from outbox_message where delivered_at is null')).toEqual([]));
    expect(ok(await gql(hub.gatewayUrl, LEAD_STATE, { id: leadId }, { token: union })).lead.union.feedbackState).toBe('RECEIVED');
  });
});
