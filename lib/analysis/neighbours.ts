/**
 * Nearest neighbours on standardised features. The population is given column by column
 * (NaN = missing); each column is standardised with its mean and standard deviation over the
 * known values, and a missing value counts as the mean (z = 0), so a client with a missing
 * score is neither near nor far on that feature. Distances are Euclidean in z-space, optionally
 * weighted per feature (e.g. by the model's global importance). Brute force: 63,444 rows × 10
 * features is about a millisecond.
 */

export interface NeighbourIndex {
  readonly features: readonly string[];
  readonly rowCount: number;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly weights: Float64Array;
  /** Row-major standardised matrix (rowCount × features.length), missing → 0. */
  readonly z: Float32Array;
}

export interface Neighbour {
  /** Row in the population. */
  readonly row: number;
  /** Weighted Euclidean distance in standard deviations. */
  readonly distance: number;
}

/** Builds the index from one Float64Array per feature (all of the same length). */
export function buildNeighbourIndex(features: readonly string[], columns: readonly ArrayLike<number>[], weights?: readonly number[]): NeighbourIndex {
  if (features.length !== columns.length) throw new Error('one column per feature is required');
  if (features.length === 0) throw new Error('at least one feature is required');
  const m = features.length;
  const n = columns[0].length;
  const mean = new Float64Array(m);
  const std = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const col = columns[j];
    if (col.length !== n) throw new Error(`column ${features[j]} has ${col.length} rows, expected ${n}`);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    const mu = count > 0 ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (Number.isFinite(v)) ss += (v - mu) ** 2;
    }
    mean[j] = mu;
    std[j] = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
  }
  const z = new Float32Array(n * m);
  for (let j = 0; j < m; j++) {
    const col = columns[j];
    const s = std[j] > 0 ? std[j] : 1;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      z[i * m + j] = Number.isFinite(v) ? (v - mean[j]) / s : 0;
    }
  }
  const w = new Float64Array(m);
  for (let j = 0; j < m; j++) w[j] = weights ? Math.max(0, weights[j]) : 1;
  return { features, rowCount: n, mean, std, weights: w, z };
}

/** Standardises a query (values in the index's feature order; NaN = missing → 0). */
export function standardise(index: NeighbourIndex, values: ArrayLike<number>): Float64Array {
  const m = index.features.length;
  const q = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const v = values[j];
    const s = index.std[j] > 0 ? index.std[j] : 1;
    q[j] = Number.isFinite(v) ? (v - index.mean[j]) / s : 0;
  }
  return q;
}

/**
 * The k rows nearest to `values` (ties broken by the lower row), excluding rows for which
 * `exclude` returns true (e.g. the client itself when it is a historical loan).
 */
export function nearestNeighbours(index: NeighbourIndex, values: ArrayLike<number>, k: number, exclude?: (row: number) => boolean): Neighbour[] {
  const m = index.features.length;
  const q = standardise(index, values);
  const { z, weights } = index;
  const kk = Math.max(0, Math.min(k, index.rowCount));
  if (kk === 0) return [];
  // Bounded max-heap of the best k (distance², row).
  const heapD = new Float64Array(kk);
  const heapR = new Int32Array(kk);
  let size = 0;
  const worse = (a: number, b: number) => heapD[a] > heapD[b] || (heapD[a] === heapD[b] && heapR[a] > heapR[b]);
  const swap = (a: number, b: number) => {
    const d = heapD[a];
    heapD[a] = heapD[b];
    heapD[b] = d;
    const r = heapR[a];
    heapR[a] = heapR[b];
    heapR[b] = r;
  };
  for (let i = 0; i < index.rowCount; i++) {
    if (exclude?.(i)) continue;
    let d = 0;
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const diff = z[base + j] - q[j];
      d += weights[j] * diff * diff;
    }
    if (size < kk) {
      heapD[size] = d;
      heapR[size] = i;
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (d < heapD[0]) {
      heapD[0] = d;
      heapR[0] = i;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let top = p;
        if (l < size && worse(l, top)) top = l;
        if (r < size && worse(r, top)) top = r;
        if (top === p) break;
        swap(p, top);
        p = top;
      }
    }
  }
  const out: Neighbour[] = [];
  for (let i = 0; i < size; i++) out.push({ row: heapR[i], distance: Math.sqrt(heapD[i]) });
  return out.sort((a, b) => a.distance - b.distance || a.row - b.row);
}
