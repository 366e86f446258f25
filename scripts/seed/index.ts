/**
 * npm run seed -- [--leads 100000] [--seed 7] [--years 2 | --from 2026-05-01 --to 2026-05-31]
 *                 [--regions 650102,650103] [--database-url postgres://hub:hub@127.0.0.1:5433/postgres]
 *
 * DEVELOPMENT TOOL (refuses NODE_ENV=production): fills every service's database with realistic,
 * internally consistent made-up data, the same for the same seed (on the same starting databases
 * and day). It migrates each database first (as each service would at start), so it works on a
 * fresh server. The registry's rows are made in the leads database batch by batch (leads.ts); each
 * agency's rows are selected from the same batch and inserted into its own database on another
 * connection while the next batch is made, so two cores work at once. Nothing is put in any outbox:
 * the hub starting on the data delivers nothing. `--count` is an alias of `--leads`.
 *
 * Databases: `--database-url` (any database on the server: each service uses hub_<name> on it),
 * else DATABASE_URL, else the embedded PostgreSQL of `npm start` on HUB_PG_PORT (5433);
 * `<NAME>_DATABASE_URL` overrides one service's database.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { openDatabase } from '../../lib/db';
import { PLATFORM_ENTITIES } from '../../lib/service';
import { SERVICE_NAMES, isProduction, serviceDatabaseUrl, type ServiceName } from '../../lib/config';
import { shanghaiDate } from '../../lib/dates';
import { refusalText } from '../../lib/errors';
import { regionCodeProblem } from '../../lib/region';
import { SERVICES } from '../../services/registry';
import { generateLeads, type GenerateOptions } from './leads';
import { insertRows, selectRows, type RowSet, type Rows } from './rows';
import { UNION_ROWS, finishUnion, prepareUnion } from './union';
import { INSPECTION_ROWS } from './inspection';
import { LITIGATION_ROWS } from './litigation';
import { Progress, clock } from './progress';

type AgencyService = Exclude<ServiceName, 'leads'>;
const AGENCY_ROWS: Record<AgencyService, RowSet[]> = { union: UNION_ROWS, inspection: INSPECTION_ROWS, litigation: LITIGATION_ROWS };

export interface SeedOptions extends Omit<GenerateOptions, 'onBatch' | 'log'> {
  /** Each service's database. */
  databaseUrls: Record<ServiceName, string>;
  progress?: Progress;
}

export interface SeedReport {
  ms: number;
  phases: { name: string; ms: number }[];
  /** Rows the seed inserted, per service and table. */
  rows: Record<string, Record<string, number>>;
  /** Where the batches' time went: ms per part, summed over batches (agency inserts overlap the next batch). */
  batchParts: Record<string, number>;
}

export async function seed(o: SeedOptions): Promise<SeedReport> {
  if (isProduction()) throw new Error('The seed is a development tool: it refuses to run with NODE_ENV=production.');
  const started = Date.now();
  const phases: SeedReport['phases'] = [];
  let phaseStart = started;
  const phase = (name: string) => {
    phases.push({ name, ms: Date.now() - phaseStart });
    phaseStart = Date.now();
  };
  const progress = o.progress;
  progress?.update('migrating', 0);
  // Each database migrated as its service would at start (all four at once).
  await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      const orm = await openDatabase({ databaseUrl: o.databaseUrls[name], entities: [...PLATFORM_ENTITIES, ...SERVICES[name].entities], migrations: SERVICES[name].migrations, poolMax: 1 });
      await orm.close(true);
    }),
  );
  phase('migrations');

  const clients = {} as Record<ServiceName, Client>;
  try {
    for (const name of SERVICE_NAMES) {
      clients[name] = new Client({ connectionString: o.databaseUrls[name] });
      await clients[name].connect();
    }
    await prepareUnion(clients.union);
    const rows: SeedReport['rows'] = { union: {}, inspection: {}, litigation: {} };
    const pending: Partial<Record<AgencyService, Promise<void>>> = {};
    const seedText = String(o.seed ?? 7);
    const agencies = Object.keys(AGENCY_ROWS) as AgencyService[];
    let done = 0;
    const parts: Record<string, number> = {};
    const add = (part: string, since: number) => (parts[part] = (parts[part] ?? 0) + Date.now() - since);
    let batchStart = Date.now();
    progress?.update('employers', 0);
    await generateLeads(clients.leads, {
      ...o,
      onBatch: async (db, b) => {
        add('registry rows (leads)', batchStart);
        // The agencies' inserts of the previous batch ran meanwhile; wait for them before queueing more.
        let t = Date.now();
        await Promise.all(agencies.map((a) => pending[a] ?? Promise.resolve()));
        add('waiting for agency inserts', t);
        const batch: Record<string, Rows[]> = {};
        for (const a of agencies) {
          t = Date.now();
          batch[a] = await selectRows(db, seedText, AGENCY_ROWS[a]);
          add(`${a} rows selected (leads)`, t);
        }
        for (const a of agencies) {
          const insertStart = Date.now();
          pending[a] = insertRows(clients[a], batch[a]).then((counts) => {
            add(`${a} rows inserted (${a}, overlapped)`, insertStart);
            for (const [t, n] of Object.entries(counts)) rows[a][t] = (rows[a][t] ?? 0) + n;
          });
          // A failure surfaces when awaited; until then it must not crash the process as unhandled.
          pending[a].catch(() => undefined);
        }
        done += b.last - b.first + 1;
        progress?.update('leads and agencies', done);
        batchStart = Date.now();
      },
      log: (line) => {
        if (line.startsWith('vacuum')) progress?.update('vacuum analyze (leads)', done);
      },
    });
    await Promise.all(agencies.map((a) => pending[a] ?? Promise.resolve()));
    phase('leads and agencies, batches, and leads vacuum');
    progress?.update('relief funds and vacuum analyze', done);
    await finishUnion(clients.union);
    await Promise.all(agencies.map((a) => clients[a].query('vacuum analyze')));
    phase('relief funds, agencies vacuum');
    progress?.finish('done');
    return { ms: Date.now() - started, phases, rows, batchParts: parts };
  } finally {
    await Promise.allSettled(Object.values(clients).map((c) => c.end()));
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (isProduction()) {
    console.error('The seed is a development tool: it refuses to run with NODE_ENV=production.');
    process.exit(2);
  }
  const leads = Number(arg('leads') ?? arg('count') ?? 100_000);
  if (!Number.isInteger(leads) || leads < 1) throw new Error('--leads must be a whole number from 1');
  const years = Number(arg('years') ?? 2);
  const to = arg('to') ?? shanghaiDate(new Date(Date.now() - 86_400_000));
  const from = arg('from') ?? shanghaiDate(new Date(Date.parse(to) - Math.round(years * 365) * 86_400_000));
  const regions = arg('regions')?.split(',').map((code): [string, number] => {
    const problem = regionCodeProblem(code);
    if (problem) throw new Error(`--regions: ${code} ${refusalText(problem)}`);
    return [code, 1];
  });
  const seedValue = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
  if (seedValue !== undefined && !Number.isInteger(seedValue)) throw new Error('--seed must be a whole number');
  const server = arg('database-url') ?? process.env.DATABASE_URL ?? `postgres://hub:hub@127.0.0.1:${process.env.HUB_PG_PORT ?? 5433}/postgres`;
  const databaseUrls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, serviceDatabaseUrl(n, server)])) as Record<ServiceName, string>;
  console.error(`seeding ${leads} leads received ${from} to ${to} into ${SERVICE_NAMES.map((n) => new URL(databaseUrls[n]).pathname.slice(1)).join(', ')} on ${new URL(server).host}`);
  const report = await seed({ count: leads, from, to, regions, seed: seedValue, databaseUrls, progress: new Progress(leads) });
  console.error(`done in ${clock(report.ms / 1000)}: ${report.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join('; ')}`);
  console.error(`  batches: ${Object.entries(report.batchParts).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
  for (const [service, tables] of Object.entries(report.rows)) {
    console.error(`  ${service}: ${Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`seed failed: ${(e as Error).message}`);
    process.exit(1);
  });
}
