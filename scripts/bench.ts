/**
 * npm run bench -- [--target apollo|hive|direct|all] [--connections 16] [--duration 10 | --requests N] [--warmup 3]
 *                  [--ops leadPage,leadList,transferInbox,workQueue,notifications,reportLead,transferAccept] [--pool 200]
 *                  [--production] [--out bench-results] [--layout separate|one-process]
 *
 * Starts the hub as separate processes (each subgraph alone, our gateway, and Hive Gateway for
 * --target hive), or with --layout one-process as `npm start` runs it (one process, the subgraphs
 * reached as HUB_TOPOLOGY says: in-process by default, `HUB_TOPOLOGY=http` over loopback HTTP;
 * --target apollo only), on the database server in DATABASE_URL, or on an embedded PostgreSQL in
 * HUB_DATA_DIR (port HUB_PG_PORT) as `npm start` does; runs each operation at a fixed concurrency
 * for a fixed time after a warm-up; prints a Markdown table with the command line and machine facts,
 * and writes the same as JSON to bench-results/<timestamp>.json. Refuses an empty database.
 *
 * SQL statements per request are counted by the subgraphs (development-only route, see
 * docs/security.md), so they are reported only when the hub runs with NODE_ENV other than
 * production; --production runs it in production mode without those counts.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { SERVICE_NAMES, serviceDatabaseUrl, servicePort, type ServiceName } from '../lib/config';
import { startEmbeddedPostgres, type EmbeddedPg } from '../lib/embedded-pg';
import { readSupergraph } from '../gateway/src/main';
import { logger } from '../lib/logger';
import { TARGETS, type HubEndpoints, type TargetName } from './bench/harness';
import { OPERATION_NAMES, type OperationName } from './bench/operations';
import { machineFacts, readPools, report, runBench } from './bench/run';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const flag = (name: string) => process.argv.includes(`--${name}`);

interface Child {
  name: string;
  proc: ChildProcess;
  url: string;
}

const root = path.resolve(__dirname, '..', '..');

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'w');
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to the hub's processes only.
  // The heap cap docker-compose.yml gives every process, so RSS is measured as deployed.
  const nodeArgs = ['--max-old-space-size=320', '--max-semi-space-size=16', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const proc = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist', script)], { env, stdio: ['ignore', log, log] });
  proc.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${code ?? signal}) during the benchmark: see ${path.join(logDir, `${name}.log`)}`);
  });
  return proc;
}

let stopping = false;

async function waitHealthy(child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited with ${child.proc.exitCode} while starting`);
    try {
      const r = await fetch(`${child.url}/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${child.url}/health within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitGraphql(child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited with ${child.proc.exitCode} while starting`);
    try {
      const r = await fetch(`${child.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}', signal: AbortSignal.timeout(2000) });
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); 0 when it cannot be read. */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU used by the hub's processes and by the PostgreSQL backends serving its databases. */
function cpuSampler(children: Child[], serverUrl: string): () => Promise<Record<string, number>> {
  const backends = new Set<number>();
  return async () => {
    const db = new Client({ connectionString: serverUrl });
    await db.connect();
    try {
      const rows = await db.query(`select pid from pg_stat_activity where datname like 'hub\\_%' and pid <> pg_backend_pid()`);
      for (const r of rows.rows) backends.add(r.pid as number);
    } finally {
      await db.end();
    }
    const out: Record<string, number> = {};
    for (const c of children) out[c.name] = cpuMsOf(c.proc.pid!);
    out.postgres = [...backends].reduce((sum, pid) => sum + cpuMsOf(pid), 0);
    const own = process.cpuUsage();
    out['load generator'] = (own.user + own.system) / 1000;
    return out;
  };
}

/** Resident memory now and at its peak, from /proc (Linux). */
function memoryOf(pid: number): { rssMb: number; peakRssMb?: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: NaN };
  }
}

async function main() {
  logger.level = process.env.BENCH_LOG_LEVEL ?? 'warn';
  const targetArg = arg('target') ?? 'apollo';
  const targets: TargetName[] = targetArg === 'all' ? TARGETS : [targetArg as TargetName];
  if (!targets.every((t) => TARGETS.includes(t))) throw new Error(`--target must be one of ${TARGETS.join(', ')} or all`);
  const ops = arg('ops')?.split(',') as OperationName[] | undefined;
  if (ops && !ops.every((o) => OPERATION_NAMES.includes(o))) throw new Error(`--ops takes some of ${OPERATION_NAMES.join(', ')}`);
  const connections = Number(arg('connections') ?? 16);
  const durationSec = Number(arg('duration') ?? 10);
  const requests = arg('requests') ? Number(arg('requests')) : undefined;
  const warmupSec = Number(arg('warmup') ?? 3);
  const poolSize = Number(arg('pool') ?? 200);
  const production = flag('production');
  const layout = arg('layout') ?? 'separate';
  if (layout !== 'separate' && layout !== 'one-process') throw new Error('--layout must be separate or one-process');
  if (layout === 'one-process' && targets.some((t) => t !== 'apollo')) throw new Error('--layout one-process runs our gateway only (--target apollo)');
  const outDir = path.resolve(root, arg('out') ?? 'bench-results');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDir = path.join(outDir, `${stamp}-logs`);
  fs.mkdirSync(logDir, { recursive: true });

  let pg: EmbeddedPg | undefined;
  const children: Child[] = [];
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.proc.exitCode !== null) return resolve();
            c.proc.once('exit', () => resolve());
            c.proc.kill('SIGTERM');
            setTimeout(() => (c.proc.kill('SIGKILL'), resolve()), 20_000).unref();
          }),
      ),
    );
    await pg?.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dataDir = path.resolve(root, process.env.HUB_DATA_DIR ?? '.data', 'postgres');
      console.error(`starting embedded PostgreSQL in ${dataDir}`);
      pg = await startEmbeddedPostgres({ dataDir, port: Number(process.env.HUB_PG_PORT ?? 5433) });
      serverUrl = pg.url;
    }
    const pools = await readPools(serviceDatabaseUrl('leads', serverUrl), poolSize);

    const jwtSecret = process.env.HUB_JWT_SECRET || randomBytes(32).toString('hex');
    const internalSecret = process.env.HUB_INTERNAL_SECRET || randomBytes(32).toString('hex');
    // The direct target's capturing gateway runs in this process, with the hub's secrets.
    process.env.HUB_JWT_SECRET = jwtSecret;
    process.env.HUB_INTERNAL_SECRET = internalSecret;
    const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${servicePort(n)}`])) as Record<ServiceName, string>;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: serverUrl,
      HUB_JWT_SECRET: jwtSecret,
      HUB_INTERNAL_SECRET: internalSecret,
      NODE_ENV: production ? 'production' : (process.env.NODE_ENV ?? 'development'),
      ...Object.fromEntries(SERVICE_NAMES.flatMap((n) => [[`${n.toUpperCase()}_URL`, urls[n]], [`${n.toUpperCase()}_PORT`, String(servicePort(n))]])),
    };
    const gateways: HubEndpoints['gateways'] = {};
    if (layout === 'one-process') {
      // The subgraphs still listen on their ports (outbox, files, and the SQL counts read here).
      const hub = { name: 'hub', url: `http://127.0.0.1:${servicePort('gateway')}`, proc: spawnNode('hub', 'scripts/start.js', { ...env, PORT: String(servicePort('gateway')) }, logDir) };
      children.push(hub);
      await waitHealthy(hub, 120_000);
      gateways.apollo = hub.url;
    } else {
      for (const name of SERVICE_NAMES) {
        children.push({ name, url: urls[name], proc: spawnNode(name, `services/${name}/src/main.js`, env, logDir) });
      }
      await Promise.all(children.map((c) => waitHealthy(c)));
    }
    if (layout === 'separate' && (targets.includes('apollo') || targets.includes('direct'))) {
      const gateway = { name: 'gateway', url: `http://127.0.0.1:${servicePort('gateway')}`, proc: spawnNode('gateway', 'gateway/src/main.js', env, logDir) };
      children.push(gateway);
      await waitHealthy(gateway);
      gateways.apollo = gateway.url;
    }
    if (targets.includes('hive')) {
      const port = Number(process.env.HIVE_GATEWAY_PORT ?? servicePort('gateway') + 10);
      const hive = { name: 'hive-gateway', url: `http://127.0.0.1:${port}`, proc: spawnNode('hive-gateway', 'scripts/bench/hive-gateway.js', { ...env, HIVE_GATEWAY_PORT: String(port) }, logDir) };
      children.push(hive);
      await waitGraphql(hive);
      gateways.hive = hive.url;
    }

    const hub: HubEndpoints = { gateways, subgraphs: urls, supergraphSdl: readSupergraph(), internalSecret };
    const settings = { layout: layout === 'one-process' ? `one process (HUB_TOPOLOGY ${env.HUB_TOPOLOGY ?? 'in-process'})` : 'separate processes', clients: connections, 'seconds per operation': durationSec, 'warm-up s': warmupSec, 'lead pool': pools.leadIds.length, NODE_ENV: env.NODE_ENV, LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
    const results = await runBench(hub, pools, { targets, ops, connections, durationSec, requests, warmupSec, countSql: !production, cpuTimes: cpuSampler(children, serverUrl), jwtSecret, log: (l) => console.error(l) });
    const memory = children.map((c) => ({ process: c.name, ...memoryOf(c.proc.pid!) }));
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
    const facts = machineFacts(pools.leadCount);
    console.log(report({ command, facts, results, memory, settings }));
    const file = path.join(outDir, `${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), command, facts, settings, ...results, memory }, null, 2));
    console.log(`\nJSON: ${path.relative(root, file)}; process logs in ${path.relative(root, logDir)}/`);
    const heavy = memory.filter((m) => m.rssMb > 400);
    if (heavy.length) console.log(`\nAbove 400 MB RSS: ${heavy.map((m) => `${m.process} ${m.rssMb} MB`).join(', ')}`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`\nbench: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
