import { headerGrid, type Cell, type Sheet } from './table';

const BOM = '\uFEFF';
const CHUNK = 64 * 1024;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a leading tab or CR) gets a leading
 * apostrophe: an employer name typed into the hub must never execute in an official's Excel.
 */
function plain(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if ('text' in c) return plain(c.text);
  if ('integer' in c) return String(c.integer);
  if ('decimal' in c) return c.decimal;
  return c.date;
}

const line = (values: string[]) => values.map(field).join(',') + '\r\n';

/**
 * CSV the way Excel in a Chinese locale opens it: UTF-8 with a BOM, CRLF, the template's title
 * and header lines above the rows, several sheets one after another with a blank line between.
 * Yields ~64 KiB chunks, pulling rows only as fast as they are consumed.
 */
export async function* csvChunks(sheets: Sheet[]): AsyncGenerator<Buffer> {
  let pending = BOM;
  for (const [i, sheet] of sheets.entries()) {
    const columns = sheet.widths.length;
    const padded = (first: string) => line([plain(first), ...Array<string>(columns - 1).fill('')]);
    if (i > 0) pending += '\r\n';
    pending += padded(sheet.title);
    for (const p of sheet.preamble ?? []) pending += padded(p);
    for (const row of headerGrid(sheet.header, columns).grid) pending += line(row.map((v) => v ?? ''));
    for await (const row of sheet.rows) {
      pending += line(row.map(cellText));
      if (pending.length >= CHUNK) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
      }
    }
    for (const n of sheet.notes ?? []) pending += padded(n);
  }
  yield Buffer.from(pending, 'utf8');
}
