import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const handler = tokenFor({ agency: 'UNION', region: '140400', id: 'union-li' });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chief', roles: ['SUPERVISOR'] });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

const report = async (over: Record<string, unknown> = {}) =>
  ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '长治市某镇人民政府', employerCreditCode: null, industry: 'OTHER', ...over }) }, { token: handler })).reportLead.id as string;
const deposit = (regionCode: string, amount: string, token = supervisor) =>
  gql(hub.gatewayUrl, 'mutation($r: String!, $a: Money!) { depositToReliefFund(regionCode: $r, amount: $a, note: "市总工会拨付") { regionCode balance advancedTotal recoveredTotal } }', { r: regionCode, a: amount }, { token });
const grant = (leadId: string, amount: string, extra: Record<string, unknown> = {}, token = handler) =>
  gql(hub.gatewayUrl, 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id amount workerCount recoveryAgreementNo recovered outstanding } }', { id: leadId, input: { amount, workerCount: 4, recoveryAgreementNo: 'ZC-2026-001', fundRegionCode: '140400', ...extra } }, { token });
const recover = (advanceId: string, amount: string) =>
  gql(hub.gatewayUrl, 'mutation($id: ID!, $a: Money!) { recordAdvanceRecovery(advanceId: $id, amount: $a) { amount recovered outstanding } }', { id: advanceId, a: amount }, { token: handler });
const fund = async (regionCode: string) =>
  ok(await gql(hub.gatewayUrl, 'query($r: String!) { reliefFund(regionCode: $r) { balance advancedTotal recoveredTotal ledger { kind amount balanceAfter actor } } }', { r: regionCode }, { token: handler })).reliefFund;

describe('emergency wage advances from the relief fund (Changzhi: 70% of 89,195.00)', () => {
  it('advances exactly 62,436.50, keeps the ledger, and recovers into the fund', async () => {
    const leadId = await report({ workerCount: 4, amountOwed: '89195.00' });
    expect(code(await deposit('140400', '100000.00', handler))).toBe('FORBIDDEN');
    expect(ok(await deposit('140400', '100000.00')).depositToReliefFund).toEqual({ regionCode: '140400', balance: '100000.00', advancedTotal: '0.00', recoveredTotal: '0.00' });

    const advance = ok(await grant(leadId, '62436.50')).grantWageAdvance;
    expect(advance).toMatchObject({ amount: '62436.50', workerCount: 4, recoveryAgreementNo: 'ZC-2026-001', recovered: '0.00', outstanding: '62436.50' });
    // More than is owed in total, or than the fund holds, is refused and changes nothing.
    const tooMuch = await grant(leadId, '26758.51');
    expect(code(tooMuch)).toBe('BAD_USER_INPUT');
    expect(tooMuch.errors?.[0].message).toMatch(/89195\.00/);
    expect(code(await grant(leadId, '100.00', { recoveryAgreementNo: ' ' }))).toBe('BAD_USER_INPUT');
    expect(code(await grant(leadId, '100.00', { fundRegionCode: '140100' }))).toBe('BAD_USER_INPUT');
    expect(code(await grant(leadId, '100.00', { workerCount: 5 }))).toBe('BAD_USER_INPUT');
    expect(code(await grant(leadId, '100.00', {}, tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] })))).toBe('FORBIDDEN');
    expect(await fund('140400')).toMatchObject({ balance: '37563.50', advancedTotal: '62436.50' });

    const recovered = ok(await recover(advance.id, '20000.00')).recordAdvanceRecovery;
    expect(recovered).toEqual({ amount: '62436.50', recovered: '20000.00', outstanding: '42436.50' });
    expect(code(await recover(advance.id, '42436.51'))).toBe('BAD_USER_INPUT');
    expect(ok(await recover(advance.id, '42436.50')).recordAdvanceRecovery.outstanding).toBe('0.00');

    const f = await fund('140400');
    expect(f).toMatchObject({ balance: '100000.00', advancedTotal: '62436.50', recoveredTotal: '62436.50' });
    expect(f.ledger.map((m: { kind: string; amount: string; balanceAfter: string }) => [m.kind, m.amount, m.balanceAfter])).toEqual([
      ['RECOVERY', '42436.50', '100000.00'],
      ['RECOVERY', '20000.00', '57563.50'],
      ['ADVANCE', '62436.50', '37563.50'],
      ['DEPOSIT', '100000.00', '100000.00'],
    ]);
    const lead = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { union { advances { amount outstanding } } } }', { id: leadId }, { token: handler })).lead;
    expect(lead.union.advances).toEqual([{ amount: '62436.50', outstanding: '0.00' }]);
    await eventually(async () => {
      const t = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind } } }', { id: leadId }, { token: handler })).lead.timeline;
      expect(t.map((e: { kind: string }) => e.kind).filter((k: string) => k !== 'LEAD_REPORTED' && k !== 'CASE_OPENED')).toEqual(['WAGE_ADVANCE_GRANTED', 'ADVANCE_RECOVERED', 'ADVANCE_RECOVERED']);
    });
    expect(ok(await gql(hub.gatewayUrl, '{ reliefFund(regionCode: "140400") { balance } }', {}, { token: tokenFor({ agency: 'UNION', region: '140100' }) })).reliefFund).toBeNull();
  });

  it('never overdraws the fund when advances are granted at the same moment', async () => {
    ok(await deposit('140402', '1000.00', tokenFor({ agency: 'UNION', region: '140402', roles: ['SUPERVISOR'] })));
    const county = tokenFor({ agency: 'UNION', region: '140402' });
    const leads = await Promise.all([1, 2, 3, 4, 5].map(() => gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ regionCode: '140402', amountOwed: '5000.00' }) }, { token: county }).then((r) => ok(r).reportLead.id as string)));
    const attempts = await Promise.all(leads.flatMap((id) => [1, 2].map(() => grant(id, '300.00', { fundRegionCode: '140402' }, county))));
    const granted = attempts.filter((r) => !r.errors);
    expect(granted).toHaveLength(3);
    for (const r of attempts.filter((x) => x.errors)) expect(code(r)).toBe('BAD_USER_INPUT');
    const f = ok(await gql(hub.gatewayUrl, '{ reliefFund(regionCode: "140402") { balance advancedTotal ledger { kind balanceAfter } } }', {}, { token: county })).reliefFund;
    expect(f.balance).toBe('100.00');
    expect(f.advancedTotal).toBe('900.00');
    expect(f.ledger.map((m: { balanceAfter: string }) => m.balanceAfter)).toEqual(['100.00', '400.00', '700.00', '1000.00']);
  });
});

describe('mediation with the employer', () => {
  const mediate = (leadId: string, input: Record<string, unknown>) =>
    gql(hub.gatewayUrl, 'mutation($id: ID!, $input: MediationInput!) { recordMediation(leadId: $id, input: $input) { brokenAgreement mediations { outcome amountAgreed agreedPayBy summary } } }', { id: leadId, input }, { token: handler });
  const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

  it('records outcomes and flags a settlement not paid by its date (Lin\'an: 20 April, broken)', async () => {
    const leadId = await report();
    expect(ok(await mediate(leadId, { outcome: 'FAILED', summary: '用人单位拒绝协商' })).recordMediation.brokenAgreement).toBe(false);
    expect(code(await mediate(leadId, { outcome: 'SETTLED', summary: '达成协议' }))).toBe('BAD_USER_INPUT');
    expect(code(await mediate(leadId, { outcome: 'FAILED', summary: 'x', amountAgreed: '1.00' }))).toBe('BAD_USER_INPUT');
    const kept = ok(await mediate(leadId, { outcome: 'SETTLED', summary: '达成分期支付协议', amountAgreed: '170000.00', agreedPayBy: day(1) })).recordMediation;
    expect(kept.brokenAgreement).toBe(false);
    expect(kept.mediations.at(-1)).toMatchObject({ outcome: 'SETTLED', amountAgreed: '170000.00', agreedPayBy: day(1) });
    const broken = ok(await mediate(leadId, { outcome: 'SETTLED', summary: '约定4月20日前支付', amountAgreed: '170000.00', agreedPayBy: day(-1) })).recordMediation;
    expect(broken.brokenAgreement).toBe(true);
    expect(broken.mediations).toHaveLength(3);
  });
});

describe('first-contact handler and legal aid', () => {
  it('only a supervisor reassigns the handler, and says why', async () => {
    const leadId = await report();
    const reassign = (token: string, handlerId: string, note: string) =>
      gql(hub.gatewayUrl, 'mutation($id: ID!, $h: String!, $n: String!) { reassignUnionHandler(leadId: $id, handler: $h, note: $n) { handler } }', { id: leadId, h: handlerId, n: note }, { token });
    expect(code(await reassign(handler, 'union-wang', '工作调整'))).toBe('FORBIDDEN');
    expect(code(await reassign(supervisor, 'union-wang', ' '))).toBe('BAD_USER_INPUT');
    expect(ok(await reassign(supervisor, 'union-wang', '原经办人调岗')).reassignUnionHandler.handler).toBe('union-wang');
    const audit = await hub.sql('union', `select data from audit_entry where entity_id = $1 and action = 'HANDLER_REASSIGNED'`, [leadId]);
    expect(audit).toEqual([{ data: { from: 'union-li', to: 'union-wang' } }]);
  });

  it('records legal aid on the case and the timeline', async () => {
    const leadId = await report();
    // Given on the day the lead came in: legal aid is not dated before the lead was received.
    const today = shanghaiDate(new Date());
    const aid = (input: Record<string, unknown>) =>
      gql(hub.gatewayUrl, 'mutation($id: ID!, $input: LegalAidInput!) { recordLegalAid(leadId: $id, input: $input) { legalAid { provider providedOn note } } }', { id: leadId, input }, { token: handler });
    expect(code(await aid({ provider: '', providedOn: today }))).toBe('BAD_USER_INPUT');
    expect(code(await aid({ provider: '某律师事务所', providedOn: '2099-01-01' }))).toBe('BAD_USER_INPUT');
    expect(ok(await aid({ provider: '临安区法律援助中心', providedOn: today, note: '代写起诉状' })).recordLegalAid.legalAid).toEqual([
      { provider: '临安区法律援助中心', providedOn: today, note: '代写起诉状' },
    ]);
    await eventually(async () => {
      const t = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind } } }', { id: leadId }, { token: handler })).lead.timeline;
      expect(t.map((e: { kind: string }) => e.kind)).toContain('LEGAL_AID_RECORDED');
    });
  });
});
