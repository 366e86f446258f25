/**
 * Reads an import file row by row, streamed: CSV in UTF-8 (with or without BOM) or GB18030 (what
 * Chinese Excel writes by default), or XLSX (exceljs's streaming reader, first worksheet). Memory
 * stays flat whatever the length; an XLSX keeps its shared-strings table, as every reader must.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { refuse } from '../../../../../lib/errors';

export type FileFormat = 'csv' | 'xlsx';

/** One record of the file: its row number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface FileRecord {
  rowNo: number;
  cells: string[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The format from the first bytes (an XLSX is a ZIP archive), else from the file name. */
export function formatOf(first: Buffer, fileName: string): FileFormat | undefined {
  if (first.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return undefined;
  if (/\.(csv|txt)$/i.test(fileName) || !first.includes(0)) return 'csv';
  return undefined;
}

/** UTF-8 when the start of the file is valid UTF-8 (a BOM says so outright), else GB18030. */
export function csvEncoding(first: Buffer): 'utf8' | 'gb18030' {
  if (first.subarray(0, 3).equals(UTF8_BOM)) return 'utf8';
  // A sequence cut at the end of the sample is not evidence either way.
  let end = first.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = first[end - back];
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(first.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Text chunks of a CSV file in its encoding, without the BOM. */
async function* decoded(chunks: AsyncIterable<Buffer>, encoding: 'utf8' | 'gb18030'): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const c of chunks) {
    const s = decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes; CRLF or LF), streamed. */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<FileRecord> {
  let field = '';
  let cells: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let rowNo = 1;
  let pendingCR = false;
  for await (const chunk of text) {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch === '"') {
          if (chunk[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === chunk.length) {
            // A quote at the end of a chunk: whether it is doubled shows in the next chunk.
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        continue;
      }
      if (ch === '"') {
        if (afterQuote) {
          // The second of a doubled quote split across chunks.
          field += '"';
          quoted = true;
          afterQuote = false;
        } else if (field === '') quoted = true;
        else field += ch;
        continue;
      }
      afterQuote = false;
      if (ch === ',') {
        cells.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        cells.push(field);
        field = '';
        yield { rowNo, cells };
        rowNo++;
        cells = [];
        pendingCR = ch === '\r';
      } else field += ch;
    }
  }
  if (field !== '' || cells.length) {
    cells.push(field);
    yield { rowNo, cells };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text, the way the spreadsheet shows it; dates as Beijing wall-clock dates (Excel has no zones). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    return v.getUTCHours() || v.getUTCMinutes() ? `${date} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : date;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function* xlsxRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<FileRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { rowNo: row.number, cells };
    }
    // The template has one sheet of rows; later sheets (notes, lists) are not leads.
    return;
  }
}

/** The file's records, header first, in its format; refuses a file its format cannot read. */
export async function* fileRecords(chunks: () => AsyncIterable<Buffer>, format: FileFormat, first: Buffer): AsyncGenerator<FileRecord> {
  try {
    if (format === 'xlsx') yield* xlsxRecords(chunks());
    else yield* csvRecords(decoded(chunks(), csvEncoding(first)));
  } catch (e) {
    if ((e as { name?: string }).name === 'DomainError') throw e;
    throw refuse('IMPORT_FILE_UNREADABLE', { format: format.toUpperCase() });
  }
}
