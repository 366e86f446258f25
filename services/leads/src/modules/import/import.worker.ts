/**
 * Runs queued imports in the background of the leads service, one batch per transaction. Each
 * import is held by one instance at a time (a session advisory lock: a crashed instance lets go
 * at once); a stopped service finishes its batch and the next start resumes after the last row
 * stored, since progress commits with each batch.
 */
import { Client } from 'pg';
import type { Orm } from '../../../../../lib/db';
import type { Logger } from '../../../../../lib/logger';
import type { Dispatcher } from '../../../../../lib/outbox/dispatcher';
import { numberSetting } from '../../../../../lib/config';
import { DomainError } from '../../../../../lib/errors';
import { LeadImportRecord } from './import.entity';
import { fileRecords, type FileRecord } from './import.read';
import { COLUMNS, headerProblems, normalizeHeader, parseRow, type ParsedRow } from './import.columns';
import { EmployerCache, fileChunks, finishImport, firstBytes, storeBatch } from './import.store';

export interface ImportWorkerDeps {
  orm: Orm;
  dispatcher?: Dispatcher;
  log: Logger;
}

export const importSettings = () => ({
  batchSize: numberSetting('HUB_IMPORT_BATCH_ROWS', 500),
  maxRows: numberSetting('HUB_IMPORT_MAX_ROWS', 200_000),
  maxBytes: numberSetting('HUB_IMPORT_MAX_MB', 64) * 1024 * 1024,
  pollMs: numberSetting('HUB_IMPORT_POLL_MS', 500),
});

const isBlank = (r: FileRecord) => r.cells.every((c) => !c.trim());

/** The file's data rows as cells by header, after the header row; the header's problems, if any. */
async function* dataRows(records: AsyncIterable<FileRecord>): AsyncGenerator<{ rowNo: number; cells: Record<string, string> } | { headerProblem: DomainError }> {
  let index: Map<string, number> | undefined;
  let above = 0;
  for await (const r of records) {
    if (!index) {
      // Title and note lines above the header (the template has them) are not data.
      if (!r.cells.some((c) => normalizeHeader(c) === COLUMNS[0].header)) {
        if (++above > 20) break;
        continue;
      }
      const h = headerProblems(r.cells);
      if (h.problems.length) {
        const p = h.problems[0];
        yield { headerProblem: new DomainError(p.reason, p.params) };
        return;
      }
      index = h.index;
      continue;
    }
    if (isBlank(r)) continue;
    const cells: Record<string, string> = {};
    // A leading apostrophe is how spreadsheets (and the hub's own downloads) keep text from being a formula.
    for (const [name, i] of index) cells[name] = (r.cells[i] ?? '').replace(/^'(?=[=+\-@])/, '');
    yield { rowNo: r.rowNo, cells };
  }
  if (!index) yield { headerProblem: new DomainError('IMPORT_HEADER_MISSING', { columns: ['线索来源编号'] }) };
}

export function importWorker(deps: ImportWorkerDeps) {
  const { orm, log } = deps;
  const settings = importSettings();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let locks: Client | undefined;

  const rows = (job: LeadImportRecord) => dataRows(fileRecordsOf(job));
  let first: Buffer = Buffer.alloc(0);
  const fileRecordsOf = (job: LeadImportRecord) => fileRecords(() => fileChunks(orm, job.id), job.format, first);

  const fail = (job: LeadImportRecord, e: unknown) => {
    const d = e instanceof DomainError ? e : new DomainError('IMPORT_FILE_UNREADABLE', { format: job.format.toUpperCase() });
    return finishImport(orm, job, 'FAILED', { reason: d.reason, params: d.params });
  };

  /** Counts the data rows once (progress is rows done of rows in the file) and checks the header. */
  async function count(job: LeadImportRecord): Promise<boolean> {
    let n = 0;
    for await (const r of rows(job)) {
      if ('headerProblem' in r) {
        await fail(job, r.headerProblem);
        return false;
      }
      if (++n > settings.maxRows) {
        await fail(job, new DomainError('IMPORT_TOO_MANY_ROWS', { max: settings.maxRows }));
        return false;
      }
    }
    await orm.em.fork().nativeUpdate(LeadImportRecord, { id: job.id }, { rowsTotal: n });
    job.rowsTotal = n;
    return true;
  }

  /** One pass over the file from the first row not yet settled; false when stopped or cancelled. */
  async function pass(job: LeadImportRecord, checkOnly: boolean): Promise<boolean> {
    const employers = new EmployerCache();
    let batch: { parsed: ParsedRow; cells: Record<string, string> }[] = [];
    let last = job.lastRowNo;
    let stored = 0;
    let analyzedAt = 0;
    const flush = async () => {
      if (!batch.length) return true;
      const done = await storeBatch(orm, deps.dispatcher, job.id, batch, { checkOnly, lastRowNo: last, employers });
      stored += batch.length;
      batch = [];
      if (done && !checkOnly && stored >= Math.max(settings.batchSize, 2 * analyzedAt)) {
        // The tables an import fills can grow from a few rows to 100,000 in minutes, faster than
        // autovacuum's statistics follow (it looks once a minute): planned as if nearly empty, a
        // batch's lookups scanned every open lead. Fresh statistics each time the rows double.
        await orm.em.fork().getConnection().execute('analyze lead, lead_agency, employer, complainant');
        analyzedAt = stored;
      }
      return done !== false;
    };
    for await (const r of rows(job)) {
      if ('headerProblem' in r) throw r.headerProblem;
      if (r.rowNo <= job.lastRowNo) continue;
      batch.push({ parsed: parseRow(r, job.principal, new Date()), cells: r.cells });
      last = r.rowNo;
      if (batch.length >= settings.batchSize) {
        if (!(await flush())) return false;
        if (stopped) return false;
      }
    }
    return flush();
  }

  async function process(id: string): Promise<void> {
    const em = orm.em.fork();
    const job = await em.findOne(LeadImportRecord, { id });
    if (!job || (job.status !== 'QUEUED' && job.status !== 'RUNNING')) return;
    if (job.status === 'QUEUED') await em.nativeUpdate(LeadImportRecord, { id, status: 'QUEUED' }, { status: 'RUNNING' });
    job.status = 'RUNNING';
    first = await firstBytes(orm, id);
    const reqLog = log.child({ importId: id });
    try {
      if (job.rowsTotal === null || job.rowsTotal === undefined) {
        if (!(await count(job))) return;
      }
      if (job.allOrNothing && !job.checked) {
        if (!(await pass(job, true))) return;
        const checked = await orm.em.fork().findOneOrFail(LeadImportRecord, { id });
        if (checked.refused > 0) {
          await finishImport(orm, checked, 'REFUSED', { reason: 'IMPORT_NOT_IMPORTED_ALL_OR_NOTHING', params: { refused: checked.refused } });
          return;
        }
        // Checked, every row good: now the import itself, from the first row.
        await orm.em.fork().nativeUpdate(LeadImportRecord, { id, status: 'RUNNING' }, { checked: true, rowsRead: 0, lastRowNo: 0 });
        Object.assign(job, { checked: true, rowsRead: 0, lastRowNo: 0 });
      }
      if (!(await pass(job, false))) return;
      const done = await finishImport(orm, await orm.em.fork().findOneOrFail(LeadImportRecord, { id }), 'DONE');
      reqLog.info({ rows: done.rowsRead, imported: done.imported, refused: done.refused, alreadyPresent: done.alreadyPresent }, 'lead import finished');
    } catch (e) {
      if (stopped) return;
      reqLog.error({ err: (e as Error).message }, 'lead import failed');
      await fail(await orm.em.fork().findOneOrFail(LeadImportRecord, { id }), e).catch(() => undefined);
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const due = await orm.em.fork().getConnection().execute<{ id: string }[]>(`select id from lead_import where status in ('QUEUED', 'RUNNING') order by created_at limit 20`);
      for (const { id } of due) {
        if (stopped) break;
        if (!locks) {
          locks = new Client({ connectionString: orm.config.get('clientUrl') });
          locks.on('error', () => (locks = undefined));
          await locks.connect();
        }
        const key = `lead-import-job:${id}`;
        const [{ locked }] = (await locks.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [key])).rows;
        if (!locked) continue;
        try {
          await process(id);
        } finally {
          await locks?.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
        }
      }
    } catch (e) {
      if (!stopped) log.warn({ err: (e as Error).message }, 'lead import poll failed');
    }
  }

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, settings.pollMs);
    });
  };

  return {
    start() {
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await locks?.end().catch(() => undefined);
    },
  };
}

export type ImportWorker = ReturnType<typeof importWorker>;
