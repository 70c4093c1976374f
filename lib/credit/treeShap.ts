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
 * With Z(U) = vK(U)·Q(D∖U) (K from elementary symmetric polynomials) and Q(D∖(T∖{i})) = q_i·Q(D∖T):
 *   i ∈ T:  φ_i = ((1 − q_i) / q_i) · Z(T∖{i})        i ∉ T:  φ_i = −Z(T)
 * (covers are positive, so q_i > 0). Each leaf stores Z for its 2^d subsets and (1 − q_k)/q_k for
 * its d features. Per row: one pass over the nodes (parents before children) gives the direction
 * at each split and, per node, the mask of path features not followed (a feature keeps its slot
 * along a path prefix); then each leaf adds its d contributions for its mask.
 * The base value Σ_l v·Q(D) = Σ_l v·cover(l)/cover(root) makes contributions + base = margin.
 */

export interface ShapTables {
  readonly featureCount: number;
  readonly baseValue: number;
  readonly ensemble: TreeEnsemble;
  readonly nodeCount: number;
  /** Global index of each node's parent (-1 for roots); parents come before their children. */
  readonly parent: Int32Array;
  /** 1 when the node is its parent's left child. */
  readonly isLeft: Uint8Array;
  /** Bit of the parent's split feature among the distinct features of the path to the node. */
  readonly bit: Int32Array;
  readonly leafCount: number;
  readonly leafNode: Int32Array; // global node index of each leaf
  readonly leafDepth: Uint8Array; // d: distinct features on the path
  readonly featOffsets: Int32Array; // leaf -> its d distinct features in `feat`
  readonly feat: Int32Array;
  /** (1 − q) / q of each distinct path feature (same offsets as feat). */
  readonly ratio: Float64Array;
  readonly tableOffsets: Int32Array; // leaf -> start of its 2^d table
  /** Z(U) = v·K(U)·Q(D∖U) for each leaf and subset U (bit mask over its distinct features). */
  readonly table: Float64Array;
  readonly bytes: number;
}

const MAX_DISTINCT = 16;

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Z(U) = v·K(U)·Q(D∖U) of one leaf for every subset U of its d distinct features. */
function leafTable(v: number, q: readonly number[], out: Float64Array, offset: number): void {
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
  const nodeCount = ens.left.length;
  const parent = new Int32Array(nodeCount).fill(-1);
  const isLeft = new Uint8Array(nodeCount);
  const bit = new Int32Array(nodeCount);
  const leafNode: number[] = [];
  const leafDepth: number[] = [];
  const featOffsets = [0];
  const feat: number[] = [];
  const ratio: number[] = [];
  const tableOffsets: number[] = [];
  const pending: { v: number; q: number[]; offset: number }[] = [];
  let tableSize = 0;
  let baseValue = ens.baseMargin;

  for (let t = 0; t < ens.treeCount; t++) {
    const base = ens.treeOffsets[t];
    baseValue += expectedValue(ens, t);
    // depth-first walk with the distinct features of the path (in first-appearance order) and their q
    const stack: { g: number; feats: number[]; qs: number[] }[] = [{ g: base, feats: [], qs: [] }];
    while (stack.length > 0) {
      const { g, feats, qs } = stack.pop() as { g: number; feats: number[]; qs: number[] };
      if (ens.left[g] >= 0) {
        const f = ens.feature[g];
        let slot = feats.indexOf(f);
        const childFeats = slot >= 0 ? feats : [...feats, f];
        if (slot < 0) slot = feats.length;
        if (childFeats.length > MAX_DISTINCT) throw new Error(`tree ${t}: a path has more than ${MAX_DISTINCT} distinct features`);
        for (const [child, left] of [
          [base + ens.right[g], 0],
          [base + ens.left[g], 1],
        ] as const) {
          if (child <= g) throw new Error(`tree ${t}: a child comes before its parent in the node order`);
          const ratio = ens.cover[child] / ens.cover[g];
          if (!(ratio > 0)) throw new Error(`tree ${t}: a zero cover ratio (TreeSHAP tables need covers > 0)`);
          const childQs = slot < qs.length ? qs.map((x, i) => (i === slot ? x * ratio : x)) : [...qs, ratio];
          parent[child] = g;
          isLeft[child] = left;
          bit[child] = 1 << slot;
          stack.push({ g: child, feats: childFeats, qs: childQs });
        }
        continue;
      }
      const d = feats.length;
      leafNode.push(g);
      leafDepth.push(d);
      feat.push(...feats);
      ratio.push(...qs.map((x) => (1 - x) / x));
      featOffsets.push(feat.length);
      tableOffsets.push(tableSize);
      pending.push({ v: ens.threshold[g], q: qs, offset: tableSize });
      tableSize += 1 << d;
    }
  }

  const table = new Float64Array(tableSize);
  for (const p of pending) if (p.q.length > 0) leafTable(p.v, p.q, table, p.offset);
  const tables = {
    featureCount: ens.featureCount,
    baseValue,
    ensemble: ens,
    nodeCount,
    parent,
    isLeft,
    bit,
    leafCount: leafNode.length,
    leafNode: Int32Array.from(leafNode),
    leafDepth: Uint8Array.from(leafDepth),
    featOffsets: Int32Array.from(featOffsets),
    feat: Int32Array.from(feat),
    ratio: Float64Array.from(ratio),
    tableOffsets: Int32Array.from(tableOffsets),
    table,
    bytes: 0,
  };
  tables.bytes =
    table.byteLength +
    parent.byteLength +
    isLeft.byteLength +
    bit.byteLength +
    tables.leafNode.byteLength * 3 +
    tables.feat.byteLength +
    tables.ratio.byteLength +
    leafDepth.length;
  return tables;
}

/** Reusable per-caller scratch buffer: the direction and the unsatisfied mask of every node. */
export function shapScratch(tables: ShapTables): Int32Array {
  return new Int32Array(tables.nodeCount * 2);
}

/**
 * One pass over all nodes (parents first): the direction the row takes at each internal node
 * (float32 comparison, NaN follows the default) and, for each node, the mask of path features
 * the row does NOT satisfy on the way to it.
 */
function nodePass(
  nodeCount: number,
  left: Int32Array,
  feature: Int32Array,
  threshold: Float32Array,
  defaultLeft: Uint8Array,
  parent: Int32Array,
  isLeft: Uint8Array,
  bit: Int32Array,
  row: Float32Array | Float64Array,
  rowOffset: number,
  dir: Int32Array,
  unsat: Int32Array,
): void {
  for (let g = 0; g < nodeCount; g++) {
    const p = parent[g];
    unsat[g] = p < 0 ? 0 : unsat[p] | (dir[p] === isLeft[g] ? 0 : bit[g]);
    if (left[g] < 0) continue;
    const x = row[rowOffset + feature[g]];
    dir[g] = x !== x ? defaultLeft[g] : Math.fround(x) < threshold[g] ? 1 : 0;
  }
}

/** Adds every leaf's contributions for its satisfied mask; returns the sum of the reached leaves. */
function leafPass(
  leafCount: number,
  leafNode: Int32Array,
  leafDepth: Uint8Array,
  featOffsets: Int32Array,
  feat: Int32Array,
  ratio: Float64Array,
  tableOffsets: Int32Array,
  table: Float64Array,
  value: Float32Array,
  unsat: Int32Array,
  out: Float64Array,
): number {
  let reached = 0;
  for (let l = 0; l < leafCount; l++) {
    const g = leafNode[l];
    const u = unsat[g];
    if (u === 0) reached += value[g];
    const d = leafDepth[l];
    const mask = ((1 << d) - 1) & ~u;
    const f0 = featOffsets[l];
    const t0 = tableOffsets[l];
    const z = table[t0 + mask];
    for (let k = 0; k < d; k++) {
      // branch-free: s = 1 when feature k is satisfied (its bit is set in mask)
      const s = (mask >> k) & 1;
      out[feat[f0 + k]] += s * ratio[f0 + k] * table[t0 + (mask ^ (1 << k))] - (1 - s) * z;
    }
  }
  return reached;
}

/**
 * SHAP values of one feature row (float32 values, NaN = missing) into out[0..featureCount) and the
 * base value into out[featureCount]; returns the margin (the sum of the reached leaves plus the
 * base margin, which equals base value + Σ contributions). `scratch` comes from shapScratch(tables).
 */
export function treeShap(tables: ShapTables, row: Float32Array | Float64Array, out: Float64Array, scratch: Int32Array, rowOffset: number): number {
  const ens = tables.ensemble;
  const n = tables.nodeCount;
  const dir = scratch.subarray(0, n);
  const unsat = scratch.subarray(n, 2 * n);
  out.fill(0, 0, tables.featureCount);
  nodePass(n, ens.left, ens.feature, ens.threshold, ens.defaultLeft, tables.parent, tables.isLeft, tables.bit, row, rowOffset, dir, unsat);
  const reached = leafPass(
    tables.leafCount,
    tables.leafNode,
    tables.leafDepth,
    tables.featOffsets,
    tables.feat,
    tables.ratio,
    tables.tableOffsets,
    tables.table,
    ens.threshold,
    unsat,
    out,
  );
  out[tables.featureCount] = tables.baseValue;
  return ens.baseMargin + reached;
}
