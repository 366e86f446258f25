import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { calendar } from '../../lib/calendar/calendar';
import { ACCEPT_WITHIN_WORKING_DAYS } from '../../lib/domain/deadlines';

/**
 * The lead list by nearest deadline (最近期限, orderBy: DEADLINE_ASC), through the gateway on real
 * PostgreSQL: each agency sees its own deadlines first, nearest first (accepting a lead sent to
 * it, or the feedback it owes or awaits), then its leads without one, newest first; the order
 * follows the acts that change a deadline; pages of one walk the same order across both parts;
 * the export uses it too; a forged cursor is refused. Deadlines are counted from now, so the test
 * does not depend on today's date.
 */
describe('the lead list by nearest deadline', () => {
  let hub: TestHub;
  const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-dl', name: '陈明', roles: ['INTAKE', 'HANDLER'] });
  const inspection = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-dl', roles: ['HANDLER'] });
  const LIST = `query($first: Int, $after: String, $orderBy: LeadOrder, $filter: LeadFilter) {
    leads(first: $first, after: $after, orderBy: $orderBy, filter: $filter) { edges { node { id } } pageInfo { hasNextPage endCursor } }
  }`;
  const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const run = async (token: string, query: string, variables: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, query, variables, { token }));
  const send = async (leadId: string, to: string, kind: string, feedbackDueAt: string) =>
    (await run(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to, kind, reason: '请依法处理', feedbackDueAt } })).transferLead.id as string;
  const accept = (id: string) => run(inspection, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id });
  /** Every lead of the list in this order, walked a page of `first` at a time. */
  async function walk(token: string, first: number): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (await run(token, LIST, { orderBy: 'DEADLINE_ASC', first, after, filter: { regionCode: '140421' } })).leads;
      out.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
  }

  // Received a, b, c, d, e in that order (e newest).
  const lead: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
  let toA = '';

  beforeAll(async () => {
    hub = await startHub();
    for (const [i, k] of (['a', 'b', 'c', 'd', 'e'] as const).entries()) {
      lead[k] = (await run(union, REPORT_LEAD, { input: leadInput({ employerCreditCode: null, employerName: `期限排序测试单位${k}`, receivedAt: days(-10 + i) }) })).reportLead.id;
    }
    toA = await send(lead.a, 'INSPECTION', 'REFERRAL', days(30)); // inspection must accept within 5 working days; the union awaits feedback in 30 days
    const toB = await send(lead.b, 'INSPECTION', 'REFERRAL', days(20));
    await accept(toB); // inspection owes feedback in 20 days
    await send(lead.c, 'PROCURATORATE', 'SUPPORT_TO_SUE', days(12)); // no acceptance rule for the procuratorate; the union awaits feedback in 12 days
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it("puts the caller's agency's nearest deadlines first, then its leads without one, newest first", async () => {
    expect(await walk(union, 50)).toEqual([lead.c, lead.b, lead.a, lead.e, lead.d]);
    // Labour inspection's own deadlines: accepting a (5 working days) comes before b's feedback (20 days).
    expect(ACCEPT_WITHIN_WORKING_DAYS).toBe(5);
    expect(calendar.dueAt(new Date(), ACCEPT_WITHIN_WORKING_DAYS).getTime()).toBeLessThan(Date.parse(days(20)));
    expect(await walk(inspection, 50)).toEqual([lead.a, lead.b]);
  });

  it('walks the same order a page of one at a time, across leads with and without a deadline', async () => {
    expect(await walk(union, 1)).toEqual([lead.c, lead.b, lead.a, lead.e, lead.d]);
    expect(await walk(union, 2)).toEqual([lead.c, lead.b, lead.a, lead.e, lead.d]);
  });

  it('follows the acts that change a deadline: once inspection accepts a, it owes feedback in 30 days, after b', async () => {
    await accept(toA);
    expect(await walk(inspection, 50)).toEqual([lead.b, lead.a]);
    expect(await walk(inspection, 1)).toEqual([lead.b, lead.a]);
  });

  it('exports the list in the same order', async () => {
    const r = await fetch(`${hub.gatewayUrl}/reports/lead-list.csv?orderBy=DEADLINE_ASC&regionCode=140421`, { headers: { authorization: `Bearer ${union}`, 'accept-language': 'zh-CN' } });
    expect(r.status).toBe(200);
    const text = await r.text();
    const refs = await Promise.all((['c', 'b', 'a', 'e', 'd'] as const).map(async (k) => (await run(union, 'query($id: ID!) { lead(id: $id) { referenceNo } }', { id: lead[k] })).lead.referenceNo as string));
    const positions = refs.map((ref) => text.indexOf(ref));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('refuses a forged cursor as bad input', async () => {
    const forged = Buffer.from(JSON.stringify(['DEADLINE_ASC', 'SOON', '2026-01-01T00:00:00.000Z', lead.a])).toString('base64url');
    const r = await gql(hub.gatewayUrl, LIST, { orderBy: 'DEADLINE_ASC', first: 1, after: forged }, { token: union });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' });
  });
});
