import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, buildConsole, englishOn, launchChromium, requireChromium } from '../support/console';

process.env.WEBHOOK_POLL_MS = '100';

/**
 * 推送订阅 in the staff console: a supervisor subscribes an endpoint (refusals shown at the fields),
 * sees the signing secret once, follows deliveries in the log and sends a test event; a handler is
 * not offered the screen.
 */
describe('staff console: webhook subscriptions', () => {
  let hub: TestHub;
  let browser: Browser;
  let consoleDir: string;
  const received: { kind: string }[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { kind: string });
      res.writeHead(204).end();
    });
  });
  let url = '';

  beforeAll(async () => {
    requireChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hub`;
    [consoleDir, browser] = await Promise.all([buildConsole(), launchChromium()]);
    hub = await startHub({ consoleDir });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  async function signInAs(page: Page, identity: string) {
    await page.getByRole('button', { name: `以“${identity}”登录` }).click();
    await heading(page, '待办');
  }
  /** English on the screen but the endpoint's own address (the words of a URL are no language). */
  const english = async (page: Page) => (await englishOn(page)).filter((w) => !['http', 'https', 'hub'].includes(w));

  test('a supervisor subscribes, keeps the secret shown once, follows the delivery log and sends a test event', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${hub.gatewayUrl}/console`);

    await signInAs(page, '长治市总工会 受理员');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '推送订阅' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInAs(page, '山西省总工会 主管');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '推送订阅' }).click();
    await heading(page, '推送订阅');
    await page.getByText('还没有推送订阅。').waitFor();
    expect(await english(page)).toEqual([]);

    // Refused at the fields: an address with a password, no event kind chosen.
    const main = page.getByRole('main');
    await main.getByLabel('推送地址').fill('https://user:pw@receiver.example/hub');
    await main.getByRole('button', { name: '订阅' }).click();
    await main.getByText('推送地址须为完整的 https:// 地址，且不含用户名和密码').waitFor();
    expect(await main.getByLabel('推送地址').getAttribute('aria-invalid')).toBe('true');
    expect(await main.getByRole('group', { name: '事件类型' }).getAttribute('aria-invalid')).toBe('true');
    await main.getByText('事件类型须至少选择一类事件').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wh-url');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-01-refused.png'), fullPage: true });

    await main.getByLabel('推送地址').fill(url);
    await main.getByLabel('登记线索', { exact: true }).check();
    await main.getByLabel('发起移送', { exact: true }).check();
    await main.getByLabel('用途说明（可不填）').fill('省总工会信息系统');
    await main.getByRole('button', { name: '订阅' }).click();
    await page.getByRole('status').filter({ hasText: '已订阅。签名密钥只显示这一次' }).waitFor();
    const secret = await page.getByRole('region', { name: '新的签名密钥' }).getByLabel('签名密钥').inputValue();
    expect(secret).toMatch(/^whsec_/);
    const table = page.getByRole('region', { name: '推送订阅表' });
    const row = table.getByRole('row').filter({ hasText: url });
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('140000 登记线索、发起移送 推送中 0 次');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-02-secret-once.png'), fullPage: true });
    // Hidden once kept, and not shown again anywhere.
    await page.getByRole('button', { name: '我已保存，隐藏密钥' }).click();
    expect(await page.locator('main').innerText()).not.toContain(secret);

    // Changed later: the form starts from its current address and events, and the table follows.
    await row.getByRole('button', { name: `修改：${url}` }).click();
    await main.getByRole('heading', { name: `修改推送订阅：${url}` }).waitFor();
    expect(await main.getByLabel('登记线索', { exact: true }).isChecked()).toBe(true);
    expect(await main.getByLabel('用途说明（可不填）').inputValue()).toBe('省总工会信息系统');
    await main.getByLabel('接收移送', { exact: true }).check();
    await main.getByRole('button', { name: '保存修改' }).click();
    await page.getByRole('status').filter({ hasText: '已修改推送订阅' }).waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('140000 登记线索、发起移送、接收移送 推送中 0 次');
    await main.getByRole('heading', { name: '新建推送订阅' }).waitFor();

    // A lead in the province: delivered, and the log says so.
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: tokenFor({ agency: 'UNION', region: '140400' }) })).reportLead as { referenceNo: string };
    await row.getByRole('button', { name: `推送记录：${url}` }).click();
    const log = page.getByRole('region', { name: '推送记录表' });
    for (;;) {
      await page.getByRole('button', { name: '刷新推送记录' }).click();
      const text = (await log.innerText().catch(() => '')).replace(/\s+/g, ' ');
      if (text.includes(`登记线索 ${lead.referenceNo} 已送达 1 次 204`)) break;
      await page.waitForTimeout(200);
    }

    await row.getByRole('button', { name: `发送测试事件：${url}` }).click();
    await page.getByRole('status').filter({ hasText: '已发送测试事件' }).waitFor();
    for (;;) {
      await page.getByRole('button', { name: '刷新推送记录' }).click();
      if ((await log.innerText()).replace(/\s+/g, ' ').includes('测试事件 — 已送达 1 次 204')) break;
      await page.waitForTimeout(200);
    }
    expect(received.map((r) => r.kind)).toEqual(['LEAD_REPORTED', 'TEST']);
    expect(await english(page)).toEqual([]);

    // Paused and resumed from the list.
    await row.getByRole('button', { name: `暂停：${url}` }).click();
    await page.getByRole('status').filter({ hasText: '已暂停推送。' }).waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('已暂停（主管暂停）');
    await row.getByRole('button', { name: `恢复：${url}` }).click();
    await page.getByRole('status').filter({ hasText: '已恢复推送' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-03-log.png'), fullPage: true });

    // At a phone's width the screen still works: the tables scroll in their own regions.
    await page.setViewportSize({ width: 390, height: 844 });
    await row.getByRole('button', { name: '更换签名密钥' }).click();
    await page.getByRole('alertdialog', { name: '确认更换签名密钥' }).getByRole('button', { name: '确认更换签名密钥' }).click();
    const rotated = await page.getByRole('region', { name: '新的签名密钥' }).getByLabel('签名密钥').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-04-phone.png'), fullPage: true });
    expect(await english(page)).toEqual([]);
    await context.close();
  });
});
