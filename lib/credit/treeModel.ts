import { block, readBlockFile } from './blockFile';

/**
 * The exported XGBoost trees (models/credit/trees.bin), flat: all trees' nodes concatenated,
 * child indices local to their tree (-1 on leaves). A row goes left when x < threshold in
 * float32 (as XGBoost compares) and follows defaultLeft when x is NaN. Leaves hold their value in
 * `threshold`. `cover` is the sum of hessians that TreeSHAP weights paths with.
 */

export interface TreeEnsemble {
  readonly treeCount: number;
  readonly featureCount: number;
  readonly baseMargin: number;
  /** Start of each tree in the node arrays (treeCount + 1 entries). */
  readonly treeOffsets: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly cover: Float32Array;
  readonly defaultLeft: Uint8Array;
}

interface TreesHeader {
  readonly version: number;
  readonly trees: number;
  readonly nodes: number;
  readonly baseMargin: number;
  readonly numFeatures: number;
}

export function loadTreeEnsemble(file: string): TreeEnsemble {
  const f = readBlockFile<TreesHeader>(file, 'PADTREE1');
  if (f.header.version !== 1) throw new Error(`${file}: unsupported trees version ${f.header.version}`);
  const offsets = block(f, 'treeOffsets', Float64Array);
  return {
    treeCount: f.header.trees,
    featureCount: f.header.numFeatures,
    baseMargin: f.header.baseMargin,
    treeOffsets: Int32Array.from(offsets),
    left: block(f, 'left', Int32Array),
    right: block(f, 'right', Int32Array),
    feature: block(f, 'feature', Int32Array),
    threshold: block(f, 'threshold', Float32Array),
    cover: block(f, 'cover', Float32Array),
    defaultLeft: block(f, 'defaultLeft', Uint8Array),
  };
}

/** Local index of the child a row goes to from internal node `g` (global index) of a tree starting at `base`. */
export function goesLeft(ens: TreeEnsemble, g: number, row: ArrayLike<number>, offset = 0): boolean {
  const x = row[offset + ens.feature[g]];
  // Float32Array values are already float32; fround makes plain numbers compare as XGBoost does
  return x !== x ? ens.defaultLeft[g] === 1 : Math.fround(x) < ens.threshold[g];
}

/**
 * Margin (log-odds) as the plain sum of the reached leaves plus the base margin, in float64.
 * The exported leaves are multiples of 2^-20, so this sum is exact and equals the ONNX Runtime
 * and XGBoost margins bit for bit (see training/credit/quantize.py). The served score still
 * comes from ONNX Runtime; this is the synchronous reference used by tests and TreeSHAP.
 */
export function treeMargin(ens: TreeEnsemble, row: ArrayLike<number>, offset = 0): number {
  let sum = ens.baseMargin;
  for (let t = 0; t < ens.treeCount; t++) {
    const base = ens.treeOffsets[t];
    let node = 0;
    while (ens.left[base + node] >= 0) {
      const g = base + node;
      node = goesLeft(ens, g, row, offset) ? ens.left[g] : ens.right[g];
    }
    sum += ens.threshold[base + node];
  }
  return sum;
}
