import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, openConsole, signInAs, startConsoleHub, status } from '../support/console';

/**
 * 证据材料 in the staff console, in a real browser against the whole hub: attaching a PDF and a
 * photo marked as holding personal data, a text file named .pdf refused at the form, previewing
 * the photo and the PDF in place, downloading, withdrawing with a reason (asked first); an agency
 * sent the lead sees only the file without personal data, on a phone. Screenshots:
 * test-artifacts/console/evidence-*.png.
 */
describe('staff console: evidence', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'evidence', name);
  const unionHandler = () => tokenFor({ agency: 'UNION', region: '140400', id: 'dev-union-140400', name: '李明', roles: ['INTAKE', 'HANDLER'] });

  beforeAll(async () => {
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  });
  afterAll(async () => {
    await stopConsole?.();
  });

  async function open(viewport = { width: 1366, height: 768 }, mobile = false): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...viewport, mobile, acceptDownloads: true, timeout: 15_000, problems });
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `evidence-${name}.png`), fullPage: true });
  async function visitLead(page: Page, lead: { id: string; referenceNo: string }) {
    await page.evaluate(`location.hash = '/leads/${lead.id}'`);
    await page.getByRole('heading', { level: 1, name: `线索 ${lead.referenceNo}` }).waitFor();
  }
  const panel = (page: Page) => page.getByRole('region', { name: '证据材料' }).first();
  const rows = async (page: Page) => (await page.locator('section.evidence tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  // The refusal of the fake PDF names file formats and Office's applications; the files' own names are not language either.
  const english = async (page: Page) => (await englishOn(page)).filter((w) => !['PDF', 'JPEG', 'PNG', 'HEIC', 'Office', 'Word', 'Excel', 'PowerPoint', 'pdf', 'jpg', 'payroll', 'wage', 'slip'].includes(w));

  let lead: { id: string; referenceNo: string };

  test('a handler attaches a PDF and a photo holding personal data, is refused a text file named .pdf, previews, downloads and withdraws', async () => {
    lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: unionHandler() })).reportLead;
    const { context, page } = await open();
    await signInAs(page, '长治市总工会 受理员');
    await visitLead(page, lead);
    const form = page.getByRole('group', { name: '上传证据材料' });

    // Nothing is chosen for the staff member: the kind starts empty.
    expect(await form.getByLabel('材料类别').inputValue()).toBe('');
    await form.getByLabel('材料类别').selectOption({ label: '工资表/工资台账' });
    await form.getByLabel('材料名称').fill('2026年10月工资表');
    await form.getByLabel('材料日期').fill('2026-10-31');
    await form.getByLabel('文件', { exact: true }).setInputFiles(fixture('payroll.pdf'));
    await form.getByRole('button', { name: '上传' }).click();
    await status(page, '已上传证据材料“2026年10月工资表”');

    await form.getByLabel('材料类别').selectOption({ label: '聊天记录' });
    await form.getByLabel('材料名称').fill('与包工头的聊天截图');
    await form.getByLabel('材料日期').fill('2026-11-02');
    await form.getByLabel(/含个人信息/).check();
    await form.getByLabel('文件', { exact: true }).setInputFiles(fixture('wage-slip.jpg'));
    await form.getByRole('button', { name: '上传' }).click();
    await status(page, '仅办理本线索的单位可见');

    // A text file named as a PDF: the refusal is shown at the form, and focus moves to it.
    await form.getByLabel('材料类别').selectOption({ label: '劳动合同' });
    await form.getByLabel('材料名称').fill('劳动合同');
    await form.getByLabel('材料日期').fill('2026-03-01');
    await form.getByLabel('文件', { exact: true }).setInputFiles({ name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是PDF文件\n'.repeat(40)) });
    await form.getByRole('button', { name: '上传' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('文件类型以内容为准');
    expect(await refusal.evaluate((el) => el === document.activeElement)).toBe(true);

    expect(await rows(page)).toEqual([
      expect.stringMatching(/^工资表\/工资台账 2026年10月工资表 2026-10-31 payroll\.pdf（\d+ KB） 李明（工会），[\d/: ]+ 有效 预览下载$/),
      expect.stringMatching(/^聊天记录 与包工头的聊天截图 含个人信息 2026-11-02 wage-slip\.jpg（\d+ KB） 李明（工会），[\d/: ]+ 有效 预览下载$/),
    ]);

    // The photo shown in place, focus on its heading; then the PDF.
    await page.getByRole('button', { name: '预览 与包工头的聊天截图' }).click();
    const image = page.getByRole('img', { name: '聊天记录：与包工头的聊天截图' });
    await image.waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('figure.evidence-preview img')?.complete === true);
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(240);
    expect(await page.getByRole('heading', { name: '预览：与包工头的聊天截图' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, '01-photo-preview');
    await page.getByRole('button', { name: '预览 2026年10月工资表' }).click();
    await page.locator('iframe[title="2026年10月工资表（PDF）"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 2026年10月工资表' }).click()]);
    expect(download.suggestedFilename()).toBe('payroll.pdf');
    expect(fs.readFileSync(await download.path()).equals(fs.readFileSync(fixture('payroll.pdf')))).toBe(true);

    // Withdrawing asks first and needs a reason; the file stays listed, marked.
    const withdraw = page.getByRole('group', { name: '撤回证据材料' });
    await withdraw.getByLabel('撤回的材料').selectOption({ label: '工资表/工资台账：2026年10月工资表（payroll.pdf）' });
    await withdraw.getByLabel('撤回理由').fill('上传错了月份，应为11月工资表');
    await withdraw.getByRole('button', { name: '撤回' }).click();
    await page.getByRole('alertdialog', { name: '确认撤回' }).getByRole('button', { name: '确认撤回' }).click();
    await status(page, '已撤回证据材料“2026年10月工资表”');
    expect((await rows(page))[0]).toContain('撤回，理由：上传错了月份，应为11月工资表');
    await panel(page).waitFor();
    await shot(page, '02-desktop');
    expect(await english(page)).toEqual([]);
    await context.close();
  });

  test('phone: an agency sent the lead sees only the file without personal data, and the page fits the width', async () => {
    const transfer = ok(await gql(hub.gatewayUrl, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, { token: unionHandler() }));
    expect(transfer.transferLead.id).toBeTruthy();
    const { context, page } = await open({ width: 390, height: 844 }, true);
    await signInAs(page, '长治市劳动监察 办案员');
    await visitLead(page, lead);
    await page.locator('section.evidence tbody tr').first().waitFor();
    const seen = await rows(page);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('2026年10月工资表');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, '03-inspection-phone');
    expect(await english(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
