/**
 * A message between services that its receiver refuses for a domain reason is never dropped: it
 * is kept as a dead letter with its reason, shown to supervisors, and applied when one of them
 * retries it after the cause is resolved.
 */
import { randomUUID } from 'node:crypto';
import { MESSAGES_PATH, SIGNATURE_HEADER, sign } from '../../lib/outbox/message';
import { internalSecret } from '../../lib/config';
import { CASE_CLOSED, TIMELINE_EVENT, TRANSFER_FEEDBACK } from '../../lib/messages';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const union = tokenFor({ agency: 'UNION', region: '140400', id: 'union-li' });
const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-wang', roles: ['HANDLER'] });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chief', roles: ['SUPERVISOR'] });
const LETTERS = '{ leadsDeadLetters { id source type leadId code reason message attempts resolvedAt resolvedBy } }';

async function deliver(source: string, type: string, payload: object) {
  const body = JSON.stringify({ id: randomUUID(), source, type, occurredAt: new Date().toISOString(), payload });
  const r = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, id: (JSON.parse(body) as { id: string }).id };
}

describe('dead letters', () => {
  it('keeps a refused message with its reason, shows it to supervisors only, and applies it once the cause is resolved', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead;
    // Labour inspection closes a case on a lead the registry has not yet seen reach it.
    const closure = { reason: 'NO_ARREARS_FOUND', amountRecoveredFen: '0', workersPaid: 0, note: '', closedAt: new Date().toISOString(), closedBy: 'insp-wang' };
    const sent = await deliver('inspection', CASE_CLOSED, { leadId: lead.id, agency: 'INSPECTION', closure });
    // Acknowledged, so the sender's queue moves on, and kept.
    expect(sent).toMatchObject({ status: 200, body: { ok: true, deadLetter: 'AGENCY_NOT_INVOLVED' } });

    const [zh] = ok(await gql(hub.gatewayUrl, LETTERS, {}, { token: supervisor, language: 'zh-CN' })).leadsDeadLetters;
    expect(zh).toEqual({ id: sent.id, source: 'inspection', type: 'CaseClosed', leadId: lead.id, code: 'INVALID_TRANSITION', reason: 'AGENCY_NOT_INVOLVED', message: '劳动保障监察未参与该线索。', attempts: 1, resolvedAt: null, resolvedBy: null });
    expect(ok(await gql(hub.gatewayUrl, LETTERS, {}, { token: supervisor, language: 'en' })).leadsDeadLetters[0].message).toBe('INSPECTION is not involved in this lead.');
    const handler = await gql(hub.gatewayUrl, LETTERS, {}, { token: union });
    expect(handler.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DEAD_LETTERS_SUPERVISORS_ONLY' });

    // The sender retries (a lost acknowledgement): nothing is applied twice, nothing kept twice.
    const body = JSON.stringify({ id: sent.id, source: 'inspection', type: CASE_CLOSED, occurredAt: new Date().toISOString(), payload: { leadId: lead.id, agency: 'INSPECTION', closure } });
    const again = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });

    const retry = 'mutation($id: ID!) { retryLeadsDeadLetter(id: $id) { reason attempts resolvedAt resolvedBy } }';
    // Retried before the cause is resolved: refused again, still kept.
    expect(ok(await gql(hub.gatewayUrl, retry, { id: sent.id }, { token: supervisor })).retryLeadsDeadLetter).toEqual({ reason: 'AGENCY_NOT_INVOLVED', attempts: 2, resolvedAt: null, resolvedBy: null });

    // Resolved: the lead reaches inspection, which accepts it; then the closure applies.
    const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }, { token: inspector }));
    const applied = ok(await gql(hub.gatewayUrl, retry, { id: sent.id }, { token: supervisor })).retryLeadsDeadLetter;
    expect(applied).toMatchObject({ attempts: 3, resolvedBy: 'union-chief' });
    expect(applied.resolvedAt).toBeTruthy();
    const agencies = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { agencies { agency closureState } } }', { id: lead.id }, { token: union })).lead.agencies;
    expect(agencies).toEqual(expect.arrayContaining([{ agency: 'INSPECTION', closureState: 'CLOSED' }]));
    expect(ok(await gql(hub.gatewayUrl, LETTERS, {}, { token: supervisor })).leadsDeadLetters).toEqual([]);
    const retriedTwice = await gql(hub.gatewayUrl, retry, { id: sent.id }, { token: supervisor });
    expect(retriedTwice.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'DEAD_LETTER_ALREADY_RESOLVED' });
    const audit = await hub.sql<{ action: string }>('leads', `select action from audit_entry where entity_id = $1 order by seq`, [sent.id]);
    expect(audit.map((a) => a.action)).toEqual(['DEAD_LETTER_REFUSED_AGAIN', 'DEAD_LETTER_APPLIED']);
  });

  it('acknowledges feedback with no accepted transfer to answer (a mediation nobody delegated) without a dead letter', async () => {
    const before = ok(await gql(hub.gatewayUrl, '{ leadsDeadLetters(open: false) { id } }', {}, { token: supervisor })).leadsDeadLetters.length;
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead;
    // No accepted transfer to answer: nothing to do, acknowledged.
    const by = { id: 'insp-wang', name: '王', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] };
    const r = await deliver('inspection', TRANSFER_FEEDBACK, { leadId: lead.id, kind: 'REFERRAL', to: 'INSPECTION', final: true, summary: '已处理', amountRecoveredFen: null, workersPaid: null, by });
    expect(r).toMatchObject({ status: 200, body: { ok: true, duplicate: false } });
    await eventually(async () => expect(ok(await gql(hub.gatewayUrl, '{ leadsDeadLetters(open: false) { id } }', {}, { token: supervisor })).leadsDeadLetters).toHaveLength(before));
  });
});

describe('a batch of messages, as a dispatcher delivers them', () => {
  const message = (source: string, type: string, payload: object) => ({ id: randomUUID(), source, type, occurredAt: new Date().toISOString(), payload });
  const note = (leadId: string, words: string) => message('union', TIMELINE_EVENT, { leadId, agency: 'UNION', actor: 'union-li', kind: 'HANDLER_REASSIGNED', summary: words, at: new Date().toISOString(), facts: { from: 'union-li', to: 'union-zhao' } });
  async function deliverBatch(messages: object[]) {
    const body = JSON.stringify({ messages });
    const r = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }
  const kinds = async (leadId: string) => (await hub.sql<{ summary: string }>('leads', `select summary from timeline_entry where lead_id = $1 and kind = 'HANDLER_REASSIGNED' order by at, id`, [leadId])).map((r) => r.summary);

  it('applies the messages around one refused for a domain reason, and keeps that one as a dead letter', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead;
    const closure = { reason: 'NO_ARREARS_FOUND', amountRecoveredFen: '0', workersPaid: 0, note: '', closedAt: new Date().toISOString(), closedBy: 'insp-wang' };
    const batch = [note(lead.id, 'first'), message('inspection', CASE_CLOSED, { leadId: lead.id, agency: 'INSPECTION', closure }), note(lead.id, 'third')];
    const sent = await deliverBatch(batch);
    expect(sent).toEqual({ status: 200, body: { ok: true, results: [{ id: batch[0].id }, { id: batch[1].id, deadLetter: 'AGENCY_NOT_INVOLVED' }, { id: batch[2].id }] } });
    expect(await kinds(lead.id)).toEqual(['first', 'third']);
    expect(await hub.sql('leads', 'select reason from dead_letter where id = $1', [batch[1].id])).toEqual([{ reason: 'AGENCY_NOT_INVOLVED' }]);
    // Delivered again (the acknowledgement was lost): each is recognised, nothing applied twice.
    expect(await deliverBatch(batch)).toEqual({ status: 200, body: { ok: true, results: batch.map((m) => ({ id: m.id, duplicate: true })) } });
    expect(await kinds(lead.id)).toEqual(['first', 'third']);
  });

  it('stops at a message that fails for another cause: those before it are applied, it and those after are left to retry', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union })).reportLead;
    // A lead id the database cannot take: the handler fails, not for a domain reason.
    const batch = [note(lead.id, 'first'), note('not-a-lead-id', 'broken'), note(lead.id, 'third')];
    const sent = await deliverBatch(batch);
    expect(sent).toEqual({ status: 200, body: { ok: false, results: [{ id: batch[0].id }], failed: { id: batch[1].id, error: 'handler failed; retry later' } } });
    expect(await kinds(lead.id)).toEqual(['first']);
    expect(await hub.sql('leads', 'select id from inbox_message where id = any($1::uuid[])', [[batch[1].id, batch[2].id]])).toEqual([]);
    // A batch that fails at its first message is answered as a failure.
    const again = await deliverBatch(batch.slice(1));
    expect(again).toEqual({ status: 500, body: { ok: false, results: [], failed: { id: batch[1].id, error: 'handler failed; retry later' } } });
  });
});
