import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, DESKTOP, PHONE, englishOn, focusedId, heading, openConsole, signInAs, signOut, startConsoleHub, status } from '../support/console';

/**
 * 个人信息查阅记录 in the staff console: a complainant asks who saw their data; the union's
 * supervisor looks their ID number up (a malformed one refused at the control), and reads who saw
 * it, on which lead, what and how, in Chinese; a handler is not offered the screen. Desktop and
 * phone. Screenshots: test-artifacts/console/personal-data-*.png.
 */
describe('staff console: who saw a person’s data', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const ID = '11010519491231002X'; // leadInput's complainant
  let referenceNo = '';

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
    const handler = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: handler })).reportLead as { id: string; referenceNo: string };
    referenceNo = lead.referenceNo;
    // The handler opens the lead and sees the number in full: that sighting is on the record.
    ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { complainants { idNumber phone } } }', { id: lead.id }, { token: handler }));
  });
  afterAll(async () => {
    await stopConsole?.();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const nav = (page: import('playwright-core').Page) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '个人信息查阅记录' });

  test.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('%s: a malformed number refused at its control, then the record of who saw the person’s data', async (name, view) => {
    const { context, page } = await openConsole(browser, hub.gatewayUrl, { ...view, problems });
    await signInAs(page, '长治市总工会 受理员');
    expect(await nav(page).count()).toBe(0);
    await signOut(page);

    await signInAs(page, '山西省总工会 主管');
    await nav(page).click();
    await heading(page, '个人信息查阅记录');
    const field = page.getByLabel('投诉人身份证号码');
    await field.fill('110105194912310021');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#pda-id[aria-invalid="true"]').waitFor();
    expect(await focusedId(page)).toBe('pda-id');
    expect(await page.locator('#pda-id-error').innerText()).toMatch(/身份证/);
    expect(await englishOn(page)).toEqual([]);

    await field.fill(ID);
    await page.getByRole('button', { name: '查询' }).click();
    await status(page, '条查阅记录（最新在前）');
    const row = page.getByRole('region', { name: '个人信息查阅记录表' }).getByRole('row').filter({ hasText: referenceNo });
    expect((await row.first().innerText()).replace(/\s+/g, ' ')).toContain(`${referenceNo}（第 1 位投诉人） 李明（工会） 身份证号码、联系电话 查看线索`);
    expect(await page.locator('#pda-id').getAttribute('aria-invalid')).toBeNull();
    if (view.mobile) expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, `personal-data-${name}.png`), fullPage: true });
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });
});
