import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { verifyAuthorization } from '../../lib/auth';
import { DEVELOPMENT_JWT_SECRET } from '../../lib/config';
import { CONSOLE_CSP } from '../../gateway/src/console';
import { requireChromium } from '../support/console';

const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

/** A stand-in build: the gateway's serving does not depend on what Vite put in the files. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-console-fake-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>工作台</title><script type="module" src="/console/assets/app-abc123.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  return dir;
}

async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('the gateway serves the staff console', () => {
  const consoleDir = fakeBuild();
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway({ supergraphSdl, consoleDir });
  });
  afterAll(() => gateway?.stop());

  test('every screen gets index.html, revalidated each time, under a same-origin CSP', async () => {
    for (const p of ['/console', '/console/', '/console/leads/abc']) {
      const res = await fetch(`${gateway.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('工作台');
    }
  });

  test('hashed assets are cached for a year; a missing one is 404, not index.html', async () => {
    const asset = await fetch(`${gateway.url}/console/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${gateway.url}/console/assets/gone-000.js`)).status).toBe(404);
  });

  test('with the development secret, named identities sign in with a token the hub accepts', async () => {
    const list = (await (await fetch(`${gateway.url}/dev/identities`)).json()) as { identities: { id: string; label: string; agency: string }[] };
    expect(list.identities.map((i) => i.label)).toEqual(expect.arrayContaining(['太原市总工会 受理员', '长治市劳动监察 办案员']));
    const inspector = list.identities.find((i) => i.label === '长治市劳动监察 办案员')!;
    const res = await fetch(`${gateway.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: inspector.id }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(verifyAuthorization(`Bearer ${token}`, DEVELOPMENT_JWT_SECRET)).toMatchObject({ agency: 'INSPECTION', region: '140400' });
    const unknown = await fetch(`${gateway.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: 'root' }) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: unknown }).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALUE_NOT_ALLOWED', field: 'identity' });
  });

  test.each([
    ['in production', { NODE_ENV: 'production', HUB_JWT_SECRET: 'a-production-secret-of-at-least-32-chars', HUB_INTERNAL_SECRET: 'a-production-internal-secret-0123456789' }],
    ['with a real secret outside production', { HUB_JWT_SECRET: 'a-real-secret-of-at-least-32-characters!', HUB_INTERNAL_SECRET: 'a-real-internal-secret-of-32-characters!' }],
  ])('%s the development identity routes do not exist (404) and the console is still served', async (_, env) => {
    await withEnv(env, async () => {
      const prod = await startGateway({ supergraphSdl, consoleDir });
      try {
        expect((await fetch(`${prod.url}/dev/identities`)).status).toBe(404);
        const mint = await fetch(`${prod.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: 'dev-union-140400' }) });
        expect(mint.status).toBe(404);
        expect((await fetch(`${prod.url}/console`)).status).toBe(200);
      } finally {
        await prod.stop();
      }
    });
  });

  test('without a build, /console says how to make one', async () => {
    const bare = await startGateway({ supergraphSdl, consoleDir: path.join(os.tmpdir(), 'no-such-console-build') });
    try {
      const res = await fetch(`${bare.url}/console`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      await bare.stop();
    }
  });

  test('without Chromium the browser tests fail, saying how to install it', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(/apt-get update && apt-get install -y chromium/);
  });
});
