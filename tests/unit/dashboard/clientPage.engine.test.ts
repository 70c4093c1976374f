import fs from 'node:fs';
import path from 'node:path';
import { nearestCounterfactual } from '@/lib/analysis/counterfactual';
import { SHAP_SAMPLES, shapSample } from '@/lib/analysis/shapSample';
import { MODEL_NEIGHBOUR_INDEXES, SIMILARITY_TOP_GROUPS, similarClientsByModel } from '@/lib/analysis/similar';
import { CreditEngine, getCreditEngine } from '@/lib/credit/engine';
import { creditModelDir } from '@/lib/credit/paths';
import type { RawApplication } from '@/lib/credit/types';
import { clientPageModel, findApplication } from '@/lib/dashboard/clientPage';
import { parseClientView } from '@/lib/dashboard/view';

/** With the trained model (models/credit); skipped while it is not trained. */
const hasModel = fs.existsSync(path.join(creditModelDir(), 'metadata.json'));
const withModel = hasModel ? describe : describe.skip;

withModel('client page with the trained credit model', () => {
  jest.setTimeout(120_000);

  test('similar clients in the model space: k rows, nearest first, the client itself excluded', async () => {
    const engine = await getCreditEngine();
    const app = findApplication(100002)!;
    const s = similarClientsByModel(engine, app.fields, { k: 10, excludeRow: app.row });
    expect(s.neighbours).toHaveLength(10);
    expect(s.neighbours.some((n) => n.row === app.row)).toBe(false);
    for (let i = 1; i < 10; i++) expect(s.neighbours[i].distance).toBeGreaterThanOrEqual(s.neighbours[i - 1].distance);
    expect(s.features).toEqual(
      engine
        .modelCard('fr')
        .importance.slice(0, 10)
        .map((i) => i.field),
    );
    // Without exclusion the client is its own nearest neighbour.
    expect(similarClientsByModel(engine, app.fields, { k: 1 }).neighbours[0]).toMatchObject({ row: app.row });
  });

  test('the engine keeps the model-space neighbour index; another engine builds its own', async () => {
    const engine = await getCreditEngine();
    const groups = engine
      .modelCard('fr')
      .importance.slice(0, SIMILARITY_TOP_GROUPS)
      .map((g) => g.field)
      .join('|');
    const first = similarClientsByModel(engine, findApplication(100002)!.fields, { k: 1 });
    const held = engine.derived(MODEL_NEIGHBOUR_INDEXES, groups, () => {
      throw new Error('not kept by the engine');
    });
    // Both searches used the very index the engine holds (features is the index's own array).
    expect(first.features).toBe(held.groups);
    expect(similarClientsByModel(engine, findApplication(100003)!.fields, { k: 1 }).features).toBe(held.groups);
    const other = new CreditEngine(engine.model);
    const own = similarClientsByModel(other, findApplication(100002)!.fields, { k: 1 });
    expect(own.features).not.toBe(held.groups);
    expect(own.neighbours).toEqual(first.neighbours);
  });

  test('the engine keeps the SHAP sample of the model page; another engine computes its own, equal', async () => {
    const engine = await getCreditEngine();
    const sample = shapSample(engine, 20, 7);
    const held = engine.derived(SHAP_SAMPLES, '20:7', () => {
      throw new Error('not kept by the engine');
    });
    expect(held).toBe(sample);
    expect(shapSample(engine, 20, 7)).toBe(sample);
    const other = shapSample(new CreditEngine(engine.model), 20, 7);
    expect(other).not.toBe(sample);
    expect(other).toEqual(sample);
  });

  test('the nearest counterfactual of refused clients really flips the decision under the model', async () => {
    const engine = await getCreditEngine();
    const scores = await engine.populationScores();
    const t = engine.model.threshold;
    // Refused historical clients just above the threshold (the ones a small change can help).
    const rows = scores.flatMap((s, row) => (s.probability >= t && s.probability < t + 0.02 ? [row] : [])).slice(0, 8);
    expect(rows.length).toBeGreaterThan(0);
    let found = 0;
    for (const row of rows) {
      const id = engine.store.train.ids[row];
      const app = findApplication(id)!.fields as RawApplication;
      // Scored by the fold model that produced the served out-of-fold score, as the page does.
      const fold = engine.storedFold(id);
      expect(fold).toBe(engine.model.foldOf(row));
      const score = (apps: readonly RawApplication[]) => engine.scoreApplications(apps, fold);
      expect((await score([app]))[0].probability).toBeCloseTo(scores[row].probability, 9);
      const r = await nearestCounterfactual(app, score, t);
      expect(r.status).not.toBe('accepted');
      for (const o of r.options) {
        const changed = { ...app, ...Object.fromEntries(o.changes.map((c) => [c.field, c.to])) };
        const [s] = await score([changed]);
        expect(s.decision).toBe('accept');
        expect(s.probability).toBeCloseTo(o.probability, 12);
      }
      if (r.status === 'found') found++;
    }
    expect(found).toBeGreaterThan(0);
  });

  test('the view-model agrees with the engine (decision, probability, threshold, top factors)', async () => {
    const engine = await getCreditEngine();
    const app = findApplication(100002)!;
    const e = (await engine.explainStored(100002, { lang: 'fr' }))!;
    const m = await clientPageModel(app, 'fr', parseClientView({ n: '5' }), new Date(Date.UTC(2025, 10, 25)));
    expect(m.model).not.toBeNull();
    expect(m.model!.decision.decision).toBe(e.decision);
    expect(m.model!.decision.probability).toBe(`${(e.probability * 100).toFixed(1).replace('.', ',')}\u00a0%`);
    expect(m.model!.explanation.topFields).toEqual(e.contributions.slice(0, 5).map((c) => c.field));
    expect(m.model!.explanation.figure.table.rows).toHaveLength(5 + 3);
    expect(m.comparison.feature).toBe(e.contributions[0].field);
    expect(m.neighbours.rows).toHaveLength(10);
    expect(m.modelVersion).toBe(`Version du modèle : ${engine.modelCard('fr').version}`);
    expect(m.printedOn).toBe('Synthèse éditée le 25 novembre 2025');
  });
});
