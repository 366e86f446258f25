/* global process, console */
/**
 * A real, certified OpenID Provider (the oidc-provider package) for the tests, in a child process
 * (it is an ES module; jest runs CommonJS). Started by test/support/oidc.ts with one JSON argument:
 *   { audience, redirectUri, accessTokenTtl, claimNames: {agency, region, roles, name}, accounts: {login: {...}} }
 * Prints {"issuer": "..."} once listening. Besides the provider's own endpoints it answers
 *   POST /_test/rotate {alg}   a new signing key (the old one still published), as in a key rollover
 *   POST /_test/sign {payload, header}   a JWT signed with the current key, for claims the provider would never issue
 *   POST /_test/redirect {redirectUri}   the console's address, once the hub listens
 * Logins at its development login form accept any password; the login name picks the account.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const o = JSON.parse(process.argv[2] ?? '{}');
const names = { agency: 'agency', region: 'region', roles: 'roles', name: 'name', ...o.claimNames };

/** The hub's claims for an account, under the provider's own claim names (a dotted name nests). */
function hubClaims(account) {
  const out = {};
  for (const [field, name] of Object.entries(names)) {
    if (account[field] === undefined) continue;
    const path = name.split('.');
    let at = out;
    for (const p of path.slice(0, -1)) at = at[p] ??= {};
    at[path.at(-1)] = account[field];
  }
  return out;
}

async function newKey(alg) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg, use: 'sig' };
}

let keys = [await newKey(o.alg ?? 'RS256')];
let provider;
let issuer;

function makeProvider() {
  const signing = keys[0];
  const p = new Provider(issuer, {
    clients: [
      {
        client_id: 'hub-console',
        token_endpoint_auth_method: 'none',
        redirect_uris: [o.redirectUri ?? 'http://127.0.0.1/console/'],
        post_logout_redirect_uris: [o.redirectUri ?? 'http://127.0.0.1/console/'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      { client_id: 'hub-robot', client_secret: 'robot-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [] },
    ],
    jwks: { keys },
    cookies: { keys: ['oidc-test-cookie-key'] },
    scopes: ['openid', 'profile', 'offline_access', 'hub'],
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: o.accounts?.[id]?.name }) }),
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => o.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => ({
          scope: 'hub',
          audience: indicator,
          accessTokenTTL: o.accessTokenTtl ?? 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: signing.alg, kid: signing.kid } },
        }),
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const account = o.accounts?.[token.accountId ?? token.clientId];
      return account ? hubClaims(account) : undefined;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  });
  p.on('server_error', (_ctx, err) => console.error('oidc-provider:', err));
  return p;
}

const body = (req) =>
  new Promise((resolve, reject) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s ? JSON.parse(s) : {}));
    req.on('error', reject);
  });

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/_test/rotate') {
      const { alg } = await body(req);
      keys = [await newKey(alg ?? 'ES256'), ...keys];
      provider = makeProvider();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kid: keys[0].kid, alg: keys[0].alg }));
      return;
    }
    if (req.method === 'POST' && req.url === '/_test/redirect') {
      o.redirectUri = (await body(req)).redirectUri;
      provider = makeProvider();
      res.end('{}');
      return;
    }
    if (req.method === 'POST' && req.url === '/_test/sign') {
      const { payload, header } = await body(req);
      const key = keys[0];
      const jwt = await new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(await importJWK(key, key.alg));
      res.setHeader('content-type', 'application/json');
      const publicJwk = Object.fromEntries(Object.entries(key).filter(([k]) => !['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(k)));
      res.end(JSON.stringify({ token: jwt, publicJwk }));
      return;
    }
    provider.callback()(req, res);
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});

server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  provider = makeProvider();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
