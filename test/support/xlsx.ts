import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

/**
 * Downloads read back with readers that share no code with the hub's writer: yauzl for the ZIP
 * archive (every entry's size checked by yauzl, its CRC here) and exceljs for the workbook, as a
 * spreadsheet program reads it.
 */

/** The archive's entries in their order, as text. */
export async function xlsxParts(archive: Buffer): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(archive, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const parts = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        void collect(stream).then((content) => {
          if (zlib.crc32(content) !== entry.crc32) return reject(new Error(`${entry.fileName}: CRC does not match`));
          parts.set(entry.fileName, content.toString('utf8'));
          zip.readEntry();
        }, reject);
      });
    });
    zip.readEntry();
  });
  return parts;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export type ReadCell = string | number | Date | null;

export interface ReadSheet {
  name: string;
  /** Each row's cells from A to its last non-empty one: text, numbers, Dates; null for empty cells and cells a merge covers. */
  rows: ReadCell[][];
  merges: string[];
  /** The number format of each cell that has one, by address. */
  numFmt: Map<string, string>;
  /** Addresses of cells holding a formula. */
  formulas: string[];
}

export async function readWorkbook(archive: Buffer): Promise<ReadSheet[]> {
  const book = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
  await book.xlsx.load(archive as unknown as ArrayBuffer);
  return book.worksheets.map((ws) => {
    const sheet: ReadSheet = { name: ws.name, rows: [], merges: ws.model.merges, numFmt: new Map(), formulas: [] };
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: ReadCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const covered = cell.isMerged && cell.master.address !== cell.address;
        const v = cell.value;
        if (cell.type === ExcelJS.ValueType.Formula) sheet.formulas.push(cell.address);
        cells.push(covered || v === null || v === undefined || v === '' ? null : typeof v === 'string' || typeof v === 'number' || v instanceof Date ? v : JSON.stringify(v));
        if (cell.numFmt) sheet.numFmt.set(cell.address, cell.numFmt);
      });
      while (cells.length && cells.at(-1) === null) cells.pop();
      sheet.rows[r - 1] = cells;
    });
    return sheet;
  });
}
