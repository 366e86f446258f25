/**
 * Staff search of the lead list (issue 16): by reference number, credit code, ID number, phone or
 * name, within what the caller may see and masked as the lead list masks; a search by ID number or
 * phone goes on the personal-data access record, masked; and the list sorted other ways than
 * newest first, page by page.
 */
import { randomUUID } from 'node:crypto';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { creditCodeProblem } from '../../lib/identifiers';
import { identifierDigest } from '../../lib/search-term';
import { ID_NUMBER_DIGEST_SQL, PHONE_DIGEST_SQL } from '../../services/leads/src/migrations/Migration20261203125839';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chen', name: '陈明' });
const unionViewer = tokenFor({ agency: 'UNION', region: '140400', id: 'union-view', roles: ['VIEWER'] });
const inspection = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-li' });
const procuratorate = tokenFor({ agency: 'PROCURATORATE', region: '140400' });
const elsewhere = tokenFor({ agency: 'UNION', region: '330100' });

/** A valid GB 11643 ID number per serial. */
function idNumber(serial: number): string {
  const first17 = `14042119850101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
/** A valid credit code: the check character found by the hub's own check. */
const creditCode = (body17: string) => [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => body17 + c).find((c) => !creditCodeProblem(c))!;

const SEARCH = `query Search($search: String, $first: Int, $after: String, $orderBy: LeadOrder, $filter: LeadFilter) {
  leads(search: $search, first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount search { kind term }
    pageInfo { hasNextPage endCursor }
    edges { node { id referenceNo amountOwed workerCount complainants { name idNumber phone } } }
  }
}`;
type Page = { totalCount: number; search: { kind: string; term: string } | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; referenceNo: string; amountOwed: string; workerCount: number; complainants: { name: string; idNumber: string | null; phone: string | null }[] } }[] };
const search = async (token: string, vars: Record<string, unknown>, requestId?: string): Promise<Page> => ok(await gql(hub.gatewayUrl, SEARCH, vars, { token, requestId })).leads;
const ids = (p: Page) => p.edges.map((e) => e.node.id);

const report = async (over: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token: union })).reportLead as { id: string; referenceNo: string };

describe('searching leads', () => {
  const wangId = idNumber(1);
  const liId = idNumber(2);
  const code = creditCode('91140400MA0K7B8C2');
  let wang: { id: string; referenceNo: string };
  let li: { id: string; referenceNo: string };
  beforeAll(async () => {
    wang = await report({ employerName: '长治市潞安建筑劳务有限公司', employerCreditCode: code, complainants: [{ name: '王建国', idNumber: wangId, phone: '13812345678' }] });
    li = await report({ employerName: '太行建设集团有限公司', employerCreditCode: null, complainants: [{ name: '李四', idNumber: liId, phone: '+86 139-0000-1111' }] });
    // Inspection is asked to take Wang's lead but has not accepted: it sees the lead, not the numbers.
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: wang.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
  });

  it('finds a lead by reference number, in any case and spacing', async () => {
    const page = await search(union, { search: ` ${wang.referenceNo.toLowerCase()} ` });
    expect(page.search).toEqual({ kind: 'REFERENCE', term: wang.referenceNo });
    expect(ids(page)).toEqual([wang.id]);
    expect(page.totalCount).toBe(1);
  });

  it("finds leads by the employer's credit code", async () => {
    const page = await search(union, { search: code.toLowerCase() });
    expect(page.search).toEqual({ kind: 'CREDIT_CODE', term: code });
    expect(ids(page)).toEqual([wang.id]);
  });

  it('finds leads by a complainant ID number or phone, matched whole, however the phone is written', async () => {
    const byId = await search(union, { search: wangId.toLowerCase() });
    expect(byId.search).toEqual({ kind: 'ID_NUMBER', term: '1404**********' + wangId.slice(-4) });
    expect(ids(byId)).toEqual([wang.id]);
    expect(byId.edges[0].node.complainants[0]).toEqual({ name: '王建国', idNumber: wangId, phone: '13812345678' });
    // Stored as "+86 139-0000-1111", searched as plain digits.
    const byPhone = await search(union, { search: '13900001111' });
    expect(byPhone.search).toEqual({ kind: 'PHONE', term: '139****1111' });
    expect(ids(byPhone)).toEqual([li.id]);
    // Part of a number is not a match: numbers are compared whole.
    expect(ids(await search(union, { search: '1390000111' }))).toEqual([]);
  });

  it("finds leads by the start of a complainant's or an employer's name", async () => {
    expect(ids(await search(union, { search: '王建' }))).toEqual([wang.id]);
    const byEmployer = await search(union, { search: '太行建设' });
    expect(byEmployer.search).toEqual({ kind: 'NAME', term: '太行建设' });
    expect(ids(byEmployer)).toEqual([li.id]);
    // By prefix: a name's middle does not match (docs/search.md says why).
    expect(ids(await search(union, { search: '建设集团' }))).toEqual([]);
    // LIKE's wildcards are only characters.
    expect(ids(await search(union, { search: '%' }))).toEqual([]);
  });

  it('answers only within what the caller may see, masked as the list masks', async () => {
    // Inspection is involved but does not hold the lead: found by name or reference, numbers masked…
    const byName = await search(inspection, { search: '王建国' });
    expect(ids(byName)).toEqual([wang.id]);
    expect(byName.edges[0].node.complainants[0].idNumber).not.toBe(wangId);
    expect(byName.edges[0].node.complainants[0].idNumber).toMatch(/\*{10}/);
    expect(ids(await search(inspection, { search: wang.referenceNo }))).toEqual([wang.id]);
    // …but never by the numbers it is not shown, nor is a VIEWER account.
    for (const token of [inspection, unionViewer]) {
      const byId = await search(token, { search: wangId });
      expect(byId).toMatchObject({ totalCount: 0, edges: [], search: { kind: 'ID_NUMBER' } });
      expect(ids(await search(token, { search: '13812345678' }))).toEqual([]);
    }
    // An agency not involved, and another region, find nothing at all.
    for (const token of [procuratorate, elsewhere]) {
      expect(ids(await search(token, { search: wang.referenceNo }))).toEqual([]);
      expect(ids(await search(token, { search: '王建国' }))).toEqual([]);
    }
  });

  it('puts a search by ID number or phone on the personal-data access record, masked, never the number', async () => {
    const requestId = randomUUID();
    await search(union, { search: wangId }, requestId);
    const rows = await hub.sql<{ kind: string; search_term: string; fields: string[]; via: string; operation: string; viewer_id: string; subject_digest: string | null; lead_id: string | null }>(
      'leads',
      'select kind, search_term, fields, via, operation, viewer_id, subject_digest, lead_id from personal_data_access where request_id = $1 order by id',
      [requestId],
    );
    // The search itself, and the sight of the full number it answered with.
    expect(rows.map((r) => r.kind).sort()).toEqual(['SEARCH', 'SEEN']);
    const searched = rows.find((r) => r.kind === 'SEARCH')!;
    expect(searched).toMatchObject({ search_term: '1404**********' + wangId.slice(-4), fields: ['ID_NUMBER'], via: 'leads', operation: 'Search', viewer_id: 'union-chen', lead_id: null });
    expect(searched.subject_digest).toMatch(/^[0-9a-f]{64}$/);
    // A search that finds nothing is a search all the same.
    const phoneRequest = randomUUID();
    await search(inspection, { search: '+86 138 1234 5678' }, phoneRequest);
    expect(await hub.sql('leads', 'select kind, search_term, fields, viewer_id from personal_data_access where request_id = $1', [phoneRequest])).toEqual([
      { kind: 'SEARCH', search_term: '138****5678', fields: ['PHONE'], viewer_id: 'insp-li' },
    ]);
    // Searching by name or reference is not personal data.
    const nameRequest = randomUUID();
    await search(inspection, { search: '王建国' }, nameRequest);
    expect(await hub.sql('leads', 'select * from personal_data_access where request_id = $1', [nameRequest])).toEqual([]);
    const all = JSON.stringify(await hub.sql('leads', 'select * from personal_data_access'));
    for (const secret of [wangId, '13812345678', '13900001111']) expect(all).not.toContain(secret);
  });

  it('matches through digests the intake stores and the migration backfills alike', async () => {
    const [row] = await hub.sql<{ id_number_digest: string; phone_digest: string; sql_id: string; sql_phone: string }>(
      'leads',
      `select id_number_digest, phone_digest, ${ID_NUMBER_DIGEST_SQL} as sql_id, ${PHONE_DIGEST_SQL} as sql_phone from complainant where lead_id = $1`,
      [li.id],
    );
    expect(row.id_number_digest).toBe(identifierDigest('idNumber', liId));
    expect(row.phone_digest).toBe(identifierDigest('phone', '13900001111'));
    expect(row.sql_id).toBe(row.id_number_digest);
    expect(row.sql_phone).toBe(row.phone_digest);
  });

  it('refuses a search longer than 100 characters at the field', async () => {
    const r = await gql(hub.gatewayUrl, SEARCH, { search: '王'.repeat(101) }, { token: union, language: 'zh-CN' });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(r.errors?.[0].extensions)).toContain('search');
    expect(r.errors?.[0].message).toContain('搜索内容不能超过100个字符');
  });
});

describe('sorting the lead list', () => {
  const region = '140423';
  const made: { id: string; amount: string; workers: number }[] = [];
  beforeAll(async () => {
    for (const [amount, workers] of [['5000.00', 3], ['120000.50', 2], ['800.00', 12], ['120000.50', 7]] as const) {
      const lead = await report({ regionCode: region, amountOwed: amount, workerCount: workers, complainants: [{ name: '赵某' }] });
      made.push({ id: lead.id, amount, workers });
    }
  });

  /** Every page of one, following the cursors. */
  async function walk(orderBy: string): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await search(union, { orderBy, first: 1, after, filter: { regionCode: region } });
      seen.push(...ids(page));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  }
  const byIdDesc = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : -1);

  it('walks newest or oldest first, by amount or by workers, page by page', async () => {
    expect(await walk('RECEIVED_DESC')).toEqual(made.map((m) => m.id).reverse());
    expect(await walk('RECEIVED_ASC')).toEqual(made.map((m) => m.id));
    const fen = (m: string) => Math.round(Number(m) * 100);
    expect(await walk('AMOUNT_DESC')).toEqual([...made].sort((a, b) => fen(b.amount) - fen(a.amount) || byIdDesc(a, b)).map((m) => m.id));
    expect(await walk('WORKERS_DESC')).toEqual([...made].sort((a, b) => b.workers - a.workers).map((m) => m.id));
  });

  it("refuses one order's cursor in another", async () => {
    const first = await search(union, { orderBy: 'AMOUNT_DESC', first: 1, filter: { regionCode: region } });
    const r = await gql(hub.gatewayUrl, SEARCH, { orderBy: 'WORKERS_DESC', first: 1, after: first.pageInfo.endCursor, filter: { regionCode: region } }, { token: union });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
