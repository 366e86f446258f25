import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, buildConsole, englishOn, launchChromium, requireChromium } from '../support/console';

/**
 * 通知 in the staff console: the header counts the unread; the screen lists what arrived for the
 * unit, in Chinese, each linking to its lead; marking one read takes it off the count. Desktop
 * and phone. Screenshots: test-artifacts/console/notifications-*.png.
 */
describe('staff console: notifications', () => {
  let hub: TestHub;
  let browser: Browser;
  let consoleDir: string;
  const problems: string[] = [];
  // The development identities' own tokens, for the acts done through the API.
  const union = () => tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明', roles: ['INTAKE', 'HANDLER'] });
  const inspector = () => tokenFor({ agency: 'INSPECTION', region: '140400', id: 'dev-inspection-140400', name: '赵刚', roles: ['INTAKE', 'HANDLER'] });

  beforeAll(async () => {
    requireChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    [consoleDir, browser] = await Promise.all([buildConsole(), launchChromium()]);
    hub = await startHub({ consoleDir });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: o.width, height: o.height }, isMobile: o.mobile, hasTouch: o.mobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${hub.gatewayUrl}/console`);
    return { context, page };
  }
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `notifications-${name}.png`), fullPage: true });
  async function signInAs(page: Page, identity: string) {
    await page.getByRole('button', { name: `以“${identity}”登录` }).click();
    await heading(page, '待办');
  }
  const report = async () => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: union() })).reportLead as { id: string; referenceNo: string };
  const send = async (leadId: string) =>
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union() })).transferLead as { id: string };

  test('desktop: the receiving inspector sees the count, reads the transfer\'s notification, marks it read and opens the lead', async () => {
    const [a, b] = [await report(), await report()];
    await send(a.id);
    await send(b.id);
    const { context, page } = await open({ width: 1366, height: 768 });
    await signInAs(page, '长治市劳动监察 办案员');
    await nav(page).getByRole('link', { name: '通知，2 条未读' }).waitFor();

    await nav(page).getByRole('link', { name: /^通知/ }).click();
    await heading(page, '通知');
    const list = page.getByRole('list', { name: '通知列表' });
    const items = list.getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    // Newest first, in Chinese, naming the lead and what is due.
    expect(await items.nth(0).innerText()).toMatch(new RegExp(`^未读 线索 ${b.referenceNo}：工会向本单位移送，请及时受理或退回；反馈期限 \\d{4}-\\d{2}-\\d{2}`));
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '01-desktop-unread');

    await items.nth(1).getByRole('button', { name: new RegExp(`^标为已读：线索 ${a.referenceNo}`) }).click();
    await page.getByRole('status').filter({ hasText: `已将线索 ${a.referenceNo} 的通知标为已读。` }).waitFor();
    await nav(page).getByRole('link', { name: '通知，1 条未读' }).waitFor();
    expect(await items.nth(1).innerText()).toMatch(/^已读 /);
    expect(await items.nth(1).getByRole('button').count()).toBe(0);

    // Only the unread: the one left.
    await page.getByLabel('显示').selectOption({ label: '未读' });
    await list.getByRole('listitem').filter({ hasText: a.referenceNo }).waitFor({ state: 'detached' });
    expect(await items.count()).toBe(1);
    await page.getByRole('button', { name: '本页全部标为已读' }).click();
    await page.getByRole('status').filter({ hasText: '已将 1 条通知标为已读。' }).waitFor();
    await nav(page).getByRole('link', { name: '通知', exact: true }).waitFor();

    await items.first().getByRole('link', { name: `查看线索 ${b.referenceNo}` }).click();
    await heading(page, `线索 ${b.referenceNo}`);
    await context.close();
    // The reads are the inspector's own: the API says so too.
    const after = ok(await gql(hub.gatewayUrl, '{ unreadNotificationCount }', {}, { token: inspector() }));
    expect(after.unreadNotificationCount).toBe(0);
    expect(problems).toEqual([]);
  });

  test('phone: the sender is told its transfer was accepted; the list fits the width and shows no English', async () => {
    const lead = await report();
    const t = await send(lead.id);
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }, { token: inspector() }));
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAs(page, '长治市总工会 受理员');
    await nav(page).getByRole('link', { name: /^通知，\d+ 条未读$/ }).click();
    await heading(page, '通知');
    const item = page.getByRole('list', { name: '通知列表' }).getByRole('listitem').filter({ hasText: lead.referenceNo });
    expect(await item.innerText()).toContain(`线索 ${lead.referenceNo}：劳动保障监察已受理本单位的移送，请等待其反馈`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '02-phone');
    await item.getByRole('link', { name: `查看线索 ${lead.referenceNo}` }).click();
    await heading(page, `线索 ${lead.referenceNo}`);
    await context.close();
    expect(problems).toEqual([]);
  });
});
