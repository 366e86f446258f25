import jwt from 'jsonwebtoken';
import { signToken, verifyAuthorization, type Principal } from '../../lib/auth';
import { knownRegionProblem, regionName, regionStatus } from '../../lib/region';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
const POLICY = { clockSkewSec: 60, maxLifetimeSec: 12 * 3600 };
const staff = { sub: 'union-140400-1', name: '李明', agency: 'UNION', region: '140400', roles: ['HANDLER'] };
const now = () => Math.floor(Date.now() / 1000);
/** A token with exactly these claims (jsonwebtoken adds iat unless given one). */
const raw = (claims: Record<string, unknown>) => `Bearer ${jwt.sign({ ...staff, ...claims }, SECRET, { algorithm: 'HS256', noTimestamp: !('iat' in claims) })}`;
const verify = (header: string) => verifyAuthorization(header, SECRET, POLICY);

describe('staff tokens (HS256): lifetimes', () => {
  it('accepts a token of the hub\'s own making (12 hours)', () => {
    const p: Principal = { id: 'x', name: '李明', agency: 'UNION', region: '140400', roles: ['HANDLER'] };
    expect(verify(`Bearer ${signToken(p, SECRET)}`)).toEqual(p);
  });

  it('refuses a token without exp', () => {
    expect(() => verify(raw({}))).toThrow(/no expiry \(exp\)/);
  });

  it('refuses a token that lives longer than HUB_MAX_TOKEN_HOURS, even one issued long ago', () => {
    expect(() => verify(raw({ exp: now() + 100 * 365 * 86400 }))).toThrow(/longer than the hub allows \(12 hours/);
    expect(() => verify(raw({ iat: now() - 20 * 3600, exp: now() + 3600 }))).toThrow(/longer than the hub allows/);
    expect(verify(raw({ iat: now() - 3600, exp: now() + 11 * 3600 })).id).toBe(staff.sub);
  });

  it('refuses iat and nbf in the future beyond the clock skew, and accepts them within it', () => {
    expect(() => verify(raw({ iat: now() + 365 * 86400, exp: now() + 366 * 86400 }))).toThrow(/issued in the future/);
    expect(() => verify(raw({ iat: now(), nbf: now() + 3600, exp: now() + 7200 }))).toThrow(/not valid yet/);
    expect(verify(raw({ iat: now() + 30, nbf: now() + 30, exp: now() + 3600 })).id).toBe(staff.sub);
  });

  it('refuses an expired token, past the skew', () => {
    expect(() => verify(raw({ iat: now() - 7200, exp: now() - 3600 }))).toThrow(/expired/);
  });

  it('follows HUB_MAX_TOKEN_HOURS', () => {
    const token = raw({ exp: now() + 3 * 3600 });
    expect(() => verifyAuthorization(token, SECRET, { clockSkewSec: 60, maxLifetimeSec: 2 * 3600 })).toThrow(/2 hours/);
  });
});

describe('staff tokens: region codes (GB/T 2260)', () => {
  it('refuses codes that do not exist', () => {
    expect(() => verify(raw({ region: '149900', exp: now() + 3600 }))).toThrow(/149900 is not a GB\/T 2260 region code/);
  });

  it('accepts current codes, former ones (old leads) and the national level', () => {
    for (const region of ['140400', '140404', '140421', '330185', '000000', '810000']) expect(verify(raw({ region, exp: now() + 3600 })).region).toBe(region);
  });

  it('knows names, current and former', () => {
    expect(regionName('140400')).toBe('长治市');
    expect(regionStatus('140404')).toBe('current');
    expect([regionStatus('140421'), regionName('140421')]).toEqual(['former', '长治县']);
    expect(regionStatus('149900')).toBeUndefined();
    expect(knownRegionProblem('990421')).toEqual({ reason: 'REGION_PROVINCE_UNKNOWN', params: { province: '99' } });
    expect(knownRegionProblem('149900')).toEqual({ reason: 'REGION_UNKNOWN', params: { region: '149900' } });
  });
});
