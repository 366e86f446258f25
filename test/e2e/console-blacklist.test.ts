import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPORT_LEAD, gql, leadInput, ok, tokenFor, type TestHub } from '../support/hub';
import { ARTIFACTS, englishOn, focusedId, heading, openConsole, startConsoleHub, status, unlabelled } from '../support/console';
import { CLEAR_OF_MIDNIGHT_TIMEOUT_MS, clearOfShanghaiMidnight } from '../support/clock';

/**
 * The blacklist procedure (失信联合惩戒名单) in labour inspection's panel, in a real browser
 * against the whole hub: the inspector proposes (a refusal in Chinese first), tells the employer
 * (a date refused at its control), records its statement; the supervisor decides, sees the listing
 * on the watch list (重点监控用人单位), and removes it early once the arrears were paid 6 months
 * ago and a pledge is filed. At desktop and phone widths; controls found by label and role.
 * Screenshots: test-artifacts/console/blacklist-*.png.
 */
describe('the blacklist procedure in the console', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopConsole: (() => Promise<void>) | undefined;
  const problems: string[] = [];
  const union = tokenFor({ agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] });
  const handler = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-bl-handler', name: '赵办案', roles: ['HANDLER'] });
  const supervisor = tokenFor({ agency: 'INSPECTION', region: '140400', id: 'insp-bl-chief', name: '钱主管', roles: ['SUPERVISOR'] });

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
  const api = async (token: string, query: string, variables: Record<string, unknown>) => ok(await gql(hub.gatewayUrl, query, variables, { token }));

  /**
   * A lead received 300 days ago, referred to and accepted by inspection, ordered 280 days ago to
   * pay by 270 days ago; part paid 260 days ago, after the deadline. Returns the order's id too.
   */
  async function lapsedLead(employerName: string, amountOwed: string, paid: string) {
    const receivedAt = new Date(Date.now() - 300 * 86_400_000).toISOString();
    const lead = (await api(union, REPORT_LEAD, { input: leadInput({ employerName, employerCreditCode: null, amountOwed, receivedAt }) })).reportLead;
    const transfer = (await api(union, 'mutation($input: TransferLeadInput!) { transferLead(input: $input) { id } }', { input: { leadId: lead.id, to: 'INSPECTION', kind: 'REFERRAL', reason: '请依法查处' } })).transferLead;
    await api(handler, 'mutation($id: ID!) { acceptTransfer(id: $id) { id } }', { id: transfer.id });
    const order = (await api(handler, 'mutation($id: ID!, $input: PaymentOrderInput!) { issuePaymentOrder(leadId: $id, input: $input) { paymentOrders { id } } }', { id: lead.id, input: { amount: amountOwed, payBy: shanghaiDay(-270), issuedOn: shanghaiDay(-280) } })).issuePaymentOrder.paymentOrders[0];
    await api(handler, 'mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { closureState } }', { o: order.id, a: paid, d: shanghaiDay(-260) });
    return { id: lead.id as string, referenceNo: lead.referenceNo as string, orderId: order.id as string };
  }

  async function open(o: { width: number; height: number; mobile?: boolean; token: string; route: string }): Promise<{ context: BrowserContext; page: Page }> {
    return openConsole(browser, hub.gatewayUrl, { ...o, problems });
  }
  const leadRoute = (id: string) => `#/leads/${encodeURIComponent(id)}`;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `blacklist-${name}.png`), fullPage: true });
  const section = (page: Page) => page.getByRole('region', { name: '失信联合惩戒' });
  const fact = (page: Page, term: string) => section(page).locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  const fitsWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  /** The inspector: proposes on `ground`, tells the employer today, records the statement. */
  async function proposeNotifyHear(page: Page, ground: string, outcome: string, statement: string) {
    const proposal = page.getByRole('group', { name: '提请列入拖欠农民工工资失信联合惩戒对象名单' });
    await proposal.getByLabel('提请列入情形').selectOption({ label: ground });
    await proposal.getByLabel('提请理由').fill('责令限期支付逾期后仍未足额支付，40余名农民工聚集讨薪');
    await proposal.getByRole('button', { name: '提请列入' }).click();
    await proposal.getByRole('alertdialog', { name: '确认提请列入' }).getByText(/由主管决定；列入期限3年/).waitFor();
    await proposal.getByRole('button', { name: '确认提请列入' }).click();
    await status(page, '已提请将用人单位列入拖欠农民工工资失信联合惩戒对象名单');
    await fact(page, '状态').getByText('已提请，待告知用人单位').waitFor();

    const notice = page.getByRole('group', { name: '告知用人单位拟列入决定及陈述、申辩权利' });
    await notice.getByRole('button', { name: '记录告知' }).click();
    await status(page, '已记录告知用人单位');
    await fact(page, '告知').getByText(`${slashed(shanghaiDay(0))} 已告知用人单位`).waitFor();

    const hearing = page.getByRole('group', { name: '记录用人单位陈述申辩' });
    expect(await hearing.getByLabel('处理结果').inputValue()).toBe(''); // the outcome is the inspector's to state
    await hearing.getByLabel('处理结果').selectOption({ label: outcome });
    await hearing.getByLabel('陈述申辩内容').fill(statement);
    await hearing.getByRole('button', { name: '记录陈述申辩' }).click();
    await status(page, '已记录陈述申辩情况');
    await fact(page, '陈述申辩').getByText(`${slashed(shanghaiDay(0))}：${outcome}；${statement}`).waitFor();
  }

  test('desktop: proposal (refused below the threshold, then on a mass incident), notice, statement; the supervisor lists, the watch list shows it, early removal', async () => {
    // 4 workers owed 12,000 yuan: below the criminal threshold.
    const lead = await lapsedLead('长治市某失信劳务有限公司', '12000.00', '5000.00');
    const inspector = await open({ width: 1366, height: 768, token: handler, route: leadRoute(lead.id) });
    let page = inspector.page;
    await heading(page, `线索 ${lead.referenceNo}`);
    await section(page).getByText('未提请列入拖欠农民工工资失信联合惩戒对象名单。').waitFor();
    const proposal = page.getByRole('group', { name: '提请列入拖欠农民工工资失信联合惩戒对象名单' });
    expect(await proposal.getByLabel('提请列入情形').inputValue()).toBe(''); // nothing chosen for the inspector
    expect(await proposal.getByLabel('提请理由').inputValue()).toBe('');

    // On the criminal threshold: refused, in Chinese, at the form, with focus on the message.
    await proposal.getByLabel('提请列入情形').selectOption({ label: '欠薪数额达到拒不支付劳动报酬罪数额标准' });
    await proposal.getByLabel('提请理由').fill('逾期未支付');
    await proposal.getByRole('button', { name: '提请列入' }).click();
    await proposal.getByRole('button', { name: '确认提请列入' }).click();
    const refused = proposal.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('当前状态不允许此操作：欠薪金额（4 人共 12000.00 元）未达到拒不支付劳动报酬罪数额标准（一人 5000.00 元，十人以上 30000.00 元）；未达标准的，须因欠薪引发群体性事件方可提请列入。');
    expect(await page.evaluate<boolean>("document.activeElement?.getAttribute('role') === 'alert'")).toBe(true);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '01-desktop-proposal-refused');

    await proposeNotifyHear(page, '因欠薪引发群体性事件、极端事件', '不予采纳', '企业称资金周转困难，未提供证据');
    // The handler may not decide: the supervisor's form is not offered.
    expect(await page.getByRole('group', { name: '作出是否列入的决定（主管）' }).count()).toBe(0);
    await fact(page, '状态').getByText('已陈述申辩，待主管决定').waitFor();
    expect(await unlabelled(page)).toEqual([]);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '02-desktop-heard');
    await inspector.context.close();

    const chief = await open({ width: 1366, height: 768, token: supervisor, route: leadRoute(lead.id) });
    page = chief.page;
    await heading(page, `线索 ${lead.referenceNo}`);
    const decision = page.getByRole('group', { name: '作出是否列入的决定（主管）' });
    expect(await decision.getByLabel('决定', { exact: true }).inputValue()).toBe('');
    await decision.getByLabel('决定', { exact: true }).selectOption({ label: '列入失信联合惩戒对象名单（3年）' });
    await decision.getByLabel('决定理由').fill('经集体讨论，符合列入条件');
    await decision.getByRole('button', { name: '作出决定' }).click();
    await decision.getByRole('alertdialog', { name: '确认作出决定' }).getByText(/列入期限3年/).waitFor();
    await decision.getByRole('button', { name: '确认作出决定' }).click();
    await status(page, '已决定将用人单位列入失信联合惩戒对象名单，列入期限3年');
    const until = `${Number(shanghaiDay(0).slice(0, 4)) + 3}${shanghaiDay(0).slice(4)}`.replace(/-02-29$/, '-02-28');
    await fact(page, '状态').getByText(`列入至 ${slashed(until)}`).waitFor();
    await fact(page, '决定').getByText(`${slashed(shanghaiDay(0))} 决定列入，列入期限3年，至 ${slashed(until)}；理由：经集体讨论，符合列入条件`).waitFor();
    await page.getByRole('region', { name: '时间线' }).getByText(/决定将用人单位列入拖欠农民工工资失信联合惩戒对象名单/).waitFor();
    await shot(page, '03-desktop-listed');

    // The watch list (重点监控用人单位) shows the listing, until when.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '重点监控用人单位' }).click();
    await heading(page, '重点监控用人单位');
    const row = page.getByRole('region', { name: '重点监控用人单位表' }).getByRole('row').filter({ hasText: '长治市某失信劳务有限公司' });
    await row.getByText(`列入失信联合惩戒名单：1，至 ${slashed(until)}`).waitFor();
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '04-desktop-watch-list');
    await page.goBack();
    await heading(page, `线索 ${lead.referenceNo}`);

    // Early removal: refused while the arrears are unpaid (at the form), then within 6 months of paying them (at the date).
    const removal = page.getByRole('group', { name: '提前移出失信联合惩戒对象名单（信用修复，主管）' });
    await removal.getByLabel('清偿欠薪日期').fill(shanghaiDay(-200));
    await removal.getByLabel('书面信用承诺日期').fill(shanghaiDay(0));
    await removal.getByRole('button', { name: '提前移出' }).click();
    await removal.getByRole('button', { name: '确认提前移出' }).click();
    await removal.getByRole('alert').getByText('欠薪尚未清偿：责令限期支付仍有 7000.00 元未支付。').waitFor();

    await api(handler, 'mutation($o: ID!, $a: Money!, $d: Date!) { recordOrderPayment(orderId: $o, amount: $a, paidOn: $d) { closureState } }', { o: lead.orderId, a: '7000.00', d: shanghaiDay(-200) });
    await removal.getByLabel('清偿欠薪日期').fill(shanghaiDay(-10));
    await removal.getByRole('button', { name: '提前移出' }).click();
    await removal.getByRole('button', { name: '确认提前移出' }).click();
    const tooEarly = removal.locator('#ins-bl-paid-error');
    await tooEarly.waitFor();
    expect(await tooEarly.textContent()).toMatch(/^清偿欠薪日期距今不满6个月：\d{4}-\d{2}-\d{2} 起方可提前移出$/);
    expect(await removal.getByLabel('清偿欠薪日期').getAttribute('aria-invalid')).toBe('true');
    await expect(focusedId(page)).resolves.toBe('ins-bl-paid');
    await shot(page, '05-desktop-removal-refused');

    await removal.getByLabel('清偿欠薪日期').fill(shanghaiDay(-200));
    await removal.getByLabel('说明').fill('已提交书面信用承诺书');
    await removal.getByRole('button', { name: '提前移出' }).click();
    await removal.getByRole('button', { name: '确认提前移出' }).click();
    await status(page, '已将用人单位提前移出失信联合惩戒对象名单');
    await fact(page, '状态').getByText('已提前移出').waitFor();
    await fact(page, '提前移出').getByText(`${slashed(shanghaiDay(0))} 提前移出（${slashed(shanghaiDay(-200))} 清偿欠薪，${slashed(shanghaiDay(0))} 作出书面信用承诺）；已提交书面信用承诺书`).waitFor();
    expect(await removal.count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);
    await shot(page, '06-desktop-removed');
    await chief.context.close();
    expect(problems).toEqual([]);
  });

  test('phone: the same steps fit 390 px; a statement adopted leaves the supervisor only 不予列入', async () => {
    const lead = await lapsedLead('长治市某采纳申辩建材有限公司', '89195.00', '50000.00');
    const inspector = await open({ width: 390, height: 844, mobile: true, token: handler, route: leadRoute(lead.id) });
    let page = inspector.page;
    await heading(page, `线索 ${lead.referenceNo}`);
    // A notice dated before the proposal is refused at its control.
    const proposal = page.getByRole('group', { name: '提请列入拖欠农民工工资失信联合惩戒对象名单' });
    await proposal.getByLabel('提请列入情形').selectOption({ label: '欠薪数额达到拒不支付劳动报酬罪数额标准' });
    await proposal.getByLabel('提请理由').fill('4名农民工被拖欠 89195 元，逾期仅支付 50000 元');
    await proposal.getByRole('button', { name: '提请列入' }).click();
    await proposal.getByRole('button', { name: '确认提请列入' }).click();
    await status(page, '已提请将用人单位列入拖欠农民工工资失信联合惩戒对象名单');
    const notice = page.getByRole('group', { name: '告知用人单位拟列入决定及陈述、申辩权利' });
    await notice.getByLabel('告知日期').fill(shanghaiDay(-1));
    await notice.getByRole('button', { name: '记录告知' }).click();
    const early = notice.locator('#ins-bl-notice-error');
    await early.waitFor();
    expect(await early.textContent()).toBe(`告知日期早于提请列入失信名单的日期（${shanghaiDay(0)}）`);
    await expect(focusedId(page)).resolves.toBe('ins-bl-notice');
    expect(await fitsWidth(page)).toBeLessThanOrEqual(0);
    await shot(page, '07-phone-notice-refused');
    await notice.getByLabel('告知日期').fill('');
    await notice.getByRole('button', { name: '记录告知' }).click();
    await status(page, '已记录告知用人单位');
    const hearing = page.getByRole('group', { name: '记录用人单位陈述申辩' });
    await hearing.getByLabel('处理结果').selectOption({ label: '予以采纳' });
    await hearing.getByLabel('陈述申辩内容').fill('企业提供了已支付剩余工资的银行凭证');
    await hearing.getByRole('button', { name: '记录陈述申辩' }).click();
    await status(page, '已记录陈述申辩情况');
    expect(await englishOn(page)).toEqual([]);
    await inspector.context.close();

    const chief = await open({ width: 390, height: 844, mobile: true, token: supervisor, route: leadRoute(lead.id) });
    page = chief.page;
    await heading(page, `线索 ${lead.referenceNo}`);
    const decision = page.getByRole('group', { name: '作出是否列入的决定（主管）' });
    await decision.getByText('用人单位的陈述申辩已予采纳，只能决定不予列入。').waitFor();
    expect(await decision.getByRole('option', { name: '列入失信联合惩戒对象名单（3年）' }).isDisabled()).toBe(true);
    await decision.getByLabel('决定', { exact: true }).selectOption({ label: '不予列入' });
    await decision.getByLabel('决定理由').fill('采纳企业陈述申辩');
    await decision.getByRole('button', { name: '作出决定' }).click();
    await decision.getByRole('button', { name: '确认作出决定' }).click();
    await status(page, '已决定不予列入失信联合惩戒对象名单');
    await fact(page, '状态').getByText('决定不予列入').waitFor();
    await fact(page, '决定').getByText(`${slashed(shanghaiDay(0))} 决定不予列入；理由：采纳企业陈述申辩`).waitFor();
    // Not listed: a new proposal may be made, and nothing is left to remove.
    await page.getByRole('group', { name: '提请列入拖欠农民工工资失信联合惩戒对象名单' }).waitFor();
    expect(await page.getByRole('group', { name: /提前移出/ }).count()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    expect(await englishOn(page)).toEqual([]);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-phone-rejected');
    await chief.context.close();
    expect(problems).toEqual([]);
  });
});
