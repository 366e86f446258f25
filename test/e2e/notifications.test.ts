/**
 * Staff notifications, through the gateway: each unit is told what arrived and what happened to
 * what it sent, once, in its language; other regions and agencies are told nothing.
 */
import { MESSAGES_PATH, SIGNATURE_HEADER, sign } from '../../lib/outbox/message';
import { internalSecret } from '../../lib/config';
import { UNREAD_COUNT_MAX } from '../../lib/vocabulary/notifications';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

// Leads are reported in 140421 (a county of 长治市, 140400).
const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhang' });
const unionColleague = tokenFor({ agency: 'UNION', region: '140421', id: 'union-zhao' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-li' });
const inspectorColleague = tokenFor({ agency: 'INSPECTION', region: '140421', id: 'insp-sun', roles: ['HANDLER'] });
const otherCityInspector = tokenFor({ agency: 'INSPECTION', region: '140100', id: 'insp-taiyuan' });
const otherProvinceInspector = tokenFor({ agency: 'INSPECTION', region: '110000', id: 'insp-beijing', roles: ['SUPERVISOR', 'HANDLER'] });
const unionSupervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chief', roles: ['SUPERVISOR'] });
const provinceUnionSupervisor = tokenFor({ agency: 'UNION', region: '140000', id: 'union-province-chief', roles: ['SUPERVISOR'] });
const provinceUnionHandler = tokenFor({ agency: 'UNION', region: '140000', id: 'union-province-handler', roles: ['HANDLER'] });
const unionWang = tokenFor({ agency: 'UNION', region: '140400', id: 'union-wang', roles: ['HANDLER'] });

const LIST = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) { edges { cursor node { id kind leadId referenceNo text at read readAt } } pageInfo { hasNextPage endCursor } }
  unreadNotificationCount
}`;
interface Note { id: string; kind: string; leadId: string; referenceNo: string; text: string; read: boolean; readAt: string | null }
async function notes(token: string, vars: Record<string, unknown> = {}, language = 'zh-CN') {
  const r = ok(await gql(hub.gatewayUrl, LIST, vars, { token, language }));
  return { list: r.notifications.edges.map((e: { node: Note }) => e.node) as Note[], unread: r.unreadNotificationCount as number, pageInfo: r.notifications.pageInfo };
}
const about = async (token: string, leadId: string, language = 'zh-CN') => (await notes(token, { first: 100 }, language)).list.filter((n) => n.leadId === leadId);
const markRead = (token: string, ids: string[], language = 'zh-CN') => gql(hub.gatewayUrl, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id read readAt } }', { ids }, { token, language });

const report = async (over: Record<string, unknown> = {}, token = union) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token })).reportLead as { id: string; referenceNo: string };
const send = async (leadId: string, to = 'INSPECTION') =>
  ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id feedbackDueAt } }', { input: { leadId, to, kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead as { id: string };

describe('notifications of a transfer', () => {
  it('tells the receiving unit of a transfer and the sender of its acceptance, in each reader\'s language, and no one else', async () => {
    const lead = await report();
    const transfer = await send(lead.id);

    // Every inspector whose jurisdiction holds the lead's county is told, in Chinese by default.
    for (const token of [inspector, inspectorColleague]) {
      const [n] = await about(token, lead.id);
      expect(n).toMatchObject({ kind: 'TRANSFER_REQUESTED', referenceNo: lead.referenceNo, read: false, readAt: null });
      expect(n.text).toContain(`线索 ${lead.referenceNo}`);
      expect(n.text).toMatch(/工会向本单位移送，请及时受理或退回；反馈期限 \d{4}-\d{2}-\d{2}/);
    }
    expect((await about(inspector, lead.id, 'en'))[0].text).toMatch(new RegExp(`^Lead ${lead.referenceNo}: the union sent your unit a referral`));
    // Another city's, another province's inspectors and the sender are told nothing.
    for (const token of [otherCityInspector, otherProvinceInspector, union]) expect(await about(token, lead.id)).toEqual([]);

    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transfer.id }, { token: inspector }));
    for (const token of [union, unionColleague]) {
      const [n] = await about(token, lead.id);
      expect(n).toMatchObject({ kind: 'TRANSFER_ACCEPTED', referenceNo: lead.referenceNo });
      expect(n.text).toBe(`线索 ${lead.referenceNo}：劳动保障监察已受理本单位的移送，请等待其反馈`);
    }
    expect((await about(inspector, lead.id)).map((n) => n.kind)).toEqual(['TRANSFER_REQUESTED']);

    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status } }', { id: transfer.id, input: { final: false, summary: '已首日对接' } }, { token: inspector }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: FeedbackInput!) { giveFeedback(transferId: $id, input: $input) { status } }', { id: transfer.id, input: { final: true, summary: '已全额支付', amountRecovered: '89195.00', workersPaid: 4 } }, { token: inspector }));
    expect((await about(union, lead.id)).map((n) => n.kind)).toEqual(['FEEDBACK_FINAL', 'FEEDBACK_INTERIM', 'TRANSFER_ACCEPTED']);
    expect(await about(otherProvinceInspector, lead.id)).toEqual([]);
  });

  it('tells of a returned transfer the sending unit', async () => {
    const lead = await report();
    const transfer = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $reason: String!) { rejectTransfer(id: $id, reason: $reason) { status } }', { id: transfer.id, reason: '不属于本辖区' }, { token: inspector }));
    const [n] = await about(union, lead.id);
    expect(n).toMatchObject({ kind: 'TRANSFER_RETURNED' });
    expect(n.text).toBe(`线索 ${lead.referenceNo}：劳动保障监察退回了本单位的移送，请查看退回理由并另行处理`);
  });
});

describe('read state', () => {
  it('is each staff member\'s own, marked once, and only on their own notifications', async () => {
    const lead = await report();
    await send(lead.id);
    const [mine] = await about(inspector, lead.id);
    const before = (await notes(inspector)).unread;
    const colleagueBefore = (await notes(inspectorColleague)).unread;
    expect(before).toBeGreaterThan(0);

    // Someone else cannot mark it: refused as if it did not exist, and nothing changes.
    const notFound = { code: 'NOT_FOUND', reason: 'NOTIFICATION_NOT_FOUND' };
    const theirs = await markRead(otherProvinceInspector, [mine.id]);
    const nothing = await markRead(otherProvinceInspector, ['999999999']);
    expect(theirs.errors?.[0].extensions).toMatchObject(notFound);
    expect(theirs.errors?.[0].message).toBe(nothing.errors?.[0].message);
    // All or none: one id not the caller's, and none is marked.
    for (const bad of ['not-an-id', '999999999']) expect((await markRead(inspector, [mine.id, bad])).errors?.[0].extensions).toMatchObject(notFound);
    expect((await notes(inspector)).unread).toBe(before);
    expect((await markRead(inspector, [mine.id], 'zh-CN')).errors).toBeUndefined();
    const [marked] = ok(await markRead(inspector, [mine.id, mine.id])).markNotificationsRead;
    expect(marked).toMatchObject({ id: mine.id, read: true });
    // Again: the same answer, the first reading time kept.
    expect(ok(await markRead(inspector, [mine.id])).markNotificationsRead).toEqual([marked]);
    expect((await notes(inspector)).unread).toBe(before - 1);
    expect((await notes(inspector, { unreadOnly: true, first: 100 })).list.map((n) => n.id)).not.toContain(mine.id);
    expect((await about(inspector, lead.id))[0]).toMatchObject({ read: true, readAt: marked.readAt });
    // The colleague's copy of the unit's notification is still unread.
    expect((await notes(inspectorColleague)).unread).toBe(colleagueBefore);
    expect((await about(inspectorColleague, lead.id))[0].read).toBe(false);

    const tooMany = await markRead(inspector, Array.from({ length: 101 }, (_, i) => String(i + 1)));
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('pages newest first with a cursor, and refuses a forged one', async () => {
    for (let i = 0; i < 3; i++) await send((await report()).id);
    const first = await notes(inspectorColleague, { first: 2 });
    expect(first.list).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await notes(inspectorColleague, { first: 2, after: first.pageInfo.endCursor });
    expect(Number(next.list[0].id)).toBeLessThan(Number(first.list[1].id));
    const forged = await gql(hub.gatewayUrl, LIST, { after: 'bm90IGEgY3Vyc29y' }, { token: inspectorColleague });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' });
  });
});

describe('notifications from other services\' events', () => {
  it('tells a reassigned handler once, however often the message is delivered', async () => {
    const lead = await report();
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $h: String!, $n: String!) { reassignUnionHandler(leadId: $id, handler: $h, note: $n) { handler } }', { id: lead.id, h: 'union-wang', n: '原经办人调岗' }, { token: unionSupervisor }));
    const [n] = await eventually(async () => {
      const found = await about(unionWang, lead.id);
      if (found.length === 0) throw new Error('not yet told');
      return found;
    });
    expect(n).toMatchObject({ kind: 'HANDLER_REASSIGNED', referenceNo: lead.referenceNo });
    expect(n.text).toBe(`线索 ${lead.referenceNo}：您被指定为首问负责人，请及时联系劳动者`);
    // Only the new handler: not the unit.
    expect(await about(union, lead.id)).toEqual([]);

    // The union's message, delivered again as it was (a lost acknowledgement) and as a new copy
    // (another dispatcher's): the new handler is told once.
    const [m] = await hub.sql<{ id: string; type: string; payload: object; created_at: Date }>('union', `select id, type, payload, created_at from outbox_message where destination = 'leads' and payload->>'leadId' = $1 and payload->>'kind' = 'HANDLER_REASSIGNED'`, [lead.id]);
    for (const id of [m.id, '00000000-0000-4000-8000-000000000019']) {
      const body = JSON.stringify({ id, source: 'union', type: m.type, occurredAt: new Date(m.created_at).toISOString(), payload: m.payload });
      const r = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
      expect(r.status).toBe(200);
    }
    expect(await about(unionWang, lead.id)).toHaveLength(1);
    expect(await hub.sql('leads', `select count(*)::int as n from notification where lead_id = $1`, [lead.id])).toEqual([{ n: 1 }]);
  });

  it('tells a mass case to the province\'s supervisors of the intake agency only', async () => {
    const lead = await report({ workerCount: 60, complainants: [{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }] });
    const [n] = await about(provinceUnionSupervisor, lead.id);
    expect(n).toMatchObject({ kind: 'MASS_CASE_FLAGGED', referenceNo: lead.referenceNo });
    expect(n.text).toBe(`线索 ${lead.referenceNo}：群体性欠薪（60 名劳动者），请省级工会及时确认预警`);
    for (const token of [provinceUnionHandler, unionSupervisor, otherProvinceInspector]) expect(await about(token, lead.id)).toEqual([]);
  });
});

describe('the unread count', () => {
  it(`is counted up to ${UNREAD_COUNT_MAX}`, async () => {
    const lead = await report();
    const staff = tokenFor({ agency: 'COURT', region: '140400', id: 'court-busy' });
    await hub.sql('leads', `insert into notification (dedupe_key, kind, lead_id, reference_no, agency, staff_id, facts, at)
      select 'test:busy:' || i, 'HEARING_TOMORROW', $1, $2, 'COURT', 'court-busy', '{"dueOn": "2026-12-04"}', now() from generate_series(1, $3::int) i`, [lead.id, lead.referenceNo, UNREAD_COUNT_MAX + 5]);
    const { unread, list } = await notes(staff, { first: 1 });
    expect(unread).toBe(UNREAD_COUNT_MAX);
    expect(list[0].text).toBe(`线索 ${lead.referenceNo}：明天（2026-12-04）开庭，请做好准备`);
  });
});

describe('notifications are kept, not changed', () => {
  it('refuses to change or delete one in the database itself', async () => {
    const lead = await report();
    await send(lead.id);
    const [n] = await about(inspector, lead.id);
    ok(await markRead(inspector, [n.id]));
    await expect(hub.sql('leads', `update notification set kind = 'X' where id = $1`, [n.id])).rejects.toThrow(/append-only/);
    await expect(hub.sql('leads', 'delete from notification_read where notification_id = $1', [n.id])).rejects.toThrow(/append-only/);
  });
});
