/**
 * No code path deletes a lead, transfer, feedback or money record: a static check over the source
 * tree (the database refuses such deletes too: test/e2e/append-only.test.ts). The hub has no
 * reason to delete anything at all, so any delete is flagged; if one is ever needed on working
 * state (outbox housekeeping, say), add it to ALLOWED with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['services', 'lib', 'gateway', 'scripts'];

/** "file: what" pairs that may delete, each with its reason. None so far. */
const ALLOWED: Record<string, string> = {};

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'MikroORM remove / removeAndFlush / nativeDelete', pattern: /\b(?:remove|removeAndFlush|removeAndCommit|nativeDelete)\s*\(/g },
  { what: 'a query builder delete()', pattern: /\b(?:createQueryBuilder|qb|knex|getKnex)\b[^;]*?\.\s*(?:del|delete)\s*\(/g },
  { what: 'a knex del()', pattern: /\.\s*del\s*\(/g },
  { what: 'SQL delete', pattern: /\bdelete\s+from\b/gi },
  { what: 'SQL truncate', pattern: /\btruncate\b/gi },
  { what: 'SQL drop table', pattern: /\bdrop\s+table\b/gi },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(full));
    } else if (/\.(ts|js|mjs|cjs|sql)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The code without its comments, line breaks kept so that hits report the right line. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:\\])\/\/.*$/gm, (m, before: string) => before + ' '.repeat(m.length - before.length));
}

export function deletesIn(file: string, text: string): string[] {
  const code = withoutComments(text);
  const hits: string[] = [];
  for (const { what, pattern } of FORBIDDEN) {
    for (const m of code.matchAll(pattern)) {
      const line = code.slice(0, m.index).split('\n').length;
      const key = `${path.relative(root, file)}: ${what}`;
      if (!ALLOWED[key]) hits.push(`${path.relative(root, file)}:${line}: ${what}: ${m[0].trim()}`);
    }
  }
  return hits;
}

describe('no code path deletes a record', () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(root, d)));

  it('looks at the whole source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.includes(path.join('services', 'leads')))).toBe(true);
  });

  it('finds no remove, nativeDelete, query-builder delete, SQL delete, truncate or drop table in services, lib, gateway or scripts', () => {
    expect(files.flatMap((f) => deletesIn(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('would notice each way of deleting (the check itself works)', () => {
    const samples = [
      'await em.removeAndFlush(lead);',
      'em.remove(transfer);',
      'await em.nativeDelete(FeedbackRecord, { id });',
      'await em.createQueryBuilder(WageAdvanceRecord).delete({ id }).execute();',
      "await knex('payment_order').where({ id }).del();",
      "await em.execute('DELETE FROM installment_payment where id = ?', [id]);",
      'await tx.execute(`truncate fund_movement`);',
    ];
    for (const s of samples) expect(deletesIn(path.join(root, 'services', 'x.ts'), s)).not.toEqual([]);
    // Map and Set deletes, and the word in comments or trigger definitions, are not deletes of records.
    const innocent = [
      'recentCounts.delete(key);',
      'this.runs.delete(destination);',
      '// never delete from the ledger',
      '/* a delete from here would be refused */',
      "this.addSql(`create trigger x before update or delete on y for each row execute function hub_refuse_change();`);",
    ];
    for (const s of innocent) expect(deletesIn(path.join(root, 'lib', 'x.ts'), s)).toEqual([]);
  });
});
