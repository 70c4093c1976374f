import { type CreditEngine, DerivedKind } from '../credit/engine';
import { populationValues } from './population';
import { seededRows } from './sample';

/**
 * SHAP values of a fixed, seeded sample of historical loans, per explanation group (application
 * field or engineered feature), with each group's value on the sample — the data of the model
 * page's summary ("beeswarm") plot. Computed once per engine with the engine's exact TreeSHAP.
 */

export interface ShapSample {
  /** Explanation groups, in the engine's order. */
  readonly groups: readonly string[];
  /** Rows of the historical loans in the sample. */
  readonly rows: Uint32Array;
  /** rows.length × groups.length contributions (log-odds), row-major. */
  readonly shap: Float64Array;
}

/** The engine keeps each sample (by size and seed). */
export const SHAP_SAMPLES = new DerivedKind<ShapSample>('SHAP sample');

export function shapSample(engine: CreditEngine, size = 400, seed = 42): ShapSample {
  return engine.derived(SHAP_SAMPLES, `${size}:${seed}`, () => {
    const pf = engine.populationFeatures();
    const groups = engine.model.index.groups;
    const rows = seededRows(pf.rows, size, seed);
    const shap = new Float64Array(rows.length * groups.length);
    rows.forEach((r, i) => {
      const c = engine.model.contributions(pf.matrix, r * pf.cols);
      shap.set(c.byGroup.subarray(0, groups.length), i * groups.length);
    });
    return { groups, rows, shap };
  });
}

/**
 * A group's values on the sample rescaled to [0, 1] by rank (NaN when missing or categorical),
 * for colouring: 0 = lowest value in the sample, 1 = highest.
 */
export function rankScaledValues(group: string, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length).fill(NaN);
  let pv;
  try {
    pv = populationValues(group);
  } catch {
    return out;
  }
  if (pv.kind !== 'numeric') return out;
  const idx = Array.from(rows.keys()).filter((i) => Number.isFinite(pv.values[rows[i]]));
  idx.sort((a, b) => pv.values[rows[a]] - pv.values[rows[b]]);
  const n = idx.length;
  idx.forEach((i, rank) => (out[i] = n > 1 ? rank / (n - 1) : 0.5));
  return out;
}
