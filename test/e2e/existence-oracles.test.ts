import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { day } from '../support/arbitraries';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';

/**
 * No existence oracles (issue 17): whatever names something the caller cannot see (a lead of
 * another province, or one their agency has no part in, and everything on it: transfers, payment
 * orders, wage advances, hearings, installments) answers exactly as a name of nothing: the same
 * code and the same message. Every operation taking an ID is found in the public schema, so a new
 * one is covered as soon as it exists (and fails here until its IDs have a fixture below).
 */
const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));

let hub: TestHub;
const ALL_ROLES = ['INTAKE', 'HANDLER', 'SUPERVISOR'] as const;
const union = tokenFor({ agency: 'UNION', region: '140400', id: 'eo-union', roles: [...ALL_ROLES] });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'eo-insp', roles: [...ALL_ROLES] });
const prosecutor = tokenFor({ agency: 'PROCURATORATE', region: '140400', id: 'eo-proc', roles: [...ALL_ROLES] });
const court = tokenFor({ agency: 'COURT', region: '140400', id: 'eo-court', roles: [...ALL_ROLES] });
const run = async (token: string, query: string, variables: Record<string, unknown> = {}) => ok(await gql(hub.gatewayUrl, query, variables, { token }));

/** The ids of one lead taken through every agency (all of Changzhi's staff see it), by the name of the argument that takes each. */
const ids: Record<string, string> = {};
/** A lead of the Changzhi union alone: inspection, procuratorate and court of the same city cannot see it. */
let unionOnlyLead: string;
/** A lead the procuratorate supports, not (yet) filed with a court: the city's court cannot see it. */
let supportOnlyLead: string;

beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
  const { reportLead: lead } = await run(union, REPORT_LEAD, { input: leadInput({ workerCount: 60, amountOwed: '300000.00' }) });
  const id = lead.id as string;
  const send = async (to: string, kind: string, token: string) =>
    (await run(token, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: id, to, kind, reason: '请依法处理' } })).transferLead.id as string;
  const accept = (transferId: string, token: string) => run(token, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transferId });

  await run(union, 'mutation { depositToReliefFund(regionCode: "140400", amount: "100000.00", note: "周转金") { balance } }');
  const advance = (await run(union, 'mutation($id: ID!) { grantWageAdvance(leadId: $id, input: { amount: "1000.00", workerCount: 2, recoveryAgreementNo: "ZC-1", fundRegionCode: "140400" }) { id } }', { id })).grantWageAdvance.id;
  const referral = await send('INSPECTION', 'REFERRAL', union);
  await accept(referral, inspector);
  const orders = (await run(inspector, `mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "5000.00", payBy: "${day(10)}" }) { paymentOrders { id } } }`, { id })).issuePaymentOrder.paymentOrders;
  await accept(await send('PROCURATORATE', 'SUPPORT_TO_SUE', union), prosecutor);
  await run(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "证据已核实" }) { transferState } }', { id });
  await accept(await send('COURT', 'COURT_FILING', prosecutor), court);
  await run(court, `mutation($id: ID!) { recordCourtFiling(leadId: $id, input: { court: "长治市潞州区人民法院", docketNo: "(2026)晋0403民初7号", filedOn: "${day(0)}" }) { transferState } }`, { id });
  const hearing = (await run(court, `mutation($id: ID!) { scheduleHearing(leadId: $id, input: { date: "${day(7)}", courtRoom: "第一法庭" }) { hearings { id } } }`, { id })).scheduleHearing.hearings[0].id;
  const outcome = (
    await run(court, `mutation($id: ID!) { recordCourtOutcome(leadId: $id, input: { kind: MEDIATED, decidedOn: "${day(0)}", totalAmount: "3000.00", installments: [{ dueOn: "${day(10)}", amount: "3000.00" }], jointlyLiable: [{ name: "长治市某建筑劳务有限公司", creditCode: "91140400MA0K6X5Y12" }] }) { installments { id } } }`, { id })
  ).recordCourtOutcome;
  // One transfer still waiting (accept, reject, cancel name it).
  const waiting = await send('INSPECTION', 'REFERRAL', prosecutor).catch(async () => referral);
  Object.assign(ids, {
    leadId: id,
    ofLeadId: id,
    id: waiting,
    transferId: referral,
    orderId: orders[0].id,
    advanceId: advance,
    hearingId: hearing,
    installmentId: outcome.installments[0].id,
  });
  // A notification of the union's (the referral's acceptance): markNotificationsRead names it.
  ids.ids = (await run(union, '{ notifications(first: 1) { edges { node { id } } } }')).notifications.edges[0].node.id;
  // A webhook subscription of the union's: its delivery log names it.
  ids.subscriptionId = (await run(union, 'mutation { subscribeWebhook(input: { url: "http://127.0.0.1:9/hook", eventKinds: [LEAD_REPORTED], purpose: "测试" }) { subscription { id } } }')).subscribeWebhook.subscription.id;
  unionOnlyLead = (await run(union, REPORT_LEAD, { input: leadInput({ workerCount: 60, amountOwed: '300000.00', employerName: '长治某独立公司', employerCreditCode: null }) })).reportLead.id;
  supportOnlyLead = (await run(union, REPORT_LEAD, { input: leadInput({ employerName: '长治某支持起诉公司', employerCreditCode: null }) })).reportLead.id;
  const application = (await run(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: supportOnlyLead, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '申请支持起诉' } })).transferLead.id;
  await accept(application, prosecutor);
  await run(prosecutor, 'mutation($id: ID!) { decideSupport(leadId: $id, input: { supported: true, reason: "证据已核实" }) { transferState } }', { id: supportOnlyLead });
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

/** Does this input type hold an ID, at any depth? */
function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsId(f.type, seen));
}

/** A plausible value for each required argument or input field; IDs from `idFor`. */
function valueFor(arg: GraphQLArgument | GraphQLInputField, idFor: (name: string) => string, where: string): unknown {
  const type = getNullableType(arg.type);
  if (isListType(type)) return [valueFor({ ...arg, type: type.ofType }, idFor, where)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, valueFor(f, idFor, `${where}.${f.name}`)]),
    );
  }
  switch (named.name) {
    case 'ID':
      return idFor(arg.name);
    case 'Money':
      return '100.00';
    case 'Date':
      return day(0);
    case 'DateTime':
      return new Date(Date.now() - 3_600_000).toISOString();
    case 'Int':
      return 1;
    case 'Boolean':
      return true;
    case 'String':
      return /region/i.test(arg.name) ? '140400' : '依法处理';
    default:
      throw new Error(`${where}: no sample value for ${named.name}; add one to this test`);
  }
}

const operations = (root: 'query' | 'mutation') => {
  const type = root === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(type.getFields()).filter((f: GraphQLField<unknown, unknown>) => f.args.some((a) => holdsId(a.type)));
};

function document(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const decl = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${root}${decl ? `(${decl})` : ''} { ${field.name}${args ? `(${args})` : ''} { __typename } }`;
}

/** What a person or program could tell apart: the data, each error's code, reason and message (with the ids named taken out). */
function answer(r: GraphQLResponse, named: string[]) {
  const strip = (s: string) => named.reduce((m, id) => m.split(id).join('<id>'), s);
  return { data: r.data ?? null, errors: (r.errors ?? []).map((e) => ({ code: e.extensions?.code, reason: e.extensions?.reason, message: strip(e.message) })) };
}

async function compare(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, token: string, idFor: (name: string) => string) {
  const query = document(root, field);
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const real: string[] = [];
  const fresh: string[] = [];
  const vars = (pick: (name: string) => string, into: string[]) =>
    Object.fromEntries(required.map((a) => [a.name, valueFor(a, (name) => { const v = pick(name); into.push(v); return v; }, `${field.name}.${a.name}`)]));
  const seen = await gql(hub.gatewayUrl, query, vars(idFor, real), { token });
  const none = await gql(hub.gatewayUrl, query, vars(() => randomUUID(), fresh), { token });
  return { seen: answer(seen, real), none: answer(none, fresh) };
}

const fixture = (name: string) => {
  if (!(name in ids)) throw new Error(`No fixture for an ID argument named "${name}": add one to this test's beforeAll`);
  return ids[name];
};

const outsiders = (['UNION', 'INSPECTION', 'PROCURATORATE', 'COURT'] as const).map((agency) => [`${agency} of Zhejiang`, tokenFor({ agency, region: '330000', roles: [...ALL_ROLES] })] as const);

describe.each(['mutation', 'query'] as const)('every %s taking an ID', (root) => {
  const fields = operations(root);

  it('is enumerated from the schema', () => {
    expect(fields.length).toBeGreaterThan(root === 'mutation' ? 30 : 1);
  });

  it.each(fields.map((f) => [f.name, f] as const))('%s answers staff of another province as if nothing had that id', async (_name, field) => {
    for (const [who, token] of outsiders) {
      const { seen, none } = await compare(root, field, token, fixture);
      expect({ who, ...seen }).toEqual({ who, ...none });
      if (root === 'mutation') expect({ who, errors: seen.errors.length }).not.toEqual({ who, errors: 0 });
    }
  });

  it.each(fields.map((f) => [f.name, f] as const))('%s answers staff of an agency not on the lead, in its own city, as if nothing had that id', async (_name, field) => {
    const unseen = [['INSPECTION of Changzhi', inspector, unionOnlyLead], ['PROCURATORATE of Changzhi', prosecutor, unionOnlyLead], ['COURT of Changzhi', court, unionOnlyLead], ['COURT of Changzhi', court, supportOnlyLead]] as const;
    for (const [who, token, lead] of unseen) {
      // Only the lead itself is named; other ids are a random stand-in on both sides.
      const { seen, none } = await compare(root, field, token, (name) => (name === 'leadId' || name === 'ofLeadId' ? lead : randomUUID()));
      expect({ who, ...seen }).toEqual({ who, ...none });
    }
  });
});
