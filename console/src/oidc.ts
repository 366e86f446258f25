import * as oauth from 'oauth4webapi';
import { session } from './api';

/** What the gateway tells the console (GET /console/config.json). */
export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string | null; scope: string } | null;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  try {
    const res = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
    if (res.ok) return (await res.json()) as ConsoleConfig;
  } catch {
    // an older gateway: no OpenID provider
  }
  return { oidc: null };
}

type Oidc = NonNullable<ConsoleConfig['oidc']>;

// The authorization request in flight (PKCE verifier, state, nonce) and the signed-in session's
// refresh and ID tokens: sessionStorage, so they live for this tab only, like the access token.
const PENDING = 'hub-console-oidc-pending';
const TOKENS = 'hub-console-oidc';
interface Tokens {
  refreshToken?: string;
  idToken?: string;
  expiresAt: number;
}

const redirectUri = () => `${location.origin}/console/`;
// Plain http only for a provider on this machine (development and tests), never across a network.
const loopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
const options = (url: URL) => (loopback(url) ? { [oauth.allowInsecureRequests]: true } : {});

const servers = new Map<string, Promise<oauth.AuthorizationServer>>();
function server(o: Oidc): Promise<oauth.AuthorizationServer> {
  let as = servers.get(o.issuer);
  if (!as) {
    const issuer = new URL(o.issuer);
    as = oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...options(issuer) }).then((r) => oauth.processDiscoveryResponse(issuer, r));
    as.catch(() => servers.delete(o.issuer));
    servers.set(o.issuer, as);
  }
  return as;
}
const clientOf = (o: Oidc): oauth.Client => ({ client_id: o.clientId ?? '' });

/** Sends the browser to the provider's sign-in page (authorization code flow with PKCE). */
export async function signInWithProvider(o: Oidc): Promise<void> {
  if (!o.clientId) throw new Error('网关未配置 HUB_OIDC_CLIENT_ID，无法通过统一身份认证登录。');
  const as = await server(o);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, hash: location.hash }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: o.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: o.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();
  location.assign(url.href);
}

function keep(r: oauth.TokenEndpointResponse, previous?: Tokens) {
  session.set(r.access_token);
  const tokens: Tokens = {
    refreshToken: r.refresh_token ?? previous?.refreshToken,
    idToken: r.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (r.expires_in ?? 300) * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
}
const stored = (): Tokens | undefined => (JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null') as Tokens | null) ?? undefined;

/**
 * Back from the provider (?code=…&state=…): trades the code for tokens. Returns false when this
 * page load is not such a return. Throws the provider's refusal as a message for staff.
 */
export async function completeSignIn(o: Oidc): Promise<boolean> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; nonce: string; hash: string } | null;
  sessionStorage.removeItem(PENDING);
  // The code is single-use: out of the address bar and the history at once.
  history.replaceState(null, '', `${here.pathname}${pending?.hash ?? ''}`);
  if (!pending) throw new Error('登录请求已失效，请重新登录。');
  const as = await server(o);
  const client = clientOf(o);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, here, pending.state);
  } catch (e) {
    const refusal = e instanceof oauth.AuthorizationResponseError ? (e.error_description ?? e.error) : (e as Error).message;
    throw new Error(`统一身份认证未完成登录：${refusal}`);
  }
  const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, options(new URL(o.issuer)));
  keep(await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: pending.nonce, requireIdToken: true }));
  return true;
}

let timer: ReturnType<typeof setTimeout> | undefined;

async function refresh(o: Oidc, current: Tokens & { refreshToken: string }): Promise<void> {
  const as = await server(o);
  const client = clientOf(o);
  const res = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), current.refreshToken, options(new URL(o.issuer)));
  keep(await oauth.processRefreshTokenResponse(as, client, res), current);
}

/** A tab reopened after its token ran out: renewed before the first request, not after a refusal. */
export async function renewIfDue(o: Oidc): Promise<void> {
  const current = stored();
  if (!current?.refreshToken || current.expiresAt - Date.now() > 60_000) return;
  try {
    await refresh(o, { ...current, refreshToken: current.refreshToken });
  } catch {
    // the refresh token is gone too: the first request is refused and staff sign in again
  }
}

/**
 * Renews the access token before it expires: with the refresh token when the provider gave one,
 * else by a fresh trip to the provider (its own session signs staff in again without a form).
 */
export function keepRenewed(o: Oidc, onFailure: (message: string) => void): void {
  clearTimeout(timer);
  const tokens = stored();
  if (!tokens) return;
  const left = tokens.expiresAt - Date.now();
  const lead = Math.min(60_000, left / 4);
  timer = setTimeout(() => {
    void (async () => {
      const current = stored();
      if (!current) return;
      if (!current.refreshToken) return signInWithProvider(o);
      try {
        await refresh(o, { ...current, refreshToken: current.refreshToken });
        keepRenewed(o, onFailure);
      } catch (e) {
        onFailure(`登录状态续期失败，请重新登录：${(e as Error).message}`);
      }
    })();
  }, Math.max(0, left - lead));
}

/** Forgets the tokens here and signs out at the provider too (RP-initiated logout), coming back to the console. */
export async function signOutAtProvider(o: Oidc): Promise<void> {
  clearTimeout(timer);
  const tokens = stored();
  sessionStorage.removeItem(TOKENS);
  session.clear();
  const as = await server(o);
  if (!as.end_session_endpoint) return;
  const url = new URL(as.end_session_endpoint);
  const params = new URLSearchParams({ post_logout_redirect_uri: redirectUri() });
  if (o.clientId) params.set('client_id', o.clientId);
  if (tokens?.idToken) params.set('id_token_hint', tokens.idToken);
  url.search = params.toString();
  location.assign(url.href);
}
