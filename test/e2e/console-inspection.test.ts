import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, openConsole, signInAs, startConsoleHub, status, unlabelled } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * Labour inspection's casework in the staff console, in a real browser against the whole hub:
 * a lead the union sent to inspection, accepted in the inbox, then 首日对接, 责令限期支付 and the
 * employer's payments, 三交办, 移送公安 once an order lapsed, 回头看 and 结案, at
 * desktop and phone widths; the supervisor's 延期. Controls are found by label and role; refusals
 * must come back in Chinese at the control that caused them. Screenshots: test-artifacts/console/inspection-*.png.
 */
describe('labour inspection casework in the console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });

  beforeAll(async () => {
    await clearOfShanghaiMidnight();
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  /** A day in Asia/Shanghai, `n` calendar days from today, as YYYY-MM-DD. */
  const shanghaiDay = (n = 0) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

  /** A lead the union registered and sent to labour inspection (set up through the API). */
  async function leadSentToInspection(employerName: string): Promise<{ id: string; referenceNo: string }> {
    // Received an hour ago: acts dated minutes ago (the police decision) fall after it, as in life.
    const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName, employerCreditCode: null, receivedAt }) }, { token: union })).reportLead;
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union }));
    return lead;
  }

  async function open(o: { width: number; height: number; mobile?: boolean; token?: string; route?: string }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `inspection-${name}.png`), fullPage: true });
  const panel = (page: Page) => page.getByRole('region', { name: '劳动保障监察案件' });

  async function acceptInInbox(page: Page, referenceNo: string) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待接收移送' }).click();
    await heading(page, '待接收移送');
    await page.getByRole('button', { name: `接收 ${referenceNo}` }).click();
    await status(page, `已接收线索 ${referenceNo}`);
  }
  async function openLead(page: Page, referenceNo: string) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('link', { name: referenceNo }).click();
    await heading(page, `线索 ${referenceNo}`);
  }


  /** Controls without a label: none may be on the page. */

  async function firstContact(page: Page) {
    const form = page.getByRole('group', { name: '首日对接（联系投诉人）' });
    await form.getByLabel('对接情况').fill('当日电话联系投诉人王某，核实欠薪人数和金额');
    await form.getByRole('button', { name: '记录首日对接' }).click();
    await status(page, '已记录首日对接');
    await panel(page).getByText(/^已于 .+ 对接投诉人/).waitFor();
    expect(await form.count()).toBe(0); // recorded once: the form is gone
  }

  async function handover(page: Page) {
    const form = page.getByRole('group', { name: '三交办' });
    expect(await form.getByLabel('交办对象').inputValue()).toBe(''); // nothing chosen for the inspector
    await form.getByLabel('交办对象').selectOption({ label: '属地政府' });
    await form.getByLabel('交办事项').fill('请属地政府督促总包单位落实工资支付');
    await form.getByRole('button', { name: '记录交办' }).click();
    await status(page, '已交办属地政府');
    await panel(page).getByRole('list', { name: '三交办记录' }).getByText('交办属地政府：请属地政府督促总包单位落实工资支付').waitFor();
  }

  /** Final feedback to the union, 回头看, the payroll ledger received (第五十条, test/e2e/console-checklist.test.ts), then 结案 with its confirmation. */
  async function feedbackCallbackAndClose(page: Page, leadId: string, amount: string) {
    const feedback = page.getByRole('group', { name: '向工会反馈' });
    await feedback.getByLabel('反馈内容').fill('已责令企业限期支付，工资已发放');
    await feedback.getByLabel('最终反馈').check();
    await feedback.getByLabel('追回金额（元）').fill(amount);
    await feedback.getByLabel('已支付人数').fill('4');
    await feedback.getByRole('button', { name: '提交反馈' }).click();
    await status(page, '已提交最终反馈');

    await page.getByLabel('工资已支付').check();
    await page.getByLabel('程序合法').check();
    await page.getByLabel('投诉人满意').check();
    await page.getByLabel('回访记录').fill('电话回访，4名工人均已收到工资');
    await page.getByRole('button', { name: '记录回头看' }).click();
    await status(page, '已记录回头看');
    // Done on the page, not in the panel: the panel shows it too.
    await panel(page).getByRole('list', { name: '回头看记录' }).getByText(/工资已支付，程序合法，投诉人满意；电话回访/).waitFor();

    const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] });
    for (const m of ['requestEvidence', 'recordEvidenceReceived']) ok(await gql(hub.gatewayUrl, `mutation($id: ID!) { ${m}(leadId: $id, input: { item: PAYROLL_LEDGER }) { closureState } }`, { id: leadId }, { token: inspector }));

    const closure = page.getByRole('group', { name: '结案' });
    await closure.getByLabel('结案原因').selectOption({ label: '已全额支付' });
    await closure.getByLabel('追回金额（元）').fill(amount);
    await closure.getByLabel('已支付人数').fill('4');
    await closure.getByLabel('结案说明').fill('企业已按责令限期支付');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('alertdialog', { name: '确认结案' }).waitFor();
    await closure.getByRole('button', { name: '确认结案' }).click();
    await status(page, '已结案');
    // Closed: the panel loads again and offers no casework any more; the case stays on view.
    for (const name of ['责令限期支付', '三交办']) await page.getByRole('group', { name, exact: true }).waitFor({ state: 'detached' });
    await panel(page).getByRole('list', { name: '责令限期支付记录' }).waitFor();
  }

  test('desktop: accept, 首日对接, an order refused then issued, a payment refused then recorded, 三交办, 回头看, 结案', async () => {
    const lead = await leadSentToInspection('长治市某钢构工程有限公司');
    const { context, page } = await open({ width: 1366, height: 768 });
    await signInAs(page, '长治市劳动监察 办案员');
    await acceptInInbox(page, lead.referenceNo);
    await openLead(page, lead.referenceNo);

    // The case as accepted: not contacted yet, 60 working days to investigate, nothing ordered.
    const c = panel(page);
    await c.getByText('尚未对接投诉人').waitFor();
    await c.getByText('剩 60 个工作日').waitFor();
    await c.getByText('尚未下达责令限期支付。').waitFor();
    // A handler is offered neither the supervisor's extension nor, with no lapsed order, the police referral.
    expect(await page.getByRole('group', { name: '延长调查期限（主管）' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: /移送公安机关/ }).count()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '01-desktop-accepted');

    await firstContact(page);

    // 责令限期支付: nothing prefilled; a pay-by day already past comes back at its control, in Chinese, with focus.
    const order = page.getByRole('group', { name: '责令限期支付', exact: true });
    expect(await order.getByLabel('责令支付金额（元）').inputValue()).toBe('');
    expect(await order.getByLabel('限期支付日期').inputValue()).toBe('');
    await order.getByLabel('责令支付金额（元）').fill('89195.00');
    await order.getByLabel('限期支付日期').fill(shanghaiDay(-1));
    await order.getByRole('button', { name: '下达责令限期支付' }).click();
    await order.locator('#ins-po-payby-error').waitFor();
    expect(await order.getByLabel('限期支付日期').getAttribute('aria-invalid')).toBe('true');
    expect(await order.locator('#ins-po-payby-error').textContent()).toBe('限期支付日期已过：限期支付指令须给用人单位一个从今天起算的期限');
    await expect(focusedId(page)).resolves.toBe('ins-po-payby');
    expect(await order.getByLabel('责令支付金额（元）').getAttribute('aria-invalid')).toBeNull();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '02-desktop-order-refused');

    const payBy = shanghaiDay(7);
    await order.getByLabel('限期支付日期').fill(payBy);
    await order.getByRole('button', { name: '下达责令限期支付' }).click();
    await status(page, `已责令企业于 ${payBy.replace(/-/g, '/')} 前支付 89195.00 元`);
    const orders = c.getByRole('list', { name: '责令限期支付记录' });
    await orders.getByText(`责令支付 89,195.00 元，限 ${payBy.replace(/-/g, '/')} 前支付；已支付 0.00 元，尚欠 89,195.00 元`).waitFor();
    expect(await order.getByLabel('责令支付金额（元）').inputValue()).toBe(''); // cleared for the next order

    // A payment larger than what the order has unpaid: refused at 支付金额.
    const payment = page.getByRole('group', { name: /^记录企业支付/ });
    await payment.getByLabel('支付金额（元）').fill('90000.00');
    await payment.getByLabel('支付日期').fill(shanghaiDay(0));
    await payment.getByRole('button', { name: '记录支付' }).click();
    const tooMuch = payment.locator('.field-error');
    await tooMuch.waitFor();
    expect(await tooMuch.textContent()).toBe('金额超过该指令尚未支付的 89195.00 元');
    expect(await payment.getByLabel('支付金额（元）').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toMatch(/^ins-pay-amount-/);
    await shot(page, '03-desktop-payment-refused');

    await payment.getByLabel('支付金额（元）').fill('50000.00');
    await payment.getByRole('button', { name: '记录支付' }).click();
    await status(page, '已记录企业支付 50000.00 元');
    await orders.getByText('已支付 50,000.00 元，尚欠 39,195.00 元').waitFor();
    await payment.getByLabel('支付金额（元）').fill('39195.00');
    await payment.getByLabel('支付日期').fill(shanghaiDay(0));
    await payment.getByRole('button', { name: '记录支付' }).click();
    await status(page, '已记录企业支付 39195.00 元');
    await orders.getByText('已付清').waitFor();
    expect(await page.getByRole('group', { name: /^记录企业支付/ }).count()).toBe(0); // paid in full: nothing left to record

    await handover(page);

    // 失信联合惩戒 has its own test (console-blacklist.test.ts): here, only that nothing was proposed.
    await page.getByRole('region', { name: '失信联合惩戒' }).getByText('未提请列入拖欠农民工工资失信联合惩戒对象名单。').waitFor();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '04-desktop-casework');

    await feedbackCallbackAndClose(page, lead.id, '89195.00');
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '05-desktop-closed');
    await context.close();
    expect(problems).toEqual([]);
  });

  test('phone: the same casework fits 390 px; once an order lapsed unpaid, 移送公安 asks first and is recorded', async () => {
    const lead = await leadSentToInspection('长治市某装饰工程有限公司');
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAs(page, '长治市劳动监察 办案员');
    await acceptInInbox(page, lead.referenceNo);
    await openLead(page, lead.referenceNo);
    await firstContact(page);

    const payBy = shanghaiDay(3);
    const order = page.getByRole('group', { name: '责令限期支付', exact: true });
    await order.getByLabel('责令支付金额（元）').fill('89195.00');
    await order.getByLabel('限期支付日期').fill(payBy);
    await order.getByRole('button', { name: '下达责令限期支付' }).click();
    await status(page, `已责令企业于 ${payBy.replace(/-/g, '/')} 前支付 89195.00 元`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await shot(page, '06-phone-order');

    // The employer lets the order lapse (its pay-by day moved into the past, as time would).
    await hub.sql('inspection', 'update payment_order set pay_by = current_date - 2 where lead_id = $1', [lead.id]);
    await page.reload();
    await heading(page, `线索 ${lead.referenceNo}`);
    await panel(page).getByText('逾期未付清').waitFor();
    const police = page.getByRole('group', { name: '涉嫌拒不支付劳动报酬罪：移送公安机关（两法衔接）' });
    expect(await police.getByLabel('决定移送时间（北京时间）').inputValue()).toBe(''); // the decision is the inspector's to state
    await police.getByLabel('接收移送的公安机关').fill('长治市公安局潞州分局');
    /** A Beijing time `minutes` ago, as a datetime-local control takes it. */
    const beijingAgo = (minutes: number) => new Date(Date.now() + 8 * 3_600_000 - minutes * 60_000).toISOString().slice(0, 16);
    // Decided two days ago: past the 24 hours within which a referral must be sent, marked at the decision time.
    await police.getByLabel('决定移送时间（北京时间）').fill(beijingAgo(2 * 24 * 60));
    await police.getByRole('button', { name: '移送公安' }).click();
    await police.getByRole('button', { name: '确认移送公安' }).click();
    await police.locator('#ins-pr-decided-error').waitFor();
    expect(await police.locator('#ins-pr-decided-error').textContent()).toMatch(/^决定时间已超过24小时：移送须在决定后24小时内发出/);
    expect(await police.getByLabel('决定移送时间（北京时间）').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toBe('ins-pr-decided');
    await panel(page).getByText('未移送公安机关').waitFor();
    await police.getByLabel('决定移送时间（北京时间）').fill(beijingAgo(10));
    await police.getByRole('button', { name: '移送公安' }).click();
    const ask: Locator = police.getByRole('alertdialog', { name: '确认移送公安' });
    await ask.getByText('移送后不能撤回').waitFor();
    await shot(page, '07-phone-police-confirm');
    await ask.getByRole('button', { name: '确认移送公安' }).click();
    await status(page, '已移送长治市公安局潞州分局（两法衔接）');
    await panel(page).getByText(/^已于 .+ 移送长治市公安局潞州分局/).waitFor();
    expect(await police.count()).toBe(0); // referred once

    // The employer pays after all; then 三交办, 回头看 and 结案.
    const payment = page.getByRole('group', { name: /^记录企业支付/ });
    await payment.getByLabel('支付金额（元）').fill('89195.00');
    await payment.getByLabel('支付日期').fill(shanghaiDay(0));
    await payment.getByRole('button', { name: '记录支付' }).click();
    await status(page, '已记录企业支付 89195.00 元');
    await handover(page);
    expect(await englishOn(page)).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await shot(page, '08-phone-casework');
    await feedbackCallbackAndClose(page, lead.id, '89195.00');
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '09-phone-closed');
    await context.close();
    expect(problems).toEqual([]);
  });

  test('an inspection supervisor extends the investigation once, with the reason; 60 working days become 90; a viewer sees the case and no forms', async () => {
    const lead = await leadSentToInspection('长治市某混凝土有限公司');
    const transfer = ok(await gql(hub.gatewayUrl, 'query($id: ID!) { lead(id: $id) { transfers { id } } }', { id: lead.id }, { token: union })).lead.transfers[0];
    const handler = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] });
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transfer.id }, { token: handler }));

    const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', name: '李主管', roles: ['SUPERVISOR'] });
    const { context, page } = await open({ width: 1366, height: 768, token: supervisor, route: `#/leads/${encodeURIComponent(lead.id)}` });
    await heading(page, `线索 ${lead.referenceNo}`);
    await panel(page).getByText('剩 60 个工作日').waitFor();
    const extension = page.getByRole('group', { name: '延长调查期限（主管）' });
    await extension.getByLabel('延期理由').fill('涉及多个分包单位，需调取银行流水');
    await extension.getByRole('button', { name: '延期' }).click();
    await extension.getByRole('button', { name: '确认延期' }).click();
    await status(page, '已延长调查期限30个工作日');
    await panel(page).getByText('剩 90 个工作日').waitFor();
    await panel(page).getByText(/已延期，理由：涉及多个分包单位，需调取银行流水/).waitFor();
    expect(await extension.count()).toBe(0); // once only
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '10-supervisor-extended');
    await context.close();

    // Inspection staff who only view see the case, and no casework form.
    const viewer = tokenFor({ agency: 'INSPECTION', region: '140400', roles: ['VIEWER'] });
    const seen = await open({ width: 1366, height: 768, token: viewer, route: `#/leads/${encodeURIComponent(lead.id)}` });
    await heading(seen.page, `线索 ${lead.referenceNo}`);
    await panel(seen.page).getByText('剩 90 个工作日').waitFor();
    expect(await panel(seen.page).getByRole('group').count()).toBe(0);
    expect(await panel(seen.page).getByRole('button').count()).toBe(0);
    await seen.context.close();
    expect(problems).toEqual([]);
  });
});
