import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, openConsole, startConsoleHub, status } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';
import { addDays, shanghaiDate } from '../../lib/dates';

/**
 * The lawsuit panel for the court and on a phone (real Chromium, the whole hub on real PostgreSQL):
 * the court that accepted the COURT_FILING transfer records its own acts (filing, hearing and its
 * result, outcome with installments, a payment) and is never offered the procuratorate's (the
 * decision to support, the letter); at 390 px the prosecutor's path decision → letter → filing →
 * hearing fits the width with every control reachable. Screenshots: test-artifacts/console/litigation-court-*.png.
 */
describe('litigation casework for the court and on a phone', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  let today = '';
  const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const prosecutor = tokenFor({ id: 'dev-procuratorate-140400', name: '陈静', agency: 'PROCURATORATE', region: '140400', roles: ['HANDLER'] });
  const court = tokenFor({ id: 'dev-court-140400', name: '刘洋', agency: 'COURT', region: '140400', roles: ['HANDLER'] });

  beforeAll(async () => {
    await clearOfShanghaiMidnight();
    today = shanghaiDate(new Date());
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  const transfer = 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }';
  const accept = 'mutation($id: ID!) { acceptTransfer(id: $id) { status } }';

  /** A lead the union asked the procuratorate to support, accepted there (set up through the API). */
  async function leadWithProcuratorate(employerName: string): Promise<{ id: string; referenceNo: string }> {
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName, workerCount: 3, amountOwed: '60000.00' }) }, { token: union })).reportLead;
    const t = ok(await gql(hub.gatewayUrl, transfer, { input: { leadId: lead.id, to: 'PROCURATORATE', kind: 'SUPPORT_TO_SUE', reason: '申请支持起诉' } }, { token: union })).transferLead;
    ok(await gql(hub.gatewayUrl, accept, { id: t.id }, { token: prosecutor }));
    return lead;
  }

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }

  const fact = (page: Page, term: string) => page.locator('.litigation-casework dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `litigation-court-${name}.png`), fullPage: true });
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  async function signInAndOpen(page: Page, identity: string, referenceNo: string) {
    await page.getByRole('button', { name: `以“${identity}”登录` }).click();
    await heading(page, '待办');
    expect(await englishOn(page)).toEqual([]);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    expect(await englishOn(page)).toEqual([]);
    await page.getByRole('link', { name: referenceNo }).click();
    await heading(page, `线索 ${referenceNo}`);
    await page.getByRole('heading', { name: '支持起诉与诉讼' }).waitFor();
    expect(await englishOn(page)).toEqual([]);
  }

  /** Every control of the panel, scrolled into view, lies wholly inside the viewport's width. */
  async function controlsOutsideWidth(page: Page): Promise<string[]> {
    const controls = page.locator('.litigation-casework').locator('input, select, textarea, button');
    const width = page.viewportSize()!.width;
    const outside: string[] = [];
    for (let n = 0; n < (await controls.count()); n++) {
      const c = controls.nth(n);
      await c.scrollIntoViewIfNeeded();
      const box = await c.boundingBox();
      if (!box || box.x < 0 || box.x + box.width > width) outside.push((await c.getAttribute('id')) ?? (await c.textContent()) ?? `#${n}`);
    }
    return outside;
  }

  test('desktop: the court records its filing, hearing, outcome and a payment, and is offered none of the procuratorate\'s acts', async () => {
    const lead = await leadWithProcuratorate('长治某建筑劳务有限公司');
    const decide = 'mutation($leadId: ID!, $input: SupportDecisionInput!) { decideSupport(leadId: $leadId, input: $input) { transferState } }';
    const letter = 'mutation($leadId: ID!, $input: SupportLetterInput!) { recordSupportLetter(leadId: $leadId, input: $input) { transferState } }';
    // Sent to the court before the decision and the letter are entered, so the court's page is seen
    // at each stage where only the procuratorate has something to do.
    const t = ok(await gql(hub.gatewayUrl, transfer, { input: { leadId: lead.id, to: 'COURT', kind: 'COURT_FILING', reason: '支持起诉，移送立案' } }, { token: prosecutor })).transferLead;
    ok(await gql(hub.gatewayUrl, accept, { id: t.id }, { token: court }));

    const { context, page } = await open({ width: 1366, height: 768 });
    await signInAndOpen(page, '长治市中级人民法院 法官', lead.referenceNo);
    const procuratorateActs = async () => [
      await page.getByRole('group', { name: '支持起诉决定' }).count(),
      await page.getByRole('group', { name: '支持起诉书' }).count(),
      await page.getByRole('button', { name: '记录决定' }).count(),
      await page.getByRole('button', { name: '记录支持起诉书' }).count(),
    ];
    // Undecided: the court reads that and is offered nothing, neither the decision nor its own acts.
    expect(await fact(page, '支持起诉决定').textContent()).toBe('尚未决定');
    expect(await procuratorateActs()).toEqual([0, 0, 0, 0]);
    expect(await page.locator('.litigation-casework fieldset').count()).toBe(0);

    // Decided, letter not yet entered: the court may file, and is not offered the letter.
    ok(await gql(hub.gatewayUrl, decide, { leadId: lead.id, input: { supported: true, reason: '劳动者维权能力弱' } }, { token: prosecutor }));
    await page.reload();
    await page.getByRole('group', { name: '立案' }).waitFor();
    expect(await fact(page, '支持起诉决定').textContent()).toContain('决定支持起诉：劳动者维权能力弱');
    expect(await fact(page, '支持起诉书').textContent()).toBe('尚未制发');
    expect(await procuratorateActs()).toEqual([0, 0, 0, 0]);
    expect(await englishOn(page)).toEqual([]);

    ok(await gql(hub.gatewayUrl, letter, { leadId: lead.id, input: { number: '长检民支〔2026〕2号', issuedOn: today } }, { token: prosecutor }));
    await page.reload();
    await page.getByRole('group', { name: '立案' }).waitFor();
    expect(await fact(page, '支持起诉书').textContent()).toBe(`长检民支〔2026〕2号（${today} 出具）`);
    expect(await procuratorateActs()).toEqual([0, 0, 0, 0]);

    const filing = page.getByRole('group', { name: '立案' });
    await filing.getByLabel('受理法院').fill('长治市中级人民法院');
    await filing.getByLabel('案号').fill('(2026)晋04民初2号');
    await filing.getByLabel('立案日期').fill(today);
    await filing.getByRole('button', { name: '记录立案' }).click();
    await status(page, '已记录立案（(2026)晋04民初2号）');
    expect(await fact(page, '立案').textContent()).toBe(`长治市中级人民法院 (2026)晋04民初2号（${today} 立案）`);
    expect(await page.getByRole('group', { name: '立案' }).count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);

    const hearing = page.getByRole('group', { name: '安排开庭' });
    await hearing.getByLabel('开庭日期').fill(today);
    await hearing.getByLabel('法庭').fill('第一法庭');
    await hearing.getByRole('button', { name: '安排开庭' }).click();
    await status(page, `已安排 ${today} 在第一法庭开庭`);
    const result = page.getByRole('group', { name: `庭审结果（${today} 第一法庭）` });
    await result.getByLabel('庭审情况').fill('双方同意调解');
    await result.getByRole('button', { name: '记录庭审结果' }).click();
    await status(page, `已记录 ${today} 开庭的庭审结果`);
    expect(await fact(page, '开庭').textContent()).toContain('庭审结果：双方同意调解');
    expect(await englishOn(page)).toEqual([]);

    const outcome = page.getByRole('group', { name: '裁判结果' });
    await outcome.getByLabel('结案方式').selectOption({ label: '判决' });
    await outcome.getByLabel('裁判日期').fill(today);
    await outcome.getByLabel('确定金额（元）').fill('60000.00');
    await outcome.getByLabel('承担连带责任的用人单位（多个用顿号分隔）').fill('长治某建筑劳务有限公司');
    await outcome.getByLabel('第 1 期金额（元）').fill('60000.00');
    await outcome.getByLabel('第 1 期到期日').fill(addDays(today, 30));
    await outcome.getByRole('button', { name: '记录裁判结果', exact: true }).click();
    await outcome.getByRole('alertdialog', { name: '确认记录裁判结果' }).getByText('分 1 期支付').waitFor();
    await outcome.getByRole('button', { name: '确认记录裁判结果' }).click();
    await status(page, '已记录裁判结果：判决，确定金额 60,000.00 元，分 1 期支付');
    expect(await page.getByRole('region', { name: '分期付款表' }).getByRole('row').count()).toBe(2);
    expect(await page.getByRole('group', { name: '裁判结果' }).count()).toBe(0);

    const payment = page.getByRole('group', { name: `分期付款（${addDays(today, 30)} 到期，尚欠 60,000.00 元）` });
    await payment.getByLabel('付款金额（元）').fill('20000.00');
    await payment.getByLabel('付款日期').fill(today);
    await payment.getByRole('button', { name: '记录付款' }).click();
    await status(page, '已记录付款 20,000.00 元');
    expect(await fact(page, '履行情况').textContent()).toBe('已支付 20,000.00 元，尚欠 40,000.00 元');
    // Still none of the procuratorate's acts, and nothing overdue to enforce.
    expect(await procuratorateActs()).toEqual([0, 0, 0, 0]);
    expect(await page.getByRole('group', { name: '申请强制执行' }).count()).toBe(0);
    await shot(page, '01-court');
    expect(await englishOn(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('phone: the prosecutor decides, records the letter, the filing and a hearing at 390 px, every control in reach', async () => {
    const lead = await leadWithProcuratorate('长治某机械制造有限公司');
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAndOpen(page, '长治市人民检察院 检察官', lead.referenceNo);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await controlsOutsideWidth(page)).toEqual([]);

    const decision = page.getByRole('group', { name: '支持起诉决定' });
    await decision.getByLabel('决定', { exact: true }).selectOption({ label: '支持起诉' });
    await decision.getByLabel('理由').fill('劳动者维权能力弱');
    await decision.getByRole('button', { name: '记录决定' }).click();
    await status(page, '已决定支持起诉');
    expect(await englishOn(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await controlsOutsideWidth(page)).toEqual([]);

    const letter = page.getByRole('group', { name: '支持起诉书' });
    await letter.getByLabel('文书编号').fill('长检民支〔2026〕3号');
    await letter.getByLabel('出具日期').fill(today);
    await letter.getByRole('button', { name: '记录支持起诉书' }).click();
    await status(page, '已记录支持起诉书 长检民支〔2026〕3号');
    expect(await englishOn(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await controlsOutsideWidth(page)).toEqual([]);

    const filing = page.getByRole('group', { name: '立案' });
    await filing.getByLabel('受理法院').fill('长治市中级人民法院');
    await filing.getByLabel('案号').fill('(2026)晋04民初3号');
    await filing.getByLabel('立案日期').fill(today);
    await filing.getByRole('button', { name: '记录立案' }).click();
    await status(page, '已记录立案（(2026)晋04民初3号）');
    expect(await englishOn(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await controlsOutsideWidth(page)).toEqual([]);

    const hearing = page.getByRole('group', { name: '安排开庭' });
    await hearing.getByLabel('开庭日期').fill(addDays(today, 7));
    await hearing.getByLabel('法庭').fill('第二法庭');
    await hearing.getByRole('button', { name: '安排开庭' }).click();
    await status(page, `已安排 ${addDays(today, 7)} 在第二法庭开庭`);
    expect(await fact(page, '开庭').textContent()).toContain(`${addDays(today, 7)} 第二法庭：尚未记录庭审结果`);
    // A hearing still to come offers no result yet.
    expect(await page.getByRole('group', { name: `庭审结果（${addDays(today, 7)} 第二法庭）` }).count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await controlsOutsideWidth(page)).toEqual([]);
    await shot(page, '02-phone-prosecutor');
    expect(problems).toEqual([]);
    await context.close();
  });
});
