/**
 * Notices owed to complainants (首问负责制, 《保障农民工工资支付条例》第十条): accepting, transferring and
 * closing owe each complainant one notice; the organisation's SMS service (the NOTIFIER role)
 * drains its own agency's queue in its jurisdiction and reports each sent or failed; the lead
 * shows how they stand.
 */
import { randomUUID } from 'node:crypto';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

let hub: TestHub;
beforeAll(async () => {
  await clearOfShanghaiMidnight();
  hub = await startHub();
}, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'cn-union' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'cn-insp' });
const unionNotifier = tokenFor({ agency: 'UNION', region: '140400', id: 'cn-sms-union', name: '短信告知服务', roles: ['NOTIFIER'] });
const inspectionNotifier = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'cn-sms-insp', roles: ['NOTIFIER'] });
const taiyuanNotifier = tokenFor({ agency: 'UNION', region: '140100', id: 'cn-sms-taiyuan', roles: ['NOTIFIER'] });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'cn-sup', roles: ['SUPERVISOR', 'HANDLER'] });

const TWO = [
  { name: '王某', idNumber: '11010519491231002X', phone: '13812345678' },
  { name: '李某', idNumber: '110105198001010032', phone: '13987654321' },
];
const NOTICE = 'id leadId referenceNo kind agency unit complainantOrdinal complainantName phone text status channel sentAt failedReason attempts createdAt';
const QUEUE = `query Queue($status: ComplainantNoticeStatus, $first: Int, $after: String) { complainantNotices(status: $status, first: $first, after: $after) { edges { cursor node { ${NOTICE} } } pageInfo { hasNextPage endCursor } } }`;
const LEAD_NOTICES = `query($id: ID!) { lead(id: $id) { complainantNotices { ${NOTICE} } } }`;
const SENT = `mutation($id: ID!, $channel: NoticeChannel!, $sentAt: DateTime) { markComplainantNoticeSent(id: $id, channel: $channel, sentAt: $sentAt) { ${NOTICE} } }`;
const FAILED = `mutation($id: ID!, $reason: String!) { markComplainantNoticeFailed(id: $id, reason: $reason) { ${NOTICE} } }`;

type Notice = { id: string; leadId: string; kind: string; agency: string; unit: string; complainantOrdinal: number; complainantName: string | null; phone: string | null; text: string | null; status: string; channel: string | null; attempts: number; failedReason: string | null };

const post = async (token: string, query: string, variables: Record<string, unknown>, key?: string): Promise<GraphQLResponse> => {
  const res = await fetch(`${hub.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as GraphQLResponse), status: res.status };
};
const queue = async (token: string, status = 'PENDING', first = 100): Promise<Notice[]> =>
  ok(await gql(hub.gatewayUrl, QUEUE, { status, first }, { token })).complainantNotices.edges.map((e: { node: Notice }) => e.node);
const leadNotices = async (leadId: string, token = union): Promise<Notice[]> => ok(await gql(hub.gatewayUrl, LEAD_NOTICES, { id: leadId }, { token })).lead.complainantNotices;
const ofLead = (list: Notice[], leadId: string) => list.filter((n) => n.leadId === leadId);
const reason = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

let leadA = '';
let refA = '';
let transferId = '';

describe('notices owed when an agency accepts, transfers and closes', () => {
  it('intake, a transfer sent and accepted owe one notice per complainant, each naming only that complainant', async () => {
    const reported = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ complainants: TWO }) }, { token: union })).reportLead;
    leadA = reported.id;
    refA = reported.referenceNo;
    // The union's case opens through its own service (CaseOpened), which owes the acceptance notice.
    await eventually(async () => expect(ofLead(await leadNotices(leadA), leadA).map((n) => n.kind)).toEqual(['LEAD_ACCEPTED', 'LEAD_ACCEPTED']));

    const sent = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: leadA, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }));
    transferId = sent.transferLead.id;
    // The receiver does not handle the lead yet: it sees that notices are owed, not their texts or names.
    const masked = await leadNotices(leadA, inspector);
    expect(masked.map((n) => n.kind)).toEqual(['LEAD_ACCEPTED', 'LEAD_ACCEPTED', 'TRANSFER_SENT', 'TRANSFER_SENT']);
    expect(masked.every((n) => n.text === null && n.complainantName === null && n.phone === null)).toBe(true);

    // Accepting, and the same acceptance sent again with its Idempotency-Key: one notice each.
    const key = `"${randomUUID()}"`;
    ok(await post(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transferId }, key));
    ok(await post(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transferId }, key));
    // Without the key, accepting again is refused and owes nothing either.
    expect(code(await post(inspector, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: transferId }))).toBe('INVALID_TRANSITION');

    const all = await leadNotices(leadA);
    expect(all.map((n) => [n.kind, n.agency, n.complainantOrdinal])).toEqual([
      ['LEAD_ACCEPTED', 'UNION', 0], ['LEAD_ACCEPTED', 'UNION', 1],
      ['TRANSFER_SENT', 'UNION', 0], ['TRANSFER_SENT', 'UNION', 1],
      ['TRANSFER_ACCEPTED', 'INSPECTION', 0], ['TRANSFER_ACCEPTED', 'INSPECTION', 1],
    ]);
    for (const n of all) {
      expect(n.status).toBe('PENDING');
      expect(n.text).toContain(refA);
      const own = TWO[n.complainantOrdinal].name;
      const other = TWO[1 - n.complainantOrdinal].name;
      expect(n.text!.startsWith(`${own}您好：`)).toBe(true);
      expect(n.text).not.toContain(other);
      expect(n.complainantName).toBe(own);
    }
    expect(all[0].unit).toBe('长治市工会');
    expect(all[0].text).toContain('已由长治市工会受理');
    expect(all[2].text).toContain('转交劳动保障监察办理');
    expect(all[4].unit).toBe('长治市劳动保障监察');
    expect(all[4].text).toContain('已由长治市劳动保障监察接收办理');

    // The (event, complainant) key is unique: the same event can never owe a second notice.
    await expect(
      hub.sql('leads', `insert into complainant_notice (lead_id, lead_region_code, reference_no, complainant_id, complainant_ordinal, kind, event_key, agency, unit, text, created_at, updated_at)
        select lead_id, lead_region_code, reference_no, complainant_id, complainant_ordinal, kind, event_key, agency, unit, text, now(), now() from complainant_notice where lead_id = $1 limit 1`, [leadA]),
    ).rejects.toThrow(/complainant_notice_event_uq/);
  });

  it('closing owes a closure notice', async () => {
    const b = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ complainants: [TWO[1]] }) }, { token: union })).reportLead;
    await eventually(async () => expect((await leadNotices(b.id)).map((n) => n.kind)).toEqual(['LEAD_ACCEPTED']));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: CloseCaseInput!) { closeUnionCase(leadId: $id, input: $input) { closureState } }', { id: b.id, input: { reason: 'UNRESOLVED', amountRecovered: '0', workersPaid: 0, note: '' } }, { token: union }));
    const closed = await eventually(async () => {
      const list = await leadNotices(b.id);
      expect(list.map((n) => n.kind)).toEqual(['LEAD_ACCEPTED', 'CASE_CLOSED']);
      return list[1];
    });
    expect(closed.text).toMatch(new RegExp(`^李某您好：您反映的欠薪问题（线索编号 ${b.referenceNo}）长治市工会已办结`));
    expect(closed.text).not.toContain('王某');
  });
});

describe("the notifier's queue", () => {
  it("holds its own agency's notices in its jurisdiction, with the complainant's phone, each read on the record", async () => {
    const pending = ofLead(await queue(unionNotifier), leadA);
    expect(pending.map((n) => n.kind)).toEqual(['LEAD_ACCEPTED', 'LEAD_ACCEPTED', 'TRANSFER_SENT', 'TRANSFER_SENT']);
    expect(pending.map((n) => n.phone)).toEqual(['13812345678', '13987654321', '13812345678', '13987654321']);
    expect(pending[1].text!.startsWith('李某您好：')).toBe(true);
    expect(ofLead(await queue(inspectionNotifier), leadA).map((n) => n.kind)).toEqual(['TRANSFER_ACCEPTED', 'TRANSFER_ACCEPTED']);
    // Another region's notifier sees nothing of it, and cannot mark it.
    expect(await queue(taiyuanNotifier)).toEqual([]);
    expect(reason(await gql(hub.gatewayUrl, SENT, { id: pending[0].id, channel: 'SMS' }, { token: taiyuanNotifier }))).toBe('COMPLAINANT_NOTICE_NOT_FOUND');
    expect(reason(await gql(hub.gatewayUrl, SENT, { id: pending[0].id, channel: 'SMS' }, { token: inspectionNotifier }))).toBe('COMPLAINANT_NOTICE_NOT_FOUND');

    await eventually(async () => {
      const seen = await hub.sql('leads', `select viewer_id, complainant_ordinal, fields from personal_data_access where via = 'complainantNotices' and lead_id = $1 and viewer_id = 'cn-sms-union' order by complainant_ordinal`, [leadA]);
      expect(seen).toEqual([
        { viewer_id: 'cn-sms-union', complainant_ordinal: 0, fields: ['PHONE'] },
        { viewer_id: 'cn-sms-union', complainant_ordinal: 1, fields: ['PHONE'] },
      ]);
    });
  });

  it('pages oldest first with a cursor', async () => {
    const first = ok(await gql(hub.gatewayUrl, QUEUE, { first: 1 }, { token: unionNotifier })).complainantNotices;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = ok(await gql(hub.gatewayUrl, QUEUE, { first: 1, after: first.pageInfo.endCursor }, { token: unionNotifier })).complainantNotices;
    expect(Number(next.edges[0].node.id)).toBeGreaterThan(Number(first.edges[0].node.id));
    expect(code(await gql(hub.gatewayUrl, QUEUE, { after: 'nonsense' }, { token: unionNotifier }))).toBe('BAD_USER_INPUT');
  });

  it('is refused to every other role', async () => {
    for (const token of [union, supervisor, inspector, tokenFor({ agency: 'UNION', region: '140400', roles: ['VIEWER'] })]) {
      expect(reason(await gql(hub.gatewayUrl, QUEUE, {}, { token }))).toBe('COMPLAINANT_NOTICES_NOTIFIER_ONLY');
      expect(code(await gql(hub.gatewayUrl, FAILED, { id: '1', reason: '空号' }, { token }))).toBe('FORBIDDEN');
    }
    const zh = await gql(hub.gatewayUrl, QUEUE, {}, { token: union, language: 'zh-CN' });
    expect(zh.errors?.[0].message).toBe('投诉人告知通知仅由本单位的短信或信函告知服务（告知服务角色）处理。');
  });

  it('marks notices sent or failed, once, and the lead shows which were sent', async () => {
    const [a1, a2, t1, t2] = ofLead(await queue(unionNotifier), leadA);
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    const s1 = ok(await gql(hub.gatewayUrl, SENT, { id: a1.id, channel: 'SMS', sentAt }, { token: unionNotifier })).markComplainantNoticeSent;
    expect(s1).toMatchObject({ status: 'SENT', channel: 'SMS', sentAt, phone: null });
    // Reported again (a retried call): nothing changes, nothing more is audited.
    ok(await gql(hub.gatewayUrl, SENT, { id: a1.id, channel: 'SMS', sentAt }, { token: unionNotifier }));
    expect(reason(await gql(hub.gatewayUrl, FAILED, { id: a1.id, reason: '空号' }, { token: unionNotifier }))).toBe('COMPLAINANT_NOTICE_ALREADY_SENT');
    expect(reason(await gql(hub.gatewayUrl, SENT, { id: a2.id, channel: 'SMS', sentAt: new Date(Date.now() + 86_400_000).toISOString() }, { token: unionNotifier }))).toBe('IN_FUTURE');
    expect(reason(await gql(hub.gatewayUrl, FAILED, { id: a2.id, reason: '  ' }, { token: unionNotifier }))).toBe('FIELD_REQUIRED');

    const f1 = ok(await gql(hub.gatewayUrl, FAILED, { id: a2.id, reason: '号码已停机' }, { token: unionNotifier })).markComplainantNoticeFailed;
    expect(f1).toMatchObject({ status: 'FAILED', attempts: 1 });
    ok(await gql(hub.gatewayUrl, FAILED, { id: a2.id, reason: '号码已停机' }, { token: unionNotifier }));
    const f2 = ok(await gql(hub.gatewayUrl, FAILED, { id: t2.id, reason: '网关超时' }, { token: unionNotifier })).markComplainantNoticeFailed;
    expect(f2.attempts).toBe(1);
    // A failed notice sent later by letter.
    ok(await gql(hub.gatewayUrl, SENT, { id: t2.id, channel: 'LETTER' }, { token: unionNotifier }));

    expect(ofLead(await queue(unionNotifier), leadA).map((n) => n.id)).toEqual([t1.id]);
    expect(ofLead(await queue(unionNotifier, 'FAILED'), leadA).map((n) => [n.id, n.failedReason, n.attempts])).toEqual([[a2.id, '号码已停机', 1]]);
    expect(ofLead(await queue(unionNotifier, 'SENT'), leadA).map((n) => n.id)).toEqual([a1.id, t2.id]);

    const onLead = await leadNotices(leadA);
    expect(onLead.filter((n) => n.status === 'SENT').map((n) => [n.kind, n.complainantOrdinal, n.channel])).toEqual([['LEAD_ACCEPTED', 0, 'SMS'], ['TRANSFER_SENT', 1, 'LETTER']]);
    expect(onLead.find((n) => n.id === a2.id)).toMatchObject({ status: 'FAILED', failedReason: '号码已停机' });

    const audit = await hub.sql('leads', `select action, count(*)::int as n from audit_entry where action in ('COMPLAINANT_NOTICE_SENT', 'COMPLAINANT_NOTICE_FAILED') and data->>'leadId' = $1 group by action order by action`, [leadA]);
    expect(audit).toEqual([{ action: 'COMPLAINANT_NOTICE_FAILED', n: 2 }, { action: 'COMPLAINANT_NOTICE_SENT', n: 2 }]);
    const timeline = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { timeline { kind summary } } }', { id: leadA }, { token: union, language: 'zh-CN' })).lead.timeline;
    expect(timeline.filter((t: { kind: string }) => t.kind === 'COMPLAINANT_NOTICE_SENT').map((t: { summary: string }) => t.summary)).toEqual([
      expect.stringContaining('已向第 1 位投诉人发出告知短信'),
      expect.stringContaining('已向第 2 位投诉人发出告知信函'),
    ]);
    // Nothing of the complainant on the timeline: no phone, no name.
    expect(JSON.stringify(timeline)).not.toContain('13987654321');
  });
});
