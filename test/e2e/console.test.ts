import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, openConsole, signInAs, signOut, startConsoleHub, status } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * The staff console in a real browser (Debian's Chromium, headless) against the whole hub on real
 * PostgreSQL: one lead from the union's intake through labour inspection's acceptance, feedback
 * and closure, back to the union's lead page. Fields are found by their labels and buttons by
 * their names, so an unlabelled control fails the test. Screenshots go to test-artifacts/console/.
 */
describe('staff console in Chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    // The first lead is this month's in the report the third test downloads: one Shanghai day for the whole file.
    await clearOfShanghaiMidnight();
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function openInbox(page: Page) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待接收移送' }).click();
    await heading(page, '待接收移送');
  }
  async function openLead(page: Page, referenceNo: string) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('link', { name: referenceNo }).click();
    await heading(page, `线索 ${referenceNo}`);
  }
  /** The text of one agency's cell in a row of the side-by-side states table. */
  async function stateOf(page: Page, row: string, agency: string): Promise<string> {
    const table = page.getByRole('region', { name: '各机构状态表' }).getByRole('table');
    const headers = await table.getByRole('columnheader').allTextContents();
    const column = headers.indexOf(agency);
    expect(column).toBeGreaterThan(0);
    return (await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row }) }).getByRole('cell').nth(column - 1).textContent()) ?? '';
  }


  let referenceNo = '';

  test('intake by the union, transfer to inspection, acceptance in its inbox, feedback and closure, seen by the union', async () => {
    const { context, page } = await open({ width: 1280, height: 900 });
    await heading(page, /登录/);
    await shot(page, '01-sign-in');
    await signInAs(page, '长治市总工会 受理员');

    // Intake: the API's refusals show under the fields they concern.
    await page.getByRole('link', { name: '登记线索' }).click();
    await heading(page, '登记欠薪线索');
    const missingLabels = await page.evaluate<string[]>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)",
    );
    expect(missingLabels).toEqual([]);
    await page.getByLabel('受理渠道').selectOption({ label: '12351 热线' });
    // A letter that came earlier is registered with the time it arrived (Beijing time): today at
    // 00:00, so the lead stays in this month's report below whatever the time now.
    const arrived = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00`;
    await page.getByLabel('受理时间').fill(arrived);
    // The region is chosen by name from the unit's jurisdiction (长治市), former codes included.
    const region = page.getByLabel('欠薪发生地区');
    const offered = await region.locator('option').allTextContents();
    expect(offered).toContain('山西省 长治市 上党区（140404）');
    expect(offered.some((o) => o.includes('140121'))).toBe(false); // 太原市: not this unit's
    await region.selectOption({ label: '山西省 长治市 长治县（140421）' });
    await page.getByLabel('企业名称').fill('长治市某建筑劳务有限公司');
    await page.getByLabel('统一社会信用代码').fill('91140400MA0K6X5Y13');
    await page.getByLabel('所属行业').selectOption({ label: '建筑业' });
    await page.getByLabel('项目名称').fill('某安置小区二期');
    await page.getByLabel('欠薪涉及人数').fill('4');
    await page.getByLabel('欠薪金额').fill('89195.00');
    await page.getByLabel('欠薪起始日期').fill('2025-03-01');
    await page.getByLabel('欠薪截止日期').fill('2025-12-31');
    await page.getByLabel('情况描述').fill('4名农民工反映被拖欠工资，多次讨要无果');
    await page.getByLabel('投诉人姓名').fill('王某');
    await page.getByLabel('投诉人身份证号码').fill('110105194912310021');
    await page.getByLabel('投诉人联系电话').fill('13812345678');
    // Any number of complainants: a second row, and a third added then removed.
    await page.getByRole('button', { name: '添加投诉人' }).click();
    await page.getByLabel('第2位投诉人姓名').fill('李某');
    await page.getByLabel('第2位投诉人联系电话').fill('13900001111');
    await page.getByRole('button', { name: '添加投诉人' }).click();
    // Focus moves to the new row's name.
    await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement && document.activeElement.labels?.[0]?.textContent === '第3位投诉人姓名');
    await page.getByRole('button', { name: '删除第3位投诉人' }).click();
    expect(await page.getByLabel('第3位投诉人姓名').count()).toBe(0);
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByRole('alert').filter({ hasText: '2 处需要更正' }).waitFor();
    expect(await page.getByLabel('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('第1位投诉人身份证号码').getAttribute('aria-invalid')).toBe('true');
    // The API answers the console (Accept-Language: zh-CN) in Chinese, naming each field by its label.
    expect(await page.locator('#in-employerCreditCode-error').textContent()).toBe('统一社会信用代码校验码不正确，请检查是否输错');
    expect(await page.locator('#in-c0-idNumber-error').textContent()).toBe('第1位投诉人身份证号码校验位不正确，请检查是否输错');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('in-employerCreditCode');
    await shot(page, '02-intake-refused');

    await page.getByLabel('统一社会信用代码').fill('91140400MA0K6X5Y12');
    await page.getByLabel('第1位投诉人身份证号码').fill('11010519491231002X');
    await page.getByRole('button', { name: '提交登记' }).click();
    await heading(page, /^线索 QX-140421-/);
    referenceNo = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('线索 ', '').trim();
    expect(await stateOf(page, '移送状态', '工会')).toBe('自行受理');
    expect(await page.getByText('11010519491231002X').count()).toBe(1); // the intake agency handles it: unmasked
    await status(page, `已登记线索 ${referenceNo}`);
    expect(await page.locator('dt:text-is("投诉人") + dd').getByText('李某').count()).toBe(1);
    // And the notice of its acceptance owed to them (首问负责制), addressed to them by name.
    await page.getByRole('region', { name: '投诉人告知列表' }).getByText('李某您好').waitFor();
    const receivedShown = (await page.locator('dt:text-is("受理时间") + dd').textContent()) ?? '';
    expect(receivedShown.startsWith(`${arrived.slice(0, 10).replace(/-/g, '/')} 00:00`)).toBe(true);

    // Transfer to labour inspection.
    await page.getByLabel('移送至').selectOption({ label: '劳动保障监察' });
    await page.getByLabel('移送类型').selectOption({ label: '移送' });
    await page.getByLabel('移送理由').fill('请依法查处');
    await page.getByRole('button', { name: '移送', exact: true }).click();
    await status(page, '已移送劳动保障监察');
    expect(await stateOf(page, '移送状态', '工会')).toBe('已移送');
    expect(await stateOf(page, '反馈状态', '工会')).toBe('等待反馈');
    expect(await stateOf(page, '移送状态', '劳动保障监察')).toBe('待接收');
    await signOut(page);

    // Labour inspection accepts in its inbox.
    // Its work queue (待办) is the home screen: the transfer waits there, with the count.
    await signInAs(page, '长治市劳动监察 办案员');
    const waiting = page.getByRole('region', { name: /^待接收移送（\d+）$/ });
    await waiting.getByRole('link', { name: referenceNo }).waitFor();
    await shot(page, '03a-inspection-work-queue');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待接收移送' }).click();
    await heading(page, '待接收移送');
    await page.getByRole('link', { name: referenceNo }).waitFor();
    await shot(page, '03-inspection-inbox');
    await page.getByRole('button', { name: `接收 ${referenceNo}` }).click();
    await status(page, `已接收线索 ${referenceNo}`);
    await page.getByText('没有待接收的移送。').waitFor();

    // Final feedback, the call back, then closure.
    await openLead(page, referenceNo);
    expect(await stateOf(page, '移送状态', '劳动保障监察')).toBe('已接收');
    expect(await stateOf(page, '反馈状态', '劳动保障监察')).toBe('待反馈');
    const feedback = page.getByRole('group', { name: '向工会反馈' });
    await feedback.getByLabel('反馈内容').fill('已责令企业支付，工资已全额发放');
    await feedback.getByLabel('最终反馈').check();
    // A refusal is shown at the control that caused it, marked, in Chinese, with focus moved there.
    await feedback.getByLabel('追回金额（元）').fill('89195.001');
    await feedback.getByLabel('已支付人数').fill('4');
    await feedback.getByRole('button', { name: '提交反馈' }).click();
    await feedback.locator('.field-error').first().waitFor();
    expect(await feedback.getByLabel('追回金额（元）').getAttribute('aria-invalid')).toBe('true');
    expect(await feedback.locator('.field-error').first().textContent()).toMatch(/小数超过两位/);
    await expect(page.evaluate('document.activeElement?.id')).resolves.toMatch(/^fb-amount-/);
    await feedback.getByLabel('追回金额（元）').fill('89195.00');
    await feedback.getByRole('button', { name: '提交反馈' }).click();
    await status(page, '已提交最终反馈');

    // 结案: nothing is prefilled, it asks before acting, and the API's refusals come back to its fields.
    const closure = page.getByRole('group', { name: '结案' });
    expect(await closure.getByLabel('结案原因').inputValue()).toBe('');
    expect(await closure.getByLabel('追回金额（元）').inputValue()).toBe('');
    expect(await closure.getByLabel('已支付人数').inputValue()).toBe('');
    await closure.getByLabel('结案原因').selectOption({ label: '已全额支付' });
    await closure.getByLabel('追回金额（元）').fill('89195.00');
    await closure.getByLabel('已支付人数').fill('5');
    await closure.getByLabel('结案说明').fill('企业已全额支付');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('alertdialog', { name: '确认结案' }).getByText('追回 89195.00 元，5 人已支付').waitFor();
    await closure.getByRole('button', { name: '取消' }).click();
    expect(await page.getByRole('status').textContent()).not.toContain('已结案');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('button', { name: '确认结案' }).click();
    // Five paid on a lead of four workers: marked at 已支付人数.
    await closure.locator('#cl-workers-error').waitFor();
    expect(await closure.getByLabel('已支付人数').getAttribute('aria-invalid')).toBe('true');
    expect(await closure.locator('#cl-workers-error').textContent()).toContain('4');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('cl-workers');
    await closure.getByLabel('已支付人数').fill('4');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('button', { name: '确认结案' }).click();
    // Referred by another agency: the complainant must be called back first (a refusal naming no field).
    const refusal = closure.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('回头看');
    await expect(page.evaluate('document.activeElement?.getAttribute("role")')).resolves.toBe('alert');
    await shot(page, '03b-closure-refused');

    await page.getByLabel('工资已支付').check();
    await page.getByLabel('程序合法').check();
    await page.getByLabel('投诉人满意').check();
    await page.getByLabel('回访记录').fill('电话回访，4名工人均已收到工资');
    await page.getByRole('button', { name: '记录回头看' }).click();
    await status(page, '已记录回头看');
    // Paid in full rests on the employer's payroll ledger (第五十条): asked for and received in the checklist.
    const ask = page.getByRole('group', { name: '要求用人单位提供材料' });
    await ask.getByLabel('要求提供的材料').selectOption({ label: '工资台账' });
    await ask.getByRole('button', { name: '登记要求提供' }).click();
    await status(page, '已登记要求用人单位提供工资台账');
    const answer = page.getByRole('group', { name: '登记材料提供情况' });
    await answer.getByLabel('材料').selectOption({ label: '工资台账' });
    await answer.getByLabel('已收到').check();
    await answer.getByRole('button', { name: '登记提供情况' }).click();
    await status(page, '已登记收到用人单位提供的工资台账');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('button', { name: '确认结案' }).click();
    await status(page, '已结案');
    expect(await englishOn(page)).toEqual([]);
    expect(await stateOf(page, '办结状态', '劳动保障监察')).toContain('已办结');
    await signOut(page);

    // The union sees every agency's states side by side, the feedback and the timeline.
    await signInAs(page, '长治市总工会 受理员');
    await openLead(page, referenceNo);
    expect(await stateOf(page, '反馈状态', '工会')).toBe('已收到反馈');
    expect(await stateOf(page, '办结状态', '劳动保障监察')).toContain('已全额支付');
    expect(await stateOf(page, '办结状态', '工会')).toBe('办理中');
    await page.getByText('最终反馈：已责令企业支付，工资已全额发放').waitFor();
    await page.getByRole('heading', { name: '时间线' }).waitFor();
    expect(await page.locator('.timeline li').count()).toBeGreaterThanOrEqual(4);
    await shot(page, '04-union-lead-page');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('intake shows the same arrears already registered while the form is filled in, before saving', async () => {
    const { context, page } = await open({ width: 1280, height: 900 });
    await signInAs(page, '长治市总工会 受理员');
    await page.getByRole('link', { name: '登记线索' }).click();
    await heading(page, '登记欠薪线索');
    await page.getByLabel('欠薪发生地区').selectOption({ label: '山西省 长治市 长治县（140421）' });
    // Typed with other spacing and brackets: matched by the normalised name.
    await page.getByLabel('企业名称').fill('长治市 某建筑劳务有限公司');
    await page.getByLabel('项目名称').fill('某安置小区二期');
    const warning = page.getByRole('region', { name: '可能重复的线索' });
    await warning.getByRole('link', { name: referenceNo }).waitFor();
    expect(await warning.textContent()).toContain('不必重复登记');
    await shot(page, '04b-intake-possible-duplicate');
    expect(await englishOn(page)).toEqual([]);
    // Another project of the same employer is other arrears: the warning goes.
    await page.getByLabel('项目名称').fill('某商业综合体');
    await warning.getByRole('link').waitFor({ state: 'detached' });
    await context.close();
    expect(problems).toEqual([]);
  });

  test('on a phone-sized screen the lead page fits the width and is screenshotted', async () => {
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAs(page, '长治市总工会 受理员');
    await openLead(page, referenceNo);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '05-phone-lead-page');
    await context.close();
    expect(problems).toEqual([]);
  });

  test("lead list filters; report downloads carry the token and save the file; the prosecutor's support-case list answers", async () => {
    const { context, page } = await open({ width: 1280, height: 900 });
    await signInAs(page, '长治市总工会 受理员');
    // Lead list filters: the lead is neither a mass case nor overdue; labour inspection is involved.
    await page.getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await status(page, '共 1 条线索');
    await page.getByLabel('仅群体性欠薪').check();
    await page.getByRole('button', { name: '筛选' }).click();
    await status(page, '共 0 条线索');
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.getByLabel('涉及机构').selectOption({ label: '劳动保障监察' });
    await page.getByLabel('所属行业').selectOption({ label: '建筑业' });
    await page.getByLabel('地区代码').fill('140421');
    await page.getByRole('button', { name: '筛选' }).click();
    await status(page, '共 1 条线索');
    await page.getByLabel('仅反馈逾期').check();
    await page.getByRole('button', { name: '筛选' }).click();
    await status(page, '共 0 条线索');

    await page.getByRole('link', { name: '报表下载' }).click();
    await heading(page, '报表下载');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载月报 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/欠薪事件线索汇总表.*\.csv$/);
    const csv = fs.readFileSync((await download.path()), 'utf8');
    expect(csv).toContain('长治市某建筑劳务有限公司'); // this month's lead, from the first test
    await status(page, '已下载');
    await signOut(page);

    await signInAs(page, '长治市人民检察院 检察官');
    await page.getByRole('link', { name: '支持起诉案件' }).click();
    await heading(page, '支持起诉案件');
    await page.getByLabel('仅有逾期分期').check();
    await status(page, '共 0 件');
    await context.close();
    expect(problems).toEqual([]);
  });

  test('keyboard only: sign in, move between screens and open a lead without a mouse', async () => {
    const { context, page } = await open({ width: 1024, height: 768 });
    await heading(page, /登录/);
    // Page-side expressions are strings: the test compiles without the DOM's types.
    const focused = () =>
      page.evaluate<string>("(e => `${e?.tagName ?? ''} ${(e?.getAttribute('aria-label') ?? e?.textContent ?? '').trim()}`)(document.activeElement)");
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    const tabTo = async (match: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (match.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${match}; last focus: ${await focused()}`);
    };
    await tabTo(/^BUTTON 以“长治市劳动监察 办案员”登录/);
    await page.keyboard.press('Enter');
    await heading(page, '待办');
    await tabTo(/^A 线索列表$/);
    await page.keyboard.press('Enter');
    await heading(page, '线索列表');
    expect(await focused()).toBe('H1 线索列表'); // focus moves to the new screen's heading
    await tabTo(/^INPUT /); // the first filter
    await tabTo(new RegExp(`^A ${referenceNo}$`));
    await page.keyboard.press('Enter');
    await heading(page, `线索 ${referenceNo}`);
    // A visible focus ring on the focused control.
    await tabTo(/^A /);
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
    await context.close();
    expect(problems).toEqual([]);
  });

  test('labour inspection returns a transfer from its inbox with the reason; the union sees it returned', async () => {
    // Set up through the API: a second lead sent to inspection.
    const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '长治市某餐饮管理有限公司', employerCreditCode: null, industry: 'HOSPITALITY', projectName: null }) }, { token: union })).reportLead;
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }));

    const { context, page } = await open({ width: 1280, height: 900 });
    await signInAs(page, '长治市劳动监察 办案员');
    await openInbox(page);
    await page.getByRole('button', { name: `退回 ${lead.referenceNo}` }).click();
    await page.getByLabel('退回理由').fill('不属于本辖区劳动监察管辖');
    await page.getByRole('button', { name: '确认退回' }).click();
    await status(page, `已退回线索 ${lead.referenceNo}`);
    await signOut(page);

    await signInAs(page, '长治市总工会 受理员');
    await openLead(page, lead.referenceNo);
    expect(await stateOf(page, '移送状态', '劳动保障监察')).toBe('已退回');
    await page.getByText('退回理由：不属于本辖区劳动监察管辖').waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });

  test('an acceptance whose answer is lost on the way is sent again with its Idempotency-Key: accepted once, no error shown', async () => {
    const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName: '长治市某物流有限公司', employerCreditCode: null, industry: 'OTHER', projectName: null }) }, { token: union })).reportLead;
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }));

    const { context, page } = await open({ width: 1280, height: 900 });
    await signInAs(page, '长治市劳动监察 办案员');
    await openInbox(page);
    const keys: string[] = [];
    let lost = false;
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('acceptTransfer')) return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (lost) return route.continue();
      lost = true;
      await route.fetch(); // the hub accepts it...
      await route.abort('connectionreset'); // ...and the answer never arrives
    });
    await page.getByRole('button', { name: `接收 ${lead.referenceNo}` }).click();
    await status(page, `已接收线索 ${lead.referenceNo}`);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await page.getByRole('alert').count()).toBe(0);
    const accepted = await hub.sql<{ n: number }>('leads', `select count(*)::int as n from timeline_entry where lead_id = $1 and kind = 'TRANSFER_ACCEPTED'`, [lead.id]);
    expect(accepted).toEqual([{ n: 1 }]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
