import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, openConsole, startConsoleHub, status, unlabelled } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * The evidence checklist (证据清单，《保障农民工工资支付条例》第五十条) in the inspection panel, in a
 * real browser against the whole hub: the employer asked for its payroll ledger, roster and
 * contracts, each received (dated) or not provided (with what happened); closing as paid in full
 * after a payment order refused at 结案原因 while neither the ledger nor a reason to close without
 * it is on record; at desktop and phone widths. Screenshots: test-artifacts/console/checklist-*.png.
 */
describe('the evidence checklist in the console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const inspector = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-ev-zhou', name: '周敏', roles: ['HANDLER'] });

  beforeAll(async () => {
    await clearOfShanghaiMidnight();
    ({ hub, browser, stop: stopConsole } = await startConsoleHub());
  }, CLEAR_OF_MIDNIGHT_TIMEOUT_MS);
  afterAll(async () => {
    await stopConsole?.();
  });

  /** A day in Asia/Shanghai, `n` calendar days from today, as YYYY-MM-DD. */
  const shanghaiDay = (n = 0) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const slashed = (d: string) => d.replace(/-/g, '/');

  /**
   * A lead received ten days ago, sent to inspection and accepted, an order issued, final feedback
   * given and the complainant called back (through the API): only the checklist and 结案 are left.
   */
  async function workedLead(employerName: string): Promise<{ id: string; referenceNo: string }> {
    const receivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const lead = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput({ employerName, employerCreditCode: null, receivedAt }) }, { token: union })).reportLead;
    const run = (query: string, variables: Record<string, unknown>, token = inspector) => gql(hub.gatewayUrl, query, variables, { token }).then(ok);
    const t = (await run('mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } }, union)).transferLead.id;
    await run('mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: t });
    await run(`mutation($id: ID!) { issuePaymentOrder(leadId: $id, input: { amount: "89195.00", payBy: "${shanghaiDay(7)}" }) { closureState } }`, { id: lead.id });
    await run('mutation($id: ID!) { giveFeedback(transferId: $id, input: { final: true, summary: "工资已发放", amountRecovered: "89195.00", workersPaid: 4 }) { id } }', { id: t });
    await run('mutation($id: ID!) { recordCallback(leadId: $id, input: { wagesPaid: true, procedureLawful: true, satisfied: true, note: "" }) { closureState } }', { id: lead.id });
    return lead;
  }

  async function open(o: { width: number; height: number; mobile?: boolean; leadId: string }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, token: inspector, route: `#/leads/${encodeURIComponent(o.leadId)}`, problems });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `checklist-${name}.png`), fullPage: true });
  const checklist = (page: Page) => page.getByRole('region', { name: '证据清单（第五十条）' });
  /** What the checklist says of one document. */
  const stateOf = (page: Page, item: string) => checklist(page).locator('dt', { hasText: new RegExp(`^${item}$`) }).locator('xpath=following-sibling::dd[1]').textContent();

  async function request(page: Page, item: string, on: string) {
    const form = page.getByRole('group', { name: '要求用人单位提供材料' });
    await form.getByLabel('要求提供的材料').selectOption({ label: item });
    await form.getByLabel('要求提供日期').fill(on);
    await form.getByRole('button', { name: '登记要求提供' }).click();
    await status(page, `已登记要求用人单位提供${item}`);
  }

  async function closeAsPaidInFull(page: Page) {
    const closure = page.getByRole('group', { name: '结案' });
    await closure.getByLabel('结案原因').selectOption({ label: '已全额支付' });
    await closure.getByLabel('追回金额（元）').fill('89195.00');
    await closure.getByLabel('已支付人数').fill('4');
    await closure.getByRole('button', { name: '结案', exact: true }).click();
    await closure.getByRole('button', { name: '确认结案' }).click();
  }

  test('desktop: asked for, refused at its date, not provided; 结案 refused at 结案原因 without the ledger; a reason recorded, then closed', async () => {
    const lead = await workedLead('长治市某幕墙工程有限公司');
    const { context, page } = await open({ width: 1366, height: 768, leadId: lead.id });
    await heading(page, `线索 ${lead.referenceNo}`);
    const c = checklist(page);
    await c.getByText('以“已全额支付”结案或已下达责令限期支付的，须先收到工资台账，或登记无工资台账结案的理由。').waitFor();
    for (const item of ['劳动合同', '花名册', '工资台账', '考勤记录']) expect(await stateOf(page, item)).toBe('未要求提供');
    // Nothing chosen for the inspector; every control labelled.
    const ask = page.getByRole('group', { name: '要求用人单位提供材料' });
    expect(await ask.getByLabel('要求提供的材料').inputValue()).toBe('');
    expect(await unlabelled(page)).toEqual([]);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '01-desktop-empty');

    // Dated before the lead was received: refused at 要求提供日期, in Chinese, with focus there.
    await ask.getByLabel('要求提供的材料').selectOption({ label: '工资台账' });
    await ask.getByLabel('要求提供日期').fill(shanghaiDay(-11));
    await ask.getByRole('button', { name: '登记要求提供' }).click();
    await ask.locator('#ins-ev-rq-on-error').waitFor();
    expect(await ask.locator('#ins-ev-rq-on-error').textContent()).toMatch(/^要求提供日期早于线索受理日期（\d{4}-\d{2}-\d{2}）$/);
    expect(await ask.getByLabel('要求提供日期').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toBe('ins-ev-rq-on');
    await shot(page, '02-desktop-request-refused');
    await ask.getByLabel('要求提供日期').fill(shanghaiDay(-8));
    await ask.getByRole('button', { name: '登记要求提供' }).click();
    await status(page, '已登记要求用人单位提供工资台账');
    await c.getByText(`${slashed(shanghaiDay(-8))} 要求提供，尚未提供`).waitFor();

    // Not provided, with what happened.
    const answer = page.getByRole('group', { name: '登记材料提供情况' });
    await answer.getByLabel('材料').selectOption({ label: '工资台账' });
    expect(await answer.getByLabel('已收到').isChecked()).toBe(false);
    expect(await answer.getByLabel('未提供').isChecked()).toBe(false);
    await answer.getByLabel('未提供').check();
    await answer.getByLabel('未提供的情况').fill('企业称未建立工资台账');
    await answer.getByRole('button', { name: '登记提供情况' }).click();
    await status(page, '已登记用人单位未提供工资台账');
    await c.getByText(`未提供（${slashed(shanghaiDay(-8))} 要求提供）：企业称未建立工资台账`).waitFor();

    // 结案 as paid in full after the order: refused at 结案原因, saying what to do.
    await closeAsPaidInFull(page);
    const closure = page.getByRole('group', { name: '结案' });
    await closure.locator('#cl-reason-error').waitFor();
    expect(await closure.locator('#cl-reason-error').textContent()).toMatch(/工资台账.*请在证据清单中登记已收到工资台账，或登记无工资台账结案的理由/);
    expect(await closure.getByLabel('结案原因').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toBe('cl-reason');
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '03-desktop-close-refused');

    const reason = page.getByRole('group', { name: '登记无工资台账结案的理由' });
    await reason.getByLabel('无工资台账结案的理由').fill('企业未建立工资台账，已另案处理；4名工人书面确认已足额领取');
    await reason.getByRole('button', { name: '登记理由' }).click();
    await status(page, '已登记无工资台账结案的理由');
    await c.getByText(/^企业未建立工资台账，已另案处理；4名工人书面确认已足额领取（.+ 于 .+ 登记）$/).waitFor();
    await c.getByText('以“已全额支付”结案', { exact: false }).waitFor({ state: 'detached' });

    await closeAsPaidInFull(page);
    await status(page, '已结案');
    // Closed: the checklist stays on view, with no form.
    await checklist(page).getByRole('group').first().waitFor({ state: 'detached' });
    expect(await stateOf(page, '工资台账')).toContain('未提供');
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '04-desktop-closed');
    await context.close();
    expect(problems).toEqual([]);
  });

  test('phone: documents asked for and received, a receipt dated before its request refused at 收到日期; with the ledger the case closes', async () => {
    const lead = await workedLead('长治市某电力安装有限公司');
    const { context, page } = await open({ width: 390, height: 844, mobile: true, leadId: lead.id });
    await heading(page, `线索 ${lead.referenceNo}`);
    await request(page, '工资台账', shanghaiDay(-6));
    await request(page, '花名册', shanghaiDay(-6));
    expect(await stateOf(page, '花名册')).toBe(`${slashed(shanghaiDay(-6))} 要求提供，尚未提供`);

    const answer = page.getByRole('group', { name: '登记材料提供情况' });
    await answer.getByLabel('材料').selectOption({ label: '工资台账' });
    await answer.getByLabel('已收到').check();
    await answer.getByLabel('收到日期').fill(shanghaiDay(-7));
    await answer.getByRole('button', { name: '登记提供情况' }).click();
    await answer.locator('#ins-ev-an-on-error').waitFor();
    expect(await answer.locator('#ins-ev-an-on-error').textContent()).toBe(`收到日期早于要求用人单位提供的日期（${shanghaiDay(-6)}）`);
    await expect(focusedId(page)).resolves.toBe('ins-ev-an-on');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await shot(page, '05-phone-receipt-refused');
    await answer.getByLabel('收到日期').fill(shanghaiDay(-2));
    await answer.getByRole('button', { name: '登记提供情况' }).click();
    await status(page, '已登记收到用人单位提供的工资台账');
    expect(await stateOf(page, '工资台账')).toBe(`${slashed(shanghaiDay(-2))} 已收到（${slashed(shanghaiDay(-6))} 要求提供）`);
    // With the ledger, no reason is asked for.
    await checklist(page).getByText('已收到工资台账，无需登记').waitFor();
    expect(await page.getByRole('group', { name: '登记无工资台账结案的理由' }).count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);

    await closeAsPaidInFull(page);
    await status(page, '已结案');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '06-phone-closed');
    await context.close();
    expect(problems).toEqual([]);
  });
});
