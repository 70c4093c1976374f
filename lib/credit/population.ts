import type { ColumnarTable } from '../data/columnarTable';
import { quantileSorted } from '../data/quantile';
import { DAYS_EMPLOYED_ANOMALY } from './engineeredFeatures';
import type { FeatureSpec } from './featureSpec';

/**
 * Statistics of the training population (the 63,444 historical loans), per explanation group:
 * quantiles of numeric fields and engineered features (raw units; DAYS_EMPLOYED without its
 * 365243 sentinel), and level shares of categorical fields. Computed once per process.
 */

export interface NumericStats {
  readonly kind: 'numeric';
  readonly count: number;
  readonly missingRate: number;
  readonly mean: number | null;
  readonly p10: number | null;
  readonly p25: number | null;
  readonly median: number | null;
  readonly p75: number | null;
  readonly p90: number | null;
}

export interface CategoricalStats {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missingRate: number;
  /** Share of all rows having each level. */
  readonly shares: Readonly<Record<string, number>>;
}

export type GroupStats = NumericStats | CategoricalStats;

export interface PopulationStats {
  readonly rows: number;
  readonly groups: ReadonlyMap<string, GroupStats>;
}

export function numericStats(values: ArrayLike<number>, rows: number, exclude?: number): NumericStats {
  const kept = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || v === exclude) continue;
    kept[n++] = v;
    sum += v;
  }
  const sorted = kept.subarray(0, n).sort();
  const quantile = (p: number) => (n > 0 ? quantileSorted(sorted, p) : null);
  return {
    kind: 'numeric',
    count: n,
    missingRate: rows > 0 ? 1 - n / rows : 0,
    mean: n > 0 ? sum / n : null,
    p10: quantile(0.1),
    p25: quantile(0.25),
    median: quantile(0.5),
    p75: quantile(0.75),
    p90: quantile(0.9),
  };
}

export function computePopulationStats(train: ColumnarTable, spec: FeatureSpec, features: Float32Array): PopulationStats {
  const rows = train.rowCount;
  const width = spec.features.length;
  const groups = new Map<string, GroupStats>();
  spec.features.forEach((f, column) => {
    if (groups.has(f.group)) return;
    if (f.kind === 'engineered' && f.group === f.name) {
      const values = new Float64Array(rows);
      for (let r = 0; r < rows; r++) values[r] = features[r * width + column];
      groups.set(f.group, numericStats(values, rows));
      return;
    }
    const field = f.group;
    const c = train.byName.get(field);
    if (!c) return;
    if (c.kind === 'numeric') {
      groups.set(field, numericStats(c.values, rows, field === 'DAYS_EMPLOYED' ? DAYS_EMPLOYED_ANOMALY : undefined));
    } else {
      const counts = new Array<number>(c.categories.length).fill(0);
      let present = 0;
      for (const code of c.codes) {
        if (code >= 0) {
          counts[code]++;
          present++;
        }
      }
      const shares: Record<string, number> = {};
      c.categories.forEach((level, i) => (shares[level] = counts[i] / rows));
      groups.set(field, { kind: 'categorical', count: present, missingRate: 1 - present / rows, shares });
    }
  });
  return { rows, groups };
}
