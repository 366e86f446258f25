/**
 * Who saw personal data (issue 20): every answer that shows a complainant's full ID number or
 * phone leaves who saw it, when, on which lead and through which operation (never the number);
 * a page of leads costs one write; supervisors read it per lead, and by a person's ID number.
 */
import { randomUUID } from 'node:crypto';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

// 长治 (140400): a county's union intake and handling, the city union's supervisor, a viewer.
const handler = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chen', name: '陈明' });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-sup', name: '赵主任', roles: ['SUPERVISOR'] });
const viewer = tokenFor({ agency: 'UNION', region: '140400', id: 'union-view', roles: ['VIEWER'] });
const elsewhere = tokenFor({ agency: 'UNION', region: '330100', id: 'union-hz', roles: ['SUPERVISOR'] });

/** A person's ID number (GB 11643 check digit), different per test so each looks up its own. */
function idNumber(serial: number): string {
  const first17 = `14040219800101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const report = async (person: string, phone = '13912345678') =>
  ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ complainants: [{ name: '李某', idNumber: person, phone }] }) }, { token: handler })).reportLead as { id: string; referenceNo: string };
const ACCESS = 'at leadId leadReferenceNo complainant fields viewerId viewerName viewerAgency viewerRegion operation via';
const accessOf = async (leadId: string, token = supervisor) => ok(await gql(hub.gatewayUrl, `query Who($id: ID!) { lead(id: $id) { personalDataAccess { ${ACCESS} } } }`, { id: leadId }, { token })).lead.personalDataAccess;

describe('who saw personal data', () => {
  it('records who was shown the full ID number and phone, through which operation, and a supervisor reads it on the lead', async () => {
    const person = idNumber(1);
    const lead = await report(person);
    const shown = ok(await gql(hub.gatewayUrl, 'query LeadDetail($id: ID!) { lead(id: $id) { complainants { idNumber phone } } }', { id: lead.id }, { token: handler })).lead.complainants;
    expect(shown).toEqual([{ idNumber: person, phone: '13912345678' }]);

    const log = await accessOf(lead.id);
    // Newest first: the detail view, then the intake's own answer (it showed the numbers too).
    expect(log.map((a: { operation: string | null; via: string }) => [a.operation, a.via])).toEqual([['LeadDetail', 'lead'], ['Report', 'reportLead']]);
    expect(log[0]).toMatchObject({ leadId: lead.id, leadReferenceNo: lead.referenceNo, complainant: 1, fields: ['ID_NUMBER', 'PHONE'], viewerId: 'union-chen', viewerName: '陈明', viewerAgency: 'UNION', viewerRegion: '140400' });
    // Never the number itself.
    const rows = await hub.sql('leads', 'select * from personal_data_access where lead_id = $1', [lead.id]);
    expect(JSON.stringify(rows)).not.toContain(person);
    expect(JSON.stringify(rows)).not.toContain('13912345678');
  });

  it('does not record an answer that showed only masked values', async () => {
    const lead = await report(idNumber(2));
    const masked = ok(await gql(hub.gatewayUrl, 'query Masked($id: ID!) { lead(id: $id) { complainants { idNumber phone } } }', { id: lead.id }, { token: viewer })).lead.complainants;
    expect(masked[0].idNumber).not.toBe(idNumber(2));
    expect((await accessOf(lead.id)).map((a: { viewerId: string }) => a.viewerId)).toEqual(['union-chen']);
  });

  it('a page of leads costs one write however many it shows', async () => {
    for (let i = 0; i < 4; i++) await report(idNumber(10 + i));
    const PAGE = 'query Inbox($first: Int) { leads(first: $first) { edges { node { id complainants { idNumber phone } } } } }';
    const page = async (first: number, token = handler) => {
      const requestId = randomUUID();
      const ids = ok(await gql(hub.gatewayUrl, PAGE, { first }, { token, requestId })).leads.edges.map((e: { node: { id: string } }) => e.node.id);
      const written = await hub.sql<{ lead_id: string; operation: string; via: string }>('leads', 'select lead_id, operation, via from personal_data_access where request_id = $1', [requestId]);
      return { ids, written, sql: hub.services.leads.queriesFor(requestId) };
    };
    const one = await page(1);
    const five = await page(5);
    const maskedFive = await page(5, viewer);
    expect(five.written).toHaveLength(5);
    expect(new Set(five.written.map((r) => r.lead_id))).toEqual(new Set(five.ids));
    expect(five.written.every((r) => r.operation === 'Inbox' && r.via === 'leads')).toBe(true);
    // Five leads cost what one does, and one statement more than the same page masked (nothing to write).
    expect(one.written).toHaveLength(1);
    expect(maskedFive.written).toHaveLength(0);
    expect(five.sql).toBe(one.sql);
    expect(five.sql).toBe(maskedFive.sql! + 1);
  });

  it("answers a complainant's request to know who saw their data with one query by ID number, itself recorded", async () => {
    const person = idNumber(20);
    const first = await report(person);
    const second = await report(person, '13700001111');
    await gql(hub.gatewayUrl, 'query LeadDetail($id: ID!) { lead(id: $id) { complainants { idNumber } } }', { id: second.id }, { token: handler });
    const BY_SUBJECT = `query WhoSawMe($idNumber: String!) { personalDataAccessBySubject(idNumber: $idNumber) { ${ACCESS} } }`;
    const seen = ok(await gql(hub.gatewayUrl, BY_SUBJECT, { idNumber: person.toLowerCase() }, { token: supervisor })).personalDataAccessBySubject;
    expect(seen.map((a: { leadId: string; operation: string }) => [a.leadId, a.operation])).toEqual([
      [second.id, 'LeadDetail'],
      [second.id, 'Report'],
      [first.id, 'Report'],
    ]);
    expect(seen[0]).toMatchObject({ viewerId: 'union-chen', fields: ['ID_NUMBER'], leadReferenceNo: second.referenceNo });
    // The look-up is on the record too, naming the person by digest only.
    const lookups = await hub.sql('leads', `select viewer_id, operation, subject_digest, lead_id from personal_data_access where kind = 'SUBJECT_LOOKUP'`);
    expect(lookups).toEqual([expect.objectContaining({ viewer_id: 'union-sup', operation: 'WhoSawMe', lead_id: null })]);
    expect(lookups[0].subject_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await hub.sql('leads', 'select * from personal_data_access'))).not.toContain(person);
    // Outside the jurisdiction, nothing.
    expect(ok(await gql(hub.gatewayUrl, BY_SUBJECT, { idNumber: person }, { token: elsewhere })).personalDataAccessBySubject).toEqual([]);
  });

  it('is for supervisors only, refused in Chinese; a wrong ID number is refused at the field', async () => {
    const lead = await report(idNumber(30));
    const r = await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { personalDataAccess { at } } }', { id: lead.id }, { token: handler, language: 'zh-CN' });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERSONAL_DATA_ACCESS_SUPERVISORS_ONLY' });
    expect(r.errors?.[0].message).toContain('只有主管');
    const bySubject = await gql(hub.gatewayUrl, 'query($n: String!) { personalDataAccessBySubject(idNumber: $n) { at } }', { n: idNumber(30) }, { token: handler });
    expect(bySubject.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const wrong = await gql(hub.gatewayUrl, 'query($n: String!) { personalDataAccessBySubject(idNumber: $n) { at } }', { n: '12345' }, { token: supervisor });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
  });

  it('keeps the record: it can be neither changed nor deleted', async () => {
    await report(idNumber(40));
    await expect(hub.sql('leads', `update personal_data_access set viewer_id = 'someone-else'`)).rejects.toThrow(/not allowed/);
    await expect(hub.sql('leads', 'delete from personal_data_access')).rejects.toThrow(/not allowed/);
  });
});
