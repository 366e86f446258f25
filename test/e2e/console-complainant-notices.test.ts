import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { REPORT_LEAD, eventually, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, buildConsole, englishOn, launchChromium, requireChromium } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * 投诉人告知 on the console's lead page, in a real browser: the notices the union's acceptance and
 * transfer owe each complainant, which were sent and which failed; texts and names for the
 * handling agency, not for an agency still deciding on the transfer. Screenshots:
 * test-artifacts/console/complainant-notices-*.png.
 */
describe('notices owed to complainants on the lead page', () => {
  let hub: TestHub;
  let browser: Browser;
  let consoleDir: string;
  const problems: string[] = [];
  // The development identity 长治市总工会 受理员 (gateway/src/console.ts) and the union's SMS service.
  const union = tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明' });
  const notifier = tokenFor({ agency: 'UNION', region: '140400', id: 'dev-notifier-140400', name: '短信告知服务', roles: ['NOTIFIER'] });

  beforeAll(async () => {
    await clearOfShanghaiMidnight();
    requireChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    [consoleDir, browser] = await Promise.all([buildConsole(), launchChromium()]);
    hub = await startHub({ consoleDir });
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  async function openLead(identity: string, leadId: string, referenceNo: string, size: { width: number; height: number; mobile?: boolean }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, isMobile: size.mobile, hasTouch: size.mobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${hub.gatewayUrl}/console`);
    await page.getByRole('button', { name: `以“${identity}”登录` }).click();
    await page.getByRole('heading', { level: 1, name: '待办' }).waitFor();
    await page.evaluate(`location.hash = '#/leads/${leadId}'`);
    await page.getByRole('heading', { level: 1, name: `线索 ${referenceNo}` }).waitFor();
    return page;
  }

  test('the handling union sees each notice, its text and whether it went out; inspection, still deciding, sees only that they are owed', async () => {
    const complainants = [
      { name: '王某', idNumber: '11010519491231002X', phone: '13812345678' },
      { name: '李某', idNumber: '110105198001010032', phone: '13987654321' },
    ];
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ complainants }) }, { token: union })).reportLead;
    await eventually(async () => expect(ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { complainantNotices { id } } }', { id: lead.id }, { token: union })).lead.complainantNotices).toHaveLength(2));
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }));
    const queue = ok(await gql(hub.gatewayUrl, '{ complainantNotices { edges { node { id } } } }', {}, { token: notifier })).complainantNotices.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(queue).toHaveLength(4);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { markComplainantNoticeSent(id: $id, channel: SMS) { id } }', { id: queue[0] }, { token: notifier }));
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { markComplainantNoticeFailed(id: $id, reason: "号码已停机") { id } }', { id: queue[1] }, { token: notifier }));

    for (const [name, size] of [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844, mobile: true }]] as const) {
      const page = await openLead('长治市总工会 受理员', lead.id, lead.referenceNo, size);
      const section = page.getByRole('region', { name: '投诉人告知', exact: true });
      const rows = section.getByRole('row');
      await rows.nth(4).waitFor();
      expect(await rows.count()).toBe(5);
      const first = await rows.nth(1).innerText();
      expect(first).toContain('受理告知');
      expect(first).toContain('长治市工会');
      expect(first).toContain('王某');
      expect(first).toMatch(/已发送（短信 /);
      expect(first).toContain(`王某您好：您反映的欠薪问题（线索编号 ${lead.referenceNo}）已由长治市工会受理`);
      const second = await rows.nth(2).innerText();
      expect(second).toContain('李某');
      expect(second).toContain('发送失败（已尝试 1 次：号码已停机）');
      expect(second).not.toContain('王某');
      expect(await rows.nth(3).innerText()).toContain('移送告知');
      expect(await rows.nth(3).innerText()).toContain('待发送');
      expect(await englishOn(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `complainant-notices-union-${name}.png`), fullPage: true });
      await page.context().close();
    }

    // Labour inspection may read the lead while it decides on the transfer, not the notices' texts or names.
    const page = await openLead('长治市劳动监察 办案员', lead.id, lead.referenceNo, { width: 1366, height: 768 });
    const section = page.getByRole('region', { name: '投诉人告知', exact: true });
    await section.getByRole('row').nth(4).waitFor();
    const text = await section.innerText();
    expect(text).toContain('第 1 位投诉人');
    expect(text).toContain('（仅办理单位可见）');
    expect(text).not.toContain('王某');
    expect(text).not.toContain('号码已停机');
    expect(await englishOn(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'complainant-notices-inspection.png'), fullPage: true });
    await page.context().close();
    expect(problems).toEqual([]);
  });
});
