import path from 'node:path';
import { block, readBlockFile } from '@/lib/credit/blockFile';
import { allApplicationScores } from '@/lib/analysis/scores';
import { type CreditEngine, getCreditEngine } from '@/lib/credit/engine';
import type { Explanation } from '@/lib/credit/types';

/**
 * Historical loans are served out of fold: the probability each one shows comes from the
 * cross-validation model that never saw it (and that fold's calibration map), so that the figures
 * an analyst compares with the real outcome are not flattered by a model that learnt them.
 */

let engine: CreditEngine;

beforeAll(async () => {
  engine = await getCreditEngine();
});

afterAll(async () => {
  await engine.model.release();
});

/** Mann–Whitney AUC (ties count one half). */
function auc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]] === score[idx[i]]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (label[idx[k]] === 1) {
        rankSum += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = idx.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

const additivityGap = (e: Explanation) => Math.abs(e.baseValue + e.contributions.reduce((a, c) => a + c.contribution, 0) - e.margin);

describe('out-of-fold scores of historical loans', () => {
  test('the model ships one fold model per cross-validation fold', () => {
    expect(engine.model.bundle.folds?.models.length).toBe(5);
    expect(engine.model.foldOf(0)).toBeGreaterThanOrEqual(0);
  });

  test('what is served for the 63,444 loans is the trainer’s out-of-fold probability; its AUC is the OOF AUC, below the in-sample one', async () => {
    const { bundle } = engine.model;
    const oof = readBlockFile(path.join(bundle.dir, bundle.metadata.files.oof), 'PADOOF01');
    const expected = block(oof, 'probability', Float64Array);
    const label = block(oof, 'label', Uint8Array);
    const served = Float64Array.from(await engine.populationScores(), (s) => s.probability);
    expect(served.length).toBe(expected.length);
    let gap = 0;
    for (let i = 0; i < served.length; i++) gap = Math.max(gap, Math.abs(served[i] - expected[i]));
    expect(gap).toBeLessThan(1e-9);
    expect(Math.abs(auc(served, label) - auc(expected, label))).toBeLessThanOrEqual(0.001);
    const p = engine.populationFeatures();
    const inSample = Float64Array.from(await engine.model.scoreFeatures(p.matrix, p.rows), (s) => s.probability);
    expect(auc(inSample, label)).toBeGreaterThan(auc(served, label) + 0.005);
  });

  test('a historical loan’s explanation comes from its fold model: base value + contributions = the served margin', async () => {
    const train = engine.store.train;
    for (let r = 0; r < train.table.rowCount; r += 6_301) {
      const id = train.ids[r];
      const [s, e] = await Promise.all([engine.scoreStored(id), engine.explainStored(id, { lang: 'en', top: 200 })]);
      expect(s?.scoreSource).toBe('out-of-fold');
      expect(s?.fold).toBe(engine.model.foldOf(r));
      expect(e?.margin).toBe(s?.margin);
      expect(e?.probability).toBe(s?.probability);
      if (e) expect(additivityGap(e)).toBeLessThan(1e-9);
    }
  });

  test('no stored application (63,444 historical + 48,744 new) gets a probability of exactly 0 or 1', async () => {
    const { train, test, trainSource } = await allApplicationScores(engine);
    expect(trainSource).toBe('out-of-fold');
    expect(train.length + test.length).toBe(112_188);
    const certain = [...train, ...test].filter((p) => !(p > 0 && p < 1));
    expect(certain).toEqual([]);
  });

  test('new applications keep the final model', async () => {
    const id = engine.store.test.ids[0];
    const s = await engine.scoreStored(id);
    expect(s).toMatchObject({ set: 'test', scoreSource: 'final-model', fold: null });
    const e = await engine.explainStored(id, { lang: 'fr' });
    if (e) expect(additivityGap(e)).toBeLessThan(1e-6);
  });
});
