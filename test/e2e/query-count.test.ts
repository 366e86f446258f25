import { randomUUID } from 'node:crypto';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { SERVICE_NAMES } from '../../lib/config';
import { WorkQueueDocument } from '../../client';

let hub: TestHub;
const token = tokenFor({ agency: 'UNION', region: '140000' });

beforeAll(async () => {
  hub = await startHub();
  const reporter = tokenFor({ agency: 'UNION', region: '140000' });
  const inspector = tokenFor({ agency: 'INSPECTION', region: '140000' });
  for (let batch = 0; batch < 6; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gql(hub.gatewayUrl, REPORT_LEAD, {
          input: leadInput({
            employerName: `某用人单位${batch * 10 + i}`,
            employerCreditCode: null,
            generalContractorName: '某总承包集团',
            complainants: [{ name: '甲' }, { name: '乙', phone: '13900000000' }],
          }),
        }, { token: reporter })
          .then(ok)
          .then(async ({ reportLead }) => {
            // Every lead referred to inspection, accepted and answered: transfers and feedback to load.
            const sent = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: reportLead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: reporter }));
            ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: sent.transferLead.id }, { token: inspector }));
            ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { giveFeedback(transferId: $id, input: { final: false, summary: "调查中" }) { id } }', { id: sent.transferLead.id }, { token: inspector }));
          }),
      ),
    );
  }
});
afterAll(() => hub?.stop());

const PAGE = `query($first: Int) {
  leads(first: $first) {
    totalCount
    edges { node {
      referenceNo amountOwed isMassCase
      employer { name creditCode } generalContractor { name }
      complainants { name phone }
      agencies { agency transferState feedbackState closureState closure { reason } }
      timeline { kind actor }
      transfers { status to feedback { summary } }
      union { handler transferState feedbackState closureState lead { referenceNo } }
      inspection { transferState }
      support { transferState }
    } }
  }
}`;

async function sqlPerSubgraph(first: number) {
  const requestId = randomUUID();
  const { leads } = ok(await gql(hub.gatewayUrl, PAGE, { first }, { token, requestId }));
  expect(leads.edges).toHaveLength(first);
  return Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0]));
}

describe('no N+1', () => {
  it('a page of 50 leads with every agency state costs the same SQL per subgraph as a page of 5', async () => {
    const five = await sqlPerSubgraph(5);
    const fifty = await sqlPerSubgraph(50);
    expect(fifty).toEqual(five);
    // leads: the page, its count, involvements, employers, complainants, timeline, transfers,
    // feedback; then the entity lookups for UnionCase.lead (leads and involvements, batched).
    expect(fifty.leads).toBeLessThanOrEqual(12);
    expect(fifty.union).toBe(1);
    expect(fifty.inspection).toBe(1);
    expect(fifty.litigation).toBe(1);
  });

  it("each inspection case's blacklist procedure is loaded for the whole page at once", async () => {
    const page = 'query($first: Int) { leads(first: $first) { edges { node { inspection { transferState blacklisting { status until } } } } } }';
    const sql = async (first: number) => {
      const requestId = randomUUID();
      expect(ok(await gql(hub.gatewayUrl, page, { first }, { token, requestId })).leads.edges).toHaveLength(first);
      return hub.services.inspection.queriesFor(requestId) ?? 0;
    };
    const five = await sql(5);
    expect(await sql(50)).toBe(five);
    // The cases, then their procedures.
    expect(five).toBe(2);
  });
});

describe('the work queue (待办)', () => {
  const WORK_QUEUE: string = WorkQueueDocument;
  async function sqlForQueue(region: string) {
    const requestId = randomUUID();
    const inspector = tokenFor({ agency: 'INSPECTION', region, roles: ['HANDLER', 'SUPERVISOR'] });
    const data = ok(await gql(hub.gatewayUrl, WORK_QUEUE, { inspection: true, supervisor: true }, { token: inspector, requestId }));
    return { items: data.feedbackDue.length, sql: Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0])) };
  }

  it('costs the same SQL per subgraph for 50 deadlines as for one', async () => {
    // One lead elsewhere (内蒙古), referred and accepted there: a queue of one.
    const union = tokenFor({ agency: 'UNION', region: '150000' });
    const { reportLead } = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ regionCode: '150102', employerName: '呼和浩特某公司', employerCreditCode: null }) }, { token: union }));
    const sent = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: reportLead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: sent.transferLead.id }, { token: tokenFor({ agency: 'INSPECTION', region: '150000' }) }));

    const one = await sqlForQueue('150000');
    const fifty = await sqlForQueue('140000');
    expect(one.items).toBe(1);
    expect(fifty.items).toBe(50);
    expect(fifty.sql).toEqual(one.sql);
  });
});

describe('a search of the lead list', () => {
  const SEARCH = `query($first: Int, $search: String, $orderBy: LeadOrder) {
    leads(first: $first, search: $search, orderBy: $orderBy) {
      totalCount search { kind term }
      edges { node { referenceNo employer { name } complainants { name idNumber phone } agencies { agency transferState } union { transferState } inspection { transferState } } }
    }
  }`;
  async function sqlForSearch(first: number, search: string, orderBy?: string) {
    const requestId = randomUUID();
    const { leads } = ok(await gql(hub.gatewayUrl, SEARCH, { first, search, orderBy }, { token, requestId }));
    expect(leads.edges).toHaveLength(first);
    return Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0]));
  }

  it.each([
    ['a phone (recorded, and the numbers shown)', '13900000000', undefined],
    ['a name', '某用人单位', undefined],
    ['a name, by amount', '某用人单位', 'AMOUNT_DESC'],
    ['a name, oldest first', '某用人单位', 'RECEIVED_ASC'],
    ['a name, nearest deadline first', '某用人单位', 'DEADLINE_ASC'],
  ])('by %s costs the same SQL per subgraph for 50 leads as for 5', async (_what, search, orderBy) => {
    const five = await sqlForSearch(5, search, orderBy);
    const fifty = await sqlForSearch(50, search, orderBy);
    expect(fifty).toEqual(five);
    expect(fifty.leads).toBeLessThanOrEqual(12);
  });
});

describe('notifications', () => {
  it('a page of 50 costs the same SQL as a page of 5: one statement for the page, one for the unread count', async () => {
    const page = 'query($first: Int) { notifications(first: $first) { edges { node { id kind referenceNo text read } } } unreadNotificationCount }';
    const sql = async (first: number) => {
      const requestId = randomUUID();
      expect(ok(await gql(hub.gatewayUrl, page, { first }, { token, requestId })).notifications.edges).toHaveLength(first);
      return Object.fromEntries(SERVICE_NAMES.map((n) => [n, hub.services[n].queriesFor(requestId) ?? 0]));
    };
    const five = await sql(5);
    expect(await sql(50)).toEqual(five);
    expect(five.leads).toBe(2);
  });
});
