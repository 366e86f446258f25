import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { DEFAULT_CLAIM_NAMES, bearerToken, checkTokenTimes, principalFromClaims, tokenPolicy, verifyAuthorization, type ClaimNames, type Principal, type TokenPolicy } from './auth';
import { refuse } from './errors';
import { logger } from './logger';
import { numberSetting } from './config';

// jose is an ES module; Node 20.19+ and 24 load it with require() (and jest compiles it to CommonJS).
type Jose = typeof JoseModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = (): Jose => require('jose') as Jose;

/** Asymmetric only: `none` and HS* (which would let the issuer's public key sign) are never accepted. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

export interface OidcSettings {
  issuer: string;
  audience: string;
  claims: ClaimNames;
  /** For the console's sign-in (authorization code + PKCE): a public client at the issuer. */
  clientId?: string;
  scope: string;
  /** No JWKS refetch sooner than this after the last one, however many unknown `kid`s arrive. */
  jwksCooldownSec: number;
}

const env = (name: string): string | undefined => {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
};

/** From HUB_OIDC_*; undefined when HUB_OIDC_ISSUER is unset (then HS256 with HUB_JWT_SECRET). */
export function oidcSettings(): OidcSettings | undefined {
  const issuer = env('HUB_OIDC_ISSUER');
  if (!issuer) return undefined;
  if (!URL.canParse(issuer)) throw new Error(`HUB_OIDC_ISSUER must be the issuer's URL, got "${issuer}".`);
  const audience = env('HUB_OIDC_AUDIENCE');
  if (!audience) throw new Error('HUB_OIDC_AUDIENCE is not set: with HUB_OIDC_ISSUER the hub needs the audience its access tokens carry (aud).');
  return {
    issuer,
    audience,
    claims: {
      agency: env('HUB_OIDC_CLAIM_AGENCY') ?? DEFAULT_CLAIM_NAMES.agency,
      region: env('HUB_OIDC_CLAIM_REGION') ?? DEFAULT_CLAIM_NAMES.region,
      roles: env('HUB_OIDC_CLAIM_ROLES') ?? DEFAULT_CLAIM_NAMES.roles,
      name: env('HUB_OIDC_CLAIM_NAME') ?? DEFAULT_CLAIM_NAMES.name,
    },
    clientId: env('HUB_OIDC_CLIENT_ID'),
    scope: env('HUB_OIDC_SCOPE') ?? 'openid profile',
    jwksCooldownSec: numberSetting('HUB_OIDC_JWKS_COOLDOWN_SECONDS', 30),
  };
}

/**
 * The issuer's signing keys: discovery once, then jose's remote JWKS, which caches the keys and
 * refetches when a token names a `kid` it does not have (keys rotate without a restart).
 */
function issuerKeys(s: OidcSettings): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${s.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
    const meta = (await res.json()) as { issuer?: string; jwks_uri?: string };
    // OpenID Connect Discovery §4.3: the document must name the issuer we asked.
    if (meta.issuer !== s.issuer) throw new Error(`${url} names issuer "${meta.issuer}", not HUB_OIDC_ISSUER "${s.issuer}"`);
    if (!meta.jwks_uri) throw new Error(`${url} has no jwks_uri`);
    return jose().createRemoteJWKSet(new URL(meta.jwks_uri), { cooldownDuration: s.jwksCooldownSec * 1000, timeoutDuration: 5000 });
  };
  return async (header, token) => {
    keys ??= discover().catch((e: Error) => {
      keys = undefined; // try again on the next request
      throw e;
    });
    return (await keys)(header, token);
  };
}

const log = logger.child({ component: 'oidc' });

/** Verifies an access token of the OpenID provider and maps its claims to the hub's principal. */
export function oidcVerifier(s: OidcSettings, policy: TokenPolicy = tokenPolicy()): (header: string | undefined) => Promise<Principal> {
  const keys = issuerKeys(s);
  // An RS256/ES256 check costs ~7x an HS256 one, and a request meets it at the gateway and at every
  // subgraph it reaches; a console sends one token for minutes. The same bytes verified a moment
  // ago verify the same way: kept until their exp, at most VERIFIED_TTL_MS, the oldest dropped first.
  const verified = new Map<string, { principal: Principal; claims: JWTPayload; until: number }>();
  return async (header) => {
    const token = bearerToken(header);
    const hit = verified.get(token);
    if (hit && hit.until > Date.now()) {
      checkTokenTimes(hit.claims, policy);
      return hit.principal;
    }
    if (hit) verified.delete(token);
    const { errors, jwtVerify } = jose();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: s.issuer,
        audience: s.audience,
        algorithms: OIDC_ALGORITHMS,
        clockTolerance: policy.clockSkewSec,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw refuse('TOKEN_EXPIRED');
      if (e instanceof errors.JWTClaimValidationFailed) {
        if (e.claim === 'iss') throw refuse('TOKEN_WRONG_ISSUER', { issuer: s.issuer });
        if (e.claim === 'aud') throw refuse('TOKEN_WRONG_AUDIENCE', { audience: s.audience });
        if (e.claim === 'exp') throw refuse('TOKEN_NO_EXPIRY');
        if (e.claim === 'nbf' || e.claim === 'iat') throw refuse('TOKEN_NOT_YET_VALID', { claim: e.claim });
        throw refuse('TOKEN_CLAIM_INVALID', { claim: e.claim });
      }
      if (e instanceof errors.JOSEAlgNotAllowed) throw refuse('TOKEN_ALGORITHM_NOT_ALLOWED', { algorithms: OIDC_ALGORITHMS });
      if (e instanceof errors.JWKSNoMatchingKey) throw refuse('TOKEN_KEY_UNKNOWN');
      if (e instanceof errors.JOSEError) throw refuse('TOKEN_INVALID');
      // Discovery or the JWKS unreachable: not the caller's fault, but nothing can be verified.
      log.warn({ err: (e as Error).message }, 'cannot fetch the OpenID provider\'s keys');
      throw refuse('SIGN_IN_SERVICE_UNREACHABLE');
    }
    const principal = principalFromClaims(payload, s.claims, policy, { onlyHubRoles: true });
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, claims: payload, until: Date.now() + VERIFIED_TTL_MS });
    return principal;
  };
}

const VERIFIED_MAX = 5000;
const VERIFIED_TTL_MS = 60_000;

export type Authenticate = (header: string | undefined) => Promise<Principal>;

/**
 * How this process checks tokens: the OpenID provider's when HUB_OIDC_ISSUER is set (then only
 * its tokens), else HS256 with HUB_JWT_SECRET (development, tests, the hub's own tokens).
 */
export function authenticator(secret: string): Authenticate {
  const policy = tokenPolicy();
  const oidc = oidcSettings();
  if (oidc) return oidcVerifier(oidc, policy);
  return async (header) => verifyAuthorization(header, secret, policy);
}
