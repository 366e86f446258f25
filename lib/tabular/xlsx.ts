import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { headerGrid, type Cell, type Merge, type Sheet } from './table';

/**
 * A minimal Office Open XML workbook (the parts Excel, WPS and LibreOffice need), written as a
 * stream: inline strings instead of a shared-string table, so no row is kept once written. Text
 * is only ever an inline string, never a formula, so no cell a user typed can execute. The ZIP
 * archive is yazl's (sizes and CRCs after each entry's data, ZIP64 when it gets that large).
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CHUNK = 64 * 1024;

/** Style indexes into cellXfs below. */
const STYLE = { title: 1, header: 2, text: 3, integer: 4, decimal: 5, date: 6 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0000"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="宋体"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

// XML 1.0 cannot carry most control characters at all; they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string) => s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const ref = (row: number, col: number) => `${columnName(col)}${row + 1}`;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function inline(row: number, col: number, text: string, style: number): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref(row, col)}" s="${style}" t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

function cellXml(row: number, col: number, c: Cell): string {
  if (c === null) return `<c r="${ref(row, col)}" s="${STYLE.text}"/>`;
  if ('text' in c) return inline(row, col, c.text, STYLE.text);
  if ('integer' in c) return `<c r="${ref(row, col)}" s="${STYLE.integer}"><v>${c.integer}</v></c>`;
  if ('decimal' in c) return `<c r="${ref(row, col)}" s="${STYLE.decimal}"><v>${c.decimal}</v></c>`;
  const serial = (Date.parse(`${c.date}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;
  return `<c r="${ref(row, col)}" s="${STYLE.date}"><v>${serial}</v></c>`;
}

async function* sheetXml(sheet: Sheet): AsyncGenerator<string> {
  const columns = sheet.widths.length;
  const header = headerGrid(sheet.header, columns);
  const merges: Merge[] = [];
  const fullWidth = (row: number) => merges.push({ row, col: 0, rows: 1, cols: columns });
  const lines = [sheet.title, ...(sheet.preamble ?? [])];
  const headerTop = lines.length;
  const bodyTop = headerTop + sheet.header.length;

  let out = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;
  out += `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${bodyTop}" topLeftCell="A${bodyTop + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`;
  out += `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols><sheetData>`;
  lines.forEach((text, r) => {
    out += `<row r="${r + 1}"${r === 0 ? ' ht="28" customHeight="1"' : ''}>${inline(r, 0, text, r === 0 ? STYLE.title : 0)}</row>`;
    fullWidth(r);
  });
  header.grid.forEach((cells, i) => {
    const r = headerTop + i;
    out += `<row r="${r + 1}">${cells.map((label, c) => inline(r, c, label ?? '', STYLE.header)).join('')}</row>`;
  });
  merges.push(...header.merges.map((m) => ({ ...m, row: m.row + headerTop })));

  let r = bodyTop;
  for await (const cells of sheet.rows) {
    out += `<row r="${r + 1}">${cells.map((c: Cell, col: number) => cellXml(r, col, c)).join('')}</row>`;
    r++;
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  for (const note of sheet.notes ?? []) {
    out += `<row r="${r + 1}">${inline(r, 0, note, 0)}</row>`;
    fullWidth(r);
    r++;
  }
  out += '</sheetData>';
  out += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${ref(m.row, m.col)}:${ref(m.row + m.rows - 1, m.col + m.cols - 1)}"/>`).join('')}</mergeCells>`;
  out += '</worksheet>';
  yield out;
}

export function xlsxChunks(sheets: Sheet[]): AsyncGenerator<Buffer> {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
  const contentTypes =
    `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    `</Types>`;
  const rootRels = `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${xml}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const workbookRels =
    `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  const zip = new ZipFile();
  const out = zip.outputStream as Readable;
  // yazl pipes each sheet into the archive; pipe() forwards no errors, so a failed read (the
  // database) ends the archive here, and the reader sees an error rather than a short file.
  const fail = (e: Error) => out.destroy(e);
  zip.on('error', fail);
  const modified = new Date();
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/styles.xml', STYLES],
  ];
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: modified });
  // Byte streams of the sheets' XML, pulled only as fast as the archive is read.
  const sources = sheets.map((s) => Readable.from(sheetXml(s), { objectMode: false }));
  sources.forEach((source, i) => {
    source.on('error', fail);
    zip.addReadStream(source, `xl/worksheets/sheet${i + 1}.xml`, { mtime: modified });
  });
  zip.end();
  return archive(out, sources);
}

async function* archive(out: Readable, sources: Readable[]): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    // A reader that stops early (a client gone) ends the sheets too: their cursor is closed.
    for (const s of sources) s.destroy();
  }
}
