/**
 * A report as the official templates lay it out: a title, a few lines under it, a header of one
 * or more rows (cells may span), the rows, and notes under the table. Rendered as CSV or XLSX by
 * csv.ts and xlsx.ts; rows may come from an async source so that any length streams.
 */
export type Cell =
  | { text: string }
  | { integer: number }
  /** An exact decimal string such as "8.9195"; shown with four fraction digits. */
  | { decimal: string }
  /** A calendar date, YYYY-MM-DD. */
  | { date: string }
  | null;

export interface HeaderCell {
  label: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface Sheet {
  /** The XLSX sheet's name (at most 31 characters, none of []:*?/\). */
  name: string;
  title: string;
  preamble?: string[];
  header: HeaderCell[][];
  /** Column widths in characters; their number is the number of columns. */
  widths: number[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
  notes?: string[];
}

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** The header as a grid (labels where a cell starts, null where a span covers it) and its merges. */
export function headerGrid(header: HeaderCell[][], columns: number): { grid: (string | null)[][]; merges: Merge[] } {
  const grid: (string | null | undefined)[][] = header.map(() => Array<string | null | undefined>(columns).fill(undefined));
  const merges: Merge[] = [];
  header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < columns && grid[r][c] !== undefined) c++;
      const rows = cell.rowSpan ?? 1;
      const cols = cell.colSpan ?? 1;
      if (c + cols > columns || r + rows > header.length) throw new Error(`header cell "${cell.label}" does not fit the table`);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) grid[r + i][c + j] = null;
      grid[r][c] = cell.label;
      if (rows > 1 || cols > 1) merges.push({ row: r, col: c, rows, cols });
      c += cols;
    }
  });
  return { grid: grid.map((row) => row.map((v) => v ?? null)), merges };
}

/** Rows one by one from batches (a database cursor gives batches). */
export async function* eachRow<T, R>(batches: AsyncIterable<T[]>, toRow: (item: T) => R): AsyncGenerator<R> {
  for await (const batch of batches) for (const item of batch) yield toRow(item);
}
