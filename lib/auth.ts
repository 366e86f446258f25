import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AGENCIES, ROLES, type Agency, type Role } from './domain/enums';
import { regionCodeProblem } from './region';
import { unauthenticated } from './errors';

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

/** Verifies `Authorization: Bearer <JWT>` (HS256 only) and checks every claim the hub relies on. */
export function verifyAuthorization(header: string | undefined, secret: string): Principal {
  if (!header) throw unauthenticated('Sign in first: send "Authorization: Bearer <token>" (npm run token prints one for local use).');
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(m[1], keyFor(secret), { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('not an object');
    claims = decoded;
  } catch (e) {
    const expired = e instanceof jwt.TokenExpiredError;
    throw unauthenticated(expired ? 'Your token has expired: get a new one.' : 'The token is not valid for this hub.');
  }
  const { sub, name, agency, region, roles } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('The token has no staff id (sub).');
  if (typeof name !== 'string' || !name) throw unauthenticated('The token has no staff name (name).');
  if (typeof agency !== 'string' || !(AGENCIES as readonly string[]).includes(agency)) {
    throw unauthenticated(`The token's agency must be one of ${AGENCIES.join(', ')}.`);
  }
  if (typeof region !== 'string' || regionCodeProblem(region)) {
    throw unauthenticated("The token's region must be a 6-digit administrative region code.");
  }
  if (!Array.isArray(roles) || (roles as unknown[]).some((r) => !(ROLES as readonly unknown[]).includes(r))) {
    throw unauthenticated(`The token's roles must be a list of ${ROLES.join(', ')}.`);
  }
  return { id: sub, name, agency: agency as Agency, region, roles: roles as Role[] };
}
