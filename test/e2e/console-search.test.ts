import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, openConsole, startConsoleHub, status } from '../support/console';

/**
 * The lead list's search box and sort control in the staff console (real Chromium, the whole hub
 * on real PostgreSQL), at desktop and phone widths: a union handler finds leads by ID number,
 * reference number and the start of an employer's name, is told what the search was taken for and
 * when nothing was found, and sorts the list by amount; labour inspection, asked to take a lead
 * but not holding it, finds it by name with the numbers masked and not at all by phone.
 * Screenshots: test-artifacts/console/search-*.png.
 */
describe('searching the lead list in the staff console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const wangId = '11010519491231002X';
  const masked = '1101**********002X';
  let wang = '';
  let li = '';
  const byAmount: string[] = [];

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
    const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const report = async (over: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput(over) }, { token: union })).reportLead as { id: string; referenceNo: string };
    const a = await report({ amountOwed: '5000.00', complainants: [{ name: '王建国', idNumber: wangId, phone: '13812345678' }] });
    const b = await report({ amountOwed: '98000.00', employerName: '太行建设集团有限公司', employerCreditCode: null, complainants: [{ name: '李四' }] });
    const c = await report({ amountOwed: '36000.00', employerName: '潞州某餐饮有限公司', employerCreditCode: null, complainants: [{ name: '赵某' }] });
    [wang, li] = [a.referenceNo, b.referenceNo];
    byAmount.push(b.referenceNo, c.referenceNo, a.referenceNo);
    // Labour inspection is asked to take Wang's lead and has not accepted it.
    ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: a.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请查处' } }, { token: union }));
  });
  afterAll(async () => {
    await stopConsole?.();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `search-${name}.png`), fullPage: true });
  const table = (page: Page) => page.getByRole('region', { name: '线索表格' });
  /** The reference numbers the table lists, top to bottom. */
  const listed = async (page: Page) => ((await table(page).count()) ? table(page).getByRole('row').getByRole('link').allTextContents() : []);

  async function openList(page: Page, identity: string) {
    await page.getByRole('button', { name: `以“${identity}”登录` }).click();
    await heading(page, '待办');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('status').filter({ hasText: /共 \d+ 条线索/ }).waitFor();
  }
  /** Types into the search box and presses Enter, as a person at the keyboard does. */
  async function searchFor(page: Page, text: string) {
    const box = page.getByRole('search', { name: '搜索线索' }).getByLabel('搜索', { exact: true });
    await box.fill(text);
    await box.press('Enter');
  }

  test('desktop: by ID number, reference number and name, nothing found, then sorted by amount', async () => {
    const { context, page } = await open({ width: 1366, height: 768 });
    await openList(page, '长治市总工会 受理员');
    const unlabelled = await page.evaluate<string[]>("[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)");
    expect(unlabelled).toEqual([]);

    await searchFor(page, wangId.toLowerCase());
    await status(page, `按身份证号“${masked}”搜索，找到 1 条线索`);
    expect(await listed(page)).toEqual([wang]);
    // What the answer says names the number masked (the box keeps what was typed).
    expect(await page.locator('main').innerText()).not.toContain(wangId);
    await shot(page, '01-id-number');
    expect(await englishOn(page)).toEqual([]);

    await searchFor(page, li.toLowerCase());
    await status(page, `按线索编号“${li}”搜索，找到 1 条线索`);
    expect(await listed(page)).toEqual([li]);

    await searchFor(page, '太行');
    await status(page, '按姓名或单位名称开头“太行”搜索，找到 1 条线索');
    expect(await listed(page)).toEqual([li]);

    await searchFor(page, '无此单位');
    await status(page, '按姓名或单位名称开头“无此单位”搜索，没有找到线索。姓名和单位名称按开头查找');
    expect(await listed(page)).toEqual([]);
    await shot(page, '02-nothing-found');
    expect(await englishOn(page)).toEqual([]);

    await page.getByRole('button', { name: '清除搜索' }).click();
    await status(page, '共 3 条线索');
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('排序').selectOption({ label: '欠薪金额从高到低' });
    await page.locator('caption', { hasText: '欠薪金额从高到低' }).waitFor({ state: 'attached' });
    await page.waitForFunction((first) => document.querySelector('main table tbody tr a')?.textContent === first, byAmount[0]);
    expect(await listed(page)).toEqual(byAmount);
    await shot(page, '03-by-amount');

    // The ID number search is on the record of who looked for whose data: masked, by this person.
    const searches = await hub.sql<{ viewer_id: string; search_term: string; operation: string }>('leads', "select viewer_id, search_term, operation from personal_data_access where kind = 'SEARCH'");
    expect(searches).toEqual([{ viewer_id: 'dev-union-140400', search_term: masked, operation: 'SearchLeads' }]);
    await context.close();
  });

  test('phone 390x844: labour inspection, not holding the lead, finds it by name masked, not by phone', async () => {
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await openList(page, '长治市劳动监察 办案员');
    await searchFor(page, '138 1234 5678');
    await status(page, '按联系电话“138****5678”搜索，没有找到线索。身份证号和联系电话须完整输入，且只在本单位持有的线索中查找。');
    expect(await listed(page)).toEqual([]);
    await shot(page, '04-phone-not-holding');

    await searchFor(page, '王建国');
    await status(page, '按姓名或单位名称开头“王建国”搜索，找到 1 条线索');
    expect(await listed(page)).toEqual([wang]);
    // The page fits the phone's width: only the table scrolls sideways, inside its own region.
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await shot(page, '05-phone-by-name');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });
});
