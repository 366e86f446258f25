/**
 * A bulk import's storage: the uploaded file kept in the database, and each batch of rows stored in
 * one transaction with the import's progress, through recordLead (the same events, audit, timeline
 * and outbox as reportLead). A batch is set-based where numbering and lookups allow: one counter
 * update per region, one lookup of source references, one of possible duplicates.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../../../../lib/db';
import type { Principal } from '../../../../../lib/auth';
import type { Tx } from '../../../../../lib/context';
import type { Dispatcher } from '../../../../../lib/outbox/dispatcher';
import { Emitter } from '../../../../../lib/outbox/emitter';
import { BulkInserts } from '../../../../../lib/bulk-insert';
import { textArray } from '../../../../../lib/sql-arrays';
import { audit } from '../../../../../lib/audit/audit';
import { shanghaiDate } from '../../../../../lib/dates';
import { refuse } from '../../../../../lib/errors';
import type { CommandContext } from '../../../../../lib/command/handler';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { recordLead } from '../lead/lead.store';
import { referenceNo } from '../lead/lead.intake';
import { LeadRecord } from '../lead/lead.entity';
import { looksLikeSameArrears } from '../lead/lead.duplicates';
import { duplicateCandidatesOf } from '../lead/duplicate.store';
import { createEmployer, findOrCreateEmployer } from '../employer/employer.store';
import { normalizeEmployerName } from '../employer/employer.name';
import { LeadImportChunkRecord, LeadImportRecord, LeadImportRowRecord, type RowOutcome } from './import.entity';
import { decideCancel, decideFinish, decideStart, type CancelImportCommand, type FinishImportCommand, type StartImportCommand } from './import.rules';
import type { ParsedRow, RowProblem } from './import.columns';
import type { FileFormat } from './import.read';

const CHUNK_BYTES = 1024 * 1024;

/** A transaction run as the importer, with its audit entries and outbox messages, as a request's would be. */
export async function transactAs<T>(orm: Orm, dispatcher: Dispatcher | undefined, by: Principal, requestId: string, work: (tx: Tx) => Promise<T>, o: { bulk?: boolean } = {}): Promise<T> {
  const emitter = new Emitter('leads');
  const em = orm.em.fork() as EntityManager;
  const result = await em.transactional(async (real) => {
    // A batch's thousands of new rows go in with one INSERT per table (lib/bulk-insert.ts).
    const tx = o.bulk ? new BulkInserts().collecting(real) : real;
    const out = await work({ em: tx, emit: emitter.bind(tx), audit: (change) => audit(tx, { id: by.id, agency: by.agency, requestId }, change) });
    await tx.flush();
    return out;
  });
  // Delivered in the background: the next batch need not wait for the agencies to answer.
  if (emitter.destinations.size && dispatcher) void dispatcher.deliverNow(emitter.destinations, 0);
  return result;
}

/** A command context whose transaction is the one already open (a batch's). */
const within = (tx: Tx, by: Principal): CommandContext => ({ principal: by, transact: (work) => work(tx) });

export const requestIdOf = (importId: string) => `import-${importId}`;

/** Stores an uploaded file, chunk by chunk, and its digest: the import waits for startLeadImport. */
export async function storeUpload(orm: Orm, by: Principal, o: { fileName: string; format: FileFormat; body: AsyncIterable<Buffer>; maxBytes: number }): Promise<LeadImportRecord> {
  const em = orm.em.fork() as EntityManager;
  return em.transactional(async (tx) => {
    const job = tx.create(LeadImportRecord, {
      agency: by.agency, region: by.region, importedBy: by.id, principal: by, fileName: o.fileName, format: o.format, digest: '', sizeBytes: '0', status: 'UPLOADED',
    });
    tx.persist(job);
    await tx.flush();
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async () => {
      if (!pendingBytes) return;
      await tx.insert(LeadImportChunkRecord, { importId: job.id, seq: seq++, data: Buffer.concat(pending) });
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of o.body) {
      size += chunk.length;
      if (size > o.maxBytes) throw refuse('IMPORT_FILE_TOO_LARGE', { max: Math.round(o.maxBytes / 1024 / 1024) });
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await write();
    }
    await write();
    if (!size) throw refuse('IMPORT_FILE_EMPTY');
    job.digest = hash.digest('hex');
    job.sizeBytes = String(size);
    return job;
  });
}

/** The stored file, chunk by chunk (one chunk in memory at a time). */
export async function* fileChunks(orm: Orm, importId: string): AsyncGenerator<Buffer> {
  const em = orm.em.fork() as EntityManager;
  for (let seq = 0; ; seq++) {
    const [row] = await em.execute<{ data: Buffer }[]>('select data from lead_import_chunk where import_id = ? and seq = ?', [importId, seq]);
    if (!row) return;
    yield row.data;
  }
}

export async function firstBytes(orm: Orm, importId: string): Promise<Buffer> {
  const [row] = await orm.em.fork().execute<{ data: Buffer }[]>('select substring(data from 1 for 65536) as data from lead_import_chunk where import_id = ? and seq = 0', [importId]);
  return row?.data ?? Buffer.alloc(0);
}

const lockImport = (em: EntityManager, id: string) => em.findOne(LeadImportRecord, { id }, { lockMode: 4 /* PESSIMISTIC_WRITE */, refresh: true });
/** The import a staff command acts on, locked; refused as not found when there is none. */
const importForCommand = async (em: EntityManager, id: string): Promise<LeadImportRecord> => {
  const job = await lockImport(em, id);
  if (!job) throw refuse('IMPORT_NOT_FOUND');
  return job;
};

export function startImport(ctx: CommandContext, cmd: StartImportCommand): Promise<LeadImportRecord> {
  return handleLeadsCommand(ctx, {
    command: cmd,
    load: (tx) => importForCommand(tx.em, cmd.importId),
    decide: decideStart,
    apply(_tx, job) {
      job.status = 'QUEUED';
      job.allOrNothing = cmd.allOrNothing;
      job.startedAt = cmd.at;
    },
    result: (job) => job,
  });
}

export function cancelImport(ctx: CommandContext, cmd: CancelImportCommand): Promise<LeadImportRecord> {
  return handleLeadsCommand(ctx, {
    command: cmd,
    load: (tx) => importForCommand(tx.em, cmd.importId),
    decide: decideCancel,
    apply(_tx, job) {
      job.status = 'CANCELLED';
      job.finishedAt = cmd.at;
    },
    result: (job) => job,
  });
}

/** Ends an import (audited with its counts), unless it ended already (cancelled meanwhile). */
export function finishImport(orm: Orm, job: LeadImportRecord, status: FinishImportCommand['status'], failure?: { reason: string; params: Record<string, unknown> }): Promise<LeadImportRecord> {
  const by = job.principal;
  const cmd: FinishImportCommand = { type: 'finishLeadImport', importId: job.id, status, by, at: new Date() };
  return transactAs(orm, undefined, by, requestIdOf(job.id), (tx) =>
    handleLeadsCommand(within(tx, by), {
      command: cmd,
      load: async (t) => (await lockImport(t.em, job.id))!,
      decide: decideFinish,
      apply(_t, j) {
        j.status = status;
        j.finishedAt = cmd.at;
        if (failure) j.failure = failure;
      },
      result: (j) => j,
    }),
  );
}

/** Row counts of one batch, added to the import's. */
export interface BatchCounts {
  imported: number;
  refused: number;
  alreadyPresent: number;
  possibleDuplicates: number;
}

type RowReport = { rowNo: number; outcome: RowOutcome; sourceRef: string | null; problems: RowProblem[] | { column: string; field: string; reason: string; params: Record<string, unknown> }[]; cells: Record<string, string>; leadId?: string; referenceNo?: string };

const problem = (reason: string, params: Record<string, unknown>) => [{ column: '线索来源编号', field: 'sourceRef', reason, params }];

/** Employers found or created, remembered for the import's life (employers are never deleted). */
export class EmployerCache {
  private readonly ids = new Map<string, string>();
  /** Names looked up for this batch and not found: created without asking the database again. */
  private readonly absent = new Set<string>();
  key = (e: { name: string; creditCode: string | null }) => e.creditCode ?? `name:${normalizeEmployerName(e.name)}`;

  /** A batch's employers in one query: by credit code, and name-only ones by normalised name (the oldest, as intake finds them). */
  async prefetch(em: EntityManager, refs: { name: string; creditCode: string | null }[]): Promise<void> {
    const codes = [...new Set(refs.filter((r) => r.creditCode && !this.ids.has(r.creditCode)).map((r) => r.creditCode!))];
    const names = [...new Set(refs.filter((r) => !r.creditCode).map((r) => normalizeEmployerName(r.name)).filter((n) => !this.ids.has(`name:${n}`)))];
    if (!codes.length && !names.length) return;
    const found = await em.execute<{ id: string; credit_code: string | null; normalized_name: string }[]>(
      `select id, credit_code, normalized_name from employer where credit_code in (select jsonb_array_elements_text(?::jsonb))
       union all
       (select distinct on (normalized_name) id, credit_code, normalized_name from employer where normalized_name in (select jsonb_array_elements_text(?::jsonb)) order by normalized_name, created_at)`,
      [JSON.stringify(codes), JSON.stringify(names)],
    );
    for (const f of found) {
      if (f.credit_code && codes.includes(f.credit_code)) this.ids.set(f.credit_code, f.id);
      if (names.includes(f.normalized_name) && !this.ids.has(`name:${f.normalized_name}`)) this.ids.set(`name:${f.normalized_name}`, f.id);
    }
    for (const n of names) if (!this.ids.has(`name:${n}`)) this.absent.add(n);
  }

  async idOf(em: EntityManager, e: { name: string; creditCode: string | null }): Promise<string> {
    const k = this.key(e);
    const known = this.ids.get(k);
    if (known) return known;
    const normalized = normalizeEmployerName(e.name);
    const id = !e.creditCode && this.absent.delete(normalized) ? createEmployer(em, e) : await findOrCreateEmployer(em, e);
    if (this.ids.size > 50_000) this.ids.clear();
    this.ids.set(k, id);
    return id;
  }
  /** A rolled-back batch may have created employers that do not exist after all. */
  forget(): void {
    this.ids.clear();
    this.absent.clear();
  }
}

/**
 * One batch of parsed rows, stored or (all-or-nothing's first pass) only checked. Returns false when
 * the import was cancelled meanwhile (nothing of the batch is stored then).
 */
export async function storeBatch(
  orm: Orm,
  dispatcher: Dispatcher | undefined,
  jobId: string,
  rows: { parsed: ParsedRow; cells: Record<string, string> }[],
  o: { checkOnly: boolean; lastRowNo: number; employers: EmployerCache },
): Promise<BatchCounts | false> {
  const first = await orm.em.fork().findOneOrFail(LeadImportRecord, { id: jobId });
  const by = first.principal;
  try {
    return await transactAs(orm, dispatcher, by, requestIdOf(jobId), async (tx) => {
      // One import at a time per agency: two overlapping files cannot both create a lead.
      await tx.em.execute('select pg_advisory_xact_lock(hashtext(?))', [`lead-import:${by.agency}`]);
      const job = await lockImport(tx.em, jobId);
      if (!job || job.status !== 'RUNNING') return false;
      const counts: BatchCounts = { imported: 0, refused: 0, alreadyPresent: 0, possibleDuplicates: 0 };
      const reports: RowReport[] = [];
      const good = rows.filter((r): r is { parsed: Extract<ParsedRow, { ok: true }>; cells: Record<string, string> } => r.parsed.ok);
      for (const r of rows) {
        if (!r.parsed.ok) reports.push({ rowNo: r.parsed.rowNo, outcome: 'REFUSED', sourceRef: r.parsed.sourceRef, problems: r.parsed.problems, cells: r.cells });
      }
      counts.refused = reports.length;

      // Source references already stored (by an earlier import, or an earlier batch of this one).
      const refs = [...new Set(good.map((g) => g.parsed.sourceRef))];
      const existing = refs.length
        ? await tx.em.execute<{ id: string; reference_no: string; source_ref: string; region_code: string; import_id: string | null }[]>(
            `select id, reference_no, source_ref, region_code, import_id from lead where intake_agency = ? and source_ref = any(?::text[])`,
            [by.agency, textArray(refs)],
          )
        : [];
      const stored = new Map(existing.map((e) => [`${e.region_code}|${e.source_ref}`, e]));
      const inBatch = new Map<string, number>();
      const fresh: typeof good = [];
      for (const g of good) {
        const key = `${g.parsed.lead.regionCode}|${g.parsed.sourceRef}`;
        const there = stored.get(key);
        const earlier = inBatch.get(key);
        if (there) {
          const reason = there.import_id === jobId ? 'IMPORT_ROW_REPEATED' : 'IMPORT_ALREADY_PRESENT';
          reports.push({ rowNo: g.parsed.rowNo, outcome: 'ALREADY_PRESENT', sourceRef: g.parsed.sourceRef, problems: problem(reason, { referenceNo: there.reference_no }), cells: g.cells, leadId: there.id, referenceNo: there.reference_no });
        } else if (earlier !== undefined) {
          reports.push({ rowNo: g.parsed.rowNo, outcome: 'ALREADY_PRESENT', sourceRef: g.parsed.sourceRef, problems: problem('IMPORT_ROW_REPEATED_IN_BATCH', { row: earlier }), cells: g.cells });
        } else {
          inBatch.set(key, g.parsed.rowNo);
          fresh.push(g);
        }
      }
      counts.alreadyPresent = reports.length - counts.refused;

      if (!o.checkOnly && fresh.length) {
        // Reference numbers: one counter update per region and year, in one order (as intake locks them).
        const groups = new Map<string, typeof fresh>();
        for (const f of fresh) {
          const k = `${f.parsed.lead.regionCode}|${shanghaiDate(f.parsed.lead.receivedAt).slice(0, 4)}`;
          groups.set(k, [...(groups.get(k) ?? []), f]);
        }
        const numbered = new Map<number, string>();
        for (const k of [...groups.keys()].sort()) {
          const [region, year] = k.split('|');
          const members = groups.get(k)!;
          const [row] = await tx.em.execute<{ last: number }[]>(
            `insert into reference_counter (region_code, year, last) values (?, ?, ?)
             on conflict (region_code, year) do update set last = reference_counter.last + excluded.last returning last`,
            [region, Number(year), members.length],
          );
          members.forEach((m, i) => numbered.set(m.parsed.rowNo, referenceNo(region, Number(year), row.last - members.length + 1 + i)));
        }
        await o.employers.prefetch(tx.em, fresh.flatMap((f) => (f.parsed.lead.generalContractor ? [f.parsed.lead.employer, f.parsed.lead.generalContractor] : [f.parsed.lead.employer])));
        const created: { rowNo: number; lead: LeadRecord; cells: Record<string, string>; sourceRef: string }[] = [];
        for (const f of fresh) {
          const lead = f.parsed.lead;
          const employerId = await o.employers.idOf(tx.em, lead.employer);
          const generalContractorId = lead.generalContractor ? await o.employers.idOf(tx.em, lead.generalContractor) : null;
          const at = new Date();
          const record = await recordLead(within(tx, by), { type: 'reportLead', lead, by, at }, {
            leadId: randomUUID(), referenceNo: numbered.get(f.parsed.rowNo)!, employerId, generalContractorId, sourceRef: f.parsed.sourceRef, importId: jobId,
          });
          created.push({ rowNo: f.parsed.rowNo, lead: record, cells: f.cells, sourceRef: f.parsed.sourceRef });
        }
        counts.imported = created.length;
        await tx.em.flush();
        // Possible duplicates, as a lead's possibleDuplicates shows them: flagged in the report, never merged.
        const byLead = await duplicateCandidatesOf(tx.em, created.map((c) => c.lead.id));
        for (const c of created) {
          const same = (byLead.get(c.lead.id) ?? []).filter((d) => looksLikeSameArrears(c.lead, d));
          if (!same.length) continue;
          counts.possibleDuplicates++;
          reports.push({
            rowNo: c.rowNo, outcome: 'POSSIBLE_DUPLICATE', sourceRef: c.sourceRef, cells: c.cells, leadId: c.lead.id, referenceNo: c.lead.referenceNo,
            problems: [{ column: '用人单位名称', field: 'employerName', reason: 'IMPORT_POSSIBLE_DUPLICATE', params: { referenceNo: c.lead.referenceNo, others: same.map((s) => s.referenceNo).slice(0, 5) } }],
          });
        }
      }

      // The all-or-nothing check keeps only the refused rows; the import itself reports the rest.
      for (const r of reports) {
        if (o.checkOnly && r.outcome !== 'REFUSED') continue;
        tx.em.persist(tx.em.create(LeadImportRowRecord, { importId: jobId, rowNo: r.rowNo, outcome: r.outcome, sourceRef: r.sourceRef, problems: r.problems, cells: r.cells, leadId: r.leadId ?? null, referenceNo: r.referenceNo ?? null }));
      }
      job.rowsRead += rows.length;
      job.lastRowNo = o.lastRowNo;
      job.refused += counts.refused;
      if (!o.checkOnly) {
        job.imported += counts.imported;
        job.alreadyPresent += counts.alreadyPresent;
        job.possibleDuplicates += counts.possibleDuplicates;
      }
      return counts;
    }, { bulk: true });
  } catch (e) {
    o.employers.forget();
    throw e;
  }
}

/** The rows an import's report names, in file order, a page at a time. */
export function reportRows(em: EntityManager, importId: string, outcome: RowOutcome | null, after: number, first: number) {
  return em.find(LeadImportRowRecord, { importId, rowNo: { $gt: after }, ...(outcome ? { outcome } : {}) }, { orderBy: { rowNo: 'asc' }, limit: first });
}
