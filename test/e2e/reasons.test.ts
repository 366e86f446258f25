/**
 * Refusals through the gateway: the same reason and params whatever the language; the message in
 * Chinese when Accept-Language prefers it (the subgraphs render it, the gateway passes the header
 * on), in English otherwise.
 */
import { createHubClient, HubError, MeDocument } from '../../client';
import { REPORT_LEAD, gql, leadInput, ok, startHub, tokenFor, type GraphQLResponse, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

const intake = tokenFor({ agency: 'UNION', region: '140400', id: 'union-intake' });
const supervisor = tokenFor({ agency: 'UNION', region: '140400', id: 'union-chief', roles: ['SUPERVISOR'] });
const ZH = 'zh-CN,zh;q=0.9,en;q=0.8';
const EN = 'en-US,en;q=0.9,zh-CN;q=0.5';
const first = (r: GraphQLResponse) => r.errors?.[0] ?? { message: '(no error)', extensions: {} };

describe('refusals in the caller\'s language', () => {
  it('marks every intake field at fault with the same reasons in Chinese and in English', async () => {
    const input = leadInput({ employerCreditCode: '91140400MA0K6X5Y13', complainants: [{ name: '王某', idNumber: '110105194912310021' }], amountOwed: '100.005' });
    const [zh, en] = await Promise.all([ZH, EN].map((language) => gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: intake, language })));
    const reasons = (r: GraphQLResponse) => first(r).extensions?.invalidFields.map((f: { field: string; reason: string; params: unknown }) => [f.field, f.reason, f.params]);
    const expected = [
      ['employerCreditCode', 'CREDIT_CODE_CHECK_CHARACTER', {}],
      ['amountOwed', 'MONEY_TOO_MANY_DECIMALS', {}],
      ['complainants[0].idNumber', 'ID_NUMBER_CHECK_DIGIT', {}],
    ];
    expect(reasons(zh)).toEqual(expected);
    expect(reasons(en)).toEqual(expected);
    for (const r of [zh, en]) expect(first(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CREDIT_CODE_CHECK_CHARACTER', params: {}, field: 'employerCreditCode' });

    expect(first(zh).message).toBe('统一社会信用代码校验码不正确，请检查是否输错（另有 2 处填写有误）');
    expect(first(zh).extensions?.invalidFields.map((f: { message: string }) => f.message)).toEqual([
      '统一社会信用代码校验码不正确，请检查是否输错',
      '欠薪金额的小数超过两位；金额以元为单位、精确到分，例如 “62436.50”',
      '第1位投诉人身份证号码校验位不正确，请检查是否输错',
    ]);
    expect(first(en).message).toBe('employerCreditCode: has a wrong check character: please check the code for a typo (and 2 more invalid fields)');
    expect(first(en).extensions?.invalidFields[2].message).toBe('has a wrong check digit: please check the number for a typo');
  });

  it('refuses an advance larger than the relief fund with its amounts as params', async () => {
    ok(await gql(hub.gatewayUrl, 'mutation { depositToReliefFund(regionCode: "140400", amount: "1000.00", note: "市总工会拨付") { balance } }', {}, { token: supervisor }));
    const leadId = ok(await gql(hub.gatewayUrl, REPORT_LEAD, { input: leadInput() }, { token: intake })).reportLead.id;
    const grant = (language?: string) =>
      gql(hub.gatewayUrl, 'mutation($id: ID!, $input: WageAdvanceInput!) { grantWageAdvance(leadId: $id, input: $input) { id } }', { id: leadId, input: { amount: '5000.00', workerCount: 4, recoveryAgreementNo: 'ZC-2026-009', fundRegionCode: '140400' } }, { token: intake, language });
    const [zh, en, none] = await Promise.all([grant(ZH), grant(EN), grant()]);
    for (const r of [zh, en, none]) expect(first(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUND_INSUFFICIENT', params: { balance: '1000.00', region: '140400' }, field: 'input.amount' });
    expect(first(zh).message).toBe('金额超过 140400 周转金余额 1000.00 元');
    expect(first(en).message).toBe('input.amount: is more than the 1000.00 yuan left in the relief fund of 140400');
    expect(first(none).message).toBe(first(en).message);
  });

  it('says why a token is refused, at the gateway, in either language', async () => {
    const [zh, en] = await Promise.all([ZH, EN].map((language) => gql(hub.gatewayUrl, '{ me { id } }', {}, { token: 'forged.token.value', language })));
    for (const r of [zh, en]) {
      expect(r.status).toBe(401);
      expect(first(r).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID', params: {} });
    }
    expect(first(zh).message).toMatch(/令牌对本平台无效/);
    expect(first(en).message).toMatch(/The token is not valid for this hub/);
  });

  it('renders the gateway\'s query limits and the scalars\' own refusals too', async () => {
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const [zhDeep, enDeep] = await Promise.all([ZH, EN].map((language) => gql(hub.gatewayUrl, aliases, {}, { token: intake, language })));
    for (const r of [zhDeep, enDeep]) expect(first(r).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_MANY_ALIASES', params: { setting: 'HUB_MAX_QUERY_ALIASES' } });
    expect(first(zhDeep).message).toMatch(/^查询使用了 \d+ 个别名，最多允许 \d+（HUB_MAX_QUERY_ALIASES）/);

    const input = { ...leadInput(), amountOwed: 89195 };
    const [zhMoney, enMoney] = await Promise.all([ZH, EN].map((language) => gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: intake, language })));
    for (const r of [zhMoney, enMoney]) expect(first(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_NOT_STRING' });
    expect(first(zhMoney).message).toBe('金额须以字符串给出，例如 “62436.50”，不能是数字');
    expect(first(enMoney).message).toMatch(/Money must be a string/);
  });

  it('gives GraphQL\'s own refusals a reason too, their text wrapped in Chinese', async () => {
    const [zh, en] = await Promise.all([ZH, EN].map((language) => gql(hub.gatewayUrl, '{ me { id shoeSize } }', {}, { token: intake, language })));
    for (const r of [zh, en]) expect(first(r).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_INVALID' });
    expect(first(en).message).toMatch(/^Cannot query field "shoeSize"/);
    expect(first(zh).message).toBe(`查询不符合接口定义：${first(en).message}`);

    const { description: _left, ...input } = leadInput();
    const missing = await gql(hub.gatewayUrl, REPORT_LEAD, { input }, { token: intake, language: ZH });
    expect(first(missing).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INPUT_INVALID' });
    expect(first(missing).message).toMatch(/^输入不符合接口定义：.*description/);
  });

  it('lets the typed client ask for a language and read the reason', async () => {
    const refused = async (language?: string) => {
      try {
        await createHubClient({ url: `${hub.gatewayUrl}/graphql`, token: 'forged.token.value', language }).request(MeDocument);
      } catch (e) {
        return e as HubError;
      }
      throw new Error('the forged token was accepted');
    };
    const [zh, en] = await Promise.all([refused('zh-CN'), refused()]);
    expect([zh.code, zh.reason, en.code, en.reason]).toEqual(['UNAUTHENTICATED', 'TOKEN_INVALID', 'UNAUTHENTICATED', 'TOKEN_INVALID']);
    expect(zh.message).toMatch(/令牌对本平台无效/);
    expect(en.message).toMatch(/not valid for this hub/);
  });
});
