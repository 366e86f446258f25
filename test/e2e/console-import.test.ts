import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, openConsole, signInAs, signOut, startConsoleHub, status } from '../support/console';
import { csvText, ended, goodRow, importFile, upload as uploadOnly } from './import-support';
import { HEADERS } from '../../services/leads/src/modules/import/import.columns';

/**
 * Bulk import (批量导入) in the staff console (real Chromium, the whole hub on real PostgreSQL): the
 * union's intake clerk downloads the template, uploads a file with good rows, a row outside their
 * jurisdiction and a row like an open lead, follows the import's progress, reads the summary and
 * the refused row's reason in Chinese, downloads the refused rows, and cancels a second import
 * while it runs; a supervisor without the INTAKE role is not offered the screen; on a phone the
 * clerk reads an earlier report, sees an all-or-nothing file imported not at all, and starts a file
 * whose start never came.
 * Screenshots: test-artifacts/console/import-*.png.
 */
describe('bulk import in the staff console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  // The development identity the console signs in as (gateway/src/console.ts).
  const clerk = tokenFor({ id: 'dev-union-140400', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const csv = (rows: Record<string, string>[]) => Buffer.concat([BOM, Buffer.from(csvText(rows), 'utf8')]);

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
    // Last month's ledger brought in an open lead on the 三期 project; the file below repeats its arrears under another number.
    const earlier = await importFile(hub.gatewayUrl, clerk, csv([goodRow('台账-000', { 项目名称: '某安置小区三期' })]), '上月台账.csv');
    expect(earlier).toMatchObject({ status: 'DONE', imported: 1 });
  });
  afterAll(async () => {
    await stopConsole?.();
  });

  /**
   * Holds the union's imports where they stand: every batch takes the agency's import lock, so
   * with it held an import has counted its rows and stored none. Returns the release.
   */
  async function holdUnionImports(): Promise<() => Promise<void>> {
    const c = new Client({ connectionString: hub.databaseUrl('leads') });
    await c.connect();
    await c.query('select pg_advisory_lock(hashtext($1))', ['lead-import:UNION']);
    return async () => {
      await c.query('select pg_advisory_unlock(hashtext($1))', ['lead-import:UNION']);
      await c.end();
    };
  }

  async function open(o: { width: number; height: number; mobile?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, acceptDownloads: true, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `import-${name}.png`), fullPage: true });
  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

  async function openImport(page: Page) {
    await nav(page).getByRole('link', { name: '批量导入' }).click();
    await heading(page, '批量导入');
  }
  /** Clicks a download button: the file's name as the browser saves it, and its bytes. */
  async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
  }
  /** A sheet's rows as text cells. */
  async function xlsxRows(bytes: Buffer): Promise<string[][]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    return rows;
  }
  /** The cells of a report table's row, by the row number in its row header (once the rows have loaded). */
  async function reportRow(page: Page, table: string, rowNo: number): Promise<string[]> {
    const row = page.getByRole('region', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(rowNo), exact: true }) });
    await row.first().waitFor();
    return row.getByRole('cell').allTextContents();
  }
  /** A fact of the summary, beside its term. */
  const fact = (page: Page, term: string) => page.locator('.import-report dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
  const progress = (page: Page) => page.getByRole('progressbar', { name: '导入进度' });
  /** Waits for the progress bar to say it: rows counted (aria-valuemax) and rows done (aria-valuenow). */
  const progressAt = (page: Page, done: number, total: number) => page.locator(`[role="progressbar"][aria-valuemax="${total}"][aria-valuenow="${done}"]`).waitFor();

  async function upload(page: Page, name: string, buffer: Buffer) {
    await page.getByLabel('导入文件（电子表格或逗号分隔文件）').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByRole('button', { name: '上传并开始导入' }).click();
  }

  test('desktop: the template, a mixed file followed to its report, the refused rows downloaded, a second import cancelled', async () => {
    const { context, page } = await open({ width: 1366, height: 768 });
    await signInAs(page, '长治市总工会 受理员');
    await openImport(page);
    expect(await page.evaluate<string[]>("[...document.querySelectorAll('main input, main select, main textarea')].filter((e) => !e.labels?.length).map((e) => e.id)")).toEqual([]);
    expect(await englishOn(page)).toEqual([]);

    // The template, both ways, with its columns explained on the screen.
    const xlsx = await download(page, '下载模板（电子表格）');
    expect(xlsx.name).toBe('欠薪线索批量导入模板.xlsx');
    expect((await xlsxRows(xlsx.bytes)).find((r) => r[0] === '线索来源编号')).toEqual(HEADERS);
    await status(page, '已下载导入模板（电子表格）');
    const template = await download(page, '下载模板（逗号分隔文件）');
    expect(template.name).toBe('欠薪线索批量导入模板.csv');
    expect(template.bytes.toString('utf8')).toContain(HEADERS.join(','));
    await page.getByText('模板各列说明').click();
    const columns = page.getByRole('region', { name: '模板各列' });
    expect(await columns.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '线索来源编号' }) }).getByRole('cell').allTextContents()).toEqual(['必填']);
    expect(await columns.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '统一社会信用代码' }) }).getByRole('cell').allTextContents()).toEqual(['选填']);
    await shot(page, '01-template');
    expect(await englishOn(page)).toEqual([]);

    // A mixed file: a good row, a row outside 长治, and a row like the open lead on the 三期 project.
    expect(await page.getByLabel('全部成功才导入').isChecked()).toBe(false);
    await page.locator('#im-file-chosen').getByText('未选择文件').waitFor();
    // An empty file is refused at the file control, in Chinese, with focus there; nothing is started.
    await upload(page, '空文件.csv', Buffer.alloc(0));
    await page.locator('#im-file-error').getByText('文件为空。').waitFor();
    expect(await page.getByLabel('导入文件（电子表格或逗号分隔文件）').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('im-file');
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);

    const release = await holdUnionImports();
    await upload(page, '混合台账.csv', csv([goodRow('台账-001'), goodRow('台账-002', { 地区代码: '110101' }), goodRow('台账-003', { 项目名称: '某安置小区三期', 统一社会信用代码: '' })]));
    await status(page, '已上传“混合台账（逗号分隔文件）”并开始导入');
    expect(await page.locator('#im-file-error').count()).toBe(0);
    await page.locator('#im-file-chosen').getByText('未选择文件').waitFor(); // the form is ready for the next file
    // Running, its rows counted, none stored yet: the screen asks again until it ends.
    await progressAt(page, 0, 3);
    expect(await progress(page).getAttribute('aria-valuetext')).toBe('已处理 0 / 3 行，其中被拒绝 0 行');
    await page.locator('.import-report').getByText('导入中').waitFor();
    await page.getByRole('button', { name: '取消导入' }).waitFor();
    await shot(page, '02-running');
    expect(await englishOn(page)).toEqual([]);
    await release();

    await page.getByRole('heading', { level: 3, name: '导入结果' }).waitFor();
    await progressAt(page, 3, 3);
    expect(await focusedId(page)).toBe('im-result');
    expect(await page.getByRole('button', { name: '取消导入' }).count()).toBe(0);
    await page.getByText('导入完成：新导入 2 条线索，0 行已存在未重复创建。1 行被拒绝，请下载被拒绝的行，更正后重新导入。').waitFor();
    expect([await fact(page, '已导入'), await fact(page, '已存在'), await fact(page, '被拒绝'), await fact(page, '可能重复')]).toEqual(['2 条', '0 行', '1 行', '1 条']);
    const refused = await reportRow(page, '被拒绝的行', 3);
    expect(refused.slice(0, 2)).toEqual(['台账-002', '地区代码']);
    expect(refused[2]).toMatch(/110101.*超出您的管辖范围/);
    const duplicate = await reportRow(page, '可能重复的线索', 4);
    expect(duplicate[0]).toBe('台账-003');
    expect(duplicate[1]).toMatch(/^QX-140421-\d{4}-\d{6}$/);
    expect(duplicate[2]).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, '03-report');
    expect(await englishOn(page)).toEqual([]);

    // The refused rows, to correct and import again: the row as it was, its row number and the reason.
    const again = await download(page, '下载被拒绝的行（电子表格）');
    expect(again.name).toBe('导入被拒绝的行-混合台账.xlsx');
    const rows = await xlsxRows(again.bytes);
    const header = rows.findIndex((r) => r[0] === '线索来源编号');
    expect(rows.slice(header + 1).map((r) => [r[0], r[rows[header].indexOf('原行号')], r[rows[header].indexOf('拒绝原因')]])).toEqual([['台账-002', '3', expect.stringMatching(/^地区代码：.*超出您的管辖范围/)]]);
    const againCsv = await download(page, '下载被拒绝的行（逗号分隔文件）');
    expect(againCsv.name).toBe('导入被拒绝的行-混合台账.csv');
    expect(againCsv.bytes.toString('utf8')).toMatch(/台账-002[^\n]*超出您的管辖范围/);

    // The earlier imports, newest first.
    const mine = page.getByRole('region', { name: '我的导入记录' });
    const listed = mine.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '混合台账（逗号分隔文件）' }) });
    await listed.getByText('已完成').waitFor(); // the list is asked again once the import has ended
    expect(await listed.getByRole('cell').allTextContents()).toEqual([expect.any(String), '已完成', '2', '0', '1']);
    expect(await mine.getByRole('rowheader').allTextContents()).toEqual(['混合台账（逗号分隔文件）', '上月台账（逗号分隔文件）']);

    // A second file, cancelled while it runs: asked first, then stopped with nothing of it imported.
    const hold = await holdUnionImports();
    await upload(page, '第二批.csv', csv([goodRow('台账-101'), goodRow('台账-102')]));
    await status(page, '已上传“第二批（逗号分隔文件）”并开始导入');
    await progressAt(page, 0, 2);
    await page.getByRole('button', { name: '取消导入' }).click();
    await page.getByRole('alertdialog', { name: '确认取消导入' }).getByText('停止导入“第二批（逗号分隔文件）”？').waitFor();
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('确认取消导入');
    await page.getByRole('button', { name: '确认取消导入' }).click();
    await page.getByText('已取消导入“第二批（逗号分隔文件）”：已导入的 0 条线索保留，其余行不再导入。').waitFor();
    expect(await focusedId(page)).toBe('im-result');
    await page.locator('.import-report').getByText('已取消').first().waitFor();
    await shot(page, '04-cancelled');
    expect(await englishOn(page)).toEqual([]);
    await hold();
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/import/', ''));
    expect(await ended(hub.gatewayUrl, clerk, id)).toMatchObject({ status: 'CANCELLED', imported: 0 });
    expect(await hub.sql('leads', `select source_ref from lead where source_ref like '台账-%' order by 1`)).toEqual([{ source_ref: '台账-000' }, { source_ref: '台账-001' }, { source_ref: '台账-003' }]);
    await signOut(page);

    // Staff without the INTAKE role are not offered the screen, nor shown it at its address.
    await signInAs(page, '山西省总工会 主管');
    expect(await nav(page).getByRole('link', { name: '批量导入' }).count()).toBe(0);
    await page.goto(`${hub.gatewayUrl}/console#/import`);
    await heading(page, '待办');
    expect(await page.getByRole('heading', { name: '批量导入' }).count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('phone: an earlier report opened from the list; an all-or-nothing file with a bad row imports nothing; a file uploaded but not started is started from its report; the page fits the width', async () => {
    const { context, page } = await open({ width: 390, height: 844, mobile: true });
    await signInAs(page, '长治市总工会 受理员');
    await openImport(page);
    await page.getByRole('region', { name: '我的导入记录' }).getByRole('link', { name: '混合台账（逗号分隔文件）' }).click();
    await page.getByRole('heading', { level: 3, name: '导入结果' }).waitFor();
    expect((await reportRow(page, '被拒绝的行', 3)).slice(0, 2)).toEqual(['台账-002', '地区代码']);
    expect(await englishOn(page)).toEqual([]);

    await page.getByLabel('全部成功才导入').check();
    await upload(page, '全有或全无.csv', csv([goodRow('台账-201'), goodRow('台账-202', { '欠薪金额（元）': '12.345' })]));
    await status(page, '已上传“全有或全无（逗号分隔文件）”，正在逐行检查');
    await page.getByRole('heading', { level: 2, name: '导入“全有或全无（逗号分隔文件）”' }).waitFor();
    await page.getByRole('heading', { level: 3, name: '导入结果' }).waitFor();
    expect(await focusedId(page)).toBe('im-result');
    await page.locator('.import-report').getByText('未导入', { exact: true }).waitFor();
    await page.locator('.import-report').getByText(/^有 1 行被拒绝，按“全部成功才导入”未导入任何线索：请更正后重新导入。$/).waitFor();
    const refused = await reportRow(page, '被拒绝的行', 3);
    expect(refused.slice(0, 2)).toEqual(['台账-202', '欠薪金额（元）']);
    expect(refused[2]).toMatch(/[\u4e00-\u9fff]/);
    expect(await fact(page, '已导入')).toBe('0 条');
    expect(await page.getByLabel('全部成功才导入').isChecked()).toBe(false); // the next file starts from no choice made
    expect(await hub.sql('leads', `select source_ref from lead where source_ref like '台账-20_'`)).toEqual([]);

    // A file uploaded whose start never came (the connection dropped): started from its report.
    const uploaded = await uploadOnly(hub.gatewayUrl, clerk, csv([goodRow('台账-301')]), '断线重传.csv');
    expect(uploaded.status).toBe(201);
    await page.reload();
    await heading(page, '批量导入');
    await page.getByRole('region', { name: '我的导入记录' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '断线重传（逗号分隔文件）' }) }).getByText('已上传，未开始').waitFor();
    await page.getByRole('region', { name: '我的导入记录' }).getByRole('link', { name: '断线重传（逗号分隔文件）' }).click();
    await page.locator('.import-report').getByText('该文件已上传，但尚未开始导入。').waitFor();
    await page.getByRole('button', { name: '开始导入该文件' }).click();
    await page.getByText('导入完成：新导入 1 条线索，0 行已存在未重复创建。').waitFor();
    expect(await focusedId(page)).toBe('im-result');

    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '05-phone');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
