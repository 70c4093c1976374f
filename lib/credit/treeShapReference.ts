import { goesLeft, type TreeEnsemble } from './treeModel';

/**
 * Exact path-dependent TreeSHAP, Algorithm 2 of Lundberg, Erion & Lee (2018), "Consistent
 * individualized feature attribution for tree ensembles", in float64. Slow (O(T·L·D²) with
 * allocations); it is the reference the fast implementation (treeShap.ts) is tested against.
 * Returns featureCount + 1 values: the contributions, then the base value.
 */

interface PathElement {
  d: number; // feature index (-1 for the root element)
  z: number; // fraction of zero (cold) paths flowing through
  o: number; // fraction of one (hot) paths flowing through
  w: number; // permutation weight
}

function extend(m: PathElement[], pz: number, po: number, pi: number): PathElement[] {
  const out = m.map((e) => ({ ...e }));
  const l = out.length;
  out.push({ d: pi, z: pz, o: po, w: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    out[i + 1].w += (po * out[i].w * (i + 1)) / (l + 1);
    out[i].w = (pz * out[i].w * (l - i)) / (l + 1);
  }
  return out;
}

function unwind(m: PathElement[], i: number): PathElement[] {
  const out = m.map((e) => ({ ...e }));
  const l = out.length - 1;
  let n = out[l].w;
  const { o, z } = out[i];
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = out[j].w;
      out[j].w = (n * (l + 1)) / ((j + 1) * o);
      n = t - (out[j].w * z * (l - j)) / (l + 1);
    } else {
      out[j].w = (out[j].w * (l + 1)) / (z * (l - j));
    }
  }
  for (let j = i; j < l; j++) {
    out[j].d = out[j + 1].d;
    out[j].z = out[j + 1].z;
    out[j].o = out[j + 1].o;
  }
  out.pop();
  return out;
}

function unwoundSum(m: PathElement[], i: number): number {
  const l = m.length - 1;
  const { o, z } = m[i];
  let total = 0;
  if (o !== 0) {
    let n = m[l].w;
    for (let j = l - 1; j >= 0; j--) {
      const tmp = (n * (l + 1)) / ((j + 1) * o);
      total += tmp;
      n = m[j].w - (tmp * z * (l - j)) / (l + 1);
    }
  } else {
    for (let j = l - 1; j >= 0; j--) total += (m[j].w * (l + 1)) / (z * (l - j));
  }
  return total;
}

export function treeShapReference(ens: TreeEnsemble, row: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(ens.featureCount + 1);
  let bias = ens.baseMargin;
  for (let t = 0; t < ens.treeCount; t++) {
    const base = ens.treeOffsets[t];
    const recurse = (j: number, m: PathElement[], pz: number, po: number, pi: number): void => {
      const path = extend(m, pz, po, pi);
      const g = base + j;
      if (ens.left[g] < 0) {
        const v = ens.threshold[g];
        for (let i = 1; i < path.length; i++) {
          phi[path[i].d] += unwoundSum(path, i) * (path[i].o - path[i].z) * v;
        }
        return;
      }
      const left = goesLeft(ens, g, row);
      const hot = left ? ens.left[g] : ens.right[g];
      const cold = left ? ens.right[g] : ens.left[g];
      const d = ens.feature[g];
      let iz = 1;
      let io = 1;
      let rest = path;
      const k = path.findIndex((e, idx) => idx > 0 && e.d === d);
      if (k > 0) {
        iz = path[k].z;
        io = path[k].o;
        rest = unwind(path, k);
      }
      const rj = ens.cover[g];
      recurse(hot, rest, (iz * ens.cover[base + hot]) / rj, io, d);
      recurse(cold, rest, (iz * ens.cover[base + cold]) / rj, 0, d);
    };
    recurse(0, [], 1, 1, -1);
    bias += expectedValue(ens, t);
  }
  phi[ens.featureCount] = bias;
  return phi;
}

/** Cover-weighted mean of a tree's leaves: Σ_leaf value · cover(leaf) / cover(root). */
export function expectedValue(ens: TreeEnsemble, tree: number): number {
  const base = ens.treeOffsets[tree];
  const end = ens.treeOffsets[tree + 1];
  let sum = 0;
  for (let g = base; g < end; g++) if (ens.left[g] < 0) sum += ens.threshold[g] * ens.cover[g];
  return sum / ens.cover[base];
}
