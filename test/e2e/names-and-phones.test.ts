import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

/**
 * Issue 17, the smaller holes: an 8-digit landline was masked as 623*5678; invisible and
 * bidirectional control characters stayed in employer names; "=1+1", "＝1+1" (and a tab before
 * it) were filed under one employer record.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const intake = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
const viewer = tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] });
const report = async (over: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerCreditCode: null, ...over }) }, { token: intake })).reportLead;

it('masks a landline to its last four digits for staff who may not see it', async () => {
  const lead = await report({ employerName: '长治某物业公司', complainants: [{ name: '李某', phone: '62345678' }, { name: '张某', phone: '13812345678' }] });
  const seen = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { complainants { phone } } }', { id: lead.id }, { token: viewer })).lead;
  expect(seen.complainants.map((c: { phone: string }) => c.phone)).toEqual(['****5678', '138****5678']);
  expect(lead.complainants.map((c: { phone: string }) => c.phone)).toEqual(['62345678', '13812345678']);
});

it('removes invisible and bidirectional control characters from names at intake', async () => {
  const lead = await report({ employerName: '\u202E长治\u200B某\u2066机械\u2069制造厂\uFEFF', complainants: [{ name: '王\u200F某', phone: null }] });
  expect(lead.employer.name).toBe('长治某机械制造厂');
  expect(lead.complainants[0].name).toBe('王某');
  // Written plainly, it is the same employer.
  expect((await report({ employerName: '长治某机械制造厂' })).employer.id).toBe(lead.employer.id);
});

it('files differently written names under different employers', async () => {
  const formula = await report({ employerName: '=1+1' });
  const fullWidth = await report({ employerName: '＝1+1' });
  const digits = await report({ employerName: '11' });
  expect(new Set([formula.employer.id, fullWidth.employer.id, digits.employer.id]).size).toBe(3);
  expect([formula.employer.name, fullWidth.employer.name, digits.employer.name]).toEqual(['=1+1', '＝1+1', '11']);
  // A tab before it is not part of the name: removed at intake, the name is "=1+1" again.
  const tabbed = await report({ employerName: '\t=1+1' });
  expect([tabbed.employer.name, tabbed.employer.id]).toEqual(['=1+1', formula.employer.id]);
  // Spacing and the width of brackets still do not make another employer.
  const a = await report({ employerName: '山西某某建筑（集团）有限公司' });
  const b = await report({ employerName: ' 山西某某建筑(集团)有限公司' });
  expect(b.employer.id).toBe(a.employer.id);
});
