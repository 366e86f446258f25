import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, heading, openConsole, startConsoleHub } from '../support/console';

/**
 * The lead list's page size and paging (desktop) and its cards on a phone (real Chromium, the
 * whole hub on real PostgreSQL). 25 leads: 20 a page by default, 50 shows them all, the choice is
 * remembered after a reload; on a 390x844 phone each lead is a card and nothing scrolls sideways.
 * Screenshots: test-artifacts/console/lists-*.png.
 */
describe('the lead list: page size and phone cards', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const LEADS = 25;
  const refs: string[] = [];

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
    const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    for (let i = 0; i < LEADS; i++) {
      const input = leadInput({
        amountOwed: `${1000 + i}.00`,
        employerName: `长治市第${i + 1}建筑劳务有限公司`,
        employerCreditCode: null,
        complainants: [{ name: `张${'一二三四五六七八九十'[i % 10]}${i}` }],
      });
      refs.push((ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: union })).reportLead as { referenceNo: string }).referenceNo);
    }
  });
  afterAll(async () => {
    await stopConsole?.();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, acceptDownloads: true, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `lists-${name}.png`), fullPage: true });
  const table = (page: Page) => page.getByRole('region', { name: '线索表格' });
  /** The reference numbers listed, top to bottom. */
  const listed = (page: Page) => table(page).getByRole('row').getByRole('link').allTextContents();
  const range = (page: Page, text: string) => page.locator('main p.help', { hasText: text }).waitFor();

  async function openList(page: Page) {
    await page.getByRole('button', { name: '以“长治市总工会 受理员”登录' }).click();
    await heading(page, '待办');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await page.getByRole('status').filter({ hasText: `共 ${LEADS} 条线索` }).waitFor();
  }

  test('desktop: 20 a page by default, next and previous page, 50 a page remembered after a reload, the list exported as XLSX and CSV', async () => {
    const { context, page } = await open({ width: 1366, height: 768 });
    await openList(page);
    const newest = [...refs].reverse();
    await range(page, '第 1–20 条');
    expect(await listed(page)).toEqual(newest.slice(0, 20));
    expect(await page.getByLabel('每页条数').inputValue()).toBe('20');
    expect(await englishOn(page)).toEqual([]);

    await page.getByRole('button', { name: '下一页' }).click();
    await range(page, '第 21–25 条');
    expect(await listed(page)).toEqual(newest.slice(20));
    expect(await page.getByRole('button', { name: '下一页' }).count()).toBe(0);
    await page.getByRole('button', { name: '上一页' }).click();
    await range(page, '第 1–20 条');
    expect(await listed(page)).toEqual(newest.slice(0, 20));

    // A new page size starts again from the first page.
    await page.getByRole('button', { name: '下一页' }).click();
    await range(page, '第 21–25 条');
    await page.getByLabel('每页条数').selectOption({ label: '50 条' });
    await range(page, '第 1–25 条');
    expect(await listed(page)).toEqual(newest);
    expect(await page.getByRole('button', { name: /上一页|下一页/ }).count()).toBe(0);
    await shot(page, '01-desktop-50');
    expect(await englishOn(page)).toEqual([]);

    // Remembered in this browser.
    await page.reload();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '线索列表' }).click();
    await heading(page, '线索列表');
    await range(page, '第 1–25 条');
    expect(await page.getByLabel('每页条数').inputValue()).toBe('50');
    expect(await listed(page)).toEqual(newest);

    // The list as a file: the XLSX holds what the list holds, in its order.
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const file = await download.path();
      return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
    };
    const xlsx = await save('导出电子表格');
    expect(xlsx.name).toMatch(/^线索列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByRole('status', { name: '导出结果' }).filter({ hasText: '已下载线索列表电子表格' }).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as never);
    const cells: string[][] = [];
    wb.worksheets[0].eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    const header = cells.findIndex((r) => r[0] === '线索编号');
    expect(cells[header].slice(0, 5)).toEqual(['线索编号', '受理日期', '所在地区', '企业名称', '投诉人']);
    expect(cells.slice(header + 1).map((r) => r[0])).toEqual(newest);
    expect(await englishOn(page)).toEqual([]);

    // With a filter and another order: the CSV holds only what the list then shows.
    await page.getByLabel('企业名称').fill('第1');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '共 11 条线索' }).waitFor();
    await page.getByLabel('排序').selectOption({ label: '欠薪金额从高到低' });
    await page.locator('caption', { hasText: '欠薪金额从高到低' }).waitFor({ state: 'attached' });
    const shown = refs.filter((_, i) => String(i + 1).startsWith('1')).reverse();
    await page.waitForFunction((first) => document.querySelector('main table tbody tr a')?.textContent === first, shown[0]);
    expect(await listed(page)).toEqual(shown);
    const csv = await save('导出逗号分隔文件');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes.toString('utf8').split('\r\n');
    const body = lines.slice(lines.findIndex((l) => l.startsWith('线索编号,')) + 1).filter(Boolean);
    expect(body.map((l) => l.split(',')[0])).toEqual(shown);
    await shot(page, '02-desktop-exported');
    expect(await englishOn(page)).toEqual([]);
    // Both on the record of exports.
    const exports = await hub.sql<{ format: string; filter: unknown; order_by: string; row_count: number }>('leads', 'select format, filter, order_by, row_count from lead_export order by id');
    expect(exports).toEqual([
      { format: 'xlsx', filter: {}, order_by: 'RECEIVED_DESC', row_count: 25 },
      { format: 'csv', filter: { employerName: '第1' }, order_by: 'AMOUNT_DESC', row_count: 11 },
    ]);
    await context.close();
  });

  test('phone 390x844: each lead a card with its column names, no sideways scrolling', async () => {
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await openList(page);
    await range(page, '第 1–20 条');
    expect(await listed(page)).toHaveLength(20);
    const layout = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('main table tbody tr')];
      const cell = rows[0].querySelector('td')!;
      return {
        display: getComputedStyle(rows[0]).display,
        header: getComputedStyle(document.querySelector('main table thead')!).position,
        label: getComputedStyle(cell, '::before').content,
        widest: Math.max(...rows.map((r) => r.getBoundingClientRect().right)),
        fits: document.documentElement.scrollWidth <= window.innerWidth,
        regionFits: [...document.querySelectorAll<HTMLElement>('main .table-wrap')].every((w) => w.scrollWidth <= w.clientWidth),
        width: window.innerWidth,
      };
    });
    expect(layout.display).toBe('block');
    expect(layout.header).toBe('absolute');
    expect(layout.label).toBe('"线索编号"');
    expect(layout.widest).toBeLessThanOrEqual(layout.width);
    expect(layout.fits).toBe(true);
    expect(layout.regionFits).toBe(true);
    // The cards still read as a table to assistive technology: each cell under its column's name.
    expect(await table(page).getByRole('columnheader').allTextContents()).toEqual(['线索编号', '受理日期', '企业名称', '投诉人', '行业', '人数', '金额', '各机构状态']);
    await shot(page, '03-phone-cards');
    expect(await englishOn(page)).toEqual([]);

    await page.getByRole('button', { name: '下一页' }).click();
    await range(page, '第 21–25 条');
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });
  test('desktop: sorted by nearest deadline (最近期限), the leads with a deadline come first, nearest first, then the rest newest first', async () => {
    // Two leads sent to labour inspection: the union awaits feedback, the later-received one due sooner.
    const union = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
    const ids = ok(await gql(hub.gatewayUrl, 'query { leads(first: 50) { edges { node { id referenceNo } } } }', {}, { token: union })).leads.edges.map((e: { node: { id: string; referenceNo: string } }) => e.node);
    const byRef = (ref: string) => ids.find((n: { referenceNo: string }) => n.referenceNo === ref)!.id as string;
    const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    for (const [ref, days] of [[refs[3], 5], [refs[7], 3]] as const) {
      ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: byRef(ref), to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处', feedbackDueAt: dueIn(days) } }, { token: union }));
    }
    const { context, page } = await open({ width: 1366, height: 768 });
    await openList(page);
    await page.getByLabel('每页条数').selectOption({ label: '50 条' });
    await range(page, '第 1–25 条');
    await page.getByLabel('排序').selectOption({ label: '最近期限在前' });
    await page.locator('caption', { hasText: '最近期限在前' }).waitFor({ state: 'attached' });
    await page.waitForFunction((first) => document.querySelector('main table tbody tr a')?.textContent === first, refs[7]);
    const rest = [...refs].reverse().filter((r) => r !== refs[3] && r !== refs[7]);
    expect(await listed(page)).toEqual([refs[7], refs[3], ...rest]);
    await shot(page, '04-desktop-deadline');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });
});
