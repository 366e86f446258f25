import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AGENCIES, ROLES, type Agency, type Role } from './domain/enums';
import { knownRegionProblem } from './region';
import { refuse } from './errors';
import { numberSetting } from './config';

/** The staff member making a request, as their token says. */
export interface Principal {
  id: string;
  name: string;
  agency: Agency;
  region: string;
  roles: Role[];
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

/** How long a token may live and how far apart the issuer's clock and ours may be. */
export interface TokenPolicy {
  clockSkewSec: number;
  maxLifetimeSec: number;
}

export function tokenPolicy(): TokenPolicy {
  return { clockSkewSec: numberSetting('HUB_CLOCK_SKEW_SECONDS', 60), maxLifetimeSec: numberSetting('HUB_MAX_TOKEN_HOURS', 12) * 3600 };
}

/** Which token claims carry the hub's facts (an OpenID provider may name them its own way). */
export interface ClaimNames {
  agency: string;
  region: string;
  roles: string;
  name: string;
}
export const DEFAULT_CLAIM_NAMES: ClaimNames = { agency: 'agency', region: 'region', roles: 'roles', name: 'name' };

export function signToken(p: Principal, secret: string, expiresIn: jwt.SignOptions['expiresIn'] = '12h'): string {
  return jwt.sign({ name: p.name, agency: p.agency, region: p.region, roles: p.roles }, secret, {
    algorithm: 'HS256',
    subject: p.id,
    expiresIn,
  });
}

// Given a string, jsonwebtoken first tries it as a PEM public key and builds a stack trace for the
// failure, on every request: a third of the CPU of verifying. A ready key object skips that.
let secretKey: { secret: string; key: KeyObject } | undefined;
function keyFor(secret: string): KeyObject {
  if (secretKey?.secret !== secret) secretKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return secretKey.key;
}

/** The bearer token of an Authorization header, or a refusal saying what to send. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw refuse('AUTH_REQUIRED');
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw refuse('AUTH_HEADER_MALFORMED');
  return m[1];
}

/** Verifies `Authorization: Bearer <JWT>` (HS256 with HUB_JWT_SECRET) and checks every claim the hub relies on. */
export function verifyAuthorization(header: string | undefined, secret: string, policy: TokenPolicy = tokenPolicy()): Principal {
  const token = bearerToken(header);
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, keyFor(secret), { algorithms: ['HS256'], clockTolerance: policy.clockSkewSec });
    if (typeof decoded === 'string') throw new Error('not an object');
    claims = decoded;
  } catch (e) {
    if (e instanceof jwt.TokenExpiredError) throw refuse('TOKEN_EXPIRED');
    if (e instanceof jwt.NotBeforeError) throw refuse('TOKEN_NOT_YET_VALID', { claim: 'nbf' });
    throw refuse('TOKEN_INVALID');
  }
  return principalFromClaims(claims, DEFAULT_CLAIM_NAMES, policy);
}

/** A claim by name; a dotted name reaches into objects (Keycloak's `realm_access.roles`). */
function claim(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let v: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** exp required, lifetime at most the policy's, iat and nbf not ahead of our clock beyond the skew. */
export function checkTokenTimes(claims: Record<string, unknown>, policy: TokenPolicy, nowSec = Math.floor(Date.now() / 1000)): void {
  const { exp, iat, nbf } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw refuse('TOKEN_NO_EXPIRY');
  if (exp <= nowSec - policy.clockSkewSec) throw refuse('TOKEN_EXPIRED');
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw refuse('TOKEN_IAT_NOT_NUMBER');
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) throw refuse('TOKEN_NBF_NOT_NUMBER');
  if (typeof iat === 'number' && iat > nowSec + policy.clockSkewSec) throw refuse('TOKEN_ISSUED_IN_FUTURE');
  if (typeof nbf === 'number' && nbf > nowSec + policy.clockSkewSec) throw refuse('TOKEN_NOT_YET_VALID', { claim: 'nbf' });
  const from = typeof iat === 'number' ? Math.min(iat, nowSec) : nowSec;
  if (exp - from > policy.maxLifetimeSec) throw refuse('TOKEN_LIFETIME_TOO_LONG', { hours: policy.maxLifetimeSec / 3600 });
}

/**
 * The principal a verified token names. `onlyHubRoles` drops role names the hub does not know (an
 * identity provider lists its own, e.g. offline_access); a token we issue must list only ours.
 */
export function principalFromClaims(claims: Record<string, unknown>, names: ClaimNames, policy: TokenPolicy, o: { onlyHubRoles?: boolean } = {}): Principal {
  checkTokenTimes(claims, policy);
  const missing = (what: 'staff id' | 'staff name' | 'agency' | 'region' | 'roles', n: string) => refuse('TOKEN_CLAIM_MISSING', { what, claim: n });
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub) throw missing('staff id', 'sub');
  const name = claim(claims, names.name);
  if (name === undefined) throw missing('staff name', names.name);
  if (typeof name !== 'string' || !name) throw refuse('TOKEN_NAME_INVALID', { claim: names.name });
  const agency = claim(claims, names.agency);
  if (agency === undefined) throw missing('agency', names.agency);
  if (typeof agency !== 'string' || !(AGENCIES as readonly string[]).includes(agency)) {
    throw refuse('TOKEN_AGENCY_INVALID', { claim: names.agency, agencies: AGENCIES });
  }
  const region = claim(claims, names.region);
  if (region === undefined) throw missing('region', names.region);
  if (typeof region !== 'string' || knownRegionProblem(region)) throw refuse('TOKEN_REGION_INVALID', { claim: names.region, region: typeof region === 'string' ? region : JSON.stringify(region) ?? '' });
  let roles = claim(claims, names.roles);
  if (roles === undefined) throw missing('roles', names.roles);
  if (o.onlyHubRoles && Array.isArray(roles)) roles = roles.filter((r) => (ROLES as readonly unknown[]).includes(r));
  if (!Array.isArray(roles) || (roles as unknown[]).some((r) => !(ROLES as readonly unknown[]).includes(r))) {
    throw refuse('TOKEN_ROLES_INVALID', { claim: names.roles, roles: ROLES });
  }
  return { id: sub, name, agency: agency as Agency, region, roles: roles as Role[] };
}
