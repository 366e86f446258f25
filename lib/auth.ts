import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AGENCIES, ROLES, type Agency, type Role } from './domain/enums';
import { regionCodeProblem } from './region';
import { refuse } from './errors';

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
  if (!header) throw refuse('AUTH_REQUIRED');
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw refuse('AUTH_HEADER_MALFORMED');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(m[1], keyFor(secret), { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('not an object');
    claims = decoded;
  } catch (e) {
    const expired = e instanceof jwt.TokenExpiredError;
    throw refuse(expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  }
  const { sub, name, agency, region, roles } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw refuse('TOKEN_SUB_MISSING');
  if (typeof name !== 'string' || !name) throw refuse('TOKEN_NAME_MISSING');
  if (typeof agency !== 'string' || !(AGENCIES as readonly string[]).includes(agency)) {
    throw refuse('TOKEN_AGENCY_INVALID', { agencies: AGENCIES });
  }
  if (typeof region !== 'string' || regionCodeProblem(region)) {
    throw refuse('TOKEN_REGION_INVALID');
  }
  if (!Array.isArray(roles) || (roles as unknown[]).some((r) => !(ROLES as readonly unknown[]).includes(r))) {
    throw refuse('TOKEN_ROLES_INVALID', { roles: ROLES });
  }
  return { id: sub, name, agency: agency as Agency, region, roles: roles as Role[] };
}
