import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhao' });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const report = async (over: Record<string, unknown>, token = union) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token })).reportLead;

describe('possible duplicates (the same arrears through several channels)', () => {
  it('are shown, never merged, and a handler marks one, closing it as DUPLICATE', async () => {
    const base = { regionCode: '140421', employerName: '青岛某建工集团（有限公司）', employerCreditCode: null, projectName: '某小区二期', wagePeriodStart: '2025-01-01', wagePeriodEnd: '2025-06-30' };
    const first = await report(base);
    const again = await report({ ...base, channel: 'ONLINE', employerName: '青岛某建工集团(有限公司)', wagePeriodStart: '2025-05-01', wagePeriodEnd: '2025-09-30' });
    const otherProject = await report({ ...base, projectName: '另一个项目' });
    const otherPeriod = await report({ ...base, wagePeriodStart: '2025-10-01', wagePeriodEnd: '2025-12-31' });
    const otherRegion = await report({ ...base, regionCode: '140402' });

    const dupes = async (id: string) =>
      ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { possibleDuplicates { id } duplicateOf { id } } }', { id }, { token: union })).lead;
    expect((await dupes(again.id)).possibleDuplicates.map((l: { id: string }) => l.id)).toEqual([first.id]);
    expect((await dupes(first.id)).possibleDuplicates.map((l: { id: string }) => l.id)).toEqual([again.id]);
    expect((await dupes(otherPeriod.id)).possibleDuplicates).toEqual([]);
    expect((await dupes(otherProject.id)).possibleDuplicates).toEqual([]);
    expect((await dupes(otherRegion.id)).possibleDuplicates).toEqual([]);

    const mark = (leadId: string, ofLeadId: string, token = union) =>
      gql(hub.gatewayUrl, 'mutation($a: ID!, $b: ID!) { markDuplicate(leadId: $a, ofLeadId: $b) { id duplicateOf { id } agencies { agency closureState closure { reason note closedBy } } } }', { a: leadId, b: ofLeadId }, { token });
    expect(code(await mark(again.id, again.id))).toBe('BAD_USER_INPUT');
    expect(code(await mark(again.id, first.id, tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] })))).toBe('FORBIDDEN');
    expect(code(await mark(again.id, first.id, tokenFor({ agency: 'INSPECTION', region: '140400' })))).toBe('NOT_FOUND');
    const marked = ok(await mark(again.id, first.id)).markDuplicate;
    expect(marked.duplicateOf.id).toBe(first.id);
    expect(marked.agencies).toEqual([{ agency: 'UNION', closureState: 'CLOSED', closure: { reason: 'DUPLICATE', note: '', closedBy: 'union-zhao' } }]);
    expect(code(await mark(again.id, first.id))).toBe('INVALID_TRANSITION');
    expect(code(await mark(otherPeriod.id, again.id))).toBe('BAD_USER_INPUT');
    // The duplicate is no longer offered, it offers none itself, and the union's own case on it is closed.
    expect((await dupes(first.id)).possibleDuplicates).toEqual([]);
    expect(await dupes(again.id)).toEqual({ possibleDuplicates: [], duplicateOf: { id: first.id } });
    expect(await hub.sql('union', 'select closure_state, closure_reason from union_case where lead_id = $1', [again.id])).toEqual([{ closure_state: 'CLOSED', closure_reason: 'DUPLICATE' }]);
    const audit = await hub.sql('leads', `select actor_id from audit_entry where entity_id = $1 and action = 'DUPLICATE_MARKED'`, [again.id]);
    expect(audit).toEqual([{ actor_id: 'union-zhao' }]);
  });

  it('include a lead naming an employer of the same name under another credit code (another employer record)', async () => {
    const base = { regionCode: '140425', projectName: '某物流园一期', wagePeriodStart: '2025-04-01', wagePeriodEnd: '2025-09-30' };
    const first = await report(base);
    const otherCode = await report({ ...base, channel: 'ONLINE', employerCreditCode: '91110000802100433B', employerName: '长治市 某建筑劳务 有限公司' });
    expect(otherCode.employer.id).not.toBe(first.employer.id);
    const dupes = async (id: string) => ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { possibleDuplicates { id } } }', { id }, { token: union })).lead.possibleDuplicates.map((l: { id: string }) => l.id);
    expect(await dupes(otherCode.id)).toEqual([first.id]);
    expect(await dupes(first.id)).toEqual([otherCode.id]);
  });

  it('are found for a draft before it is saved, only among leads the caller may see', async () => {
    const base = { regionCode: '140423', employerName: '襄垣某路桥工程有限公司', employerCreditCode: null, projectName: '某县道改造', wagePeriodStart: '2025-02-01', wagePeriodEnd: '2025-08-31' };
    const first = await report(base);
    const otherProject = await report({ ...base, projectName: '某高速连接线' });
    const draft = (d: Record<string, unknown>, token = union) =>
      gql(hub.gatewayUrl, 'query($d: LeadDraftInput!) { possibleDuplicatesOf(draft: $d) { id referenceNo employer { name } } }', { d }, { token });
    const ids = async (d: Record<string, unknown>, token = union) => ok(await draft(d, token)).possibleDuplicatesOf.map((l: { id: string }) => l.id);
    // Typed with other spacing and brackets, the wage period overlapping: the same arrears.
    expect(await ids({ regionCode: '140423', employerName: '襄垣 某路桥工程有限公司', projectName: '某县道改造', wagePeriodStart: '2025-08-01' })).toEqual([first.id]);
    // Without a project, both of the employer's leads there; newest first.
    expect(await ids({ regionCode: '140423', employerName: '襄垣某路桥工程有限公司' })).toEqual([otherProject.id, first.id]);
    expect(await ids({ ...base, wagePeriodStart: '2025-09-01', wagePeriodEnd: '2025-12-31' })).toEqual([]);
    expect(await ids({ ...base, regionCode: '140424' })).toEqual([]);
    // Half-typed drafts are no error: nothing to compare yet.
    expect(await ids({ regionCode: '1404', employerName: '襄垣某路桥工程有限公司' })).toEqual([]);
    expect(await ids({ regionCode: '140423', employerName: '  ' })).toEqual([]);
    // Another unit's intake clerk cannot learn of leads outside its sight.
    expect(await ids(base, tokenFor({ agency: 'UNION', region: '140500' }))).toEqual([]);
    expect(await ids(base, tokenFor({ agency: 'INSPECTION', region: '140400' }))).toEqual([]);
    // Once one is marked a duplicate of the other, only the original is offered.
    ok(await gql(hub.gatewayUrl, 'mutation($a: ID!, $b: ID!) { markDuplicate(leadId: $a, ofLeadId: $b) { id } }', { a: otherProject.id, b: first.id }, { token: union }));
    expect(await ids({ regionCode: '140423', employerName: '襄垣某路桥工程有限公司' })).toEqual([first.id]);
  });

  it('refuses to mark a lead with an open transfer', async () => {
    const a = await report({ employerName: '某劳务公司甲', employerCreditCode: null });
    const b = await report({ employerName: '某劳务公司甲', employerCreditCode: null });
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: b.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
    const r = await gql(hub.gatewayUrl, 'mutation($a: ID!, $b: ID!) { markDuplicate(leadId: $a, ofLeadId: $b) { id } }', { a: b.id, b: a.id }, { token: union });
    expect(code(r)).toBe('INVALID_TRANSITION');
  });
});

describe('mass cases (50 or more workers)', () => {
  it('raise an alert the provincial level of the intake agency sees at once', async () => {
    const lead = await report({ workerCount: 66, amountOwed: '2850000.00', regionCode: '140521' }, tokenFor({ agency: 'UNION', region: '140500' }));
    expect(lead.isMassCase).toBe(true);
    const province = tokenFor({ agency: 'UNION', region: '140000', roles: ['SUPERVISOR'] });
    const alerts = async (token: string, acknowledged?: boolean) =>
      ok(await gql(hub.gatewayUrl, 'query($a: Boolean) { massCaseAlerts(acknowledged: $a) { province acknowledgedBy lead { id workerCount } } }', { a: acknowledged }, { token })).massCaseAlerts;
    expect(await alerts(province, false)).toEqual([{ province: '140000', acknowledgedBy: null, lead: { id: lead.id, workerCount: 66 } }]);
    expect(await alerts(tokenFor({ agency: 'INSPECTION', region: '140000' }))).toEqual([]);
    expect(await alerts(tokenFor({ agency: 'UNION', region: '330000' }))).toEqual([]);
    expect(await alerts(union)).toEqual([]);
    const ack = (token: string) => gql(hub.gatewayUrl, 'mutation($id: ID!) { acknowledgeMassCaseAlert(leadId: $id) { acknowledgedBy } }', { id: lead.id }, { token });
    expect(code(await ack(tokenFor({ agency: 'UNION', region: '140000' })))).toBe('FORBIDDEN');
    expect(ok(await ack(province)).acknowledgeMassCaseAlert.acknowledgedBy).toBeTruthy();
    expect(code(await ack(province))).toBe('INVALID_TRANSITION');
    expect(await alerts(province, false)).toEqual([]);
    const timeline = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind } } }', { id: lead.id }, { token: province })).lead.timeline;
    expect(timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['MASS_CASE_FLAGGED', 'MASS_CASE_ACKNOWLEDGED']));
  });
});
