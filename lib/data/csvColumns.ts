import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { type Column, type ColumnarTable, makeTable } from './columnarTable';
import { DatasetError } from './errors';
import { Growable } from './growable';

/**
 * Parses a CSV file with papaparse into a columnar table. With a schema, the header must
 * match it exactly and every numeric cell must parse; without one, each column is numeric
 * when all its non-empty cells are numbers (one extra pass). Errors name file and line.
 */

export type ColumnKind = 'numeric' | 'categorical';

export interface CsvSchema {
  /** Expected header, in order. */
  readonly header: readonly string[];
  readonly kindOf: (column: string) => ColumnKind;
}

/** A cell is numeric when empty (missing) or a finite number. */
function isNumericCell(cell: string): boolean {
  if (cell === '') return true;
  const v = Number(cell);
  return cell.trim() !== '' && Number.isFinite(v);
}

interface RowVisitor {
  (fields: string[], line: number): void;
}

/** Streams the rows of a CSV text (after the header) with their 1-based starting line. */
function visitRows(file: string, text: string, onHeader: (header: string[]) => void, onRow: RowVisitor): number {
  let line = 1;
  let prevCursor = 0;
  let rowIndex = 0;
  let dataRows = 0;
  let failure: DatasetError | undefined;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (result, parser) => {
      const startLine = line;
      const cursor = result.meta.cursor;
      for (let i = text.indexOf('\n', prevCursor); i !== -1 && i < cursor; i = text.indexOf('\n', i + 1)) line++;
      prevCursor = cursor;
      try {
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) throw new DatasetError(file, `unterminated quoted field (${quoteError.message})`, startLine);
        const fields = result.data;
        if (rowIndex === 0) onHeader(fields);
        else if (!(fields.length === 1 && fields[0] === '')) {
          onRow(fields, startLine);
          dataRows++;
        }
        rowIndex++;
      } catch (err) {
        failure = err instanceof DatasetError ? err : new DatasetError(file, String(err), startLine);
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  if (rowIndex === 0) throw new DatasetError(file, 'the file is empty (no header line)', 1);
  return dataRows;
}

function headerMismatch(file: string, expected: readonly string[], found: readonly string[]): DatasetError {
  for (let i = 0; i < Math.max(expected.length, found.length); i++) {
    if (expected[i] !== found[i]) {
      const what =
        found[i] === undefined
          ? `column ${i + 1} "${expected[i]}" is missing`
          : expected[i] === undefined
            ? `unexpected extra column ${i + 1} "${found[i]}"`
            : `column ${i + 1} should be "${expected[i]}" but is "${found[i]}"`;
      return new DatasetError(file, `wrong header: ${what} (expected ${expected.length} columns, found ${found.length})`, 1);
    }
  }
  return new DatasetError(file, 'wrong header', 1);
}

function inferKinds(file: string, text: string): { header: string[]; kinds: ColumnKind[] } {
  let header: string[] = [];
  let numeric: boolean[] = [];
  visitRows(
    file,
    text,
    (h) => {
      header = h;
      numeric = h.map(() => true);
    },
    (fields, line) => {
      if (fields.length !== header.length) throw fieldCountError(file, header.length, fields.length, line);
      for (let c = 0; c < fields.length; c++) if (numeric[c] && !isNumericCell(fields[c])) numeric[c] = false;
    },
  );
  return { header, kinds: numeric.map((n) => (n ? 'numeric' : 'categorical')) };
}

function fieldCountError(file: string, expected: number, found: number, line: number): DatasetError {
  return new DatasetError(
    file,
    `expected ${expected} fields but found ${found}${found < expected ? ' (truncated or malformed row)' : ''}`,
    line,
  );
}

/** Parses one CSV file into a columnar table (cold path; see binaryCache for the warm one). */
export function parseCsvFile(filePath: string, schema?: CsvSchema): ColumnarTable {
  const file = path.basename(filePath);
  const text = fs.readFileSync(filePath, 'utf8');
  let header: readonly string[];
  let kinds: ColumnKind[];
  if (schema) {
    header = schema.header;
    kinds = schema.header.map((h) => schema.kindOf(h));
  } else {
    ({ header, kinds } = inferKinds(file, text));
  }
  const numeric = kinds.map((k) => (k === 'numeric' ? new Growable((n) => new Float64Array(n)) : null));
  const codes = kinds.map((k) => (k === 'categorical' ? new Growable((n) => new Int32Array(n)) : null));
  const dictionaries: Map<string, number>[] = kinds.map(() => new Map());

  const rowCount = visitRows(
    file,
    text,
    (found) => {
      if (schema && (found.length !== header.length || found.some((h, i) => h !== header[i]))) {
        throw headerMismatch(file, header, found);
      }
    },
    (fields, line) => {
      if (fields.length !== header.length) throw fieldCountError(file, header.length, fields.length, line);
      for (let c = 0; c < fields.length; c++) {
        const cell = fields[c];
        const num = numeric[c];
        if (num) {
          if (!isNumericCell(cell)) {
            throw new DatasetError(file, `column ${header[c]}: "${cell.slice(0, 40)}" is not a number`, line);
          }
          num.push(cell === '' ? NaN : Number(cell));
        } else {
          const dict = dictionaries[c];
          let code = -1;
          if (cell !== '') {
            const known = dict.get(cell);
            if (known === undefined) {
              code = dict.size;
              dict.set(cell, code);
            } else code = known;
          }
          codes[c]?.push(code);
        }
      }
    },
  );

  const columns: Column[] = header.map((name, c): Column => {
    const num = numeric[c];
    if (num) return { kind: 'numeric', name, values: num.values() };
    return sortedCategorical(name, (codes[c] as Growable<Int32Array>).view(), dictionaries[c]);
  });
  return makeTable(rowCount, columns);
}

/** Re-encodes codes so that categories are sorted (deterministic whatever the row order). */
function sortedCategorical(name: string, rawCodes: Int32Array, dict: Map<string, number>): Column {
  const firstSeen = [...dict.keys()];
  const categories = [...firstSeen].sort();
  const remap = new Int32Array(firstSeen.length);
  const position = new Map(categories.map((c, i) => [c, i]));
  firstSeen.forEach((c, i) => (remap[i] = position.get(c) as number));
  const codes = new Int32Array(rawCodes.length);
  for (let i = 0; i < rawCodes.length; i++) codes[i] = rawCodes[i] < 0 ? -1 : remap[rawCodes[i]];
  return { kind: 'categorical', name, codes, categories };
}
