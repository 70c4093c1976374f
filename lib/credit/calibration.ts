/**
 * The calibration map from model margin (log-odds) to calibrated probability, as exported by
 * training/credit/calibration.py: isotonic (piecewise linear between points, clipped outside —
 * numpy.interp's formula) or Platt (sigmoid(a·m + b)).
 */

export type CalibrationData =
  | { readonly method: 'isotonic'; readonly x: readonly number[]; readonly y: readonly number[] }
  | { readonly method: 'platt'; readonly a: number; readonly b: number };

export type Calibrator = (margin: number) => number;

export function makeCalibrator(data: CalibrationData): Calibrator {
  if (data.method === 'platt') {
    const { a, b } = data;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a <= 0) throw new Error('calibration: Platt slope must be positive');
    return (m) => 1 / (1 + Math.exp(-(a * m + b)));
  }
  const x = Float64Array.from(data.x);
  const y = Float64Array.from(data.y);
  if (x.length === 0 || x.length !== y.length) throw new Error('calibration: isotonic map needs as many x as y');
  for (let i = 1; i < x.length; i++) {
    if (!(x[i] > x[i - 1]) || y[i] < y[i - 1]) throw new Error(`calibration: isotonic map is not increasing at point ${i}`);
  }
  const n = x.length;
  return (m) => {
    if (Number.isNaN(m)) return NaN;
    if (m <= x[0]) return y[0];
    if (m >= x[n - 1]) return y[n - 1];
    // largest j with x[j] <= m
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= m) lo = mid;
      else hi = mid;
    }
    const slope = (y[lo + 1] - y[lo]) / (x[lo + 1] - x[lo]);
    return slope * (m - x[lo]) + y[lo];
  };
}
