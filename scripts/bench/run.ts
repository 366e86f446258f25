import os from 'node:os';
import { Client } from 'pg';
import { Capture, captureAll, gatewayRequest, markdownTable, runOperation, type HubEndpoints, type OpResult, type RunOptions, type TargetName } from './harness';
import { OPERATION_NAMES, operations, type Operation, type OperationName, type Pools } from './operations';

export const SEED_FIRST = 'seed it first: npm run seed -- --leads 1000000';

/**
 * Reads what the operations pick from, straight from the leads database: `size` leads the union is
 * involved in, at random over the whole table, and the provinces that have leads. Refuses an empty
 * database: a benchmark on nothing measures nothing.
 */
export async function readPools(leadsDatabaseUrl: string, size: number): Promise<Pools & { leadCount: number }> {
  const db = new Client({ connectionString: leadsDatabaseUrl });
  try {
    await db.connect();
  } catch (e) {
    throw new Error(`The leads database cannot be opened (${(e as Error).message}): ${SEED_FIRST}`);
  }
  try {
    const exists = await db.query(`select to_regclass('public.lead') as t`);
    if (!exists.rows[0].t) throw new Error(`The leads database has no lead table: ${SEED_FIRST}`);
    // The planner's estimate is instant where count(*) over a million rows is not; exact when small.
    const estimate = Number((await db.query(`select reltuples::bigint as n from pg_class where oid = 'public.lead'::regclass`)).rows[0].n);
    const leadCount = estimate > 100_000 ? estimate : Number((await db.query('select count(*)::int as n from lead')).rows[0].n);
    if (leadCount <= 0) throw new Error(`The leads database is empty: ${SEED_FIRST}`);
    const sample = leadCount > 50_000 ? `lead l tablesample system (${Math.min(100, (100 * size * 20) / leadCount).toFixed(4)})` : 'lead l';
    const ids = await db.query(
      `select l.id, l.region_code from ${sample} where exists (select 1 from lead_agency a where a.lead_id = l.id and a.agency = 'UNION') order by random() limit $1`,
      [size],
    );
    if (!ids.rows.length) throw new Error(`No lead in the database involves the union: ${SEED_FIRST}`);
    return {
      leadCount,
      leadIds: ids.rows.map((r) => r.id as string),
      provinces: [...new Set(ids.rows.map((r) => `${(r.region_code as string).slice(0, 2)}0000`))].sort(),
      intakeRegions: ['140105', '140106', '140421', '140402', '140521'],
      closureStates: ['OPEN', 'CLOSED'],
    };
  } finally {
    await db.end();
  }
}

export interface BenchPlan extends RunOptions {
  targets: TargetName[];
  ops?: OperationName[];
  listSize?: number;
  jwtSecret: string;
}

export interface BenchResults {
  results: OpResult[];
  /** Subgraph calls our gateway makes per request kind, in order (from the direct target's capture). */
  plans?: Record<string, string>;
}

/** Every chosen operation on every chosen target, in the order listed. */
export async function runBench(hub: HubEndpoints, pools: Pools, plan: BenchPlan): Promise<BenchResults> {
  const { ops, fresh } = operations(plan.jwtSecret, pools, { listSize: plan.listSize });
  const chosen = (plan.ops ?? [...OPERATION_NAMES]).map((n) => ops[n]);
  const results: OpResult[] = [];
  let plans: Record<string, string> | undefined;
  for (const target of plan.targets) {
    let capture: Capture | undefined;
    if (target === 'direct') {
      capture = new Capture(hub);
      await capture.start();
      plan.log?.(`capturing our gateway's subgraph calls for ${chosen.map((o) => o.name).join(', ')}`);
      // transferAccept needs a lead reportLead made.
      if (chosen.some((o) => o.name === 'transferAccept') && !fresh.length) await captureAll(capture, [ops.reportLead]);
      await captureAll(capture, chosen);
      plans = capture.shapes();
    }
    try {
      for (const op of chosen) {
        plan.log?.(`${target}: ${op.name} (${plan.connections} clients, ${plan.warmupSec} s warm-up, ${plan.durationSec} s)`);
        const prepare = op.name === 'transferAccept' ? (n: number) => reportLeads(hub, ops.reportLead, fresh, n, plan.log) : undefined;
        const r = await runOperation(target, hub, op, { ...plan, capture, prepare });
        plan.log?.(`  ${r.requestsPerSec.toFixed(1)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ''}`);
        results.push(r);
      }
    } finally {
      await capture?.stop();
    }
  }
  return { results, plans };
}

/** Reports leads (through a gateway, not measured) until transferAccept has `needed` fresh ones. */
async function reportLeads(hub: HubEndpoints, reportLead: Operation, fresh: string[], needed: number, log?: (line: string) => void): Promise<void> {
  const base = hub.gateways.apollo ?? hub.gateways.hive;
  if (!base || fresh.length >= needed) return;
  log?.(`  reporting ${needed - fresh.length} leads for transferAccept to send on`);
  const worker = async () => {
    while (fresh.length < needed) {
      for (const step of reportLead.iteration()!) {
        const { body } = await gatewayRequest(base, step, step.variables(undefined));
        if (body.errors?.length) throw new Error(`reporting a lead for transferAccept: ${body.errors[0].message}`);
        reportLead.answered?.(step.name, body.data);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export function machineFacts(leadCount: number) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    leads: leadCount,
  };
}

export function report(o: { command: string; facts: ReturnType<typeof machineFacts>; results: BenchResults; memory?: { process: string; rssMb: number; peakRssMb?: number }[]; settings: Record<string, unknown> }): string {
  const f = o.facts;
  const lines = [
    `## Benchmark ${new Date().toISOString()}`,
    '',
    '```',
    o.command,
    '```',
    '',
    `${f.cores} cores (${f.cpu}), ${f.memoryGb} GB, ${f.platform}, Node ${f.node}; ${f.leads.toLocaleString('en-US')} leads; ${Object.entries(o.settings).map(([k, v]) => `${k} ${String(v)}`).join(', ')}.`,
    '',
    markdownTable(o.results.results),
  ];
  if (o.results.plans) {
    lines.push('', 'Subgraph calls our gateway makes (captured for the direct target):', '');
    for (const [step, shape] of Object.entries(o.results.plans)) lines.push(`- ${step}: ${shape}`);
  }
  if (o.memory?.length) {
    lines.push('', '| process | RSS at the end | peak RSS |', '|---|---:|---:|');
    for (const m of o.memory) lines.push(`| ${m.process} | ${m.rssMb} MB | ${m.peakRssMb ?? '—'} MB |`);
  }
  return lines.join('\n');
}
