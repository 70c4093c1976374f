import path from 'node:path';
import { type CalibrationData, makeCalibrator } from '@/lib/credit/calibration';
import { readJson } from '@/lib/credit/modelBundle';
import type { TrainingMetrics } from '@/lib/credit/modelCard';
import { metadata, modelDir, outOfFold } from './golden';

const meta = metadata();
const metrics = readJson<TrainingMetrics>(path.join(modelDir, meta.files.metrics));
const data = readJson<CalibrationData>(path.join(modelDir, meta.calibration.file));
const calibrate = makeCalibrator(data);

function cost(probability: Float64Array, label: Uint8Array, threshold: number) {
  let fn = 0;
  let fp = 0;
  for (let i = 0; i < label.length; i++) {
    const refuse = probability[i] >= threshold;
    if (label[i] === 1 && !refuse) fn++;
    if (label[i] === 0 && refuse) fp++;
  }
  return { fn, fp, cost: meta.costs.falseNegative * fn + meta.costs.falsePositive * fp };
}

describe('calibration map', () => {
  test('is monotone (non-decreasing) in the margin and stays within [0, 1]', () => {
    let prev = -Infinity;
    for (let m = -12; m <= 12; m += 0.001) {
      const p = calibrate(m);
      expect(p).toBeGreaterThanOrEqual(prev);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      prev = p;
    }
    expect(calibrate(-12)).toBeLessThan(calibrate(12));
  });

  test('isotonic maps interpolate linearly between points and clip outside; broken maps are refused', () => {
    const iso = makeCalibrator({ method: 'isotonic', x: [-1, 0, 2], y: [0.1, 0.2, 0.6] });
    expect(iso(-5)).toBe(0.1);
    expect(iso(0)).toBe(0.2);
    expect(iso(1)).toBeCloseTo(0.4, 15);
    expect(iso(9)).toBe(0.6);
    expect(() => makeCalibrator({ method: 'isotonic', x: [0, 1], y: [0.5, 0.4] })).toThrow(/not increasing/);
    const platt = makeCalibrator({ method: 'platt', a: 2, b: -1 });
    expect(platt(0.5)).toBe(0.5);
  });
});

describe('cost-optimal threshold', () => {
  const oof = outOfFold();

  test('the exported threshold reproduces the cost in metrics.json on the calibrated out-of-fold probabilities', () => {
    expect(oof.threshold).toBe(meta.threshold);
    expect(metrics.threshold.value).toBe(meta.threshold);
    const c = cost(oof.probability, oof.label, meta.threshold);
    expect(c.cost).toBe(metrics.threshold.cost);
    expect({ fn: c.fn, fp: c.fp }).toEqual({ fn: metrics.threshold.confusion.fn, fp: metrics.threshold.confusion.fp });
  });

  test('no other threshold does better, and it beats both trivial policies and the baseline', () => {
    const best = cost(oof.probability, oof.label, meta.threshold).cost;
    const candidates = [...new Set(oof.probability)].sort((a, b) => a - b);
    for (let i = 0; i < candidates.length; i += Math.max(1, Math.floor(candidates.length / 500))) {
      expect(cost(oof.probability, oof.label, candidates[i]).cost).toBeGreaterThanOrEqual(best);
    }
    const positives = oof.label.reduce((a, b) => a + b, 0);
    expect(metrics.threshold.acceptAll).toBe(10 * positives);
    expect(metrics.threshold.refuseAll).toBe(oof.label.length - positives);
    expect(best).toBeLessThan(metrics.threshold.acceptAll);
    expect(best).toBeLessThan(metrics.threshold.refuseAll);
    expect(best).toBeLessThan(metrics.baseline.oof.cost);
    console.log(
      `threshold ${meta.threshold} (1/11 = ${1 / 11}), cost ${best}, accept-all ${metrics.threshold.acceptAll}, refuse-all ${metrics.threshold.refuseAll}, baseline ${metrics.baseline.oof.cost}`,
    );
  });
});
