import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, openConsole, signInAs, signOut, startConsoleHub, status } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { addDays, shanghaiDate } from '../../lib/dates';

/**
 * The union's casework in the staff console (real Chromium, the whole hub on real PostgreSQL): on
 * a lead the union registered, its handler records a mediation and legal aid; the province
 * supervisor pays into the city's relief fund (应急救助周转金) and hands the case to another
 * first-contact handler; the handler advances wages from the fund (one advance refused for being
 * more than the fund holds) and records money recovered (one recovery refused for being more than
 * is outstanding), at desktop and phone widths. Screenshots: test-artifacts/console/union-*.png.
 */
describe('union casework in the staff console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  let referenceNo = '';
  let today = '';

  beforeAll(async () => {
    await clearOfShanghaiMidnight();
    today = shanghaiDate(new Date());
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
    // Registered by the union's intake in 长治 (the development identity's staff id, so it is the handler),
    // received two days ago so that acts can be entered after the fact.
    const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    referenceNo = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ workerCount: 4, amountOwed: '89195.00', receivedAt: `${addDays(today, -2)}T09:00:00+08:00` }) }, { token: union })).reportLead.referenceNo;
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `union-${name}.png`), fullPage: true });

  async function openLead(page: Page) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('link', { name: referenceNo }).click();
    await heading(page, `线索 ${referenceNo}`);
    await page.getByRole('heading', { name: '工会案件' }).waitFor();
  }
  /** The union case's facts, as a person reads them beside their terms. */
  const fact = (page: Page, term: string) => page.locator('.union-casework dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  /** One advance's row in the 垫付工资表, by its agreement number: the cells' texts. */
  const advanceRow = async (page: Page, agreementNo: string) =>
    page.getByRole('region', { name: '垫付工资表' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: agreementNo }) }).getByRole('cell').allTextContents();


  test('desktop: mediation, legal aid, a supervisor’s deposit and reassignment, an advance refused then granted, a recovery refused then recorded', async () => {
    const { context, page } = await open({ width: 1366, height: 768 });
    await signInAs(page, '长治市总工会 受理员');
    await openLead(page);
    expect(await fact(page, '首问负责人').textContent()).toBe('李明（本人）'); // registered under this identity's staff id
    expect(await fact(page, '调解').textContent()).toContain('尚无调解记录');
    // A handler is offered no supervisor's acts, and there is no fund to advance from yet.
    expect(await page.getByRole('group', { name: '更换首问负责人' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: '向应急救助周转金存入资金' }).count()).toBe(0);
    await page.getByRole('group', { name: '垫付工资（应急救助周转金）' }).getByText('请主管先向周转金存入资金').waitFor();
    const missingLabels = await page.evaluate<string[]>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)",
    );
    expect(missingLabels).toEqual([]);

    // 调解: nothing chosen or typed for the person; the settlement's terms are typed.
    const mediation = page.getByRole('group', { name: '记录调解' });
    expect(await mediation.getByLabel('调解结果').inputValue()).toBe('');
    expect(await mediation.getByLabel('约定支付金额（元）').inputValue()).toBe('');
    expect(await mediation.getByLabel('约定支付期限').inputValue()).toBe('');
    const payBy = addDays(today, 30);
    await mediation.getByLabel('调解结果').selectOption({ label: '达成调解' });
    await mediation.getByLabel('约定支付金额（元）').fill('89195.00');
    await mediation.getByLabel('调解情况').fill('企业同意分两次支付全部欠薪');
    await mediation.getByRole('button', { name: '记录调解' }).click();
    // A settlement without its pay-by date: refused at that control, in Chinese, with focus there.
    await mediation.locator('#um-payby-error').waitFor();
    expect(await mediation.getByLabel('约定支付期限').getAttribute('aria-invalid')).toBe('true');
    expect(await mediation.locator('#um-payby-error').textContent()).toContain('约定支付期限为必填项');
    expect(await focusedId(page)).toBe('um-payby');
    await mediation.getByLabel('约定支付期限').fill(payBy);
    await mediation.getByRole('button', { name: '记录调解' }).click();
    await status(page, `已记录调解：达成调解，约定 ${payBy} 前支付 89,195.00 元`);
    expect(await fact(page, '调解').textContent()).toContain(`达成调解：企业同意分两次支付全部欠薪（约定 ${payBy} 前支付 89,195.00 元）`);
    expect(await mediation.getByLabel('调解结果').inputValue()).toBe('');

    const legalAid = page.getByRole('group', { name: '记录法律援助' });
    await legalAid.getByLabel('法律援助提供方').fill('长治市法律援助中心');
    await legalAid.getByLabel('提供日期').fill(today);
    await legalAid.getByLabel('援助情况说明').fill('为4名劳动者提供法律咨询');
    await legalAid.getByRole('button', { name: '记录法律援助' }).click();
    await status(page, '已记录法律援助（长治市法律援助中心）');
    expect(await fact(page, '法律援助').textContent()).toBe(`${today} 长治市法律援助中心：为4名劳动者提供法律咨询`);
    await signOut(page);

    // The province supervisor pays into 长治's fund and hands the case to another handler.
    await signInAs(page, '山西省总工会 主管');
    await openLead(page);
    expect(await fact(page, '首问负责人').textContent()).toBe('李明'); // named as the timeline names who registered it, not by staff id
    const deposit = page.getByRole('group', { name: '向应急救助周转金存入资金' });
    expect(await deposit.getByLabel('存入周转金').inputValue()).toBe('');
    expect(await deposit.getByLabel('存入金额（元）').inputValue()).toBe('');
    await deposit.getByLabel('存入周转金').selectOption({ label: '山西省 长治市（140400）' });
    await deposit.getByLabel('存入金额（元）').fill('5000.00');
    await deposit.getByLabel('资金来源说明').fill('市财政拨付应急周转金');
    await deposit.getByRole('button', { name: '存入', exact: true }).click();
    await deposit.getByRole('alertdialog', { name: '确认存入' }).getByText('向山西省 长治市（140400）周转金存入 5000.00 元').waitFor();
    await deposit.getByRole('button', { name: '确认存入' }).click();
    await status(page, '已向山西省 长治市（140400）应急救助周转金存入 5,000.00 元');
    expect(await fact(page, '应急救助周转金').textContent()).toBe('山西省 长治市（140400）：余额 5,000.00 元（累计垫付 0.00 元，累计追回 0.00 元）');

    const reassign = page.getByRole('group', { name: '更换首问负责人' });
    await reassign.getByLabel('新的首问负责人（工号）').fill('dev-union-140400');
    await reassign.getByLabel('更换原因').fill('原负责人调岗');
    await reassign.getByRole('button', { name: '更换负责人' }).click();
    await reassign.getByRole('button', { name: '确认更换负责人' }).click();
    // The same handler again: refused at the handler's field.
    await reassign.locator('#rh-handler-error').waitFor();
    expect(await reassign.getByLabel('新的首问负责人（工号）').getAttribute('aria-invalid')).toBe('true');
    expect(await reassign.locator('#rh-handler-error').textContent()).toContain('已是当前责任人');
    expect(await focusedId(page)).toBe('rh-handler');
    await reassign.getByLabel('新的首问负责人（工号）').fill('1404000027');
    await reassign.getByRole('button', { name: '更换负责人' }).click();
    await reassign.getByRole('button', { name: '确认更换负责人' }).click();
    await status(page, '已更换首问负责人为 1404000027');
    expect(await fact(page, '首问负责人').textContent()).toBe('工作人员（编号 1404000027）'); // has not acted on the lead yet: only the staff number is known
    await shot(page, '01-supervisor');
    expect(await englishOn(page)).toEqual([]);
    await signOut(page);

    // The handler advances wages from the fund: first more than it holds.
    await signInAs(page, '长治市总工会 受理员');
    await openLead(page);
    const advance = page.getByRole('group', { name: '垫付工资（应急救助周转金）' });
    expect(await advance.getByLabel('周转金').inputValue()).toBe('');
    expect(await advance.getByLabel('垫付金额（元）').inputValue()).toBe('');
    await advance.getByLabel('周转金').selectOption({ label: '山西省 长治市（140400）' });
    await advance.getByText('可用余额 5,000.00 元').waitFor();
    await advance.getByLabel('垫付金额（元）').fill('6000.00');
    await advance.getByLabel('垫付人数').fill('4');
    await advance.getByLabel('追偿委托协议编号').fill('长工追字〔2026〕第12号');
    await advance.getByRole('button', { name: '垫付', exact: true }).click();
    await advance.getByRole('alertdialog', { name: '确认垫付' }).getByText('为 4 名劳动者垫付 6000.00 元').waitFor();
    await advance.getByRole('button', { name: '确认垫付' }).click();
    await advance.locator('#ad-amount-error').waitFor();
    expect(await advance.getByLabel('垫付金额（元）').getAttribute('aria-invalid')).toBe('true');
    expect(await advance.locator('#ad-amount-error').textContent()).toContain('周转金余额 5000.00 元');
    expect(await focusedId(page)).toBe('ad-amount');
    expect(await page.getByText(/已从.*周转金垫付/).count()).toBe(0); // nothing said to be done
    await shot(page, '02-advance-refused');
    expect(await englishOn(page)).toEqual([]);

    await advance.getByLabel('垫付金额（元）').fill('3000.00');
    await advance.getByRole('button', { name: '垫付', exact: true }).click();
    await advance.getByRole('button', { name: '确认垫付' }).click();
    await status(page, '已从山西省 长治市（140400）周转金垫付 3,000.00 元');
    expect(await advanceRow(page, '长工追字〔2026〕第12号')).toEqual([today.replace(/-/g, '/'), '山西省 长治市（140400）', '4 人', '3,000.00 元', '0.00 元', '3,000.00 元']);
    expect(await fact(page, '应急救助周转金').textContent()).toContain('余额 2,000.00 元（累计垫付 3,000.00 元');

    // Recovery: more than outstanding is refused at its control; then a part is recorded.
    const recovery = page.getByRole('group', { name: '追回垫付款（追偿协议 长工追字〔2026〕第12号，尚未追回 3,000.00 元）' });
    await recovery.getByLabel('追回金额（元）').fill('3500.00');
    await recovery.getByRole('button', { name: '记录追回' }).click();
    await recovery.getByRole('button', { name: '确认记录追回' }).click();
    await recovery.locator('.field-error').waitFor();
    expect(await recovery.getByLabel('追回金额（元）').getAttribute('aria-invalid')).toBe('true');
    expect(await recovery.locator('.field-error').textContent()).toContain('尚未追回的 3000.00 元');
    expect(await focusedId(page)).toMatch(/^rc-amount-/);
    await recovery.getByLabel('追回金额（元）').fill('1000.00');
    await recovery.getByRole('button', { name: '记录追回' }).click();
    await recovery.getByRole('button', { name: '确认记录追回' }).click();
    await status(page, '已记录追回 1,000.00 元（追偿协议 长工追字〔2026〕第12号），款项已回到周转金');
    expect(await advanceRow(page, '长工追字〔2026〕第12号')).toEqual([today.replace(/-/g, '/'), '山西省 长治市（140400）', '4 人', '3,000.00 元', '1,000.00 元', '2,000.00 元']);
    expect(await fact(page, '应急救助周转金').textContent()).toBe('山西省 长治市（140400）：余额 3,000.00 元（累计垫付 3,000.00 元，累计追回 1,000.00 元）');
    await page.getByRole('group', { name: '追回垫付款（追偿协议 长工追字〔2026〕第12号，尚未追回 2,000.00 元）' }).waitFor();
    await shot(page, '03-handler-desktop');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('phone: the handler recovers the rest of the advance; the page fits the width and shows no English', async () => {
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAs(page, '长治市总工会 受理员');
    await openLead(page);
    const recovery = page.getByRole('group', { name: '追回垫付款（追偿协议 长工追字〔2026〕第12号，尚未追回 2,000.00 元）' });
    await recovery.getByLabel('追回金额（元）').fill('2000.00');
    await recovery.getByRole('button', { name: '记录追回' }).click();
    await recovery.getByRole('button', { name: '确认记录追回' }).click();
    await status(page, '已记录追回 2,000.00 元');
    expect(await advanceRow(page, '长工追字〔2026〕第12号')).toEqual([today.replace(/-/g, '/'), '山西省 长治市（140400）', '4 人', '3,000.00 元', '3,000.00 元', '0.00 元']);
    // Nothing left outstanding: no recovery form for it any more.
    expect(await page.getByRole('group', { name: /^追回垫付款/ }).count()).toBe(0);
    expect(await fact(page, '应急救助周转金').textContent()).toBe('山西省 长治市（140400）：余额 5,000.00 元（累计垫付 3,000.00 元，累计追回 3,000.00 元）');

    // A failed mediation held yesterday, entered today: its terms are left empty, its time is
    // yesterday's; a time not yet come is refused at the control.
    const mediation = page.getByRole('group', { name: '记录调解' });
    expect(await mediation.getByLabel('调解时间').inputValue()).toBe(''); // empty is now
    await mediation.getByLabel('调解结果').selectOption({ label: '调解不成' });
    await mediation.getByLabel('调解情况').fill('企业拒绝支付剩余款项');
    await mediation.getByLabel('调解时间').fill(`${addDays(today, 1)}T10:30`);
    await mediation.getByRole('button', { name: '记录调解' }).click();
    await mediation.locator('#um-at-error').waitFor();
    expect(await mediation.locator('#um-at-error').textContent()).toContain('不能晚于当前时间');
    expect(await mediation.getByLabel('调解时间').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toBe('um-at');
    await mediation.getByLabel('调解时间').fill(`${addDays(today, -1)}T10:30`);
    await mediation.getByRole('button', { name: '记录调解' }).click();
    await status(page, '已记录调解：调解不成');
    const yesterday = addDays(today, -1).replace(/-/g, '/');
    expect(await fact(page, '调解').textContent()).toMatch(new RegExp(`${yesterday} 10:30（${today.replace(/-/g, '/')} \\d\\d:\\d\\d 补录） 调解不成：企业拒绝支付剩余款项`));

    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '04-handler-phone');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
