import type { PsiBand } from './types';

/**
 * Population stability index of two distributions over the same bins:
 * PSI = Σ (actual − expected) · ln(actual / expected), on shares. An empty bin on one side would
 * make it infinite, so shares are floored at PSI_FLOOR (the usual practice of Evidently and of
 * credit-risk monitoring tools); bins empty on both sides count nothing.
 */
export const PSI_FLOOR = 1e-4;

/** The conventional bands (industry conventions, not statistical tests). */
export const PSI_WATCH = 0.1;
export const PSI_ACT = 0.25;

export function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/** PSI of `actual` against `expected`, both given as counts (or shares) per bin. */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) throw new Error('psi: the two distributions need the same bins');
  const e = shares(expected);
  const a = shares(actual);
  let sum = 0;
  for (let i = 0; i < e.length; i++) {
    if (e[i] === 0 && a[i] === 0) continue;
    const ei = Math.max(e[i], PSI_FLOOR);
    const ai = Math.max(a[i], PSI_FLOOR);
    sum += (ai - ei) * Math.log(ai / ei);
  }
  return sum;
}

export function psiBand(value: number): PsiBand {
  return value > PSI_ACT ? 'act' : value >= PSI_WATCH ? 'watch' : 'stable';
}

/** ROC AUC (Mann–Whitney, ties counted half) of scores against 0/1 labels; null with one class only. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
