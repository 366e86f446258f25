import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

// Lin'an district, Hangzhou (seed 002): the union, the district procuratorate and the district court.
const union = tokenFor({ agency: 'UNION', region: '330112', id: 'union-linan' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '330112', id: 'proc-linan' });
const court = tokenFor({ agency: 'COURT', region: '330112', id: 'court-linan' });
const otherCourt = tokenFor({ agency: 'COURT', region: '330106', id: 'court-xihu' });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const field = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.field;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

/** A GB 32100 credit code with its check character, from the first 17 characters. */
function creditCode(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, ch, i) => s + alphabet.indexOf(ch) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}
const BRANCH = { name: '杭州某艺装饰工程有限公司临安分公司', creditCode: creditCode('91330185MA2H7K8L3') };
const HEAD = { name: '杭州某艺装饰工程有限公司', creditCode: creditCode('91330105MA27X9Y1Q') };

const SUPPORT = `transferState feedbackState closureState
  decision { supported reason decidedAt } supportLetter { number issuedOn }
  courtFiling { court docketNo filedOn } hearings { id date courtRoom outcomeNote } nextHearing { date }
  outcome { id kind decidedOn totalAmount jointlyLiable { id name creditCode } }
  installments { id dueOn amount paid outstanding overdue } overdueInstallments { id dueOn }
  amountPaid amountOutstanding enforcement { note } court { transferState feedbackState closureState }`;
const run = (token: string, mutation: string, vars: Record<string, unknown>) => gql(hub.gatewayUrl, mutation.replace('SUPPORT', SUPPORT), vars, { token });
const transferLead = async (token: string, input: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input }, { token })).transferLead.id as string;
const accept = async (token: string, id: string) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id }, { token }));
const feedback = async (token: string, id: string, input: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status } }', { id, input }, { token }));
const decide = (token: string, leadId: string, supported: boolean, reason: string) =>
  run(token, 'mutation($id: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $id, input: $input) { SUPPORT } }', { id: leadId, input: { supported, reason } });
const file = (token: string, leadId: string, input: Record<string, unknown>) => run(token, 'mutation($id: ID!, $input: CourtFilingInput!) { recordCourtFiling(leadId: $id, input: $input) { SUPPORT } }', { id: leadId, input });
const outcome = (token: string, leadId: string, input: Record<string, unknown>) => run(token, 'mutation($id: ID!, $input: CourtOutcomeInput!) { recordCourtOutcome(leadId: $id, input: $input) { SUPPORT } }', { id: leadId, input });
const pay = (token: string, installmentId: string, amount: string, paidOn: string) =>
  run(token, 'mutation($i: ID!, $a: Money!, $d: Date!) { recordInstallmentPayment(installmentId: $i, amount: $a, paidOn: $d) { SUPPORT } }', { i: installmentId, a: amount, d: paidOn });
const supportCase = async (token: string, leadId: string) => ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { support { ${SUPPORT} } } }`, { id: leadId }, { token })).lead.support;

const LINAN = leadInput({
  regionCode: '330112',
  employerName: BRANCH.name,
  employerCreditCode: BRANCH.creditCode,
  industry: 'CONSTRUCTION',
  projectName: '临安某装饰工程',
  workerCount: 7,
  amountOwed: '172000.00',
  wagePeriodStart: '2025-01-01',
  wagePeriodEnd: '2025-12-31',
  description: '7名农民工在临安分公司提供劳务，被拖欠工资17万余元',
});

/** The union's case up to its application for support: broken mediation, legal aid, SUPPORT_TO_SUE. */
async function appliedForSupport() {
  const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: LINAN }, { token: union })).reportLead;
  // The street's mediation: the company agreed to pay by a date that has passed (the Lin'an agreement to pay by 20 April).
  ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: SETTLED, summary: "街道调解达成协议", amountAgreed: "172000.00", agreedPayBy: "${day(-30)}" }) { brokenAgreement } }`, { id: lead.id }, { token: union }));
  ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { recordLegalAid(leadId: $id, input: { provider: "临安区总工会法律援助", providedOn: "${day(0)}" }) { handler } }`, { id: lead.id }, { token: union }));
  const application = await transferLead(union, { leadId: lead.id, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '总公司不在临安且另负债务，申请检察院支持起诉' });
  return { leadId: lead.id as string, employerId: lead.employer.id as string, application };
}

/** Supported, with its letter, and taken on by the court. */
async function beforeCourt() {
  const a = await appliedForSupport();
  await accept(prosecutor, a.application);
  ok(await decide(prosecutor, a.leadId, true, '劳动者维权能力弱，证据已核实'));
  ok(await run(prosecutor, `mutation($id: ID!) { recordSupportLetter(leadId: $id, input: { number: "杭临检民支〔2026〕1号", issuedOn: "${day(0)}" }) { SUPPORT } }`, { id: a.leadId }));
  const filing = await transferLead(prosecutor, { leadId: a.leadId, to: 'COURT', kind: 'COURT_FILING', reason: '附支持起诉书' });
  await accept(court, filing);
  return { ...a, filing };
}

describe("the Lin'an path: support to sue, court, installments, closure", () => {
  it('follows one lawsuit from the application for support to the last installment and every closure', async () => {
    const { leadId, employerId, application } = await appliedForSupport();
    expect(code(await decide(prosecutor, leadId, true, '支持'))).toBe('INVALID_TRANSITION');
    await accept(prosecutor, application);
    expect(code(await decide(union, leadId, true, '支持'))).toBe('FORBIDDEN');
    expect(field(await decide(prosecutor, leadId, true, '  '))).toBe('input.reason');
    const decided = ok(await decide(prosecutor, leadId, true, '劳动者维权能力弱，证据已核实')).decideSupport;
    expect(decided.decision).toMatchObject({ supported: true, reason: '劳动者维权能力弱，证据已核实' });
    expect(code(await decide(prosecutor, leadId, false, '改变主意'))).toBe('INVALID_TRANSITION');
    const letter = ok(await run(prosecutor, `mutation($id: ID!) { recordSupportLetter(leadId: $id, input: { number: "杭临检民支〔2026〕1号", issuedOn: "${day(0)}" }) { SUPPORT } }`, { id: leadId })).recordSupportLetter;
    expect(letter.supportLetter).toEqual({ number: '杭临检民支〔2026〕1号', issuedOn: day(0) });

    // The court is not on the lead until the procuratorate sends it the filing: until then, to the court, there is nothing there.
    const filingInput = { court: '杭州市临安区人民法院', docketNo: '(2026)浙0185民初1234号', filedOn: day(0) };
    expect(code(await file(court, leadId, filingInput))).toBe('NOT_FOUND');
    const filing = await transferLead(prosecutor, { leadId, to: 'COURT', kind: 'COURT_FILING', reason: '附支持起诉书' });
    expect(code(await file(court, leadId, filingInput))).toBe('INVALID_TRANSITION');
    await accept(court, filing);
    expect(field(await file(court, leadId, { ...filingInput, filedOn: day(1) }))).toBe('input.filedOn');
    const filed = ok(await file(court, leadId, filingInput)).recordCourtFiling;
    expect(filed.courtFiling).toEqual(filingInput);
    expect(filed.court).toMatchObject({ transferState: 'ACCEPTED', feedbackState: 'DUE' });
    expect(code(await file(prosecutor, leadId, filingInput))).toBe('INVALID_TRANSITION');

    const hearing = ok(await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(0)}", courtRoom: "第三法庭", note: "公开开庭" }) { SUPPORT } }`, { id: leadId })).scheduleHearing;
    expect(hearing.nextHearing).toEqual({ date: day(0) });
    const upcoming = ok(await gql(hub.gatewayUrl, '{ supportCases(filter: { hearingWithinDays: 7 }) { edges { node { lead { id } } } } }', {}, { token: prosecutor })).supportCases;
    expect(upcoming.edges.map((e: { node: { lead: { id: string } } }) => e.node.lead.id)).toContain(leadId);
    const held = ok(await run(court, 'mutation($h: ID!) { recordHearingResult(hearingId: $h, note: "当庭调解，被告同意分期支付") { SUPPORT } }', { h: hearing.hearings[0].id })).recordHearingResult;
    expect(held.hearings[0].outcomeNote).toBe('当庭调解，被告同意分期支付');

    // A mediated settlement in three installments; the branch and its head company jointly liable.
    const settlement = {
      kind: 'MEDIATED',
      decidedOn: day(0),
      totalAmount: '172000.00',
      installments: [
        { dueOn: day(30), amount: '60000.00' },
        { dueOn: day(60), amount: '60000.00' },
        { dueOn: day(90), amount: '52000.00' },
      ],
      jointlyLiable: [BRANCH, HEAD],
    };
    const short = await outcome(court, leadId, { ...settlement, installments: settlement.installments.slice(0, 2) });
    expect(code(short)).toBe('BAD_USER_INPUT');
    expect(field(short)).toBe('input.installments');
    expect(short.errors?.[0].message).toMatch(/120000\.00.*172000\.00/);
    const settled = ok(await outcome(court, leadId, settlement)).recordCourtOutcome;
    expect(settled.outcome).toMatchObject({ kind: 'MEDIATED', decidedOn: day(0), totalAmount: '172000.00' });
    expect(settled.outcome.jointlyLiable.map((e: { name: string }) => e.name)).toEqual([BRANCH.name, HEAD.name]);
    expect(settled.outcome.jointlyLiable[0].id).toBe(employerId);
    expect(settled.outcome.jointlyLiable[1]).toMatchObject({ creditCode: HEAD.creditCode });
    expect(settled.installments.map((i: { dueOn: string; amount: string }) => [i.dueOn, i.amount])).toEqual([
      [day(30), '60000.00'],
      [day(60), '60000.00'],
      [day(90), '52000.00'],
    ]);
    expect(settled).toMatchObject({ amountPaid: '0.00', amountOutstanding: '172000.00', overdueInstallments: [] });
    expect(code(await outcome(prosecutor, leadId, settlement))).toBe('INVALID_TRANSITION');

    const [first, second, third] = settled.installments.map((i: { id: string }) => i.id);
    expect(code(await pay(union, first, '60000.00', day(0)))).toBe('FORBIDDEN');
    expect(field(await pay(court, first, '60000.00', day(1)))).toBe('paidOn');
    const paidOne = ok(await pay(court, first, '60000.00', day(0))).recordInstallmentPayment;
    expect(paidOne).toMatchObject({ amountPaid: '60000.00', amountOutstanding: '112000.00' });
    expect(paidOne.installments[0]).toMatchObject({ paid: '60000.00', outstanding: '0.00', overdue: false });
    const over = await pay(prosecutor, second, '112000.01', day(0));
    expect(code(over)).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/112000\.00/);

    // As if 100 days had passed: the second and third installments are missed.
    await hub.sql('litigation', `update installment set due_on = due_on - 100 where lead_id = $1`, [leadId]);
    const missed = await supportCase(prosecutor, leadId);
    expect(missed.overdueInstallments.map((i: { id: string }) => i.id)).toEqual([second, third]);
    expect(missed.installments.map((i: { overdue: boolean }) => i.overdue)).toEqual([false, true, true]);
    const overdueList = ok(await gql(hub.gatewayUrl, '{ supportCases(filter: { hasOverdueInstallments: true, closureState: OPEN }) { totalCount edges { node { lead { id } } } } }', {}, { token: court })).supportCases;
    expect(overdueList.edges.map((e: { node: { lead: { id: string } } }) => e.node.lead.id)).toContain(leadId);
    const enforce = () => run(prosecutor, 'mutation($id: ID!) { applyForEnforcement(leadId: $id, note: "两期未按期支付，申请强制执行") { SUPPORT } }', { id: leadId });
    expect(ok(await enforce()).applyForEnforcement.enforcement).toEqual({ note: '两期未按期支付，申请强制执行' });
    expect(code(await enforce())).toBe('INVALID_TRANSITION');

    // Paid off in one payment: what the second installment does not need pays the third.
    const paidOff = ok(await pay(prosecutor, second, '112000.00', day(0))).recordInstallmentPayment;
    expect(paidOff).toMatchObject({ amountPaid: '172000.00', amountOutstanding: '0.00', overdueInstallments: [] });
    expect(paidOff.installments.map((i: { paid: string }) => i.paid)).toEqual(['60000.00', '60000.00', '52000.00']);
    expect(code(await pay(court, third, '1.00', day(0)))).toBe('INVALID_TRANSITION');

    // Final feedback down the chain, then each agency closes.
    const close = (token: string, mutation: string) =>
      gql(hub.gatewayUrl, `mutation($id: ID!) { ${mutation}(leadId: $id, input: { reason: PAID_IN_FULL, amountRecovered: "172000.00", workersPaid: 7, note: "分期款项已全部支付" }) { closureState } }`, { id: leadId }, { token });
    expect(code(await close(court, 'closeCourtCase'))).toBe('INVALID_TRANSITION');
    await feedback(court, filing, { final: true, summary: '调解结案，分期款项已全部履行', amountRecovered: '172000.00', workersPaid: 7 });
    expect(ok(await close(court, 'closeCourtCase')).closeCourtCase.closureState).toBe('CLOSED');
    await feedback(prosecutor, application, { final: true, summary: '支持起诉案件调解结案，7名农民工工资已全部支付', amountRecovered: '172000.00', workersPaid: 7 });
    expect(ok(await close(prosecutor, 'closeSupportCase')).closeSupportCase.closureState).toBe('CLOSED');
    expect(ok(await close(union, 'closeUnionCase')).closeUnionCase.closureState).toBe('CLOSED');

    const lead = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { agencies { agency feedbackState closureState } timeline { agency kind } } }', { id: leadId }, { token: prosecutor })).lead;
    expect(lead.agencies).toEqual(
      expect.arrayContaining([
        { agency: 'UNION', feedbackState: 'RECEIVED', closureState: 'CLOSED' },
        { agency: 'PROCURATORATE', feedbackState: 'GIVEN', closureState: 'CLOSED' },
        { agency: 'COURT', feedbackState: 'GIVEN', closureState: 'CLOSED' },
      ]),
    );
    const kinds = lead.timeline.map((t: { agency: string; kind: string }) => `${t.agency}:${t.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'UNION:MEDIATION_RECORDED',
        'UNION:LEGAL_AID_RECORDED',
        'PROCURATORATE:SUPPORT_GRANTED',
        'PROCURATORATE:SUPPORT_LETTER_ISSUED',
        'COURT:COURT_FILED',
        'COURT:HEARING_SCHEDULED',
        'COURT:HEARING_HELD',
        'COURT:COURT_OUTCOME_RECORDED',
        'COURT:INSTALLMENT_PAID',
        'PROCURATORATE:ENFORCEMENT_APPLIED',
        'PROCURATORATE:SETTLEMENT_PAID_OFF',
      ]),
    );
    const audit = await hub.sql<{ action: string }>('litigation', `select action from audit_entry where entity_id = $1 order by seq`, [leadId]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['SUPPORT_GRANTED', 'COURT_FILED', 'COURT_OUTCOME_RECORDED', 'INSTALLMENT_PAID', 'SETTLEMENT_PAID_OFF', 'CASE_CLOSED']));
  });

  it('shows the prosecutor the whole picture in one query: the lead, the union and the lawsuit', async () => {
    const { leadId } = await beforeCourt();
    const page = ok(
      await gql(
        hub.gatewayUrl,
        `{ supportCases(first: 100) { totalCount edges { node {
            decision { supported } amountOutstanding
            lead { id referenceNo workerCount employer { name } union { transferState feedbackState brokenAgreement mediations { outcome agreedPayBy } } agencies { agency transferState } }
          } } } }`,
        {},
        { token: prosecutor },
      ),
    ).supportCases;
    const node = page.edges.find((e: { node: { lead: { id: string } } }) => e.node.lead.id === leadId).node;
    expect(node).toMatchObject({
      decision: { supported: true },
      amountOutstanding: '172000.00',
      lead: { workerCount: 7, employer: { name: BRANCH.name }, union: { transferState: 'TRANSFERRED_OUT', feedbackState: 'AWAITING', brokenAgreement: true, mediations: [{ outcome: 'SETTLED', agreedPayBy: day(-30) }] } },
    });
    expect(node.lead.agencies.map((a: { agency: string }) => a.agency)).toEqual(expect.arrayContaining(['UNION', 'PROCURATORATE', 'COURT']));
  });
});

describe('declining support and delegated mediation', () => {
  it('answers the application with final feedback when the procuratorate declines', async () => {
    const { leadId, application } = await appliedForSupport();
    await accept(prosecutor, application);
    const declined = ok(await decide(prosecutor, leadId, false, '已有法律援助律师代理，无需支持起诉')).decideSupport;
    expect(declined).toMatchObject({ decision: { supported: false }, feedbackState: 'GIVEN' });
    const t = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { status feedback { final summary } } }', { id: application }, { token: union })).transfer;
    expect(t.status).toBe('COMPLETED');
    expect(t.feedback).toEqual([{ final: true, summary: expect.stringContaining('已有法律援助律师代理') }]);
    const unionSide = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { union { feedbackState } } }', { id: leadId }, { token: union })).lead.union;
    expect(unionSide.feedbackState).toBe('RECEIVED');
    expect(code(await file(prosecutor, leadId, { court: '临安区法院', docketNo: 'X', filedOn: day(0) }))).toBe('INVALID_TRANSITION');
    expect(code(await run(prosecutor, `mutation($id: ID!) { recordSupportLetter(leadId: $id, input: { number: "1", issuedOn: "${day(0)}" }) { SUPPORT } }`, { id: leadId }))).toBe('INVALID_TRANSITION');
  });

  it("sends a court's delegated mediation to the union and brings the union's result back as feedback (诉调对接)", async () => {
    const { leadId } = await beforeCourt();
    const delegated = await transferLead(court, { leadId, to: 'UNION', kind: 'DELEGATED_MEDIATION', reason: '委派诉调对接中心调解' });
    await accept(union, delegated);
    ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { recordMediation(leadId: $id, input: { outcome: SETTLED, summary: "诉调对接中心调解成功", amountAgreed: "172000.00", agreedPayBy: "${day(20)}" }) { handler } }`, { id: leadId }, { token: union }));
    const t = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { status feedback { final summary } } }', { id: delegated }, { token: court })).transfer;
    expect(t.status).toBe('COMPLETED');
    expect(t.feedback).toEqual([{ final: true, summary: expect.stringMatching(/settled: 172000\.00 yuan to be paid by .*诉调对接中心调解成功/) }]);
  });
});

describe('refusals', () => {
  it('refuses outcomes before filing, bad schedules and bad employers', async () => {
    const { leadId } = await beforeCourt();
    const base = { kind: 'JUDGMENT', decidedOn: day(0), totalAmount: '1000.00', installments: [{ dueOn: day(10), amount: '1000.00' }], jointlyLiable: [BRANCH] };
    expect(code(await outcome(court, leadId, base))).toBe('INVALID_TRANSITION');
    ok(await file(court, leadId, { court: '杭州市临安区人民法院', docketNo: '(2026)浙0185民初9号', filedOn: day(0) }));
    expect(code(await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(-1)}", courtRoom: "第一法庭" }) { SUPPORT } }`, { id: leadId }))).toBe('BAD_USER_INPUT');
    const refusals: [Record<string, unknown>, string][] = [
      [{ jointlyLiable: [] }, 'input.jointlyLiable'],
      [{ jointlyLiable: [{ name: '某公司', creditCode: '91330185MA2H7K8L3X' }] }, 'input.jointlyLiable[0].creditCode'],
      [{ jointlyLiable: [BRANCH, BRANCH] }, 'input.jointlyLiable[1]'],
      [{ installments: [{ dueOn: day(-1), amount: '1000.00' }] }, 'input.installments[0].dueOn'],
      [{ installments: [{ dueOn: day(10), amount: '0.00' }, { dueOn: day(10), amount: '1000.00' }] }, 'input.installments[0].amount'],
      [{ totalAmount: '1000.001' }, 'input.totalAmount'],
      [{ decidedOn: day(2) }, 'input.decidedOn'],
    ];
    for (const [over, bad] of refusals) {
      const r = await outcome(court, leadId, { ...base, ...over });
      expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', bad]);
    }
    expect(code(await outcome(otherCourt, leadId, base))).toBe('NOT_FOUND');
    // Nothing of the refused outcomes was kept.
    expect((await supportCase(prosecutor, leadId)).outcome).toBeNull();
    expect(code(await pay(court, '00000000-0000-4000-8000-000000000000', '1.00', day(0)))).toBe('NOT_FOUND');
  });
});

describe('supportCases', () => {
  it('orders by the nearest date, pages with cursors and shows each agency only its own lawsuits', async () => {
    const prosecutorB = tokenFor({ agency: 'PROCURATORATE', region: '330112' });
    const cases = [await beforeCourt(), await beforeCourt(), await beforeCourt()];
    const [a, b, c] = cases.map((x) => x.leadId);
    for (const id of [a, b]) ok(await file(court, id, { court: '杭州市临安区人民法院', docketNo: `(2026)浙0185民初${id.slice(0, 4)}号`, filedOn: day(0) }));
    ok(await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(20)}", courtRoom: "第二法庭" }) { SUPPORT } }`, { id: a }));
    ok(await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(5)}", courtRoom: "第二法庭" }) { SUPPORT } }`, { id: b }));

    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: any = ok(await gql(hub.gatewayUrl, 'query($after: String) { supportCases(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { lead { id } } } } }', { after }, { token: prosecutorB })).supportCases;
      total = page.totalCount;
      ids.push(...page.edges.map((e: { node: { lead: { id: string } } }) => e.node.lead.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const mine = ids.filter((id) => [a, b, c].includes(id));
    expect(mine).toEqual([b, a, c]);
    const within7 = ok(await gql(hub.gatewayUrl, '{ supportCases(filter: { hearingWithinDays: 7 }) { edges { node { lead { id } } } } }', {}, { token: court })).supportCases.edges.map((e: { node: { lead: { id: string } } }) => e.node.lead.id);
    expect(within7).toContain(b);
    expect(within7).not.toContain(a);

    const elsewhere = ok(await gql(hub.gatewayUrl, '{ supportCases { totalCount edges { node { lead { id } } } } }', {}, { token: otherCourt })).supportCases;
    expect(elsewhere.edges.map((e: { node: { lead: { id: string } } }) => e.node.lead.id)).not.toContain(a);
    expect(code(await gql(hub.gatewayUrl, '{ supportCases { totalCount } }', {}, { token: union }))).toBe('FORBIDDEN');
    expect(code(await gql(hub.gatewayUrl, '{ supportCases(after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, { token: prosecutor }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(hub.gatewayUrl, '{ supportCases(filter: { hearingWithinDays: -1 }) { totalCount } }', {}, { token: prosecutor }))).toBe('BAD_USER_INPUT');
  });
});

describe('no N+1 on supportCases', () => {
  it('a page of 8 lawsuits with the lead, the union and the schedule costs the same SQL per subgraph as a page of 2', async () => {
    // Its own eight lawsuits, so that it holds when run alone; half with a filing and a schedule.
    for (let n = 0; n < 8; n++) {
      const { leadId } = await beforeCourt();
      if (n % 2) continue;
      ok(await file(court, leadId, { court: '杭州市临安区人民法院', docketNo: `(2026)浙0185民初${n}号`, filedOn: day(0) }));
      ok(await outcome(court, leadId, { kind: 'JUDGMENT', decidedOn: day(0), totalAmount: '2000.00', installments: [{ dueOn: day(10), amount: '1500.00' }, { dueOn: day(40), amount: '500.00' }], jointlyLiable: [BRANCH, HEAD] }));
    }
    const PAGE = `query($first: Int) { supportCases(first: $first) { totalCount edges { node {
      transferState decision { supported } courtFiling { docketNo } hearings { date } nextHearing { date } enforcement { note }
      outcome { kind jointlyLiable { name } } installments { amount paid overdue } overdueInstallments { id } amountPaid amountOutstanding court { closureState }
      lead { referenceNo employer { name } agencies { agency closureState } union { feedbackState brokenAgreement mediations { outcome } } }
    } } } }`;
    const sqlFor = async (first: number) => {
      const requestId = `support-page-${first}-${Date.now()}`;
      const page = ok(await gql(hub.gatewayUrl, PAGE, { first }, { token: prosecutor, requestId })).supportCases;
      expect(page.edges).toHaveLength(first);
      return Object.fromEntries((['leads', 'union', 'inspection', 'litigation'] as const).map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0]));
    };
    const two = await sqlFor(2);
    const eight = await sqlFor(8);
    expect(eight).toEqual(two);
    // The page, the support cases, lawsuits, hearings, installments and court cases.
    expect(eight.litigation).toBeLessThanOrEqual(6);
  });
});

describe('concurrent payments', () => {
  it('never records more than is outstanding when two payments race', async () => {
    const { leadId } = await beforeCourt();
    ok(await file(court, leadId, { court: '杭州市临安区人民法院', docketNo: '(2026)浙0185民初77号', filedOn: day(0) }));
    const settled = ok(await outcome(court, leadId, { kind: 'MEDIATED', decidedOn: day(0), totalAmount: '1000.00', installments: [{ dueOn: day(10), amount: '1000.00' }], jointlyLiable: [BRANCH] })).recordCourtOutcome;
    const id = settled.installments[0].id;
    const results = await Promise.all([pay(court, id, '700.00', day(0)), pay(prosecutor, id, '700.00', day(0))]);
    expect(results.map((r) => (r.errors ? code(r) : 'OK')).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
    expect((await supportCase(prosecutor, leadId)).amountPaid).toBe('700.00');
  });
});
