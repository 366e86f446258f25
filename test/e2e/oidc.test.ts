import fs from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gql, ok, startHub, tokenFor, type TestHub } from '../support/hub';
import { GATEWAY_HEADER, signGatewayCall } from '../../lib/gateway-call';
import { internalSecret } from '../../lib/config';
import { startProvider, type TestProvider } from '../support/oidc';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, buildConsole, requireChromium } from '../support/console';

/**
 * Sign-in through an OpenID provider: a real one (oidc-provider, certified) with its own keys, in
 * a child process; the whole hub verifying its access tokens at the gateway and in every subgraph.
 * Its claim names differ from the hub's defaults (agency is "org", roles sit in Keycloak's
 * realm_access.roles), as an organisation's provider would have them.
 */
const AUDIENCE = 'urn:wage-arrears-hub';
const ME = '{ me { id name agency region roles } }';
const ROBOT = { agency: 'INSPECTION', region: '140400', roles: ['HANDLER', 'offline_access'], name: '监察接口账号' };
const LI_MING = { agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER', 'default-roles-hub'], name: '李明' };

const SETTINGS: Record<string, string> = {
  HUB_OIDC_AUDIENCE: AUDIENCE,
  HUB_OIDC_CLIENT_ID: 'hub-console',
  HUB_OIDC_CLAIM_AGENCY: 'org',
  HUB_OIDC_CLAIM_ROLES: 'realm_access.roles',
  HUB_OIDC_SCOPE: 'openid profile hub',
  // Tests rotate a key seconds after the first fetch: no cool-down between JWKS fetches here.
  HUB_OIDC_JWKS_COOLDOWN_SECONDS: '0',
  // With an OpenID provider the hub refuses the public development internal secret (docs/security.md).
  HUB_INTERNAL_SECRET: 'an-internal-secret-for-the-oidc-test-only',
};

describe('sign-in through an OpenID provider', () => {
  let provider: TestProvider;
  let other: TestProvider;
  let hub: TestHub;
  let consoleDir: string;
  let browser: Browser;
  const saved = { ...process.env };
  const problems: string[] = [];
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    requireChromium();
    const accounts = { 'hub-robot': ROBOT, 'li.ming': LI_MING };
    const claimNames = { agency: 'org', roles: 'realm_access.roles' };
    [provider, other, consoleDir, browser] = await Promise.all([
      // Access tokens for 8 seconds: the console renews them (2 s before expiry) while the test looks on.
      startProvider({ audience: AUDIENCE, accounts, claimNames, accessTokenTtl: 8 }),
      startProvider({ audience: AUDIENCE, accounts, claimNames }),
      buildConsole(),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    ]);
    Object.assign(process.env, SETTINGS, { HUB_OIDC_ISSUER: provider.issuer });
    hub = await startHub({ consoleDir });
    await provider.setRedirectUri(`${hub.gatewayUrl}/console/`);
  });
  afterAll(async () => {
    process.env = saved;
    await browser?.close();
    await hub?.stop();
    await Promise.all([provider?.stop(), other?.stop()]);
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  const me = (token: string) => gql(hub.gatewayUrl, ME, undefined, { token });
  const refusal = async (token: string) => {
    const r = await me(token);
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    return r.errors![0].message;
  };
  /** Claims as the provider issues them, signed with its current key, with overrides. */
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: provider.issuer,
    aud: AUDIENCE,
    sub: 'hub-robot',
    iat: now(),
    exp: now() + 600,
    org: 'INSPECTION',
    region: '140400',
    realm_access: { roles: ['HANDLER'] },
    name: '监察接口账号',
    ...over,
  });

  test("a good access token: the staff member is who the provider's claims say, mapped through the configured names", async () => {
    const token = await provider.clientCredentialsToken();
    // Only the hub's roles: the provider's own (offline_access) are dropped.
    expect(ok(await me(token)).me).toEqual({ id: 'hub-robot', name: '监察接口账号', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] });
  });

  test('a rotated key: tokens signed with the new key are accepted without a restart, and old ones while the key is published', async () => {
    const before = await provider.clientCredentialsToken();
    ok(await me(before));
    const { kid } = await provider.rotateKey('ES256');
    const after = await provider.clientCredentialsToken();
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'ES256', kid });
    expect(ok(await me(after)).me.id).toBe('hub-robot');
    expect(ok(await me(before)).me.id).toBe('hub-robot');
    // EdDSA too, the third algorithm the hub accepts.
    await provider.rotateKey('EdDSA');
    expect(ok(await me(await provider.clientCredentialsToken())).me.id).toBe('hub-robot');
  });

  test('an expired token is refused', async () => {
    const { token } = await provider.sign(claims({ iat: now() - 7200, exp: now() - 3600 }));
    expect(await refusal(token)).toMatch(/expired/);
  });

  test('a token for another audience is refused', async () => {
    expect(await refusal(await provider.clientCredentialsToken('urn:some-other-api'))).toMatch(/audience \(aud\) must include "urn:wage-arrears-hub"/);
  });

  test('a token from another issuer is refused, whether signed by its own key or naming it', async () => {
    expect(await refusal(await other.clientCredentialsToken())).toMatch(/key the issuer does not publish/);
    const { token } = await provider.sign(claims({ iss: other.issuer }));
    expect(await refusal(token)).toMatch(/from another issuer/);
  });

  test('tokens without exp, living too long or issued in the future are refused', async () => {
    const { exp: _exp, ...noExp } = claims();
    expect(await refusal((await provider.sign(noExp)).token)).toMatch(/exp/);
    expect(await refusal((await provider.sign(claims({ exp: now() + 100 * 365 * 86400 }))).token)).toMatch(/longer than the hub allows/);
    expect(await refusal((await provider.sign(claims({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 600 }))).token)).toMatch(/issued in the future/);
  });

  test('a token missing a mapped claim is refused, naming the claim; a region that does not exist too', async () => {
    const { org: _org, ...noAgency } = claims();
    expect(await refusal((await provider.sign(noAgency)).token)).toMatch(/no agency claim "org"/);
    const { realm_access: _r, ...noRoles } = claims();
    expect(await refusal((await provider.sign(noRoles)).token)).toMatch(/no roles claim "realm_access.roles"/);
    const { region: _region, ...noRegion } = claims();
    expect(await refusal((await provider.sign(noRegion)).token)).toMatch(/no region claim "region"/);
    expect(await refusal((await provider.sign(claims({ region: '149900' }))).token)).toMatch(/149900 is not a GB\/T 2260 region code/);
  });

  test('never `none`, never HS256 (signed with the public key), never the development HS256 tokens', async () => {
    const { token, publicJwk } = await provider.sign(claims());
    const [, payload] = token.split('.');
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(await refusal(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toMatch(/not valid|algorithm/);
    const hsInput = `${b64({ alg: 'HS256', kid: publicJwk.kid })}.${payload}`;
    for (const secret of [JSON.stringify(publicJwk), publicJwk.x ?? publicJwk.n]) {
      const forged = `${hsInput}.${createHmac('sha256', secret).update(hsInput).digest('base64url')}`;
      expect(await refusal(forged)).toMatch(/algorithm the hub does not accept/);
    }
    expect(await refusal(tokenFor({ agency: 'UNION', region: '140400' }))).toMatch(/not valid|algorithm/);
  });

  test('subgraphs verify the provider\'s tokens themselves, report downloads included', async () => {
    const token = await provider.clientCredentialsToken();
    const res = await fetch(`${hub.gatewayUrl}/reports/weekly-report.csv?weekStart=2025-03-03`, { headers: { authorization: `Bearer ${token}` } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, expect.stringMatching(/text\/csv/)]);
    const bad = await fetch(`${hub.gatewayUrl}/reports/weekly-report.csv?weekStart=2025-03-03`, { headers: { authorization: `Bearer ${tokenFor({ agency: 'UNION', region: '140400' })}` } });
    expect(bad.status).toBe(401);
    // Straight to a subgraph, as the gateway would call it: the same tokens pass and fail there.
    for (const [t, status] of [[token, 200], [tokenFor({ agency: 'UNION', region: '140400' }), 401]] as const) {
      const authorization = `Bearer ${t}`;
      const r = await fetch(`${hub.services.union.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, [GATEWAY_HEADER]: signGatewayCall(internalSecret(), authorization) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(r.status).toBe(status);
    }
  });

  test('the console tells the browser where to sign in, and lets it talk to the provider only', async () => {
    const res = await fetch(`${hub.gatewayUrl}/console/config.json`);
    expect(await res.json()).toEqual({ oidc: { issuer: provider.issuer, clientId: 'hub-console', scope: 'openid profile hub' } });
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer};`);
    expect((await fetch(`${hub.gatewayUrl}/dev/identities`)).status).toBe(404);
    // Region names for the console (GB/T 2260, current and former), public like the console itself.
    const regions = (await (await fetch(`${hub.gatewayUrl}/console/regions.json`)).json()) as { current: Record<string, string>; former: Record<string, string> };
    expect([regions.current['140400'], regions.current['140404'], regions.former['140421'], regions.current['149900']]).toEqual(['长治市', '上党区', '长治县', undefined]);
  });

  async function openConsole(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${hub.gatewayUrl}/console/`);
    return page;
  }

  test('staff sign in at the provider (code flow with PKCE) and out again, at the provider too', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const page = await openConsole();
    await page.getByRole('heading', { level: 1, name: /登录/ }).waitFor();
    expect(await page.getByLabel('访问令牌（JWT）').count()).toBe(0); // no token pasting
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();

    // The provider's own sign-in and consent pages.
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.locator('input[name=login]').fill('li.ming');
    await page.locator('input[name=password]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { level: 1, name: '待办' }).waitFor();
    expect(new URL(page.url()).search).toBe(''); // the code is gone from the address bar
    await page.getByText('李明 · ').waitFor();
    const token = await page.evaluate(() => sessionStorage.getItem('hub-console-token'));
    expect(ok(await me(token!)).me).toMatchObject({ id: 'li.ming', agency: 'UNION', roles: ['INTAKE', 'HANDLER'] });
    await page.screenshot({ path: path.join(ARTIFACTS, 'oidc-signed-in.png'), fullPage: true });

    // Renewal before expiry: the refresh token is traded for a new access token, which the hub accepts.
    await page.waitForFunction((before) => sessionStorage.getItem('hub-console-token') !== before, token);
    const renewed = await page.evaluate(() => sessionStorage.getItem('hub-console-token'));
    expect(ok(await me(renewed!)).me.id).toBe('li.ming');
    // A tab reopened with its token about to run out renews it before its first request.
    await page.evaluate(() => {
      const t = JSON.parse(sessionStorage.getItem('hub-console-oidc')!);
      sessionStorage.setItem('hub-console-oidc', JSON.stringify({ ...t, expiresAt: Date.now() + 1000 }));
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '待办' }).waitFor();
    const fresh = await page.evaluate(() => sessionStorage.getItem('hub-console-token'));
    expect(fresh).not.toBe(renewed);
    expect(ok(await me(fresh!)).me.id).toBe('li.ming');

    // Sign-out ends the provider's session too: signing in again asks for the login again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { level: 1, name: /登录/ }).waitFor();
    expect(await page.evaluate(() => [sessionStorage.getItem('hub-console-token'), sessionStorage.getItem('hub-console-oidc')])).toEqual([null, null]);
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
    await page.locator('input[name=login]').waitFor();
    expect(problems).toEqual([]);
  });
});
