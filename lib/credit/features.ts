import { type ColumnarTable, type RawValue, cellValue } from '../data/columnarTable';
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
  /** Feature row of one application record. */
  row(app: RawApplication): Float32Array;
  /** Row-major matrix (n × width) of several application records. */
  matrix(apps: readonly RawApplication[]): Float32Array;
  /** Row-major matrix of every row of a columnar table (the store's train or test set). */
  tableMatrix(table: ColumnarTable, rows?: ArrayLike<number>): Float32Array;
}

interface CategoricalOp {
  readonly field: string;
  readonly columns: readonly number[];
  readonly levelColumn: ReadonlyMap<string, number>;
  /** Column of rare/unseen levels, or -1 when the field has none (unseen levels then encode as all zeros). */
  readonly otherColumn: number;
}

const numberOf = (v: RawValue | undefined): number => (typeof v === 'number' ? v : NaN);

export function recordGetter(app: RawApplication): FieldGetter {
  return (field) => app[field] ?? null;
}

export function compileFeatures(spec: FeatureSpec): FeaturePipeline {
  const numeric: { column: number; field: string }[] = [];
  const years: { column: number; field: string }[] = [];
  const engineered: { column: number; compute: (get: FieldReader) => number }[] = [];
  const categorical = new Map<string, { columns: number[]; levelColumn: Map<string, number>; otherColumn: number }>();
  const known = new Map(ENGINEERED_FEATURES.map((e) => [e.name, e]));

  spec.features.forEach((f, column) => {
    switch (f.kind) {
      case 'numeric':
        numeric.push({ column, field: f.field });
        break;
      case 'years':
        years.push({ column, field: f.field });
        break;
      case 'engineered': {
        const def = known.get(f.name);
        if (!def) throw new Error(`feature spec: engineered feature ${f.name} is unknown to this code`);
        engineered.push({ column, compute: def.compute });
        break;
      }
      case 'onehot':
      case 'other': {
        let op = categorical.get(f.field);
        if (!op) categorical.set(f.field, (op = { columns: [], levelColumn: new Map(), otherColumn: -1 }));
        op.columns.push(column);
        if (f.kind === 'onehot') op.levelColumn.set(f.level, column);
        else op.otherColumn = column;
        break;
      }
    }
  });
  const categoricalOps: CategoricalOp[] = [...categorical.entries()].map(([field, op]) => ({ field, ...op }));
  const width = spec.features.length;

  function writeRow(get: FieldGetter, out: Float32Array | Float64Array, offset = 0): void {
    for (const { column, field } of numeric) out[offset + column] = numberOf(get(field));
    for (const { column, field } of years) out[offset + column] = daysToYears(field, numberOf(get(field)));
    for (const op of categoricalOps) {
      for (const c of op.columns) out[offset + c] = 0;
      const v = get(op.field);
      if (typeof v !== 'string' || v === '') continue;
      const c = op.levelColumn.get(v);
      if (c !== undefined) out[offset + c] = 1;
      else if (op.otherColumn >= 0) out[offset + op.otherColumn] = 1;
    }
    if (engineered.length > 0) {
      const reader: FieldReader = (field) => numberOf(get(field));
      for (const { column, compute } of engineered) out[offset + column] = compute(reader);
    }
  }

  return {
    spec,
    width,
    names: spec.features.map((f) => f.name),
    writeRow,
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
      let row = 0;
      const get: FieldGetter = (field) => {
        const column = table.byName.get(field);
        return column ? cellValue(column, row) : null;
      };
      for (let i = 0; i < n; i++) {
        row = rows ? rows[i] : i;
        writeRow(get, out, i * width);
      }
      return out;
    },
  };
}
