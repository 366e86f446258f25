import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
let leadId: string;
let referenceNo: string;

const LEAD = `query($id: ID!) { lead(id: $id) { id complainants { name idNumber phone } } }`;
const BY_REF = `query($ref: String!) { leadByReference(referenceNo: $ref) { id } }`;
const LIST = `query($filter: LeadFilter, $first: Int, $after: String) {
  leads(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id referenceNo workerCount } } }
}`;

beforeAll(async () => {
  hub = await startHub();
  const { reportLead } = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: tokenFor({ agency: 'UNION', region: '140400' }) }));
  leadId = reportLead.id;
  referenceNo = reportLead.referenceNo;
});
afterAll(() => hub?.stop());

describe('who sees a lead (own region and below, own agency involved)', () => {
  it.each([
    ['the city union that reported it', { agency: 'UNION', region: '140400' }],
    ['the union of the county where the work was done', { agency: 'UNION', region: '140421' }],
    ['the provincial union', { agency: 'UNION', region: '140000' }],
  ] as const)('%s sees it', async (_who, staff) => {
    const token = tokenFor(staff);
    expect(ok(await gql(hub.gatewayUrl, LEAD, { id: leadId }, { token })).lead?.id).toBe(leadId);
    expect(ok(await gql(hub.gatewayUrl, BY_REF, { ref: referenceNo }, { token })).leadByReference?.id).toBe(leadId);
    const ids = ok(await gql(hub.gatewayUrl, LIST, {}, { token })).leads.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(leadId);
  });

  it.each([
    ['the union of another city', { agency: 'UNION', region: '140100' }],
    ['the union of another county in the same city', { agency: 'UNION', region: '140402' }],
    ['the union of another province', { agency: 'UNION', region: '330000' }],
    ['labour inspection of the same city, not involved', { agency: 'INSPECTION', region: '140400' }],
    ['the procuratorate of the province, not involved', { agency: 'PROCURATORATE', region: '140000' }],
  ] as const)('%s gets nothing, as if it did not exist', async (_who, staff) => {
    const token = tokenFor(staff);
    const r = await gql(hub.gatewayUrl, LEAD, { id: leadId }, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.lead).toBeNull();
    expect(ok(await gql(hub.gatewayUrl, BY_REF, { ref: referenceNo }, { token })).leadByReference).toBeNull();
    expect(ok(await gql(hub.gatewayUrl, LIST, {}, { token })).leads.totalCount).toBe(0);
  });

  it('answers a made-up id the same way as a hidden one', async () => {
    const token = tokenFor({ agency: 'UNION', region: '140400' });
    expect(ok(await gql(hub.gatewayUrl, LEAD, { id: 'not-a-lead' }, { token })).lead).toBeNull();
    expect(ok(await gql(hub.gatewayUrl, LEAD, { id: '5f0c0a64-0000-4000-8000-000000000000' }, { token })).lead).toBeNull();
  });
});

describe("complainants' personal data", () => {
  it('is shown in full to staff of the agency handling the lead', async () => {
    const { lead } = ok(await gql(hub.gatewayUrl, LEAD, { id: leadId }, { token: tokenFor({ agency: 'UNION', region: '140000', roles: ['SUPERVISOR'] }) }));
    expect(lead.complainants).toEqual([{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }]);
  });

  it('is masked for a viewer-only account', async () => {
    const { lead } = ok(await gql(hub.gatewayUrl, LEAD, { id: leadId }, { token: tokenFor({ agency: 'UNION', region: '140000', roles: ['VIEWER'] }) }));
    expect(lead.complainants).toEqual([{ name: '王某', idNumber: '1101**********002X', phone: '138****5678' }]);
  });

  it('never reaches the logs or the audit trail', async () => {
    const audit = await hub.sql('leads', 'select data::text as data from audit_entry');
    expect(audit.map((a) => a.data).join('\n')).not.toMatch(/11010519491231002X|13812345678/);
    const outbox = await hub.sql('leads', 'select payload::text as payload from outbox_message');
    expect(outbox.map((a) => a.payload).join('\n')).not.toMatch(/11010519491231002X|13812345678/);
  });
});

describe('lists of leads', () => {
  const token = () => tokenFor({ agency: 'UNION', region: '140000' });
  let created: { id: string; workerCount: number }[];

  beforeAll(async () => {
    const inputs = [
      leadInput({ regionCode: '140105', industry: 'MANUFACTURING', workerCount: 60, employerName: '太原某机械制造厂', employerCreditCode: null, receivedAt: '2026-10-05T10:00:00+08:00' }),
      leadInput({ regionCode: '140105', industry: 'HOSPITALITY', workerCount: 3, employerName: '太原某酒店', employerCreditCode: null, receivedAt: '2026-10-31T23:30:00+08:00' }),
      leadInput({ regionCode: '140521', industry: 'CONSTRUCTION', workerCount: 12, employerName: '晋城某建设集团', employerCreditCode: null, receivedAt: '2026-11-01T00:10:00+08:00' }),
    ];
    created = [];
    for (const input of inputs) created.push(ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: tokenFor({ agency: 'UNION', region: '140000' }) })).reportLead);
  });

  const ids = async (filter: object) =>
    ok(await gql(hub.gatewayUrl, LIST, { filter, first: 50 }, { token: token() })).leads.edges.map((e: { node: { id: string } }) => e.node.id).sort();

  it('filters by region, industry, mass case, employer name and Asia/Shanghai received dates', async () => {
    expect(await ids({ regionCode: '140100' })).toEqual([created[0].id, created[1].id].sort());
    expect(await ids({ industry: 'HOSPITALITY' })).toEqual([created[1].id]);
    expect(await ids({ isMassCase: true })).toEqual([created[0].id]);
    expect(await ids({ employerName: '晋城某建设' })).toEqual([created[2].id]);
    // 23:30 on 31 October in Shanghai is still October; 00:10 on 1 November is November.
    expect(await ids({ receivedFrom: '2026-10-01', receivedTo: '2026-10-31' })).toEqual([created[0].id, created[1].id].sort());
    expect(await ids({ receivedFrom: '2026-11-01', receivedTo: '2026-11-01' })).toEqual([created[2].id]);
    expect(await ids({ agency: 'INSPECTION' })).toEqual([]);
    expect(await ids({ closureState: 'OPEN', regionCode: '140500' })).toEqual([created[2].id]);
  });

  it('pages newest first with cursors and a total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 10; page++) {
      const { leads }: { leads: any } = ok(await gql(hub.gatewayUrl, LIST, { first: 2, after }, { token: token() }));
      total = leads.totalCount;
      seen.push(...leads.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!leads.pageInfo.hasNextPage) break;
      after = leads.pageInfo.endCursor;
    }
    expect(total).toBe(4);
    expect(new Set(seen).size).toBe(4);
    expect(seen.slice(0, 3)).toEqual([leadId, created[2].id, created[1].id]);
  });

  it('refuses a bad cursor, page size or filter value with BAD_USER_INPUT', async () => {
    for (const vars of [{ after: 'garbage' }, { first: 1000 }, { filter: { regionCode: '99' } }, { filter: { receivedFrom: '2026-02-31' } }]) {
      const r = await gql(hub.gatewayUrl, LIST, vars, { token: token() });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it("lists an employer's leads", async () => {
    const r = ok(await gql(hub.gatewayUrl, `query($id: ID!) { lead(id: $id) { employer { name leads { totalCount edges { node { id } } } } } }`, { id: created[0].id }, { token: token() }));
    expect(r.lead.employer.leads.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([created[0].id]);
  });
});
