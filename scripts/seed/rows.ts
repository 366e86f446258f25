/**
 * Moving an agency's rows from the leads session, where every decision about a lead is made
 * (gen_lead), into that agency's own database: one JSON array per table and batch, selected in
 * the leads database and unpacked by json_populate_recordset in the other. No cross-database
 * reads, and each side's work runs on its own PostgreSQL backend (its own core).
 */
import type { Client } from 'pg';

export interface RowSet {
  table: string;
  /** Columns to fill, in the order the select gives them (omitted ones take their defaults). */
  columns: string[];
  /** A select over gen_lead (and gen_installment) in the leads session giving `columns` in order; $1 is the seed. */
  select: string;
  /** e.g. 'on conflict do nothing' for rows an earlier batch may have made. */
  onConflict?: string;
}

export interface Rows {
  table: string;
  columns: string[];
  onConflict?: string;
  json: string;
  count: number;
}

export async function selectRows(leads: Client, seed: string, sets: readonly RowSet[]): Promise<Rows[]> {
  const out: Rows[] = [];
  for (const s of sets) {
    const uses = s.select.includes('$1');
    // The alias's column list names the select's columns positionally: the JSON keys are the table's columns.
    const names = s.columns.map((c) => `"${c}"`).join(', ');
    const { rows } = await leads.query(`select coalesce(json_agg(t), '[]')::text as j, count(*)::int as n from (${s.select}) t(${names})`, uses ? [seed] : []);
    out.push({ table: s.table, columns: s.columns, onConflict: s.onConflict, json: rows[0].j, count: rows[0].n });
  }
  return out;
}

/** Inserts one batch into an agency database in one transaction; returns rows per table. */
export async function insertRows(db: Client, batch: readonly Rows[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.query('begin');
  try {
    await db.query('set local synchronous_commit = off');
    for (const r of batch) {
      let inserted = 0;
      if (r.count) {
        const cols = r.columns.map((c) => `"${c}"`).join(', ');
        inserted = (await db.query(`insert into "${r.table}" (${cols}) select ${cols} from json_populate_recordset(null::"${r.table}", $1::json) ${r.onConflict ?? ''}`, [r.json])).rowCount ?? 0;
      }
      counts[r.table] = (counts[r.table] ?? 0) + inserted;
    }
    await db.query('commit');
  } catch (e) {
    await db.query('rollback').catch(() => undefined);
    throw e;
  }
  return counts;
}

const CASE_COLUMNS = [
  'lead_id', 'reference_no', 'region_code', 'handler', 'transfer_state', 'feedback_state', 'closure_state', 'closure_reason', 'amount_recovered_fen',
  'workers_paid', 'closure_note', 'closed_at', 'closed_by', 'opened_at', 'version', 'feedback_due_at', 'amount_owed_fen', 'worker_count', 'arrived_at',
];

/**
 * An agency's own case on each lead of the batch, mirroring the registry's states for it exactly
 * (lead_agency), with the handler who accepted it; `extra` adds the agency's own columns
 * (expressions over gen_lead g, lead_agency la).
 */
export function caseRows(agency: string, table: string, extra: Record<string, string> = {}): RowSet {
  return {
    table,
    columns: [...CASE_COLUMNS, ...Object.keys(extra)],
    select: `select la.lead_id, l.reference_no, g.region_code,
                    case when la.agency = g.intake_agency then g.intake_handler
                         when la.agency = 'COURT' then 'court-' || g.region_code || '-1'
                         when la.transfer_state in ('PENDING_ACCEPTANCE', 'RETURNED') then '' else g.receiver_handler end,
                    la.transfer_state, la.feedback_state, la.closure_state, la.closure_reason, la.amount_recovered_fen, la.workers_paid, la.closure_note,
                    la.closed_at, la.closed_by, la.involved_since, 1, la.feedback_due_at, g.amount_owed_fen, g.worker_count,
                    case when la.agency <> g.intake_agency then la.involved_since end
                    ${Object.values(extra).map((e) => `, ${e}`).join('')}
               from gen_lead g join lead_agency la on la.lead_id = g.id and la.agency = '${agency}' join lead l on l.id = g.id
              order by g.n`,
  };
}
