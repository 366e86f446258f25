import fs from 'node:fs';
import path from 'node:path';
import { startGateway } from '../../gateway/src/gateway';
import { startService } from '../../lib/service';
import { DEVELOPMENT_INTERNAL_SECRET, DEVELOPMENT_JWT_SECRET } from '../../lib/config';
import { SERVICES } from '../../services/registry';

/**
 * Issue 17: beside a real JWT secret (or in production) the public development internal secret
 * would let anyone who reads the source sign outbox messages and gateway calls. Services and the
 * gateway refuse to start on it, or on a short static gateway key, naming the setting to fix.
 */
const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const REAL_JWT = 'a-real-jwt-secret-of-at-least-32-characters';
const REAL_INTERNAL = 'a-real-internal-secret-of-32-characters-too';
const SETTINGS = ['NODE_ENV', 'HUB_JWT_SECRET', 'HUB_INTERNAL_SECRET', 'HUB_GATEWAY_KEY', 'HUB_OIDC_ISSUER'];

async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(SETTINGS.map((k) => [k, process.env[k]]));
  for (const k of SETTINGS) {
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// Refused before the database is touched: no server is needed behind this URL.
const startLeads = () => startService(SERVICES.leads, { databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
const startTheGateway = () => startGateway({ supergraphSdl });

describe.each([
  ['a service', startLeads],
  ['the gateway', startTheGateway],
])('%s refuses to start on development secrets beside real ones', (_, start) => {
  test.each([
    ['a real JWT secret, no internal secret', { HUB_JWT_SECRET: REAL_JWT }, /HUB_INTERNAL_SECRET is not set/],
    ['a real JWT secret, the development internal secret', { HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: DEVELOPMENT_INTERNAL_SECRET }, /HUB_INTERNAL_SECRET is the built-in development secret/],
    ['a real JWT secret, a short internal secret', { HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: 'short' }, /HUB_INTERNAL_SECRET must be at least 32/],
    ['the internal secret equal to the JWT secret', { HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: REAL_JWT }, /HUB_INTERNAL_SECRET must differ from HUB_JWT_SECRET/],
    ['production with the development internal secret', { NODE_ENV: 'production', HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: DEVELOPMENT_INTERNAL_SECRET }, /HUB_INTERNAL_SECRET .*NODE_ENV=production/],
    ['production with the development JWT secret', { NODE_ENV: 'production', HUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET, HUB_INTERNAL_SECRET: REAL_INTERNAL }, /HUB_JWT_SECRET/],
    ['an OpenID provider, the development internal secret', { HUB_OIDC_ISSUER: 'https://id.example.gov.cn', HUB_INTERNAL_SECRET: DEVELOPMENT_INTERNAL_SECRET }, /HUB_INTERNAL_SECRET .*HUB_OIDC_ISSUER is set/],
    ['a real JWT secret and a short gateway key', { HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: REAL_INTERNAL, HUB_GATEWAY_KEY: 'router-key' }, /HUB_GATEWAY_KEY must be at least 32 .*\(it is 10\)/],
    ['production and a short gateway key', { NODE_ENV: 'production', HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: REAL_INTERNAL, HUB_GATEWAY_KEY: 'x'.repeat(31) }, /HUB_GATEWAY_KEY/],
  ])('%s', async (_case, env, message) => {
    await withEnv(env, async () => {
      await expect(start()).rejects.toThrow(message);
    });
  });
});

test('the development defaults stay valid beside the development JWT secret, outside production', async () => {
  await withEnv({ HUB_GATEWAY_KEY: 'short-local-key' }, async () => {
    const gateway = await startTheGateway();
    await gateway.stop();
  });
  await withEnv({ HUB_JWT_SECRET: REAL_JWT, HUB_INTERNAL_SECRET: REAL_INTERNAL, HUB_GATEWAY_KEY: 'k'.repeat(32) }, async () => {
    const gateway = await startTheGateway();
    await gateway.stop();
  });
});
