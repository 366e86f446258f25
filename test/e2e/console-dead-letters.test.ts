import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { type Browser } from 'playwright-core';
import { MESSAGES_PATH, SIGNATURE_HEADER, sign } from '../../lib/outbox/message';
import { internalSecret } from '../../lib/config';
import { CASE_CLOSED } from '../../lib/messages';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, signInAs, startConsoleHub, DESKTOP, openConsole } from '../support/console';

/**
 * 投递失败的消息 in the staff console: a message the registry refused (a closure from an agency it
 * had not yet seen reach the lead) is shown to a supervisor with its reason in Chinese, retried in
 * vain while its cause stands, and applied once the cause is resolved. Handlers are not offered it.
 */
describe('staff console: refused messages', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const union = () => tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明', roles: ['INTAKE', 'HANDLER'] });
  const inspector = () => tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-wang', roles: ['HANDLER'] });

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  });
  afterAll(async () => {
    await stopConsole?.();
  });

  async function deliver(type: string, payload: object) {
    const body = JSON.stringify({ id: randomUUID(), source: 'inspection', type, occurredAt: new Date().toISOString(), payload });
    const r = await fetch(hub.services.leads.url + MESSAGES_PATH, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, internalSecret()) }, body });
    expect(await r.json()).toMatchObject({ ok: true, deadLetter: 'AGENCY_NOT_INVOLVED' });
  }

  test('a supervisor sees a refused message with its reason, retries it in vain, then with effect once the cause is resolved', async () => {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union() })).reportLead as { id: string; referenceNo: string };
    const closure = { reason: 'NO_ARREARS_FOUND', amountRecoveredFen: '0', workersPaid: 0, note: '', closedAt: new Date().toISOString(), closedBy: 'insp-wang' };
    await deliver(CASE_CLOSED, { leadId: lead.id, agency: 'INSPECTION', closure });

    const { context, page } = await openConsole(browser, hub.gatewayUrl, DESKTOP);

    // A handler is not offered the screen.
    await signInAs(page, '长治市总工会 受理员');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '投递失败的消息' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInAs(page, '山西省总工会 主管');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '投递失败的消息' }).click();
    await heading(page, '投递失败的消息');
    const table = page.getByRole('region', { name: '投递失败的消息表' });
    const row = table.getByRole('row').filter({ hasText: '劳动保障监察未参与该线索。' });
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('结案 劳动保障监察 查看线索 劳动保障监察未参与该线索。');
    expect(await englishOn(page)).toEqual([]);

    // Retried while the cause stands: still refused, said so.
    await row.getByRole('button', { name: /^重新处理/ }).click();
    await page.getByRole('status').filter({ hasText: '重新处理仍未成功（第 2 次）：劳动保障监察未参与该线索。' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dead-letters-01-refused.png'), fullPage: true });

    // The cause resolved (the lead reaches labour inspection), the retry applies the closure.
    const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union() })).transferLead;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }, { token: inspector() }));
    await row.getByRole('button', { name: /^重新处理/ }).click();
    await page.getByRole('status').filter({ hasText: '已重新处理，消息已生效（第 3 次）。' }).waitFor();
    await page.getByText('没有未解决的投递失败的消息。').waitFor();
    await page.getByLabel('显示').selectOption({ label: '全部' });
    await table.getByRole('row').filter({ hasText: '已解决' }).waitFor();
    expect(await englishOn(page)).toEqual([]);
    const agencies = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { agencies { agency closureState } } }', { id: lead.id }, { token: union() })).lead.agencies;
    expect(agencies).toEqual(expect.arrayContaining([{ agency: 'INSPECTION', closureState: 'CLOSED' }]));
    await context.close();
  });
});
