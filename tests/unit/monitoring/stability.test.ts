import { getCreditEngine } from '@/lib/credit/engine';
import { cellValue } from '@/lib/data/columnarTable';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { applicationQuality } from '@/lib/monitoring/quality';
import { psi, psiBand, rocAuc } from '@/lib/monitoring/psi';
import { newApplicationsReport, referenceProfile, StabilityAccumulator } from '@/lib/monitoring/stability';
import type { StabilityReport } from '@/lib/monitoring/types';

/** Model monitoring on the real data: PSI, stability reports, back-test inputs, quality flags. */

describe('PSI', () => {
  test('a hand-computed example, the floor for empty bins, the conventional bands', () => {
    // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.173287 + 0.101366
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.274653, 6);
    expect(psi([1, 1], [1, 1])).toBe(0);
    expect(psi([0, 10], [0, 10])).toBe(0); // a bin empty on both sides counts nothing
    expect(Number.isFinite(psi([10, 0], [5, 5]))).toBe(true); // floored, not infinite
    expect([psiBand(0.05), psiBand(0.1), psiBand(0.25), psiBand(0.26)]).toEqual(['stable', 'watch', 'watch', 'act']);
  });

  test('ROC AUC with ties', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 10);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
  });
});

describe('stability against the historical loans (real data)', () => {
  const store = getHomeCreditStore();

  function rowValues(
    fields: readonly string[],
    table: (typeof store)['train']['table'],
    row: number,
    edit?: (field: string, v: ReturnType<typeof cellValue>) => ReturnType<typeof cellValue>,
  ) {
    return fields.map((f) => {
      const column = table.byName.get(f);
      const v = column ? cellValue(column, row) : null;
      return edit ? edit(f, v) : v;
    });
  }

  /** PSI between the current shares of two reports, per field (the same bins). */
  function psiBetween(a: StabilityReport, b: StabilityReport): Map<string, number> {
    const byField = new Map(b.features.map((f) => [f.field, f]));
    return new Map(
      a.features.map((f) => [
        f.field,
        psi(
          f.bins.map((x) => x.current),
          byField.get(f.field)?.bins.map((x) => x.current) ?? [],
        ),
      ]),
    );
  }

  test('the out-of-fold probabilities line up with the training rows (their AUC is the cross-validated one)', async () => {
    const profile = await referenceProfile();
    const auc = rocAuc(profile.oof.probability, profile.oof.label) ?? 0;
    expect(auc).toBeGreaterThan(0.74);
    expect(auc).toBeLessThan(0.78);
    expect(profile.summary.count).toBe(store.train.table.rowCount);
  });

  test('a random half of the training set against the other half: every PSI below 0.1', async () => {
    const profile = await referenceProfile();
    const table = store.train.table;
    const halves = [new StabilityAccumulator(profile), new StabilityAccumulator(profile)];
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let r = 0; r < table.rowCount; r++) halves[random() < 0.5 ? 0 : 1].add(rowValues(profile.fields, table, r), profile.oof.probability[r]);
    const [a, b] = halves.map((h) => h.report('half'));
    const values = [...psiBetween(a, b).values()];
    expect(values).toHaveLength(profile.fields.length);
    expect(Math.max(...values)).toBeLessThan(0.1);
    expect(
      psi(
        a.score.bins.map((x) => x.current),
        b.score.bins.map((x) => x.current),
      ),
    ).toBeLessThan(0.1);
  });

  test('new applications with income × 3 and half of EXT_SOURCE_3 blanked: both flagged > 0.25, the untouched inputs unchanged', async () => {
    const profile = await referenceProfile();
    const engine = await getCreditEngine();
    const table = store.test.table;
    const original = await newApplicationsReport();
    const shifted = new StabilityAccumulator(profile);
    const apps: Record<string, ReturnType<typeof cellValue>>[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const values = rowValues(profile.fields, table, r, (f, v) => {
        if (f === 'AMT_INCOME_TOTAL' && typeof v === 'number') return v * 3;
        if (f === 'EXT_SOURCE_3' && r % 2 === 0) return null;
        return v;
      });
      apps.push(Object.fromEntries(profile.fields.map((f, i) => [f, values[i]])));
    }
    const scores = await engine.scoreApplications(apps as never);
    apps.forEach((app, r) =>
      shifted.add(
        profile.fields.map((f) => app[f]),
        scores[r].probability,
      ),
    );
    const report = shifted.report('shifted copy');
    const byField = new Map(report.features.map((f) => [f.field, f]));
    expect(byField.get('AMT_INCOME_TOTAL')?.psi).toBeGreaterThan(0.25);
    expect(byField.get('EXT_SOURCE_3')?.psi).toBeGreaterThan(0.25);
    expect(byField.get('AMT_INCOME_TOTAL')?.band).toBe('act');
    for (const f of original.features) {
      if (f.field === 'AMT_INCOME_TOTAL' || f.field === 'EXT_SOURCE_3') continue;
      expect({ field: f.field, psi: byField.get(f.field)?.psi }).toEqual({ field: f.field, psi: f.psi });
    }
  });

  test('the report for the new applications: every input, largest PSI first, summaries of both populations', async () => {
    const r = await newApplicationsReport();
    expect(r.current.count).toBe(store.test.table.rowCount);
    expect(r.reference.count).toBe(store.train.table.rowCount);
    expect(r.features.length).toBe((await referenceProfile()).fields.length);
    for (let i = 1; i < r.features.length; i++) expect(r.features[i - 1].psi).toBeGreaterThanOrEqual(r.features[i].psi);
    for (const f of r.features) {
      expect(f.bins.reduce((a, b) => a + b.reference, 0)).toBeCloseTo(1, 9);
      expect(f.bins.reduce((a, b) => a + b.current, 0)).toBeCloseTo(1, 9);
    }
  });
});

describe('input-quality flags', () => {
  test('crafted applications: out of the training range, a category never seen, a missing important input; a typical client is reliable', async () => {
    const store = getHomeCreditStore();
    let typical: Record<string, ReturnType<typeof cellValue>> | undefined;
    for (let r = 0; r < 200 && !typical; r++) {
      const app = store.get(store.train.ids[r]);
      if (app && (await applicationQuality(app.fields)).reliable) typical = app.fields;
    }
    expect(typical).toBeDefined();
    const base = typical as Record<string, ReturnType<typeof cellValue>>;
    const q = await applicationQuality({ ...base, AMT_INCOME_TOTAL: 1e9, NAME_INCOME_TYPE: 'Astronaut', EXT_SOURCE_3: null });
    expect(q.reliable).toBe(false);
    const kinds = Object.fromEntries(q.flags.map((f) => [f.field, f.kind]));
    expect(kinds).toEqual({ AMT_INCOME_TOTAL: 'out-of-range', NAME_INCOME_TYPE: 'unseen-category', EXT_SOURCE_3: 'missing-important' });
    const range = q.flags.find((f) => f.field === 'AMT_INCOME_TOTAL')?.range;
    expect(range?.[1]).toBeLessThan(1e9);
  });
});
