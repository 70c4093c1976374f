import type { ColumnarTable, RawValue } from '../data/columnarTable';
import { ENGINEERED_FEATURES, daysToYears, type FieldReader } from './engineeredFeatures';
import type { FeatureSpec } from './featureSpec';
import type { RawApplication } from './types';

/**
 * The one feature pipeline: turns an application (a validated record, a row of the store,
 * or a CSV line after validation) into the model's feature row. The same compiled pipeline
 * writes the training matrix (lib/cli/exportCreditFeatures.ts) and serves, so training and
 * serving cannot drift. Numeric features keep NaN for missing values; one-hot columns are 0/1.
 * Feature rows are float32, as XGBoost and ONNX Runtime see them.
 */

/** Reads one field of an application: a number, a category string, or null when missing. */
export type FieldGetter = (field: string) => RawValue;

export interface FeaturePipeline {
  readonly spec: FeatureSpec;
  readonly width: number;
  readonly names: readonly string[];
  /** Writes the feature row of one application into out[offset, offset + width). */
  writeRow(get: FieldGetter, out: Float32Array | Float64Array, offset?: number): void;
  /** The application fields the features read, in the order `at` of writeIndexedRow refers to. */
  readonly sources: readonly string[];
  /**
   * Writes the feature row of values already laid out in an array (a parsed CSV line):
   * source field i is `row[at[i]]`, missing when `at[i] < 0`. No per-row object, no lookup by name.
   */
  writeIndexedRow(row: readonly RawValue[], at: Int32Array, out: Float32Array | Float64Array, offset?: number): void;
  /** Feature row of one application record. */
  row(app: RawApplication): Float32Array;
  /** Row-major matrix (n × width) of several application records. */
  matrix(apps: readonly RawApplication[]): Float32Array;
  /** Row-major matrix of every row of a columnar table (the store's train or test set). */
  tableMatrix(table: ColumnarTable, rows?: ArrayLike<number>): Float32Array;
}

interface CategoricalOp {
  readonly source: number;
  readonly columns: readonly number[];
  readonly levelColumn: ReadonlyMap<string, number>;
  /** Column of rare/unseen levels, or -1 when the field has none (unseen levels then encode as all zeros). */
  readonly otherColumn: number;
}

const numberOf = (v: RawValue | undefined): number => (typeof v === 'number' ? v : NaN);
const numericCell = (v: number): RawValue => (v !== v ? null : v);
const categoryCell = (code: number, categories: readonly string[]): RawValue => (code < 0 ? null : categories[code]);

export function recordGetter(app: RawApplication): FieldGetter {
  return (field) => app[field] ?? null;
}

export function compileFeatures(spec: FeatureSpec): FeaturePipeline {
  // every field the features read, each read once per row into values[source]
  const sources: string[] = [];
  const sourceIndex = new Map<string, number>();
  const source = (field: string): number => {
    let i = sourceIndex.get(field);
    if (i === undefined) {
      i = sources.length;
      sources.push(field);
      sourceIndex.set(field, i);
    }
    return i;
  };
  const numeric: { column: number; source: number }[] = [];
  const years: { column: number; source: number; field: string }[] = [];
  const engineered: { column: number; compute: (get: FieldReader) => number }[] = [];
  const categorical = new Map<string, { source: number; columns: number[]; levelColumn: Map<string, number>; otherColumn: number }>();
  const known = new Map(ENGINEERED_FEATURES.map((e) => [e.name, e]));

  spec.features.forEach((f, column) => {
    switch (f.kind) {
      case 'numeric':
        numeric.push({ column, source: source(f.field) });
        break;
      case 'years':
        years.push({ column, source: source(f.field), field: f.field });
        break;
      case 'engineered': {
        const def = known.get(f.name);
        if (!def) throw new Error(`feature spec: engineered feature ${f.name} is unknown to this code`);
        def.sources.forEach(source);
        engineered.push({ column, compute: def.compute });
        break;
      }
      case 'onehot':
      case 'other': {
        let op = categorical.get(f.field);
        if (!op) categorical.set(f.field, (op = { source: source(f.field), columns: [], levelColumn: new Map(), otherColumn: -1 }));
        op.columns.push(column);
        if (f.kind === 'onehot') op.levelColumn.set(f.level, column);
        else op.otherColumn = column;
        break;
      }
    }
  });
  const categoricalOps: CategoricalOp[] = [...categorical.values()];
  const width = spec.features.length;
  // flat arrays for the hot loops (plain indexed loops stay fast whatever the transpiler)
  const numColumn = Int32Array.from(numeric, (o) => o.column);
  const numSource = Int32Array.from(numeric, (o) => o.source);
  const engColumn = Int32Array.from(engineered, (o) => o.column);
  const engCompute = engineered.map((o) => o.compute);
  const values: RawValue[] = new Array<RawValue>(sources.length).fill(null);
  const reader: FieldReader = (field) => {
    const i = sourceIndex.get(field);
    return i === undefined ? NaN : numberOf(values[i]);
  };

  /** Writes the features from the values gathered in `values`. */
  function writeValues(out: Float32Array | Float64Array, offset: number): void {
    for (let k = 0; k < numColumn.length; k++) {
      const v = values[numSource[k]];
      out[offset + numColumn[k]] = typeof v === 'number' ? v : NaN;
    }
    for (let k = 0; k < years.length; k++) {
      const y = years[k];
      out[offset + y.column] = daysToYears(y.field, numberOf(values[y.source]));
    }
    for (let k = 0; k < categoricalOps.length; k++) {
      const op = categoricalOps[k];
      const cols = op.columns;
      for (let j = 0; j < cols.length; j++) out[offset + cols[j]] = 0;
      const v = values[op.source];
      if (typeof v !== 'string' || v === '') continue;
      const c = op.levelColumn.get(v);
      if (c !== undefined) out[offset + c] = 1;
      else if (op.otherColumn >= 0) out[offset + op.otherColumn] = 1;
    }
    for (let k = 0; k < engColumn.length; k++) out[offset + engColumn[k]] = engCompute[k](reader);
  }

  function writeRow(get: FieldGetter, out: Float32Array | Float64Array, offset = 0): void {
    for (let i = 0; i < sources.length; i++) values[i] = get(sources[i]);
    writeValues(out, offset);
  }

  function writeIndexedRow(row: readonly RawValue[], at: Int32Array, out: Float32Array | Float64Array, offset = 0): void {
    if (at.length !== sources.length) throw new Error(`writeIndexedRow: expected ${sources.length} source positions, got ${at.length}`);
    for (let i = 0; i < sources.length; i++) {
      const c = at[i];
      values[i] = c < 0 ? null : (row[c] ?? null);
    }
    writeValues(out, offset);
  }

  return {
    spec,
    width,
    names: spec.features.map((f) => f.name),
    writeRow,
    sources,
    writeIndexedRow,
    row(app) {
      const out = new Float32Array(width);
      writeRow(recordGetter(app), out);
      return out;
    },
    matrix(apps) {
      const out = new Float32Array(apps.length * width);
      apps.forEach((app, i) => writeRow(recordGetter(app), out, i * width));
      return out;
    },
    tableMatrix(table, rows) {
      const n = rows ? rows.length : table.rowCount;
      const out = new Float32Array(n * width);
      const columns = sources.map((f) => table.byName.get(f));
      for (let i = 0; i < n; i++) {
        const row = rows ? rows[i] : i;
        for (let k = 0; k < columns.length; k++) {
          const c = columns[k];
          values[k] = c === undefined ? null : c.kind === 'numeric' ? numericCell(c.values[row]) : categoryCell(c.codes[row], c.categories);
        }
        writeValues(out, i * width);
      }
      return out;
    },
  };
}
