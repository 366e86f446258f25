import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, startConsoleHub, status, DESKTOP, openConsole } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { addDays, shanghaiDate } from '../../lib/dates';

/**
 * The procuratorate's support to sue in the staff console (real Chromium, the whole hub on real
 * PostgreSQL): on a lead the union applied for support with, the prosecutor decides to support,
 * records the letter (one dated before the lead was received refused at its date), the filing, a hearing and
 * its result, an outcome in two installments and a payment. Screenshots: test-artifacts/console/litigation-*.png.
 */
describe('litigation casework in the staff console', () => {
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
    const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const prosecutor = tokenFor({ id: 'dev-procuratorate-140400', name: '陈静', agency: 'PROCURATORATE', region: '140400', roles: ['HANDLER'] });
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ workerCount: 3, amountOwed: '60000.00' }) }, { token: union })).reportLead;
    referenceNo = lead.referenceNo;
    const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '申请支持起诉' } }, { token: union })).transferLead;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }', { id: t.id }, { token: prosecutor }));
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  const fact = (page: Page, term: string) => page.locator('.litigation-casework dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

  test('desktop: the prosecutor supports the case through to an outcome in two installments and a payment', async () => {
    const { context, page } = await openConsole(browser, hub.gatewayUrl, { ...DESKTOP, problems });
    await page.getByRole('button', { name: '以“长治市人民检察院 检察官”登录' }).click();
    await heading(page, '待办');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('link', { name: referenceNo }).click();
    await heading(page, `线索 ${referenceNo}`);
    await page.getByRole('heading', { name: '支持起诉与诉讼' }).waitFor();
    expect(await fact(page, '支持起诉决定').textContent()).toBe('尚未决定');
    // Nothing offered before the decision but the decision.
    expect(await page.getByRole('group', { name: '立案' }).count()).toBe(0);

    const decision = page.getByRole('group', { name: '支持起诉决定' });
    expect(await decision.getByLabel('决定时间').inputValue()).toBe(''); // empty is now; a decision entered later is dated when it was taken
    expect(await decision.getByLabel('决定', { exact: true }).inputValue()).toBe('');
    await decision.getByLabel('决定', { exact: true }).selectOption({ label: '支持起诉' });
    await decision.getByLabel('理由').fill('劳动者维权能力弱');
    await decision.getByRole('button', { name: '记录决定' }).click();
    await status(page, '已决定支持起诉');
    expect(await fact(page, '支持起诉决定').textContent()).toContain('决定支持起诉：劳动者维权能力弱');

    // A letter dated before the lead was received: refused at its date, in Chinese, with focus there.
    const letter = page.getByRole('group', { name: '支持起诉书' });
    await letter.getByLabel('文书编号').fill('长检民支〔2026〕1号');
    await letter.getByLabel('出具日期').fill(addDays(today, -1));
    await letter.getByRole('button', { name: '记录支持起诉书' }).click();
    await letter.locator('#ll-on-error').waitFor();
    expect(await letter.getByLabel('出具日期').getAttribute('aria-invalid')).toBe('true');
    expect(await letter.locator('#ll-on-error').textContent()).toBe(`出具日期早于线索受理日期（${today}）`);
    expect(await focusedId(page)).toBe('ll-on');
    expect(await englishOn(page)).toEqual([]);
    await letter.getByLabel('出具日期').fill(today);
    await letter.getByRole('button', { name: '记录支持起诉书' }).click();
    await status(page, '已记录支持起诉书 长检民支〔2026〕1号');
    expect(await fact(page, '支持起诉书').textContent()).toBe(`长检民支〔2026〕1号（${today} 出具）`);

    const filing = page.getByRole('group', { name: '立案' });
    await filing.getByLabel('受理法院').fill('长治市中级人民法院');
    await filing.getByLabel('案号').fill('(2026)晋04民初1号');
    await filing.getByLabel('立案日期').fill(today);
    await filing.getByRole('button', { name: '记录立案' }).click();
    await status(page, '已记录立案（(2026)晋04民初1号）');
    expect(await fact(page, '立案').textContent()).toBe(`长治市中级人民法院 (2026)晋04民初1号（${today} 立案）`);

    const hearing = page.getByRole('group', { name: '安排开庭' });
    await hearing.getByLabel('开庭日期').fill(today);
    await hearing.getByLabel('法庭').fill('第三法庭');
    await hearing.getByRole('button', { name: '安排开庭' }).click();
    await status(page, `已安排 ${today} 在第三法庭开庭`);
    const result = page.getByRole('group', { name: `庭审结果（${today} 第三法庭）` });
    await result.getByLabel('庭审情况').fill('双方当庭达成分期支付意向');
    await result.getByRole('button', { name: '记录庭审结果' }).click();
    await status(page, `已记录 ${today} 开庭的庭审结果`);
    expect(await fact(page, '开庭').textContent()).toContain('庭审结果：双方当庭达成分期支付意向');

    const outcome = page.getByRole('group', { name: '裁判结果' });
    expect(await outcome.getByLabel('结案方式').inputValue()).toBe('');
    expect(await outcome.getByLabel('确定金额（元）').inputValue()).toBe('');
    await outcome.getByLabel('结案方式').selectOption({ label: '调解结案' });
    await outcome.getByLabel('裁判日期').fill(today);
    await outcome.getByLabel('确定金额（元）').fill('60000.00');
    await outcome.getByLabel('第 1 期金额（元）').fill('30000.00');
    await outcome.getByLabel('第 1 期到期日').fill(addDays(today, 30));
    await outcome.getByRole('button', { name: '增加一期' }).click();
    await outcome.getByLabel('第 2 期金额（元）').fill('30000.00');
    await outcome.getByLabel('第 2 期到期日').fill(addDays(today, 60));
    await outcome.getByRole('button', { name: '记录裁判结果', exact: true }).click();
    await outcome.getByRole('button', { name: '确认记录裁判结果' }).click();
    // Settled in court without naming who is liable: refused at that control.
    await outcome.locator('#lo-liable-error').waitFor();
    expect(await outcome.getByLabel('承担连带责任的用人单位（多个用顿号分隔）').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('lo-liable');
    expect(await englishOn(page)).toEqual([]);
    await outcome.getByLabel('承担连带责任的用人单位（多个用顿号分隔）').fill('长治某建设集团有限公司');
    await outcome.getByRole('button', { name: '记录裁判结果', exact: true }).click();
    await outcome.getByRole('alertdialog', { name: '确认记录裁判结果' }).getByText('分 2 期支付').waitFor();
    await outcome.getByRole('button', { name: '确认记录裁判结果' }).click();
    await status(page, '已记录裁判结果：调解结案，确定金额 60,000.00 元，分 2 期支付');
    const rows = page.getByRole('region', { name: '分期付款表' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    // Nothing is overdue, so no enforcement is offered.
    expect(await page.getByRole('group', { name: '申请强制执行' }).count()).toBe(0);

    const payment = page.getByRole('group', { name: `分期付款（${addDays(today, 30)} 到期，尚欠 30,000.00 元）` });
    await payment.getByLabel('付款金额（元）').fill('30000.00');
    await payment.getByLabel('付款日期').fill(today);
    await payment.getByRole('button', { name: '记录付款' }).click();
    await status(page, '已记录付款 30,000.00 元');
    expect(await fact(page, '履行情况').textContent()).toBe('已支付 30,000.00 元，尚欠 30,000.00 元');
    await page.screenshot({ path: path.join(ARTIFACTS, 'litigation-01-prosecutor.png'), fullPage: true });
    expect(await englishOn(page)).toEqual([]);
    const missingLabels = await page.evaluate<string[]>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)",
    );
    expect(missingLabels).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
