import Papa from 'papaparse';
import { linesOf } from './csvStream';
import type { RawValue } from '../data/columnarTable';
import { RecordBoundaries } from './csvChunks';
import { type CsvLayout, type CsvRowCheck, finishCsvRow, idErrors, readCsvCell, readCsvRow, wrongCellCount } from './csvRows';

/**
 * The CSV reader of big files (`npm run monitor`'s worker threads): validates lines straight from
 * their bytes, with the same answers as papaparse + readCsvRow (tested for equality) but without a
 * string per cell: a plain decimal cell (-?digits.digits, at most 15 digits) is read from its bytes
 * exactly (Clinger's fast path: an integer significand below 2^53 divided by an exact power of ten
 * is one correctly rounded operation, so the double equals Number(text)); every other cell is
 * decoded and goes through readCsvCell. A quoted cell on one line is read here too; any other
 * quote (a cell over several lines, a stray quote) hands the span up to the next line break outside
 * quotes to papaparse. One difference with papaparse reading the whole file: text after a closing
 * quote (`"a"b`) makes that line malformed, where papaparse would read on to a later quote.
 */

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** 10^k, exact in a double for k ≤ 22. */
const POW10 = Float64Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The value of a plain decimal in buf[start, end), NaN for any other text (left to the full check). */
export function plainDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === MINUS;
  if (negative) i++;
  let significand = 0;
  let digits = 0;
  let fraction = -1; // digits after the dot, -1 before it
  for (; i < end; i++) {
    const b = buf[i];
    if (b >= DIGIT_0 && b <= DIGIT_9) {
      significand = significand * 10 + (b - DIGIT_0);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b === DOT && fraction < 0 && digits > 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || fraction === 0) return NaN;
  const value = fraction > 0 ? significand / POW10[fraction] : significand;
  return negative ? -value : value;
}

/** Reusable cell boundaries of one line: where each cell starts and ends, and whether it was quoted. */
export interface CellScratch {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoted: Uint8Array;
}

export function cellScratch(layout: CsvLayout): CellScratch {
  const n = layout.columns.length + 1;
  return { starts: new Int32Array(n), ends: new Int32Array(n), quoted: new Uint8Array(n) };
}

/**
 * Cuts buf[start, end) into cells: the number of cells (boundaries of the first `starts.length`
 * kept), or -1 when a quote is not a whole quoted cell on this line (papaparse then reads the span).
 * A quoted cell's bounds exclude its quotes; `quoted` marks it (its "" still to be unescaped).
 */
function cutCells(buf: Buffer, start: number, end: number, hasQuote: boolean, cells: CellScratch): number {
  const { starts, ends, quoted } = cells;
  const room = starts.length;
  let count = 0;
  let s = start;
  if (!hasQuote) {
    for (let i = start; i < end; i++) {
      if (buf[i] !== COMMA) continue;
      if (count < room) {
        starts[count] = s;
        ends[count] = i;
        quoted[count] = 0;
      }
      count++;
      s = i + 1;
    }
    if (count < room) {
      starts[count] = s;
      ends[count] = end;
      quoted[count] = 0;
    }
    return count + 1;
  }
  for (;;) {
    let e: number;
    let q = 0;
    if (s < end && buf[s] === QUOTE) {
      // a quoted cell: up to the quote that is not doubled, which must end the cell
      let i = s + 1;
      for (;;) {
        if (i >= end) return -1; // unclosed on this line
        if (buf[i] === QUOTE) {
          if (i + 1 < end && buf[i + 1] === QUOTE) i += 2;
          else break;
        } else i++;
      }
      if (i + 1 < end && buf[i + 1] !== COMMA) return -1;
      q = 1;
      e = i + 1;
      if (count < room) {
        starts[count] = s + 1;
        ends[count] = i;
      }
    } else {
      e = s;
      while (e < end && buf[e] !== COMMA) {
        if (buf[e] === QUOTE) return -1; // a quote inside an unquoted cell
        e++;
      }
      if (count < room) {
        starts[count] = s;
        ends[count] = e;
      }
    }
    if (count < room) quoted[count] = q;
    count++;
    if (e >= end) return count;
    s = e + 1;
  }
}

function cellText(buf: Buffer, cells: CellScratch, c: number): string {
  const text = buf.toString('utf8', cells.starts[c], cells.ends[c]);
  return cells.quoted[c] && text.includes('"') ? text.replaceAll('""', '"') : text;
}

/**
 * Validates one line, buf[start, end) (its line break excluded), into `values` as readCsvRow does
 * with the line's cells; undefined when the line has a quote that is not a whole quoted cell.
 */
export function readCsvLine(
  layout: CsvLayout,
  buf: Buffer,
  start: number,
  end: number,
  hasQuote: boolean,
  values: RawValue[],
  cells: CellScratch,
): CsvRowCheck | undefined {
  const columns = layout.columns.length;
  const count = cutCells(buf, start, end, hasQuote, cells);
  if (count < 0) return undefined;
  const id = layout.idColumn;
  const rawId = id >= 0 && id < count && id < cells.starts.length ? cellText(buf, cells, id) : '';
  if (count !== columns) return wrongCellCount(layout, count, rawId);
  let errors = idErrors(rawId);
  const { kinds } = layout;
  const { starts, ends, quoted } = cells;
  for (let c = 0; c < columns; c++) {
    const s = starts[c];
    const e = ends[c];
    const kind = kinds[c];
    if (kind === 0 || s === e) values[c] = null;
    else {
      const v = kind === 2 || quoted[c] ? NaN : plainDecimal(buf, s, e);
      errors = readCsvCell(layout, c, v === v ? v : cellText(buf, cells, c), values, errors);
    }
  }
  return finishCsvRow(layout, rawId, values, errors);
}

/**
 * The lines of a buffer of whole records (as csvChunks cuts them; the first on line `firstLine`),
 * validated one by one into `values` in file order, blank lines skipped. `read` stops after `max`
 * lines so that the caller can score a full batch before reading on. `newline` is the file's line
 * break.
 */
export class CsvLineReader {
  private readonly cells: CellScratch;
  private readonly crlf: boolean;
  private offset = 0;
  private line: number;
  private nextQuote: number;
  /** Rows of a quoted span parsed by papaparse and not yet handed out. */
  private span: string[][] = [];
  private spanAt = 0;

  constructor(
    private readonly layout: CsvLayout,
    private readonly buf: Buffer,
    firstLine: number,
    private readonly newline: '\n' | '\r\n',
    private readonly values: RawValue[],
  ) {
    this.cells = cellScratch(layout);
    this.crlf = newline === '\r\n';
    this.line = firstLine;
    this.nextQuote = buf.indexOf(QUOTE);
  }

  /** Hands up to `max` lines to `onLine` (values in `values`); false once every line is read. */
  read(max: number, onLine: (check: CsvRowCheck, line: number) => void): boolean {
    const { buf, layout, values } = this;
    let handed = 0;
    while (handed < max) {
      if (this.spanAt < this.span.length) {
        const cells = this.span[this.spanAt++];
        const start = this.line;
        this.line += linesOf(cells);
        if (cells.length === 1 && cells[0] === '') continue;
        onLine(readCsvRow(layout, cells, values), start);
        handed++;
        continue;
      }
      const p = this.offset;
      if (p >= buf.length) return false;
      let lf = buf.indexOf(LF, p);
      if (lf < 0) lf = buf.length;
      if (this.nextQuote >= 0 && this.nextQuote < p) this.nextQuote = buf.indexOf(QUOTE, p);
      const hasQuote = this.nextQuote >= 0 && this.nextQuote < lf;
      const stop = this.crlf && lf > p && buf[lf - 1] === CR ? lf - 1 : lf;
      if (stop === p) {
        this.line++;
        this.offset = lf + 1;
        continue; // blank line
      }
      const check = readCsvLine(layout, buf, p, stop, hasQuote, values, this.cells);
      if (check) {
        onLine(check, this.line++);
        this.offset = lf + 1;
        handed++;
        continue;
      }
      // quotes that are not whole cells of this line (a cell over several lines…): papaparse reads
      // the span up to a line break outside them
      const after = new RecordBoundaries().first(buf, p, buf.length);
      const end = after < 0 ? buf.length : after - 1; // at its line break
      const spanStop = this.crlf && end > p && buf[end - 1] === CR ? end - 1 : end;
      this.span = Papa.parse<string[]>(buf.toString('utf8', p, spanStop), { delimiter: ',', newline: this.newline }).data;
      this.spanAt = 0;
      this.offset = end + 1;
    }
    return this.offset < buf.length || this.spanAt < this.span.length;
  }
}
