import { expectedValue } from './treeShapReference';
import type { TreeEnsemble } from './treeModel';

/**
 * Exact path-dependent TreeSHAP with per-leaf precomputation, in the spirit of Fast TreeSHAP v2
 * (Yang, 2021): the same values as Lundberg et al.'s Algorithm 2 (treeShapReference.ts) in
 * O(T·L·D) per row instead of O(T·L·D²), with tables of O(L·2^D) numbers built once at load.
 *
 * For a leaf l with value v and the set D of distinct features on its path (d = |D|), let q_j be
 * the product of cover ratios (child / parent) of the path's splits on feature j, and T ⊆ D the
 * features whose every split on the path the row follows. Path-dependent TreeSHAP gives
 *   φ_i = v (1[i ∈ T] − q_i) Σ_{S ⊆ T∖{i}} w(|S|) Π_{j ∈ D∖{i}∖S} q_j,   w(k) = k!(d−k−1)!/d!
 * Factoring Π_{j∈D∖T} q_j out of the products leaves K(U) = Σ_{S ⊆ U} w(|S|) Π_{j∈U∖S} q_j, which
 * depends on the subset only:
 *   i ∈ T:  φ_i = (1 − q_i) · vK(T∖{i}) · Q(D∖T)
 *   i ∉ T:  φ_i = − vK(T) · Q(D∖T)
 * Each leaf stores Z(U) = vK(U)·Q(D∖U) for its 2^d subsets U (K from elementary symmetric
 * polynomials), so that, as Q(D∖(T∖{i})) = q_i·Q(D∖T):
 *   i ∈ T:  φ_i = ((1 − q_i) / q_i) · Z(T∖{i})        i ∉ T:  φ_i = −Z(T)
 * (covers are positive, so q_i > 0).
 * The base value Σ_l v·Q(D) = Σ_l v·cover(l)/cover(root) makes contributions + base = margin.
 */

export interface ShapTables {
  readonly featureCount: number;
  readonly baseValue: number;
  readonly leafCount: number;
  /** Leaves of tree t are leafOf[treeLeafOffsets[t]] .. leafOf[treeLeafOffsets[t+1] - 1]. */
  readonly treeLeafOffsets: Int32Array;
  readonly nodeCount: number;
  readonly leafValue: Float64Array;
  readonly leafDepth: Uint8Array; // d: distinct features on the path
  readonly featOffsets: Int32Array; // leaf -> range in feat/q/ratio
  readonly feat: Int32Array;
  readonly q: Float64Array;
  /** (1 − q) / q of each distinct path feature. */
  readonly ratio: Float64Array;
  readonly pathOffsets: Int32Array; // leaf -> range in pathNode/pathLeft/pathBit
  readonly pathNode: Int32Array; // global node index
  readonly pathLeft: Uint8Array; // 1 when the path goes left at that node
  readonly pathBit: Int32Array; // bit of the node's feature among the leaf's distinct features
  readonly tableOffsets: Int32Array; // leaf -> start of its 2^d table
  readonly table: Float64Array; // Z(U) = v · K(U) · Q(D∖U), U a bit mask over the leaf's distinct features
  /** Node arrays of the ensemble, for the direction pass. */
  readonly ensemble: TreeEnsemble;
  readonly bytes: number;
}

const MAX_DISTINCT = 20;

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Z(U) = v·K(U)·Q(D∖U) for every subset U (bit mask) of d features with zero fractions q. */
function subsetTable(v: number, q: readonly number[], out: Float64Array, offset: number): void {
  const d = q.length;
  const size = 1 << d;
  const w = Array.from({ length: d }, (_, k) => (factorial(k) * factorial(d - k - 1)) / factorial(d));
  // e[U][j]: elementary symmetric polynomial of degree j over {q_i : i ∈ U}
  const e: Float64Array[] = new Array(size);
  e[0] = Float64Array.of(1);
  for (let U = 1; U < size; U++) {
    const top = 31 - Math.clz32(U);
    const prev = e[U ^ (1 << top)];
    const cur = new Float64Array(prev.length + 1);
    for (let j = 0; j < prev.length; j++) {
      cur[j] += prev[j];
      cur[j + 1] += prev[j] * q[top];
    }
    e[U] = cur;
  }
  for (let U = 0; U < size; U++) {
    const n = e[U].length - 1; // |U|
    let k = 0;
    for (let m = 0; m <= n && m < d; m++) k += w[m] * e[U][n - m];
    let qOut = 1;
    for (let i = 0; i < d; i++) if ((U & (1 << i)) === 0) qOut *= q[i];
    out[offset + U] = v * k * qOut;
  }
}

export function buildShapTables(ens: TreeEnsemble): ShapTables {
  const leafValue: number[] = [];
  const leafDepth: number[] = [];
  const featOffsets = [0];
  const feat: number[] = [];
  const q: number[] = [];
  const pathOffsets = [0];
  const pathNode: number[] = [];
  const pathLeft: number[] = [];
  const pathBit: number[] = [];
  const tableOffsets: number[] = [];
  let tableSize = 0;
  const treeLeafOffsets = [0];
  const pending: { v: number; q: number[]; offset: number }[] = [];
  let baseValue = ens.baseMargin;

  for (let t = 0; t < ens.treeCount; t++) {
    const base = ens.treeOffsets[t];
    baseValue += expectedValue(ens, t);
    // depth-first walk keeping the path from the root
    const stack: { node: number; path: { g: number; left: boolean }[] }[] = [{ node: 0, path: [] }];
    while (stack.length > 0) {
      const { node, path } = stack.pop() as { node: number; path: { g: number; left: boolean }[] };
      const g = base + node;
      if (ens.left[g] >= 0) {
        stack.push({ node: ens.right[g], path: [...path, { g, left: false }] });
        stack.push({ node: ens.left[g], path: [...path, { g, left: true }] });
        continue;
      }
      const slots = new Map<number, number>();
      const qs: number[] = [];
      for (let i = 0; i < path.length; i++) {
        const { g: pg, left } = path[i];
        const f = ens.feature[pg];
        const child = base + (left ? ens.left[pg] : ens.right[pg]);
        const ratio = ens.cover[child] / ens.cover[pg];
        let slot = slots.get(f);
        if (slot === undefined) {
          slot = qs.length;
          slots.set(f, slot);
          qs.push(1);
          feat.push(f);
        }
        qs[slot] *= ratio;
        pathNode.push(pg);
        pathLeft.push(left ? 1 : 0);
        pathBit.push(1 << slot);
      }
      if (qs.length > MAX_DISTINCT) throw new Error(`tree ${t}: a path has ${qs.length} distinct features (max ${MAX_DISTINCT})`);
      if (qs.some((x) => !(x > 0))) throw new Error(`tree ${t}: a path has a zero cover ratio (TreeSHAP tables need covers > 0)`);
      const v = ens.threshold[g];
      leafValue.push(v);
      leafDepth.push(qs.length);
      q.push(...qs);
      featOffsets.push(feat.length);
      pathOffsets.push(pathNode.length);
      tableOffsets.push(tableSize);
      pending.push({ v, q: qs, offset: tableSize });
      tableSize += 1 << qs.length;
    }
    treeLeafOffsets.push(leafValue.length);
  }

  const table = new Float64Array(tableSize);
  for (const p of pending) subsetTable(p.v, p.q, table, p.offset);
  const tables = {
    featureCount: ens.featureCount,
    baseValue,
    leafCount: leafValue.length,
    treeLeafOffsets: Int32Array.from(treeLeafOffsets),
    nodeCount: ens.left.length,
    leafValue: Float64Array.from(leafValue),
    leafDepth: Uint8Array.from(leafDepth),
    featOffsets: Int32Array.from(featOffsets),
    feat: Int32Array.from(feat),
    q: Float64Array.from(q),
    ratio: Float64Array.from(q, (x) => (1 - x) / x),
    pathOffsets: Int32Array.from(pathOffsets),
    pathNode: Int32Array.from(pathNode),
    pathLeft: Uint8Array.from(pathLeft),
    pathBit: Int32Array.from(pathBit),
    tableOffsets: Int32Array.from(tableOffsets),
    table,
    ensemble: ens,
  };
  const bytes =
    table.byteLength +
    tables.leafValue.byteLength +
    tables.q.byteLength * 2 +
    tables.feat.byteLength +
    tables.pathNode.byteLength +
    tables.pathLeft.byteLength +
    tables.pathBit.byteLength +
    (tables.featOffsets.byteLength + tables.pathOffsets.byteLength + tables.tableOffsets.byteLength);
  return { ...tables, bytes };
}

/** Reusable per-caller scratch buffer (node directions). */
export function shapScratch(tables: ShapTables): Uint8Array {
  return new Uint8Array(tables.nodeCount);
}

/**
 * SHAP values of one feature row (float32 values, NaN = missing) into out[0..featureCount) and the
 * base value into out[featureCount]; returns the margin (base + Σ contributions, i.e. the sum of
 * the reached leaves).
 */
export function treeShap(
  tables: ShapTables,
  row: ArrayLike<number>,
  out: Float64Array,
  scratch: Uint8Array = shapScratch(tables),
  rowOffset = 0,
): number {
  const ens = tables.ensemble;
  const { left, feature, threshold, defaultLeft } = ens;
  const F = tables.featureCount;
  out.fill(0, 0, F);
  // 1. the direction the row takes at every internal node
  const dir = scratch;
  for (let g = 0; g < tables.nodeCount; g++) {
    if (left[g] < 0) continue;
    const x = row[rowOffset + feature[g]];
    dir[g] = x !== x ? defaultLeft[g] : Math.fround(x) < threshold[g] ? 1 : 0;
  }
  // 2. every leaf's contributions from its satisfied-feature mask
  const { leafDepth, featOffsets, feat, ratio, pathOffsets, pathNode, pathLeft, pathBit, tableOffsets, table } = tables;
  const leafCount = tables.leafCount;
  for (let l = 0; l < leafCount; l++) {
    const d = leafDepth[l];
    if (d === 0) continue; // a single-leaf tree only adds to the base value
    let mask = (1 << d) - 1;
    for (let p = pathOffsets[l], end = pathOffsets[l + 1]; p < end; p++) {
      mask &= ~(pathBit[p] & -(dir[pathNode[p]] ^ pathLeft[p]));
    }
    const f0 = featOffsets[l];
    const t0 = tableOffsets[l];
    const z = table[t0 + mask];
    for (let k = 0; k < d; k++) {
      // branch-free: s = 1 when feature k is satisfied (its bit is set in mask)
      const s = (mask >> k) & 1;
      out[feat[f0 + k]] += s * ratio[f0 + k] * table[t0 + (mask ^ (1 << k))] - (1 - s) * z;
    }
  }
  out[F] = tables.baseValue;
  return reachedMargin(tables, dir);
}

/** Sum of the reached leaves plus the base margin, from a direction pass. */
function reachedMargin(tables: ShapTables, dir: Uint8Array): number {
  const ens = tables.ensemble;
  let sum = ens.baseMargin;
  for (let t = 0; t < ens.treeCount; t++) {
    const base = ens.treeOffsets[t];
    let node = 0;
    while (ens.left[base + node] >= 0) {
      const g = base + node;
      node = dir[g] ? ens.left[g] : ens.right[g];
    }
    sum += ens.threshold[base + node];
  }
  return sum;
}
