import path from 'node:path';
import { makeCalibrator, type CalibrationData } from '@/lib/credit/calibration';
import { readJson } from '@/lib/credit/modelBundle';
import { openMarginScorer } from '@/lib/credit/onnxScorer';
import { loadTreeEnsemble, treeMargin } from '@/lib/credit/treeModel';
import { buildShapTables, shapScratch, treeShap } from '@/lib/credit/treeShap';
import { treeShapReference } from '@/lib/credit/treeShapReference';
import { goldenClients, goldenRow, metadata, modelDir } from './golden';

/**
 * Parity of the served model with XGBoost on the golden clients (a few hundred train and test
 * clients exported by the trainer with XGBoost's own margins and pred_contribs).
 */

const meta = metadata();
const golden = goldenClients();
const ensemble = loadTreeEnsemble(path.join(modelDir, meta.files.trees));
const tables = buildShapTables(ensemble);
const scratch = shapScratch(tables);
const calibrate = makeCalibrator(readJson<CalibrationData>(path.join(modelDir, meta.calibration.file)));
const width = meta.features.length;
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

let ortMargins: Float32Array;

beforeAll(async () => {
  const scorer = await openMarginScorer(path.join(modelDir, meta.onnx.file), width);
  const all = new Float32Array(golden.length * width);
  golden.forEach((c, i) => all.set(goldenRow(c), i * width));
  ortMargins = await scorer.margins(all, golden.length);
  // single-row calls go through the same session (gathered per event-loop turn)
  const single = await Promise.all(golden.slice(0, 20).map((c) => scorer.margins(goldenRow(c), 1)));
  single.forEach((m, i) => expect(m[0]).toBe(ortMargins[i]));
  await scorer.release();
});

describe('ONNX model vs XGBoost', () => {
  test('margins agree within 1e-6 (the quantised leaves make them identical)', () => {
    const xgb = golden.map((c) => Math.fround(c.margin));
    const diff = maxAbs(ortMargins, xgb);
    console.log(`ONNX vs XGBoost margin: max |diff| = ${diff} over ${golden.length} clients`);
    expect(diff).toBeLessThanOrEqual(1e-6);
  });

  test('calibrated probabilities agree within 1e-6', () => {
    const diff = maxAbs(
      Array.from(ortMargins, (m) => calibrate(m)),
      golden.map((c) => c.probability),
    );
    console.log(`ONNX vs XGBoost calibrated probability: max |diff| = ${diff}`);
    expect(diff).toBeLessThanOrEqual(1e-6);
  });

  test('the TypeScript sum of leaves reproduces the ONNX margin exactly', () => {
    golden.forEach((c, i) => expect(treeMargin(ensemble, goldenRow(c))).toBe(ortMargins[i]));
  });
});

describe('TreeSHAP', () => {
  const phi = new Float64Array(width + 1);

  test('equals XGBoost pred_contribs within 1e-5 on every golden client', () => {
    let diff = 0;
    for (const c of golden) {
      treeShap(tables, goldenRow(c), phi, scratch, 0);
      diff = Math.max(diff, maxAbs(phi, c.contribs));
    }
    console.log(`TreeSHAP vs XGBoost pred_contribs: max |diff| = ${diff}`);
    expect(diff).toBeLessThanOrEqual(1e-5);
  });

  test('contributions + base value = served margin within 1e-6 (additivity)', () => {
    let diff = 0;
    golden.forEach((c, i) => {
      const margin = treeShap(tables, goldenRow(c), phi, scratch, 0);
      let sum = 0;
      for (const v of phi) sum += v;
      diff = Math.max(diff, Math.abs(sum - ortMargins[i]), Math.abs(sum - margin));
    });
    console.log(`TreeSHAP additivity: max |base + Σφ − margin| = ${diff}`);
    expect(diff).toBeLessThanOrEqual(1e-6);
  });

  test('the precomputed algorithm equals Lundberg et al.’s Algorithm 2 (reference implementation)', () => {
    for (const c of golden.filter((_, i) => i % 25 === 0)) {
      const row = goldenRow(c);
      treeShap(tables, row, phi, scratch, 0);
      expect(maxAbs(phi, treeShapReference(ensemble, row))).toBeLessThanOrEqual(1e-9);
    }
  });

  test('a feature the row does not use on any path gets no contribution; a changed feature moves its own', () => {
    const row = goldenRow(golden[0]);
    const used = new Set(ensemble.feature.filter((f) => f >= 0));
    treeShap(tables, row, phi, scratch, 0);
    for (let j = 0; j < width; j++) if (!used.has(j)) expect(phi[j]).toBe(0);
  });
});
