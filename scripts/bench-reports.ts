/**
 * node dist/scripts/bench-reports.js --database-url postgres://…/hub_leads [--runs 5] [--big-region 650000 --big-month 2026-05]
 *
 * DEVELOPMENT TOOL: times the reports through the gateway over HTTP on a leads database filled by
 * `npm run seed`, as docs/performance.md reports them. Starts the leads subgraph on that
 * database and the gateway in this process (the reports need no other subgraph), then runs each
 * query once to warm up and `runs` times more, and downloads the largest monthly summaries while
 * sampling this process's memory.
 */
import 'reflect-metadata';
import { startService } from '../lib/service';
import { startGateway } from '../gateway/src/gateway';
import { readSupergraph } from '../gateway/src/main';
import { signToken, type Principal } from '../lib/auth';
import { jwtSecret } from '../lib/config';
import { leadsService } from '../services/leads/src/service';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('bench-reports is a development tool');
  const databaseUrl = arg('database-url');
  if (!databaseUrl) throw new Error('--database-url of a leads database is required');
  const runs = Number(arg('runs', '5'));
  const leads = await startService(leadsService, { databaseUrl, outboxPollMs: 60_000 });
  const unused = 'http://127.0.0.1:9';
  const gateway = await startGateway({ supergraphSdl: readSupergraph(), serviceUrls: { leads: leads.url, union: unused, inspection: unused, litigation: unused } });
  const token = (region: string) => signToken({ id: 'bench', name: 'bench', agency: 'UNION', region, roles: ['VIEWER'] } satisfies Principal, jwtSecret());
  const [{ n }] = await leads.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from lead');
  console.log(`${n} leads; each figure: median and slowest of ${runs} runs after one warm-up, through the gateway over HTTP\n`);

  const gql = async (query: string, region: string) => {
    const t = performance.now();
    const r = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token(region)}` }, body: JSON.stringify({ query }) });
    const body = (await r.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms: performance.now() - t, data: body.data! };
  };
  const queries: [string, string, string, (d: Record<string, any>) => string][] = [
    ['monthlyLeadSummary, province, October 2026', '370000', '{ monthlyLeadSummary(month: "2026-10") { rowNo receivedOn employerName industry workerCount amountTenThousandYuan mediatedOrLegalService closed referenceNo } }', (d) => `${d.monthlyLeadSummary.length} rows`],
    ['monthlyLeadSummary, whole country, October 2026', '000000', '{ monthlyLeadSummary(month: "2026-10") { rowNo receivedOn employerName industry workerCount amountTenThousandYuan mediatedOrLegalService closed referenceNo } }', (d) => `${d.monthlyLeadSummary.length} rows`],
    ['weeklyReport, province, week of 2026-11-16', '370000', '{ weeklyReport(weekStart: "2026-11-16") { newLeads newWorkers newAmount resolvedLeads resolvedAmount zeroReport massCases { referenceNo workerCount employer { name } } } }', (d) => `${d.weeklyReport.newLeads} new, ${d.weeklyReport.resolvedLeads} resolved, ${d.weeklyReport.massCases.length} mass cases`],
    ['weeklyReport, whole country, week of 2026-11-16', '000000', '{ weeklyReport(weekStart: "2026-11-16") { newLeads newWorkers newAmount resolvedLeads resolvedAmount zeroReport massCases { referenceNo workerCount employer { name } } } }', (d) => `${d.weeklyReport.newLeads} new, ${d.weeklyReport.resolvedLeads} resolved, ${d.weeklyReport.massCases.length} mass cases`],
    ['campaignSummary, province, a quarter', '370000', '{ campaignSummary(from: "2026-07-01", to: "2026-09-30") { sector employers workers workersResolved amountResolved } }', (d) => `${d.campaignSummary[3].workers} workers`],
    ['campaignSummary, province, a year', '370000', '{ campaignSummary(from: "2025-11-01", to: "2026-10-31") { sector employers workers workersResolved amountResolved } }', (d) => `${d.campaignSummary[3].workers} workers`],
    ['campaignSummary, whole country, a quarter', '000000', '{ campaignSummary(from: "2026-07-01", to: "2026-09-30") { sector employers workers workersResolved amountResolved } }', (d) => `${d.campaignSummary[3].workers} workers`],
  ];
  for (const [label, region, query, describe] of queries) {
    const first = await gql(query, region);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await gql(query, region)).ms);
    console.log(`${label.padEnd(50)} ${median(times).toFixed(0).padStart(5)} ms  (max ${Math.max(...times).toFixed(0)} ms; ${describe(first.data)})`);
  }

  const downloads: [string, string][] = [
    ['370000', `/reports/monthly-lead-summary.csv?month=2026-10`],
    ['370000', `/reports/monthly-lead-summary.xlsx?month=2026-10`],
  ];
  const bigRegion = arg('big-region');
  if (bigRegion) {
    const month = arg('big-month', '2026-05');
    downloads.push([bigRegion, `/reports/monthly-lead-summary.csv?month=${month}`], [bigRegion, `/reports/monthly-lead-summary.xlsx?month=${month}`]);
  }
  console.log('');
  for (const [region, path] of downloads) {
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t = performance.now();
    const r = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token(region)}` } });
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (path.includes('.csv')) for (const b of chunk) if (b === 10) newlines++;
    }
    clearInterval(sampler);
    const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
    const rows = path.includes('.csv') ? `${newlines - 4} rows, ` : '';
    console.log(`GET ${path} (${region}): HTTP ${r.status}, ${rows}${mb(bytes)} in ${((performance.now() - t) / 1000).toFixed(1)} s; heap ${mb(base.heapUsed)} → peak ${mb(peakHeap)}, RSS ${mb(base.rss)} → peak ${mb(peakRss)}`);
  }
  await gateway.stop();
  await leads.stop();
}

main().catch((e) => {
  console.error(`bench-reports failed: ${(e as Error).message}`);
  process.exit(1);
});
