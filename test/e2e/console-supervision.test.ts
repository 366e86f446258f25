import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, openConsole, signInAs, signOut, startConsoleHub, status } from '../support/console';

/**
 * Supervision and printing in the staff console, in a real browser against the whole hub: marking
 * a duplicate (asked first), the audit trail (supervisors only), confirming a mass-case alert, the
 * employer watch list, and the printable 移送函 and 结案报告 with the A4 print styles. Leads are set
 * up through the API as the development identities, so the console names them as staff do.
 */
describe('staff console: supervision and print', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];

  // The development identities the sign-in screen offers (gateway/src/console.ts), as API tokens.
  const unionHandler = () => tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明', roles: ['INTAKE', 'HANDLER'] });

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  });
  afterAll(async () => {
    await stopConsole?.();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { width: 1280, height: 900, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `supervision-${name}.png`), fullPage: true });
  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
  const main = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

  /** Opens a lead's page by its address, as a link from elsewhere would. */
  async function visitLead(page: Page, lead: { id: string; referenceNo: string }) {
    await page.evaluate(`location.hash = '/leads/${lead.id}'`);
    await heading(page, `线索 ${lead.referenceNo}`);
  }
  async function stateOf(page: Page, row: string, agency: string): Promise<string> {
    const table = page.getByRole('region', { name: '各机构状态表' }).getByRole('table');
    const column = (await table.getByRole('columnheader').allTextContents()).indexOf(agency);
    expect(column).toBeGreaterThan(0);
    return (await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row }) }).getByRole('cell').nth(column - 1).textContent()) ?? '';
  }
  const report = async (over: Record<string, unknown>) =>
    ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token: unionHandler() })).reportLead as { id: string; referenceNo: string; isMassCase: boolean };

  test('a handler marks duplicates (from the suggestions, or by reference number) after confirming; only a supervisor sees the audit trail', async () => {
    const same = { employerName: '长治市某机械制造有限公司', employerCreditCode: null, industry: 'MANUFACTURING', projectName: '厂房扩建工程' };
    const a = await report(same);
    const b = await report(same);
    const c = await report(same);

    const { context, page } = await open();
    await signInAs(page, '长治市总工会 受理员');
    await visitLead(page, b);
    const box = page.getByRole('group', { name: '标记重复' });
    expect(await box.getByLabel('重复于').inputValue()).toBe(''); // nothing chosen for the handler
    await box.getByLabel('重复于').selectOption({ value: a.id });
    await box.getByRole('button', { name: '标记重复', exact: true }).click();
    const ask = box.getByRole('alertdialog', { name: '确认标记重复' });
    await ask.getByText(`本线索 ${b.referenceNo} 与 ${a.referenceNo} 是同一欠薪事项`).waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    expect(await stateOf(page, '办结状态', '工会')).toBe('办理中'); // nothing happened without 确认
    await box.getByRole('button', { name: '标记重复', exact: true }).click();
    await box.getByRole('button', { name: '确认标记重复' }).click();
    await status(page, `已将本线索标记为 ${a.referenceNo} 的重复线索`);
    expect(await stateOf(page, '办结状态', '工会')).toContain('重复线索');
    await page.getByText(`本线索已标记为 ${a.referenceNo} 的重复线索`).waitFor();
    expect(await page.getByRole('group', { name: '标记重复' }).count()).toBe(0);
    // The handler's page has loaded its supervision part (the notice above) and shows no audit trail.
    expect(await page.getByRole('heading', { name: '审计记录' }).count()).toBe(0);
    await shot(page, '01-duplicate-marked');
    expect(await englishOn(page)).toEqual([]);

    // By reference number: an unknown one is refused at the form, then the right one.
    await visitLead(page, c);
    const other = page.getByRole('group', { name: '标记重复' });
    await other.getByLabel('重复于').selectOption({ label: '其他线索（填写线索编号）' });
    const missingLabels = await page.evaluate<string[]>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)",
    );
    expect(missingLabels).toEqual([]);
    await other.getByLabel('原线索编号').fill('QX-140421-2099-999999');
    await other.getByRole('button', { name: '标记重复', exact: true }).click();
    await other.getByRole('button', { name: '确认标记重复' }).click();
    await other.getByRole('alert').filter({ hasText: '未找到编号为 QX-140421-2099-999999 的线索' }).waitFor();
    expect(await stateOf(page, '办结状态', '工会')).toBe('办理中');
    await other.getByLabel('原线索编号').fill(a.referenceNo);
    await other.getByRole('button', { name: '标记重复', exact: true }).click();
    await other.getByRole('button', { name: '确认标记重复' }).click();
    await status(page, `已将本线索标记为 ${a.referenceNo} 的重复线索`);
    await signOut(page);

    // The province supervisor reads who did what, when, in Chinese, staff by name.
    await signInAs(page, '山西省总工会 主管');
    await visitLead(page, b);
    await page.getByRole('heading', { name: '审计记录' }).waitFor();
    const trail = page.getByRole('region', { name: '审计记录' }).getByRole('table');
    const rows = await trail.getByRole('row').allInnerTexts();
    expect(rows[0].split('\t').map((s) => s.trim())).toEqual(['时间', '人员', '单位', '事项']);
    const marked = rows.find((r) => r.includes('标记重复线索'));
    expect(marked).toBeDefined();
    expect(marked).toContain('李明');
    expect(marked).toContain(`原线索 ${a.referenceNo}`); // the facts recorded, in words
    expect(rows.some((r) => r.includes('登记线索（线索）') && r.includes('李明'))).toBe(true);
    expect(rows.join('\n')).not.toContain('dev-union');
    await shot(page, '02-audit-trail');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('a mass case raises an alert that the province supervisor confirms; the handler only sees it; the watch list names the employer', async () => {
    const mass = await report({ employerName: '长治市某纺织有限公司', employerCreditCode: null, industry: 'MANUFACTURING', projectName: null, workerCount: 60, amountOwed: '480000.00', description: '60名工人反映被拖欠工资' });
    expect(mass.isMassCase).toBe(true);

    const { context, page } = await open();
    await signInAs(page, '长治市总工会 受理员');
    await nav(page).getByRole('link', { name: '群体性欠薪预警' }).click();
    await heading(page, '群体性欠薪预警');
    const table = page.getByRole('region', { name: '群体性欠薪预警表' });
    const row = table.getByRole('row').filter({ hasText: mass.referenceNo });
    await row.waitFor();
    expect(await row.innerText()).toContain('待主管确认');
    expect(await row.getByRole('button').count()).toBe(0); // a handler cannot confirm
    expect(await englishOn(page)).toEqual([]);

    await nav(page).getByRole('link', { name: '重点监控用人单位' }).click();
    await heading(page, '重点监控用人单位');
    const watched = page.getByRole('region', { name: '重点监控用人单位表' }).getByRole('row').filter({ hasText: '长治市某纺织有限公司' });
    await watched.waitFor();
    expect(await watched.innerText()).toContain('群体性欠薪：1');
    await page.getByLabel('地区代码').fill('140421');
    await page.getByRole('button', { name: '筛选' }).click();
    await status(page, '家用人单位');
    await watched.waitFor();
    await shot(page, '03-watch-list');
    expect(await englishOn(page)).toEqual([]);
    await signOut(page);

    await signInAs(page, '山西省总工会 主管');
    await nav(page).getByRole('link', { name: '群体性欠薪预警' }).click();
    await heading(page, '群体性欠薪预警');
    await page.getByRole('button', { name: `确认 ${mass.referenceNo}` }).click();
    await status(page, `已确认线索 ${mass.referenceNo} 的群体性欠薪预警`);
    expect(await page.getByRole('button', { name: `确认 ${mass.referenceNo}` }).count()).toBe(0);
    await page.getByLabel('显示').selectOption({ label: '已确认' });
    const done = page.getByRole('region', { name: '群体性欠薪预警表' }).getByRole('row').filter({ hasText: mass.referenceNo });
    await done.waitFor();
    expect(await done.innerText()).toContain('已确认（王强，');
    await shot(page, '04-mass-case-confirmed');
    expect(await englishOn(page)).toEqual([]);
    await context.close();

    // Once only: the API refuses a second confirmation.
    const supervisor = tokenFor({ agency: 'UNION', region: '140000', roles: ['SUPERVISOR', 'HANDLER'] });
    const again = await gql(hub.gatewayUrl, 'mutation($id: ID!) { acknowledgeMassCaseAlert(leadId: $id) { acknowledgedAt } }', { id: mass.id }, { token: supervisor });
    expect(again.errors?.[0]?.extensions?.reason).toBe('MASS_ALERT_ALREADY_ACKNOWLEDGED');
    expect(problems).toEqual([]);
  });

  test('the 移送函 and the 结案报告 show their facts, print without navigation or forms, and the lead page saves as an A4 PDF', async () => {
    const sent = await report({ employerName: '长治市某物业服务有限公司', employerCreditCode: null, industry: 'OTHER', projectName: '某小区物业服务' });
    const transfer = ok(
      await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id feedbackDueAt } }', { input: { leadId: sent.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处拖欠工资问题' } }, { token: unionHandler() }),
    ).transferLead as { id: string; feedbackDueAt: string };
    const dueOn = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(transfer.feedbackDueAt));
    const closed = await report({ employerName: '长治市某餐饮管理有限公司', employerCreditCode: null, industry: 'HOSPITALITY', projectName: null });
    ok(
      await gql(hub.gatewayUrl, 'mutation($id: ID!, $input: CloseCaseInput!) { closeUnionCase(leadId: $id, input: $input) { closureState } }', { id: closed.id, input: { reason: 'PAID_IN_FULL', amountRecovered: '89195.00', workersPaid: 4, note: '企业已全额支付' } }, { token: unionHandler() }),
    );

    const { context, page } = await open();
    await signInAs(page, '长治市总工会 受理员');
    await visitLead(page, sent);
    await page.getByRole('link', { name: /^移送函：工会 → 劳动保障监察（移送，/ }).click();
    await heading(page, '移送函');
    const letter = await main(page);
    for (const fact of ['劳动保障监察：', '移送单位 工会', '接收单位 劳动保障监察', '移送类型 移送', '移送理由 请依法查处拖欠工资问题', `反馈期限 ${dueOn}`, '经办人 李明', '长治市某物业服务有限公司', sent.referenceNo, '王某']) {
      expect(letter).toContain(fact);
    }
    expect(letter).toContain('11010519491231002X'); // the union handles the lead: unmasked
    expect(await englishOn(page)).toEqual([]);
    // 打印 opens the browser's print dialog (counted here instead).
    await page.evaluate('window.print = () => { window.printed = (window.printed || 0) + 1; }');
    await page.getByRole('button', { name: '打印' }).click();
    await expect(page.evaluate('window.printed')).resolves.toBe(1);
    await shot(page, '05-transfer-letter');
    await page.emulateMedia({ media: 'print' });
    expect(await nav(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: '移送函' }).isVisible()).toBe(true);
    await shot(page, '06-transfer-letter-print');
    await page.emulateMedia({ media: 'screen' });

    // The lead page in print: no navigation, no forms, no buttons; the facts and tables remain.
    await visitLead(page, sent);
    const withdraw = page.getByRole('group', { name: /^撤回给劳动保障监察的移送/ });
    expect(await withdraw.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(false);
    expect(await withdraw.isVisible()).toBe(false);
    expect(await page.locator('main form:visible, main button:visible, main fieldset:visible').count()).toBe(0);
    expect(await page.getByRole('region', { name: '各机构状态表' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '时间线' }).isVisible()).toBe(true);
    const pdf = path.join(ARTIFACTS, 'supervision-lead-page.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 842\.\d+\]/); // A4: 210 × 297 mm in points
    await page.emulateMedia({ media: 'screen' });

    // The 结案报告 of the union's closure.
    await visitLead(page, closed);
    await page.getByRole('link', { name: '结案报告：工会' }).click();
    await heading(page, '结案报告');
    const closure = await main(page);
    for (const fact of ['办结单位 工会', '结案原因 已全额支付', '追回金额 89,195.00 元（其中工资 89,195.00 元，加付赔偿金 0.00 元）', '已支付人数 4 人（涉及 4 人）', '结案说明 企业已全额支付', '经办人 李明', '结案日期', '受理日期', '长治市某餐饮管理有限公司']) {
      expect(closure).toContain(fact);
    }
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '07-closure-report');
    await signOut(page);

    // Labour inspection reads the letter before accepting: it does not handle the lead yet, so the complainant's numbers are masked.
    await signInAs(page, '长治市劳动监察 办案员');
    await page.evaluate(`location.hash = '/transfers/${transfer.id}/letter'`);
    await heading(page, '移送函');
    const masked = await main(page);
    expect(masked).toContain('1101**********002X');
    expect(masked).not.toContain('11010519491231002X');
    expect(masked).not.toContain('13812345678');
    await shot(page, '08-transfer-letter-receiver');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
