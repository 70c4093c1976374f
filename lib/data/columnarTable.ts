/**
 * In-memory columnar tables: numeric columns as Float64Array with missing values kept
 * as NaN (never 0), categorical columns dictionary-encoded (code -1 = missing).
 */

export type RawValue = number | string | null;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Index into `categories`, or -1 when the value is missing. */
  readonly codes: Int32Array;
  /** Sorted distinct values. */
  readonly categories: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface ColumnarTable {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly byName: ReadonlyMap<string, Column>;
}

export function makeTable(rowCount: number, columns: readonly Column[]): ColumnarTable {
  return { rowCount, columns, byName: new Map(columns.map((c) => [c.name, c])) };
}

/** Value of one cell: a number, a category string, or null when missing. */
export function cellValue(column: Column, row: number): RawValue {
  if (column.kind === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[row];
  return code < 0 ? null : column.categories[code];
}

/** One row as a record keyed by column name (missing values are null). */
export function rowRecord(table: ColumnarTable, row: number): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const column of table.columns) out[column.name] = cellValue(column, row);
  return out;
}

export function missingCount(column: Column): number {
  let n = 0;
  if (column.kind === 'numeric') {
    for (const v of column.values) if (Number.isNaN(v)) n++;
  } else {
    for (const c of column.codes) if (c < 0) n++;
  }
  return n;
}

export function numericColumn(table: ColumnarTable, name: string): NumericColumn {
  const column = table.byName.get(name);
  if (!column || column.kind !== 'numeric') throw new Error(`no numeric column ${name}`);
  return column;
}

export function categoricalColumn(table: ColumnarTable, name: string): CategoricalColumn {
  const column = table.byName.get(name);
  if (!column || column.kind !== 'categorical') throw new Error(`no categorical column ${name}`);
  return column;
}
