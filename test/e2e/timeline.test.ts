/**
 * The timeline speaks the audit trail's vocabulary: each entry's kind is an event of the
 * TimelineEventKind enum, its facts are typed fields, and its summary is rendered in the caller's
 * language, naming the staff member and the unit that acted.
 */
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-zhang', name: '张敏', roles: ['INTAKE', 'HANDLER'] });
const TIMELINE = 'query($id: ID!) { lead(id: $id) { timeline { kind event agency actor actorName actorUnit amount workerCount otherAgency transferKind date reference summary } } }';

describe('the timeline', () => {
  it('gives each event its facts as typed fields and a summary in Chinese or English', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead;
    const transfer = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { feedbackDueAt } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead;

    const read = async (language: string) => ok(await gql(hub.gatewayUrl, TIMELINE, { id: lead.id }, { token: union, language })).lead.timeline;
    await eventually(async () => expect((await read('zh-CN')).map((e: { event: string }) => e.event)).toEqual(['LEAD_REPORTED', 'CASE_OPENED', 'TRANSFER_REQUESTED']));
    const [zh, en] = [await read('zh-CN,zh;q=0.9'), await read('en-US')];

    const reported = zh[0];
    expect(reported).toMatchObject({ kind: 'LEAD_REPORTED', event: 'LEAD_REPORTED', actor: 'union-zhang', actorName: '张敏', actorUnit: '工会（140400）', amount: '89195.00', workerCount: 4, reference: lead.referenceNo });
    expect(reported.summary).toContain('工会（140400）张敏');
    expect(reported.summary).toContain('89195.00 元');
    expect(reported.summary).not.toContain('union-zhang');

    const requested = zh[2];
    expect(requested).toMatchObject({ event: 'TRANSFER_REQUESTED', otherAgency: 'INSPECTION', transferKind: 'REFERRAL' });
    expect(requested.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(transfer.feedbackDueAt).getTime()).toBeGreaterThan(Date.parse(`${requested.date}T00:00:00+08:00`));
    expect(requested.summary).toContain('劳动保障监察');
    expect(requested.summary).toContain('请依法查处');

    expect(en[2].summary).toContain('张敏 of the union (140400)');
    expect(en[2].summary).toContain('labour inspection');
    expect(en[2].actorUnit).toBe('the union (140400)');
    // The same facts whatever the language.
    expect(en.map((e: { summary: string }) => ({ ...e, summary: '', actorUnit: '' }))).toEqual(zh.map((e: { summary: string }) => ({ ...e, summary: '', actorUnit: '' })));
  });
});
