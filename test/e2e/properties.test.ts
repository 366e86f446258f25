/**
 * Property-based tests of the mutations' inputs, through the gateway on real PostgreSQL. For any
 * input, a call is either accepted, and what is read back is exactly what was given (money to the
 * fen, text at most cleaned), or refused with a contract error: BAD_USER_INPUT naming the field, or
 * NOT_FOUND / INVALID_TRANSITION / CONFLICT / FORBIDDEN where the state explains it. Never an
 * internal error, and a refusal writes nothing: every table of every service's database (audit
 * trail and outbox included) is the same after it as before.
 *
 * The seed is fixed so that a failure reproduces; fast-check prints the shrunk counterexample.
 */
import * as fc from 'fast-check';
import { Census } from '../support/census';
import { eventually, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import {
  anyText,
  count,
  dateOrWrongType,
  dateTime,
  day,
  enumOf,
  expectCleaned,
  fenOf,
  garbageId,
  isCalendarDate,
  isRfc3339,
  longText,
  moneyOrWrongType,
  mostly,
  someText,
  visible,
  withFaults,
  yuan,
} from '../support/arbitraries';

const SEED = 20261123;
const RUNS = 30;
const settings = <T>(runs = RUNS): fc.Parameters<T> => ({ seed: SEED, numRuns: runs });

let hub: TestHub;
let census: Census;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
  census = new Census(hub);
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(async () => {
  await census?.close();
  await hub?.stop();
});

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'prop-union', roles: ['INTAKE', 'HANDLER'] });
const unionChief = tokenFor({ agency: 'UNION', region: '140400', id: 'prop-union-chief', roles: ['SUPERVISOR'] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'prop-insp' });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'prop-proc', roles: ['INTAKE', 'HANDLER'] });

type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'CONFLICT' | 'FORBIDDEN';
type Outcome<T> = { accepted: true; data: T } | { accepted: false; code: Code; field?: string; invalidFields?: { field: string }[]; message: string };

/** How the calls of the property running now ended: the generators must exercise both paths. */
const tally = { accepted: 0, refused: 0 };
beforeEach(() => Object.assign(tally, { accepted: 0, refused: 0 }));
afterEach(() => {
  if (process.env.PROPERTY_TALLY) console.log(expect.getState().currentTestName, tally);
  // Generators that drifted to only valid, or only invalid, inputs would test half the property.
  expect(tally.accepted).toBeGreaterThanOrEqual(3);
  expect(tally.refused).toBeGreaterThanOrEqual(3);
});

/**
 * One call under the property: the outboxes are settled first, so nothing changes in the
 * background; a refusal must carry a contract code and leave every table as it was.
 */
async function attempt<T = any>(query: string, variables: Record<string, unknown>, token: string, o: { codes: Code[]; fields: RegExp }): Promise<Outcome<T>> {
  await census.settled();
  const before = await census.fingerprint();
  const r: GraphQLResponse<T> = await gql<T>(hub.gatewayUrl, query, variables, { token });
  expect(r.status).toBeLessThan(500);
  expect((r.errors ?? []).map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
  if (!r.errors?.length) {
    tally.accepted++;
    expect(r.status).toBe(200);
    return { accepted: true, data: r.data as T };
  }
  tally.refused++;
  const [e] = r.errors;
  const code = e.extensions?.code as Code;
  expect(o.codes).toContain(code);
  const coercion = (m: string) => /^Variable "\$\w+" got invalid value/.test(m);
  if (r.errors.length > 1 || coercion(e.message)) {
    // A value GraphQL itself cannot take (not in the enum, not a 32-bit Int, a number for Money) is
    // refused before the domain sees it, each naming the variable and the path to the value.
    for (const x of r.errors) expect([x.extensions?.code, coercion(x.message)]).toEqual(['BAD_USER_INPUT', true]);
  } else if (code === 'BAD_USER_INPUT') {
    // A refusal by the domain names the first bad field, and lists every bad field.
    expect(e.extensions?.field).toMatch(o.fields);
    if (e.extensions?.invalidFields) expect(e.extensions.invalidFields[0].field).toBe(e.extensions.field);
  }
  expect(e.message).not.toMatch(/ECONN|at .*\.ts:\d+|node_modules|violates|duplicate key|syntax|relation "/i);
  await census.settled();
  expect(await census.fingerprint()).toEqual(before);
  return { accepted: false, code, field: e.extensions?.field, invalidFields: e.extensions?.invalidFields, message: e.message };
}

// --- prerequisites, built through the API ----------------------------------------------------

const report = async (token = union, over: Record<string, unknown> = {}) =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: ReportLeadInput!) { reportLead(input: $input) { id } }', { input: leadInput(over) }, { token })).reportLead.id as string;
const transfer = async (leadId: string, to: string, kind: string, token = union) =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to, kind, reason: '请依法处理' } }, { token })).transferLead.id as string;
const accept = async (id: string, token: string) => ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id }, { token }));
const transferOf = async (id: string) =>
  ok(await gql(hub.gatewayUrl, 'query($id: ID!) { transfer(id: $id) { status from to kind feedback { final summary amountRecovered workersPaid } } }', { id }, { token: union })).transfer;
const decide = async (leadId: string, supported: boolean) =>
  ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $id, input: $input) { transferState } }', { id: leadId, input: { supported, reason: '证据已核实' } }, { token: prosecutor }));
const file = async (leadId: string) =>
  ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: CourtFilingInput!) { recordCourtFiling(leadId: $id, input: $input) { transferState } }', { id: leadId, input: { court: '长治市潞州区人民法院', docketNo: '(2026)晋0403民初1号', filedOn: day(0) } }, { token: prosecutor }));

/** A prerequisite made once and made again when a call used it up (a case closed, a decision taken). */
function fixture<T>(make: () => Promise<T>) {
  let current: Promise<T> | undefined;
  return {
    get: () => (current ??= make()),
    usedUp: () => {
      current = undefined;
    },
  };
}

const accepted = <T>(o: Outcome<T>): o is { accepted: true; data: T } => o.accepted;

// --- intake ----------------------------------------------------------------------------------

const REPORT = `mutation($input: ReportLeadInput!) { reportLead(input: $input) {
  id regionCode channel industry workerCount amountOwed isMassCase description projectName wagePeriodStart wagePeriodEnd receivedAt
  employer { name creditCode } generalContractor { name creditCode } complainants { name idNumber phone } agencies { agency transferState closureState }
} }`;

const complainant = withFaults(
  {
    name: fc.oneof(fc.constantFrom('王某', ' 李 某 '), someText.filter((t) => [...t].length <= 50)),
    idNumber: fc.option(fc.constantFrom('11010519491231002X', '11010519491231002x', ' 11010519491231002X', '110105491231002'), { nil: null }),
    phone: fc.option(fc.constantFrom('13812345678', '+86 138-1234-5678', ' 0355-1234567 '), { nil: null }),
  },
  { name: anyText, idNumber: fc.oneof(fc.constantFrom('110105194912310021', '11010519491231002Y', ''), anyText), phone: anyText },
);

const amounts = fc.bigInt({ min: 0n, max: 100_000_000n }).map(yuan);
/** What a closure or feedback may say was recovered on a lead of leadInput() (89,195.00 owed to 4 workers): no more wages than owed. */
const OWED_FEN = 8_919_500n;
const recovered = fc.bigInt({ min: 0n, max: OWED_FEN }).map(yuan);
const paidWorkers = fc.integer({ min: 0, max: 4 });

const reportInput = withFaults(
  {
    channel: fc.constantFrom('HOTLINE', 'WALK_IN', 'ONLINE', 'LETTER', 'QR_CODE'),
    regionCode: fc.constantFrom('140421', '140400', '140402', ' 140421 '),
    employerName: fc.oneof(fc.constantFrom('长治市某建筑劳务有限公司', '  长治市  某劳务\u3000公司 '), someText),
    employerCreditCode: fc.option(fc.constantFrom('91140400MA0K6X5Y12', '91140400ma0k6x5y12', ' 91140400MA0K6X5Y12 '), { nil: null }),
    projectName: fc.option(someText, { nil: undefined }),
    generalContractorName: fc.option(someText, { nil: undefined }),
    industry: fc.constantFrom('CONSTRUCTION', 'MANUFACTURING', 'OTHER'),
    workerCount: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(49, 50, 1_000_000)),
    amountOwed: fc.oneof(amounts, fc.constantFrom('0', '0.5', ' 12.3 ', '10000000000.00', '0000000000012.34')),
    wagePeriodStart: fc.option(fc.integer({ min: -800, max: -200 }).map(day), { nil: undefined }),
    wagePeriodEnd: fc.option(fc.integer({ min: -199, max: 0 }).map(day), { nil: undefined }),
    receivedAt: fc.option(fc.integer({ min: 0, max: 100 * 86_400 }).map((s) => new Date(Date.now() - s * 1000).toISOString().replace('Z', '+00:00')), { nil: undefined }),
    description: fc.oneof(fc.constant('4名农民工反映被拖欠工资'), someText, fc.constant('欠'.repeat(5000))),
    complainants: fc.option(fc.array(complainant, { maxLength: 3 }), { nil: undefined }),
  },
  {
    channel: enumOf(['HOTLINE'] as const),
    regionCode: fc.oneof(fc.constantFrom('140000', '110101', '140021', '1404210', '14042', '000000', '14042１', '140421\u0000', '990421'), anyText),
    employerName: anyText,
    employerCreditCode: fc.oneof(fc.constantFrom('91140400MA0K6X5Y13', '9114040OMA0K6X5Y12', '91140400MA0K6X5Y1', ''), anyText),
    projectName: anyText,
    generalContractorCreditCode: fc.constantFrom('91140400MA0K6X5Y12', '91140400MA0K6X5Y13', ''),
    industry: enumOf(['OTHER'] as const),
    workerCount: count,
    amountOwed: moneyOrWrongType,
    wagePeriodStart: dateOrWrongType,
    wagePeriodEnd: dateOrWrongType,
    receivedAt: dateTime,
    description: anyText,
    complainants: fc.oneof(fc.constant([]), fc.constant(Array.from({ length: 501 }, () => ({ name: '工人' })))),
  },
);

describe('reportLead', () => {
  it('accepts a lead exactly as given, or refuses it naming every bad field and writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(reportInput, async (input) => {
        const r = await attempt<any>(REPORT, { input }, union, { codes: ['BAD_USER_INPUT'], fields: /^(channel|regionCode|employerName|employerCreditCode|projectName|generalContractor(Name|CreditCode)|industry|workerCount|amountOwed|wagePeriod(Start|End)|receivedAt|description|complainants(\[\d+\]\.(name|idNumber|phone))?)$/ });
        // What the intake must refuse, whatever else is wrong.
        const mustRefuse: string[] = [];
        if (typeof input.amountOwed === 'string' && fenOf(input.amountOwed) === null) mustRefuse.push('amountOwed');
        for (const f of ['wagePeriodStart', 'wagePeriodEnd'] as const) if (typeof input[f] === 'string' && (input[f]).trim() && !isCalendarDate(input[f])) mustRefuse.push(f);
        if (typeof input.receivedAt === 'string' && !isRfc3339(input.receivedAt)) mustRefuse.push('receivedAt');
        if (typeof input.workerCount === 'number' && Number.isInteger(input.workerCount) && input.workerCount < 1) mustRefuse.push('workerCount');
        if (!accepted(r)) {
          if (r.invalidFields) for (const f of mustRefuse) expect(r.invalidFields.map((x) => x.field)).toContain(f);
          return;
        }
        expect(mustRefuse).toEqual([]);
        const lead = r.data.reportLead;
        const fen = fenOf(input.amountOwed)!;
        expect(lead.amountOwed).toBe(yuan(fen));
        expect(lead).toMatchObject({ regionCode: String(input.regionCode).trim(), channel: input.channel, industry: input.industry, workerCount: input.workerCount, isMassCase: (input.workerCount as number) >= 50 });
        expectCleaned(lead.description, input.description);
        if (input.projectName != null && visible(input.projectName)) expectCleaned(lead.projectName, input.projectName);
        for (const f of ['wagePeriodStart', 'wagePeriodEnd'] as const) expect(lead[f]).toBe(typeof input[f] === 'string' && input[f].trim() ? input[f].trim() : null);
        if (input.receivedAt) expect(Date.parse(lead.receivedAt)).toBe(Date.parse(input.receivedAt));
        expect(lead.complainants).toHaveLength(input.complainants?.length ?? 0);
        lead.complainants.forEach((c: { name: string; idNumber: string | null; phone: string | null }, i: number) => {
          const given = input.complainants![i] as { name: string; idNumber?: string | null; phone?: string | null };
          expectCleaned(c.name, given.name);
          expect(c.idNumber).toBe(given.idNumber?.trim().toUpperCase() || null);
          expect(c.phone).toBe(given.phone?.trim() || null);
        });
        if (input.employerCreditCode?.trim()) expect(lead.employer.creditCode).toBe(input.employerCreditCode.trim().toUpperCase());
        expect(lead.agencies).toEqual([{ agency: 'UNION', transferState: 'ORIGINATED', closureState: 'OPEN' }]);
        const [row] = await census.query<{ amount_owed_fen: string }>('leads', 'select amount_owed_fen::text from lead where id = $1', [lead.id]);
        expect(row.amount_owed_fen).toBe(fen.toString());
        await eventually(async () => expect(await census.query('union', 'select 1 from union_case where lead_id = $1', [lead.id])).toHaveLength(1));
      }),
      settings(45),
    );
  });
});

// --- transfers and feedback ------------------------------------------------------------------

describe('transferLead', () => {
  const lead = fixture(async () => ({ id: await report(), sent: new Set<string>() }));
  it('sends the lead on as asked, or refuses with a reason the lead explains', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            withFaults(
              {
                leadId: fc.constant('FIXTURE'),
                route: fc.constantFrom(['INSPECTION', 'REFERRAL'], ['PROCURATORATE', 'REFERRAL'], ['COURT', 'REFERRAL'], ['PROCURATORATE', 'SUPPORT_TO_SUE']),
                reason: fc.oneof(fc.constant('请依法查处'), someText),
                feedbackDueAt: fc.option(fc.integer({ min: 1, max: 60 * 86_400 }).map((s) => new Date(Date.now() + s * 1000).toISOString()), { nil: undefined }),
              },
              {
                leadId: garbageId,
                route: fc.tuple(enumOf(['INSPECTION', 'PROCURATORATE', 'COURT', 'UNION'] as const), enumOf(['REFERRAL', 'SUPPORT_TO_SUE', 'COURT_FILING', 'DELEGATED_MEDIATION'] as const)),
                reason: anyText,
                feedbackDueAt: dateTime,
              },
            ),
          )
          .map(([{ route, ...rest }]) => ({ ...rest, to: (route as string[])[0], kind: (route as string[])[1] })),
        async (given) => {
          const l = await lead.get();
          const input = { ...given, leadId: given.leadId === 'FIXTURE' ? l.id : given.leadId };
          const r = await attempt<any>('mutation($input: TransferLeadInput!) { transferLead(input: $input) { id kind from to status reason feedbackDueAt } }', { input }, union, {
            codes: ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'],
            fields: /^input\.(to|kind|reason|feedbackDueAt)$/,
          });
          if (!accepted(r)) {
            if (r.code === 'NOT_FOUND') expect(input.leadId).not.toBe(l.id);
            if (r.code === 'CONFLICT') expect(l.sent).toContain(input.to);
            return;
          }
          const t = r.data.transferLead;
          expect(input.leadId).toBe(l.id);
          expect(t).toMatchObject({ kind: input.kind, from: 'UNION', to: input.to, status: 'REQUESTED' });
          expectCleaned(t.reason, input.reason);
          if (input.feedbackDueAt) {
            expect(isRfc3339(input.feedbackDueAt)).toBe(true);
            expect(Date.parse(t.feedbackDueAt)).toBe(Date.parse(input.feedbackDueAt));
          }
          expect(Date.parse(t.feedbackDueAt)).toBeGreaterThan(Date.now() - 60_000);
          expect(l.sent).not.toContain(input.to);
          l.sent.add(input.to);
          const table = { INSPECTION: ['inspection', 'inspection_case'], PROCURATORATE: ['litigation', 'support_case'], COURT: ['litigation', 'court_case'] }[input.to as 'COURT'];
          await eventually(async () => expect(await census.query(table[0] as 'leads', `select transfer_state from ${table[1]} where lead_id = $1`, [l.id])).toEqual([{ transfer_state: 'PENDING_ACCEPTANCE' }]));
          if (l.sent.size >= 2) lead.usedUp();
        },
      ),
      settings(),
    );
  });
});

describe('giveFeedback', () => {
  const referral = fixture(async () => {
    const id = await transfer(await report(), 'INSPECTION', 'REFERRAL');
    await accept(id, inspector);
    return { id, given: 0 };
  });
  it('appends the feedback as given, completing the transfer when final', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          {
            transferId: fc.constant('FIXTURE'),
            final: fc.boolean(),
            summary: fc.oneof(fc.constant('已责令限期支付'), someText),
            amountRecovered: fc.option(recovered, { nil: undefined }),
            workersPaid: fc.option(paidWorkers, { nil: undefined }),
          },
          { transferId: garbageId, summary: anyText, amountRecovered: fc.oneof(moneyOrWrongType, amounts), workersPaid: fc.oneof(count, fc.integer({ min: 0, max: 40 })) },
        ),
        async ({ transferId, ...input }) => {
          const t = await referral.get();
          const id = transferId === 'FIXTURE' ? t.id : transferId;
          const r = await attempt<any>('mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status feedback { final summary amountRecovered workersPaid givenBy } } }', { id, input }, inspector, {
            codes: ['BAD_USER_INPUT', 'NOT_FOUND'],
            fields: /^input\.(summary|amountRecovered|workersPaid)$/,
          });
          if (!accepted(r)) {
            if (r.code === 'NOT_FOUND') expect(id).not.toBe(t.id);
            if (typeof input.amountRecovered === 'string' && fenOf(input.amountRecovered) === null) expect(r.code).toBe('BAD_USER_INPUT');
            return;
          }
          const done = r.data.giveFeedback;
          // Closures add up: never more wages than owed, nor more workers than the lead's.
          expect(fenOf(input.amountRecovered ?? '0') ?? 0n).toBeLessThanOrEqual(OWED_FEN);
          expect(input.workersPaid ?? 0).toBeLessThanOrEqual(4);
          expect(done.feedback).toHaveLength(++t.given);
          const last = done.feedback.at(-1);
          expectCleaned(last.summary, input.summary);
          expect(last).toMatchObject({ final: input.final, givenBy: 'prop-insp', workersPaid: input.workersPaid ?? null });
          expect(last.amountRecovered).toBe(input.amountRecovered == null ? null : yuan(fenOf(input.amountRecovered)!));
          expect(done.status).toBe(input.final ? 'COMPLETED' : 'ACCEPTED');
          if (input.final) referral.usedUp();
        },
      ),
      settings(),
    );
  });
});

// --- union casework ------------------------------------------------------------------------

describe('recordMediation', () => {
  const lead = fixture(() => report());
  it('records the mediation as given', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            withFaults(
              {
                terms: fc.oneof(
                  fc.constant({ outcome: 'FAILED' }),
                  fc.record({ outcome: fc.constantFrom('SETTLED', 'PARTIAL'), amountAgreed: amounts, agreedPayBy: fc.integer({ min: -30, max: 90 }).map(day) }),
                ),
                summary: fc.oneof(fc.constant('达成分期支付协议'), someText),
              },
              {
                terms: fc.record({ outcome: enumOf(['SETTLED', 'PARTIAL', 'FAILED'] as const), amountAgreed: fc.option(moneyOrWrongType, { nil: undefined }), agreedPayBy: fc.option(dateOrWrongType, { nil: undefined }) }),
                summary: anyText,
              },
            ),
          )
          .map(([{ terms, summary }]) => ({ ...(terms as Record<string, unknown>), summary }) as { outcome: string; summary: string; amountAgreed?: unknown; agreedPayBy?: unknown }),
        async (input) => {
          const leadId = await lead.get();
          const r = await attempt<any>('mutation($id: ID!, $input: MediationInput!) { recordMediation(leadId: $id, input: $input) { mediations { outcome summary amountAgreed agreedPayBy } } }', { id: leadId, input }, union, {
            codes: ['BAD_USER_INPUT'],
            fields: /^input\.(summary|amountAgreed|agreedPayBy)$/,
          });
          if (!accepted(r)) return;
          const last = r.data.recordMediation.mediations.at(-1);
          expect(last.outcome).toBe(input.outcome);
          expectCleaned(last.summary, input.summary);
          expect(last.amountAgreed).toBe(input.amountAgreed == null ? null : yuan(fenOf(input.amountAgreed)!));
          if (input.agreedPayBy != null) expect(isCalendarDate(input.agreedPayBy)).toBe(true);
          expect(last.agreedPayBy).toBe(input.agreedPayBy == null ? null : (input.agreedPayBy as string).trim());
        },
      ),
      settings(),
    );
  });
});

const FUND = `query($r: String!) { reliefFund(regionCode: $r) { balance advancedTotal recoveredTotal ledger(first: 1) { kind amount balanceAfter note } } }`;
const fundOf = async (regionCode: string) => ok(await gql(hub.gatewayUrl, FUND, { r: regionCode }, { token: unionChief })).reliefFund;
const fen = (s: string) => fenOf(s)!;

describe('depositToReliefFund', () => {
  it('adds exactly the amount deposited, or refuses and moves nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          { regionCode: fc.constantFrom('140400', '140421', '140402'), amount: amounts, note: fc.oneof(fc.constant('市总工会拨付'), someText) },
          { regionCode: fc.oneof(fc.constantFrom('110000', '140000', '1404', ' 140400', '000000', '14040０'), anyText), amount: moneyOrWrongType, note: anyText },
        ),
        async (input) => {
          const before = await fundOf(String(input.regionCode));
          const r = await attempt<any>('mutation($r: String!, $a: Money!, $n: String!) { depositToReliefFund(regionCode: $r, amount: $a, note: $n) { regionCode balance advancedTotal recoveredTotal } }', { r: input.regionCode, a: input.amount, n: input.note }, unionChief, {
            codes: ['BAD_USER_INPUT', 'FORBIDDEN'],
            fields: /^(regionCode|amount|note)$/,
          });
          if (!accepted(r)) {
            // Refused as someone else's fund only for a real region code outside 140400.
            if (r.code === 'FORBIDDEN') expect(input.regionCode).toMatch(/^(?!1404)\d{6}$/);
            return;
          }
          const amount = fen(input.amount as string);
          expect(amount).toBeGreaterThan(0n);
          const after = r.data.depositToReliefFund;
          expect(fen(after.balance) - (before ? fen(before.balance) : 0n)).toBe(amount);
          expect(after.advancedTotal).toBe(before?.advancedTotal ?? '0.00');
          const f = await fundOf(after.regionCode);
          expect(f.ledger[0]).toMatchObject({ kind: 'DEPOSIT', amount: yuan(amount), balanceAfter: after.balance });
          expectCleaned(f.ledger[0].note, input.note);
        },
      ),
      settings(),
    );
  });
});

describe('grantWageAdvance', () => {
  const lead = fixture(async () => {
    ok(await gql(hub.gatewayUrl, 'mutation { depositToReliefFund(regionCode: "140400", amount: "1000000.00", note: "周转金") { balance } }', {}, { token: unionChief }));
    return report(union, { amountOwed: '5000000.00', workerCount: 40 });
  });
  it('draws exactly the amount advanced from the fund, never more than it holds or is owed', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          {
            leadId: fc.constant('FIXTURE'),
            amount: fc.bigInt({ min: 1n, max: 20_000_000n }).map(yuan),
            workerCount: fc.integer({ min: 1, max: 40 }),
            recoveryAgreementNo: fc.oneof(fc.constant('ZC-2026-001'), someText.filter((t) => t.length <= 100)),
            fundRegionCode: fc.constant('140400'),
          },
          {
            leadId: garbageId,
            amount: moneyOrWrongType,
            workerCount: count,
            recoveryAgreementNo: anyText,
            fundRegionCode: fc.oneof(fc.constantFrom('140402', '110000', '140000', '14040', '140400\u0000', ' 140400'), anyText),
          },
        ),
        async ({ leadId, ...input }) => {
          const id = leadId === 'FIXTURE' ? await lead.get() : leadId;
          const region = String(input.fundRegionCode);
          const before = await fundOf(region);
          const r = await attempt<any>('mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { amount workerCount recoveryAgreementNo recovered outstanding fundRegionCode } }', { id, input }, union, {
            codes: ['BAD_USER_INPUT', 'NOT_FOUND'],
            fields: /^input\.(amount|workerCount|recoveryAgreementNo|fundRegionCode)$/,
          });
          if (!accepted(r)) {
            if (r.code === 'NOT_FOUND') expect(leadId).not.toBe('FIXTURE');
            return;
          }
          const amount = fen(input.amount as string);
          const a = r.data.grantWageAdvance;
          expect(a).toMatchObject({ amount: yuan(amount), workerCount: input.workerCount, recovered: '0.00', outstanding: yuan(amount), fundRegionCode: region });
          expectCleaned(a.recoveryAgreementNo, input.recoveryAgreementNo);
          const after = await fundOf(region);
          expect(fen(before.balance) - fen(after.balance)).toBe(amount);
          expect(fen(after.advancedTotal) - fen(before.advancedTotal)).toBe(amount);
          expect(after.ledger[0]).toMatchObject({ kind: 'ADVANCE', amount: yuan(amount), balanceAfter: after.balance });
          const [{ total }] = await census.query<{ total: string }>('union', 'select sum(amount_fen)::text as total from wage_advance where lead_id = $1', [id]);
          expect(BigInt(total)).toBeLessThanOrEqual(500_000_000n);
          if (fen((await fundOf('140400')).balance) < 100_000n) lead.usedUp();
        },
      ),
      settings(),
    );
  });
});

describe('closeUnionCase', () => {
  const lead = fixture(() => report());
  it("closes the union's case with the facts given, and the registry shows them", async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          { reason: fc.constantFrom('PAID_IN_FULL', 'PARTIALLY_PAID', 'UNRESOLVED', 'MEDIATED'), amountRecovered: recovered, workersPaid: paidWorkers, note: fc.oneof(fc.constant(''), someText) },
          { reason: enumOf(['PAID_IN_FULL'] as const), amountRecovered: fc.oneof(moneyOrWrongType, amounts), workersPaid: fc.oneof(count, fc.integer({ min: 0, max: 10 })), note: anyText },
        ),
        async (input) => {
          const leadId = await lead.get();
          const r = await attempt<any>('mutation($id: ID!, $input: CloseCaseInput!) { closeUnionCase(leadId: $id, input: $input) { closureState closure { reason amountRecovered workersPaid note closedBy } } }', { id: leadId, input }, union, {
            codes: ['BAD_USER_INPUT'],
            fields: /^input\.(amountRecovered|workersPaid|note)$/,
          });
          if (!accepted(r)) return;
          lead.usedUp();
          expect(fen(input.amountRecovered as string)).toBeLessThanOrEqual(OWED_FEN);
          expect(input.workersPaid).toBeLessThanOrEqual(4);
          const c = r.data.closeUnionCase;
          expect(c.closureState).toBe('CLOSED');
          expect(c.closure).toMatchObject({ reason: input.reason, amountRecovered: yuan(fen(input.amountRecovered as string)), workersPaid: input.workersPaid, closedBy: 'prop-union' });
          if (visible(input.note)) expectCleaned(c.closure.note, input.note);
          await eventually(async () => {
            const seen = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { agencies { agency closureState closure { reason amountRecovered workersPaid note } } } }', { id: leadId }, { token: union })).lead;
            expect(seen.agencies).toEqual([{ agency: 'UNION', closureState: 'CLOSED', closure: { reason: c.closure.reason, amountRecovered: c.closure.amountRecovered, workersPaid: c.closure.workersPaid, note: c.closure.note } }]);
          });
        },
      ),
      settings(30),
    );
  });
});

// --- labour inspection -------------------------------------------------------------------------

const inspectionLead = async () => {
  const leadId = await report();
  await accept(await transfer(leadId, 'INSPECTION', 'REFERRAL'), inspector);
  return leadId;
};
const ORDERS = 'paymentOrders { id amount payBy paid outstanding overdue }';

describe('issuePaymentOrder', () => {
  const lead = fixture(inspectionLead);
  it('orders exactly the amount by the day given', async () => {
    await fc.assert(
      fc.asyncProperty(withFaults({ amount: amounts, payBy: fc.integer({ min: 0, max: 90 }).map(day) }, { amount: moneyOrWrongType, payBy: dateOrWrongType }), async (input) => {
        const leadId = await lead.get();
        const r = await attempt<any>(`mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { ${ORDERS} } }`, { id: leadId, input }, inspector, {
          codes: ['BAD_USER_INPUT'],
          fields: /^input\.(amount|payBy)$/,
        });
        if (!accepted(r)) return;
        const order = r.data.issuePaymentOrder.paymentOrders.at(-1);
        const amount = fen(input.amount as string);
        expect(amount).toBeGreaterThan(0n);
        expect(isCalendarDate(input.payBy)).toBe(true);
        expect(order).toMatchObject({ amount: yuan(amount), payBy: (input.payBy as string).trim(), paid: '0.00', outstanding: yuan(amount), overdue: false });
      }),
      settings(),
    );
  });
});

describe('recordOrderPayment', () => {
  const order = fixture(async () => {
    const leadId = await inspectionLead();
    const orders = ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "300000.00", payBy: "${day(30)}" }) { ${ORDERS} } }`, { id: leadId }, { token: inspector })).issuePaymentOrder.paymentOrders;
    return orders[0].id as string;
  });
  it('records exactly the amount paid, never more than is unpaid', async () => {
    // The order is issued today (the lead was received today): a payment cannot be dated before it.
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          { orderId: fc.constant('FIXTURE'), amount: fc.bigInt({ min: 1n, max: 20_000_000n }).map(yuan), paidOn: fc.constant(day(0)) },
          { orderId: garbageId, amount: moneyOrWrongType, paidOn: dateOrWrongType },
        ),
        async ({ orderId, amount, paidOn }) => {
          const id = orderId === 'FIXTURE' ? await order.get() : orderId;
          const before = /^[0-9a-f-]{36}$/.test(id) ? await census.query<{ paid_fen: string; amount_fen: string }>('inspection', 'select paid_fen::text, amount_fen::text from payment_order where id = $1', [id]) : [];
          const r = await attempt<any>(`mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { ${ORDERS} } }`, { o: id, a: amount, d: paidOn }, inspector, {
            codes: ['BAD_USER_INPUT', 'NOT_FOUND'],
            fields: /^(amount|paidOn)$/,
          });
          if (!accepted(r)) {
            if (r.code === 'NOT_FOUND') expect(before).toEqual([]);
            return;
          }
          const paid = fen(amount as string);
          const o = r.data.recordOrderPayment.paymentOrders.find((x: { id: string }) => x.id === id);
          expect(fen(o.paid) - BigInt(before[0].paid_fen)).toBe(paid);
          expect(fen(o.outstanding)).toBe(BigInt(before[0].amount_fen) - fen(o.paid));
          expect(fen(o.outstanding)).toBeGreaterThanOrEqual(0n);
          expect(isCalendarDate(paidOn) && (paidOn).trim() <= day(0)).toBe(true);
          if (o.outstanding === '0.00') order.usedUp();
        },
      ),
      settings(),
    );
  });
});

// --- support to sue and the lawsuit ---------------------------------------------------------------

const SUPPORT = `transferState feedbackState decision { supported reason } courtFiling { court docketNo filedOn }
  outcome { kind decidedOn totalAmount jointlyLiable { name creditCode } } installments { id dueOn amount paid outstanding } amountPaid amountOutstanding`;

describe('decideSupport', () => {
  const application = fixture(async () => {
    const leadId = await report();
    const id = await transfer(leadId, 'PROCURATORATE', 'SUPPORT_TO_SUE');
    await accept(id, prosecutor);
    return { leadId, id };
  });
  it('records the decision as given; a decline answers the application with final feedback', async () => {
    await fc.assert(
      fc.asyncProperty(withFaults({ supported: fc.boolean(), reason: fc.oneof(fc.constant('劳动者维权能力弱'), someText, longText) }, { reason: anyText }), async (input) => {
        const a = await application.get();
        const r = await attempt<any>(`mutation($id: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $id, input: $input) { ${SUPPORT} } }`, { id: a.leadId, input }, prosecutor, {
          codes: ['BAD_USER_INPUT'],
          fields: /^input\.reason$/,
        });
        if (!accepted(r)) return;
        application.usedUp();
        const d = r.data.decideSupport.decision;
        expect(d.supported).toBe(input.supported);
        expectCleaned(d.reason, input.reason);
        if (!input.supported) {
          await census.settled();
          const t = await transferOf(a.id);
          expect(t.status).toBe('COMPLETED');
          expect(t.feedback).toHaveLength(1);
          expect(t.feedback[0].final).toBe(true);
          expect(visible(t.feedback[0].summary)).toContain(visible(d.reason).slice(0, 100));
          const seen = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { support { feedbackState } union { feedbackState } } }', { id: a.leadId }, { token: prosecutor })).lead;
          expect(seen).toEqual({ support: { feedbackState: 'GIVEN' }, union: { feedbackState: 'RECEIVED' } });
        }
      }),
      settings(30),
    );
  });
});

/** The procuratorate's own intake, supported: it may record the court's events itself. */
const supportedLead = async () => {
  const leadId = await report(prosecutor);
  await decide(leadId, true);
  return leadId;
};

describe('recordCourtFiling', () => {
  const lead = fixture(supportedLead);
  it('records the filing as given', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          {
            court: fc.oneof(fc.constant('长治市潞州区人民法院'), someText),
            docketNo: fc.oneof(fc.constant('(2026)晋0403民初1号'), someText.filter((t) => [...t].length <= 100)),
            filedOn: fc.constant(day(0)),
          },
          { court: anyText, docketNo: anyText, filedOn: dateOrWrongType },
        ),
        async (input) => {
          const leadId = await lead.get();
          const r = await attempt<any>(`mutation($id: ID!, $input: CourtFilingInput!) { recordCourtFiling(leadId: $id, input: $input) { ${SUPPORT} } }`, { id: leadId, input }, prosecutor, {
            codes: ['BAD_USER_INPUT'],
            fields: /^input\.(court|docketNo|filedOn)$/,
          });
          if (!accepted(r)) return;
          lead.usedUp();
          const f = r.data.recordCourtFiling.courtFiling;
          expectCleaned(f.court, input.court);
          expectCleaned(f.docketNo, input.docketNo);
          expect(f.filedOn).toBe((input.filedOn as string).trim());
          expect(isCalendarDate(input.filedOn)).toBe(true);
        },
      ),
      settings(30),
    );
  });
});

/** An installment schedule that adds up to the total exactly. */
const schedule = fc
  .tuple(fc.bigInt({ min: 1n, max: 10_000_000_000n }), fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 5 }))
  .map(([total, parts]) => {
    const weights = parts.reduce((sum, [w]) => sum + BigInt(w), 0n);
    let left = total;
    const installments = parts.map(([w, offset], i) => {
      const amount = i === parts.length - 1 ? left : (total * BigInt(w)) / weights;
      left -= amount;
      return { dueOn: day(offset), amount: yuan(amount) };
    });
    return { totalAmount: yuan(total), installments };
  })
  .filter((x) => x.installments.every((i) => i.amount !== '0.00'));

const liableGood = fc.record({
  name: fc.oneof(fc.constantFrom('长治市某建筑劳务有限公司', '山西某某建筑（集团）有限公司'), someText),
  creditCode: fc.option(fc.constantFrom('91140400MA0K6X5Y12', '91140400ma0k6x5y12', '91330185MA2H7K8L3U'), { nil: undefined }),
});
const liableBad = fc.record({ name: anyText, creditCode: fc.option(fc.oneof(fc.constantFrom('91140400MA0K6X5Y13', '', ' ', 'x'), anyText), { nil: null }) }, { requiredKeys: ['name'] });

describe('recordCourtOutcome', () => {
  const lead = fixture(async () => {
    const leadId = await supportedLead();
    await file(leadId);
    return leadId;
  });
  it('records the outcome with a schedule that adds up to it exactly, and tells the registry who is liable', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          {
            kind: fc.constantFrom('MEDIATED', 'JUDGMENT', 'WITHDRAWN'),
            decidedOn: fc.constant(day(0)),
            schedule,
            jointlyLiable: fc.uniqueArray(liableGood, { minLength: 1, maxLength: 3, selector: (e) => e.creditCode?.toUpperCase() ?? e.name.normalize('NFKC').replace(/\s+/g, '') }),
          },
          {
            kind: enumOf(['MEDIATED'] as const),
            decidedOn: dateOrWrongType,
            schedule: fc.record({
              totalAmount: moneyOrWrongType,
              installments: fc.oneof(
                { weight: 4, arbitrary: fc.array(fc.record({ dueOn: mostly(fc.integer({ min: 0, max: 400 }).map(day) as fc.Arbitrary<unknown>, dateOrWrongType), amount: moneyOrWrongType }), { maxLength: 4 }) },
                { weight: 1, arbitrary: fc.constant(Array.from({ length: 121 }, () => ({ dueOn: day(10), amount: '1.00' }))) },
              ),
            }),
            jointlyLiable: fc.oneof(fc.constant([]), fc.array(liableBad, { minLength: 1, maxLength: 3 })),
          },
        ),
        async ({ schedule: sched, ...rest }) => {
          const leadId = await lead.get();
          const input = { ...rest, ...(sched as object) } as Record<string, any>;
          const r = await attempt<any>(`mutation($id: ID!, $input: CourtOutcomeInput!) { recordCourtOutcome(leadId: $id, input: $input) { ${SUPPORT} } }`, { id: leadId, input }, prosecutor, {
            codes: ['BAD_USER_INPUT'],
            fields: /^input\.(decidedOn|totalAmount|installments(\[\d+\]\.(dueOn|amount))?|jointlyLiable(\[\d+\](\.(name|creditCode))?)?)$/,
          });
          if (!accepted(r)) return;
          lead.usedUp();
          const s = r.data.recordCourtOutcome;
          const total = fen(input.totalAmount as string);
          expect(s.outcome).toMatchObject({ kind: input.kind, decidedOn: (input.decidedOn as string).trim(), totalAmount: yuan(total) });
          const given = (input.installments as { dueOn: string; amount: string }[]).map((i) => ({ dueOn: i.dueOn.trim(), amount: yuan(fen(i.amount)) }));
          expect(given.reduce((sum, i) => sum + fen(i.amount), 0n)).toBe(total);
          const sorted = [...given].sort((x, y) => (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : 0));
          expect(s.installments.map((i: { dueOn: string; amount: string }) => ({ dueOn: i.dueOn, amount: i.amount }))).toEqual(sorted);
          expect(s).toMatchObject({ amountPaid: '0.00', amountOutstanding: yuan(total) });
          expect(s.outcome.jointlyLiable).toHaveLength(input.jointlyLiable.length);
          // The registry links every liable employer (the message must not get stuck in the outbox).
          await census.settled();
          const links = await census.query('leads', 'select 1 from joint_liability where lead_id = $1', [leadId]);
          expect(links).toHaveLength(input.jointlyLiable.length);
        },
      ),
      settings(40),
    );
  });
});

describe('recordInstallmentPayment', () => {
  const settlement = fixture(async () => {
    const leadId = await supportedLead();
    await file(leadId);
    const input = { kind: 'MEDIATED', decidedOn: day(0), totalAmount: '3000000.00', installments: [{ dueOn: day(0), amount: '1000000.00' }, { dueOn: day(30), amount: '1000000.00' }, { dueOn: day(60), amount: '1000000.00' }], jointlyLiable: [{ name: '长治市某建筑劳务有限公司' }] };
    const s = ok(await gql(hub.gatewayUrl, `mutation($id: ID!, $input: CourtOutcomeInput!) { recordCourtOutcome(leadId: $id, input: $input) { ${SUPPORT} } }`, { id: leadId, input }, { token: prosecutor })).recordCourtOutcome;
    return { leadId, ids: s.installments.map((i: { id: string }) => i.id) as string[] };
  });
  it('records exactly the amount paid, never more than is outstanding', async () => {
    await fc.assert(
      fc.asyncProperty(
        withFaults(
          { which: fc.integer({ min: 0, max: 2 }), amount: fc.bigInt({ min: 1n, max: 15_000_000n }).map(yuan), paidOn: fc.constant(day(0)) },
          { which: garbageId, amount: moneyOrWrongType, paidOn: dateOrWrongType },
        ),
        async ({ which, amount, paidOn }) => {
          const s = await settlement.get();
          const id = typeof which === 'number' ? s.ids[which] : which;
          const before = ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { support { amountPaid amountOutstanding } } }`, { id: s.leadId }, { token: prosecutor })).lead.support;
          const r = await attempt<any>(`mutation($i: ID!, $a: Money!, $d: Date!) { recordInstallmentPayment(installmentId: $i, amount: $a, paidOn: $d) { ${SUPPORT} } }`, { i: id, a: amount, d: paidOn }, prosecutor, {
            codes: ['BAD_USER_INPUT', 'NOT_FOUND'],
            fields: /^(amount|paidOn)$/,
          });
          if (!accepted(r)) {
            if (r.code === 'NOT_FOUND') expect(typeof which).toBe('string');
            return;
          }
          const paid = fen(amount as string);
          const after = r.data.recordInstallmentPayment;
          expect(fen(after.amountPaid) - fen(before.amountPaid)).toBe(paid);
          expect(fen(before.amountOutstanding) - fen(after.amountOutstanding)).toBe(paid);
          expect(after.installments.reduce((sum: bigint, i: { paid: string }) => sum + fen(i.paid), 0n)).toBe(fen(after.amountPaid));
          expect(isCalendarDate(paidOn) && (paidOn).trim() <= day(0)).toBe(true);
          if (after.amountOutstanding === '0.00') settlement.usedUp();
        },
      ),
      settings(),
    );
  });
});
