/**
 * npm run token -- --agency UNION --region 140400 --roles INTAKE,HANDLER [--name 张三] [--sub staff-id] [--expires 12h]
 * Prints a signed token for local use (HS256 with HUB_JWT_SECRET, or the development secret).
 */
import jwt from 'jsonwebtoken';
import { signToken, tokenPolicy } from '../lib/auth';
import { jwtSecret } from '../lib/config';
import { AGENCIES, ROLES, type Agency, type Role } from '../lib/domain/enums';
import { knownRegionProblem } from '../lib/region';
import { refusalText } from '../lib/errors';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(`${message}\nusage: npm run token -- --agency ${AGENCIES.join('|')} --region 140400 --roles ${ROLES.join(',')} [--name NAME] [--sub STAFF_ID] [--expires 12h]`);
  process.exit(2);
}

const agency = (arg('agency') ?? '').toUpperCase();
if (!(AGENCIES as readonly string[]).includes(agency)) fail(`--agency must be one of ${AGENCIES.join(', ')}`);
const region = arg('region') ?? '';
const regionProblem = knownRegionProblem(region);
if (regionProblem) fail(`--region ${refusalText(regionProblem)}`);
const roles = (arg('roles') ?? 'HANDLER').split(',').map((r) => r.trim().toUpperCase()).filter(Boolean);
for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) fail(`unknown role ${r}; roles are ${ROLES.join(', ')}`);
const sub = arg('sub') ?? `${agency.toLowerCase()}-${region}-dev`;
const name = arg('name') ?? `${agency} staff ${region}`;

let token: string;
try {
  token = signToken({ id: sub, name, agency: agency as Agency, region, roles: roles as Role[] }, jwtSecret(), (arg('expires') ?? '12h') as never);
} catch (e) {
  fail(`--expires: ${(e as Error).message}`);
}
// The hub refuses tokens that live longer than HUB_MAX_TOKEN_HOURS: say so now, not at first use.
const { exp, iat } = jwt.decode(token) as { exp: number; iat: number };
const { maxLifetimeSec } = tokenPolicy();
if (exp - iat > maxLifetimeSec) fail(`--expires: at most ${maxLifetimeSec / 3600}h (HUB_MAX_TOKEN_HOURS)`);
process.stdout.write(token + '\n');
