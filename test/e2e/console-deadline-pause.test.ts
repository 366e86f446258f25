import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { calendar } from '../../lib/calendar/calendar';
import { shanghaiDate } from '../../lib/dates';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, buildConsole, englishOn, launchChromium, requireChromium } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * Deadlines that pause (中止/恢复, issue 19) in the staff console, in a real browser against the
 * whole hub: an inspection supervisor suspends the investigation deadline (inspection panel) and a
 * transfer's feedback deadline (移送与反馈), dated a fortnight back, confirms, sees 已中止（自…起，原因…）,
 * resumes today and sees the deadline moved by the working days between; a refusal comes back in
 * Chinese at its control; a handler is offered neither. Desktop and phone widths.
 * Screenshots: test-artifacts/console/pause-*.png.
 */
describe('deadlines that pause, in the console', () => {
  let hub: TestHub;
  let browser: Browser;
  let consoleDir: string;
  const problems: string[] = [];
  const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const handler = tokenFor({ agency: 'INSPECTION', region: '140400', name: '周办案员', roles: ['HANDLER'] });
  const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', name: '李主管', roles: ['SUPERVISOR'] });

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

  const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));
  const slashed = (d: string) => d.replace(/-/g, '/');
  /** As the console writes a day (console/src/labels.ts `day`). */
  const consoleDay = (iso: string | Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

  /** A lead the union received a month ago and sent to labour inspection, which accepted it today. */
  async function acceptedReferral(employerName: string) {
    const receivedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName, employerCreditCode: null, receivedAt }) }, { token: union })).reportLead;
    const t = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id feedbackDueAt } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: union })).transferLead;
    ok(await gql(hub.gatewayUrl, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t.id }, { token: handler }));
    return { lead: lead as { id: string; referenceNo: string }, transfer: t as { id: string; feedbackDueAt: string } };
  }

  async function open(o: { width: number; height: number; mobile?: boolean; token: string; leadId: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: o.width, height: o.height }, isMobile: o.mobile, hasTouch: o.mobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(`sessionStorage.setItem('hub-console-token', ${JSON.stringify(o.token)})`);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${hub.gatewayUrl}/console#/leads/${encodeURIComponent(o.leadId)}`);
    return { context, page };
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `pause-${name}.png`), fullPage: true });
  const focusedId = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');
  const panel = (page: Page) => page.getByRole('region', { name: '劳动保障监察案件' });
  const transfers = (page: Page) => page.getByRole('region', { name: '移送与反馈' });

  test('desktop: a supervisor suspends the investigation deadline a fortnight back, is refused a future day at the control, resumes today: 60 working days become 60 + n', async () => {
    const { lead } = await acceptedReferral('长治市某钢构有限公司');
    const { context, page } = await open({ width: 1366, height: 768, token: supervisor, leadId: lead.id });
    await heading(page, `线索 ${lead.referenceNo}`);
    await panel(page).getByText('剩 60 个工作日').waitFor();

    const suspend = page.getByRole('group', { name: '中止调查期限（主管）' });
    await suspend.getByLabel('中止原因').fill('委托司法鉴定工资数额');
    // A day in the future is refused by the hub, in Chinese, at the date field, which takes the focus.
    await suspend.getByLabel('中止日期').fill(day(1));
    await suspend.getByRole('button', { name: '中止调查期限' }).click();
    await suspend.getByRole('alertdialog', { name: '确认中止调查期限' }).getByText('中止期间不计逾期').waitFor();
    await suspend.getByRole('button', { name: '确认' }).click();
    const date = suspend.getByLabel('中止日期');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe(await date.getAttribute('id'));
    await suspend.getByText('中止日期不能晚于当前时间').waitFor();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '01-desktop-refused');

    await date.fill(day(-14));
    await suspend.getByRole('button', { name: '中止调查期限' }).click();
    await suspend.getByRole('button', { name: '确认' }).click();
    await status(page, '已中止调查期限');
    await panel(page).getByText(`已中止（自 ${slashed(day(-14))} 起，原因：委托司法鉴定工资数额）`).waitFor();
    expect(await panel(page).getByText(/剩 \d+ 个工作日/).count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '02-desktop-suspended');

    const n = calendar.workingDaysBetween(day(-14), day(0));
    const resume = page.getByRole('group', { name: '恢复调查期限（主管）' });
    await resume.getByRole('button', { name: '恢复调查期限' }).click();
    await resume.getByRole('alertdialog', { name: '确认恢复调查期限' }).getByText('按中止的工作日顺延').waitFor();
    await resume.getByRole('button', { name: '确认' }).click();
    await status(page, '已恢复调查期限');
    await panel(page).getByText(`剩 ${60 + n} 个工作日`).waitFor();
    expect(await panel(page).getByText(/已中止/).count()).toBe(0);
    await page.getByRole('region', { name: '时间线' }).getByText(/恢复调查期限（自 .* 起中止 \d+ 个工作日），期限至/).waitFor();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '03-desktop-resumed');
    await context.close();

    // A handler sees the deadline and is offered neither 中止 nor 恢复.
    const seen = await open({ width: 1366, height: 768, token: handler, leadId: lead.id });
    await heading(seen.page, `线索 ${lead.referenceNo}`);
    await panel(seen.page).getByText(`剩 ${60 + n} 个工作日`).waitFor();
    expect(await seen.page.getByRole('group', { name: /中止|恢复/ }).count()).toBe(0);
    expect(await englishOn(seen.page)).toEqual([]);
    await seen.context.close();
    expect(problems).toEqual([]);
  });

  test('phone: the feedback deadline of the accepted transfer suspended and resumed in 移送与反馈, moved by the working days between', async () => {
    const { lead, transfer } = await acceptedReferral('长治市某装饰工程有限公司');
    const { context, page } = await open({ width: 390, height: 844, mobile: true, token: supervisor, leadId: lead.id });
    await heading(page, `线索 ${lead.referenceNo}`);
    const card = transfers(page).getByRole('listitem').filter({ hasText: '工会 → 劳动保障监察' });
    await card.getByText(`反馈期限 ${consoleDay(transfer.feedbackDueAt)}`).waitFor();

    const suspend = card.getByRole('group', { name: '中止反馈期限（主管）' });
    await suspend.getByLabel('中止原因').fill('等待用人单位提交工资台账');
    await suspend.getByLabel('中止日期').fill(day(-14));
    await suspend.getByRole('button', { name: '中止反馈期限' }).click();
    await suspend.getByRole('button', { name: '确认' }).click();
    await status(page, '已中止反馈期限');
    await card.getByText(`已中止（自 ${slashed(day(-14))} 起，原因：等待用人单位提交工资台账）`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '04-phone-suspended');
    // The work queue (待办) shows it suspended instead of counting it down.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办' }).click();
    await heading(page, '待办');
    await page.getByText(`已中止（自 ${slashed(day(-14))} 起，原因：等待用人单位提交工资台账）`).waitFor();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '04b-phone-work-queue');
    await page.goBack();
    await heading(page, `线索 ${lead.referenceNo}`);

    const n = calendar.workingDaysBetween(day(-14), day(0));
    const moved = calendar.moveDue(new Date(transfer.feedbackDueAt), n);
    const resume = card.getByRole('group', { name: '恢复反馈期限（主管）' });
    await resume.getByRole('button', { name: '恢复反馈期限' }).click();
    await resume.getByRole('button', { name: '确认' }).click();
    await status(page, '已恢复反馈期限');
    await card.getByText(`反馈期限 ${consoleDay(moved)}`).waitFor();
    expect(await card.getByText(/已中止/).count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '05-phone-resumed');
    await context.close();

    // The sender's union staff see the moved deadline and no form to pause it.
    const sender = await open({ width: 390, height: 844, mobile: true, token: union, leadId: lead.id });
    await heading(sender.page, `线索 ${lead.referenceNo}`);
    await transfers(sender.page).getByText(`反馈期限 ${consoleDay(moved)}`).waitFor();
    expect(await sender.page.getByRole('group', { name: /中止|恢复/ }).count()).toBe(0);
    expect(await englishOn(sender.page)).toEqual([]);
    await sender.context.close();
    expect(problems).toEqual([]);
  });
});
