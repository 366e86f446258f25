import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, DESKTOP, PHONE, englishOn, heading, openConsole, startConsoleHub, status } from '../support/console';

/**
 * 投诉人告知 for the unit's NOTIFIER in a real browser: the notices owed to complainants (首问负责制)
 * with the name, phone and text to send, reported sent by SMS or letter, or not delivered with a
 * reason, refused at the field when the way it was sent is not chosen. Screenshots:
 * test-artifacts/console/notice-queue-*.png.
 */
describe('the notifier works through the notices owed to complainants', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: () => Promise<void>;
  const union = tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明' });
  const notifier = tokenFor({ agency: 'UNION', region: '140400', id: 'dev-notifier-140400', name: '短信告知服务', roles: ['NOTIFIER'] });

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  });
  afterAll(() => stopConsole?.());

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('at %s width: sent by SMS, then one not delivered', async (name, view) => {
    const report = async (complainant: string) =>
      ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ complainants: [{ name: complainant, idNumber: '11010519491231002X', phone: '13812345678' }] }) }, { token: union })).reportLead as { referenceNo: string };
    const first = await report(`${name === 'desktop' ? '赵' : '钱'}某甲`);
    const second = await report(`${name === 'desktop' ? '赵' : '钱'}某乙`);
    const problems: string[] = [];
    const { context, page } = await openConsole(browser, hub.gatewayUrl, { ...view, token: notifier, route: '#/complainant-notices', problems });
    await heading(page, '投诉人告知');
    const card = (referenceNo: string) => page.getByRole('article').filter({ hasText: referenceNo });
    await card(first.referenceNo).waitFor();
    // What to send, and to whom: the text names the unit and the lead, the phone is there to send it to.
    const text = (await card(first.referenceNo).innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('受理告知');
    expect(text).toContain('13812345678');
    expect(text).toContain(first.referenceNo);
    expect(await englishOn(page)).toEqual([]);

    // Nothing asserted by default: the way it went out must be chosen.
    await card(first.referenceNo).getByRole('button', { name: '登记已发送' }).click();
    expect(await card(first.referenceNo).getByLabel('发送方式').evaluate((e: HTMLSelectElement) => e.validity.valueMissing)).toBe(true);
    await card(first.referenceNo).getByLabel('发送方式').selectOption('SMS');
    await card(first.referenceNo).getByRole('button', { name: '登记已发送' }).click();
    await status(page, '的告知已发送');
    await card(first.referenceNo).waitFor({ state: 'detached' });

    await card(second.referenceNo).getByLabel('未送达原因').fill('号码已停机');
    await card(second.referenceNo).getByRole('button', { name: '登记未送达' }).click();
    await status(page, '的告知未送达');
    await card(second.referenceNo).waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, `notice-queue-${name}-pending.png`), fullPage: true });

    await page.getByLabel('显示').selectOption('FAILED');
    await card(second.referenceNo).getByText('已有 1 次未送达，最近一次：号码已停机。').waitFor();
    await page.getByLabel('显示').selectOption('SENT');
    await card(first.referenceNo).getByText(/以短信发送/).waitFor();
    expect(await englishOn(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `notice-queue-${name}-sent.png`), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
