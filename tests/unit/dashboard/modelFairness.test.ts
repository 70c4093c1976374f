import fs from 'node:fs';
import path from 'node:path';
import {
  buildFairnessCard,
  buildModelCard,
  fairnessOneLine,
  type FairnessFile,
  loadModelReports,
  parseTrainerJson,
  type TrainingMetrics,
} from '@/lib/credit/modelCard';
import type { ModelBundle, ModelMetadata } from '@/lib/credit/modelBundle';
import { fairnessSectionModel, FOUR_FIFTHS } from '@/lib/dashboard/modelFairness';
import { modelPageModel } from '@/lib/dashboard/modelPage';
import { modelReportFromCard } from '@/lib/dashboard/modelReport';

/**
 * The fairness view-model of the Modèle page, built from a model trained with --quick
 * (fixtures/fairness-model: its fairness.json whole, metrics.json and metadata.json trimmed).
 */

const DIR = path.join(__dirname, 'fixtures', 'fairness-model');
const read = <T>(name: string) => parseTrainerJson<T>(fs.readFileSync(path.join(DIR, name), 'utf8'));
const fairnessFile = read<FairnessFile>('fairness.json');
const metrics = read<TrainingMetrics>('metrics.json');
const NB = '\u00a0';

function bundle(dir: string, files?: Partial<ModelMetadata['files']>): ModelBundle {
  const metadata = read<ModelMetadata>('metadata.json');
  return { dir, metadata: { ...metadata, files: { ...metadata.files, ...files } } } as unknown as ModelBundle;
}

describe('reading the trainer’s JSON', () => {
  test('Infinity and NaN (written by Python’s json) are read as null, strings untouched', () => {
    const doc = parseTrainerJson<{ a: number | null; b: (number | null)[]; c: string; d: number }>(
      '{"a": Infinity, "b": [1, -Infinity, NaN], "c": "Infinity", "d": 2}',
    );
    expect(doc).toEqual({ a: null, b: [1, null, null], c: 'Infinity', d: 2 });
  });

  test('fairness.json is optional: a model without one gets fairness null, the others get it', () => {
    expect(loadModelReports(bundle(DIR)).fairness).not.toBeNull();
    expect(loadModelReports(bundle(DIR, { fairness: undefined })).fairness).toBeNull();
    expect(loadModelReports(bundle(DIR, { fairness: 'missing.json' })).fairness).toBeNull();
    expect(metrics.calibration.methods.isotonic.crossFitted.logLoss).toBeNull();
  });
});

describe('the fairness card', () => {
  const card = buildFairnessCard(fairnessFile, metrics.fairnessPrice, 'fr');

  test('the current model comes first, then the paired variants and the previous model', () => {
    expect(card.variants.map((v) => v.variant)).toEqual(['withoutProtected', 'withProtected', 'withoutStrongestProxies', 'previousModel']);
    expect(card.variants[3].version).toBe(fairnessFile.variants.previousModel?.version);
    expect(card.price.map((p) => p.variant)).toEqual(['withoutProtected', 'withProtected', 'withoutStrongestProxies', 'previousModel']);
    expect(card.price[3].figures.logLoss).toBeNull(); // infinite for the isotonic previous model
  });

  test('groups carry their label in the page language', () => {
    const current = card.variants[0];
    const sex = current.attributes.find((a) => a.attribute === 'sex');
    const age = current.attributes.find((a) => a.attribute === 'ageBand');
    expect(sex?.groups.map((g) => g.label)).toEqual(['autre', 'femme', 'homme']);
    expect(age?.groups[0].label).toBe('moins de 25 ans');
    expect(age?.groups.at(-1)?.label).toBe('65 ans et plus');
    const en = buildFairnessCard(fairnessFile, metrics.fairnessPrice, 'en');
    expect(en.variants[0].attributes.find((a) => a.attribute === 'ageBand')?.groups[1].label).toBe('25–34');
  });

  test('the one-line summary reads its ratios from the file', () => {
    const current = fairnessFile.variants.withoutProtected.fairness.by;
    const line = fairnessOneLine(card, 'fr');
    expect(line).toContain(current.ageBand?.demographicParityRatio?.toFixed(2).replace('.', ','));
    expect(line).toContain('tranche d’âge');
    expect(fairnessOneLine(null, 'en')).toContain('Not measured');
  });
});

describe('the « Équité » section of the Modèle page', () => {
  const card = buildFairnessCard(fairnessFile, metrics.fairnessPrice, 'fr');
  const vm = fairnessSectionModel(card, 'fr');

  test('a model without fairness.json says the section is not available', () => {
    const none = fairnessSectionModel(null, 'en');
    expect(none.available).toBe(false);
    if (!none.available) expect(none.message).toMatch(/no fairness\.json/);
  });

  test('one section per attribute, each with a table per variant and the current model first', () => {
    if (!vm.available) throw new Error('fairness expected');
    expect(vm.attributes.map((a) => a.heading)).toEqual(['Sexe', 'Tranche d’âge', 'Situation familiale']);
    for (const a of vm.attributes) {
      expect(a.tables.map((t) => t.variant)).toEqual(['withoutProtected', 'withProtected', 'withoutStrongestProxies', 'previousModel']);
      expect(a.tables[0].table.columns).toHaveLength(10);
      for (const row of a.tables[0].table.rows) expect(row.cells).toHaveLength(9);
    }
    expect(vm.definitions.map((d) => d.term)).toContain('Ratio de parité démographique (demographic_parity_ratio)');
    expect(vm.intro).toContain('CODE_GENDER');
  });

  test('groups too small to compare are marked « trop peu de prêts pour conclure »', () => {
    if (!vm.available) throw new Error('fairness expected');
    const sex = vm.attributes[0].tables[0].table;
    expect(sex.rows[0].header).toBe('autre');
    expect(sex.rows[0].note).toBe('trop peu de prêts pour conclure');
    expect(sex.rows[1].note).toBeNull();
  });

  test('the chart draws the four-fifths line at 0.8 × the highest comparable approval rate, and has its text equivalent', () => {
    if (!vm.available) throw new Error('fairness expected');
    const age = vm.attributes[1];
    const groups = fairnessFile.variants.withoutProtected.fairness.by.ageBand?.groups ?? [];
    const highest = Math.max(...groups.filter((g) => g.comparable).map((g) => g.approvalRate));
    const shape = (age.chart.chart.layout.shapes ?? [])[0];
    expect(shape?.y0).toBeCloseTo(FOUR_FIFTHS * highest, 12);
    expect(age.chart.label).toMatch(/quatre cinquièmes/);
    expect(age.chart.table.rows).toHaveLength(groups.length);
  });

  test('where the rule is not met the text gives the ratio, the observed default rates and what was tried, all from the file', () => {
    if (!vm.available) throw new Error('fairness expected');
    const age = vm.attributes[1];
    const by = (v: 'withoutProtected' | 'withProtected' | 'withoutStrongestProxies') =>
      fairnessFile.variants[v]?.fairness.by.ageBand?.demographicParityRatio ?? NaN;
    const fr = (x: number) => x.toFixed(2).replace('.', ',');
    expect(age.ruleMet).toBe(false);
    expect(age.rule).toContain(`${fr(by('withoutProtected'))} du taux`);
    expect(age.rule).toContain(`avec eux : ${fr(by('withProtected'))}`);
    expect(age.rule).toContain(fr(by('withoutStrongestProxies')));
    const under25 = fairnessFile.variants.withoutProtected.fairness.by.ageBand?.groups[0];
    expect(age.rule).toContain(`moins de 25 ans ${((under25?.defaultRate ?? 0) * 100).toFixed(1).replace('.', ',')}${NB}%`);
    expect(vm.attributes[0].rule).toBe('La règle des quatre cinquièmes est respectée (ratio ≥ 0,8).');
  });

  test('the price of fairness and the proxies', () => {
    if (!vm.available) throw new Error('fairness expected');
    expect(vm.price?.rows).toHaveLength(4);
    expect(vm.price?.rows[3].cells[4]).toBe('infinie');
    expect(vm.proxies?.table.rows.map((r) => r.header)).toEqual(['Sexe', 'Tranche d’âge']);
    expect(vm.proxies?.table.rows[0].cells[0]).toBe(fairnessFile.proxies.sex?.auc?.toFixed(3).replace('.', ','));
    // The decision about the strongest proxies quotes both variants' figures from metrics.json.
    const price = metrics.fairnessPrice as Record<string, { rocAuc: number }>;
    expect(vm.proxies?.decision).toContain(price.withoutProtected.rocAuc.toFixed(3).replace('.', ','));
    expect(vm.proxies?.decision).toContain(price.withoutStrongestProxies.rocAuc.toFixed(3).replace('.', ','));
    expect(vm.affordability).toMatch(/enfants.*taille du foyer.*revenu par membre/);
  });
});

describe('the model card and the Modèle page model', () => {
  const reports = loadModelReports(bundle(DIR));

  test('calibration candidates with log-loss, Brier, ECE and the selection rule', () => {
    const card = buildModelCard(bundle(DIR), reports, 10, 'en');
    expect(card.calibration.selection).toBe(metrics.calibration.selection);
    expect(card.calibration.candidates.map((c) => c.method)).toEqual(['isotonic', 'isotonic-bounded', 'platt']);
    expect(card.calibration.candidates.find((c) => c.chosen)?.method).toBe(metrics.calibration.method);
    const vm = modelPageModel(modelReportFromCard(card), 'en');
    expect(vm.calibration.rows[0].cells[0]).toBe('infinite');
    expect(vm.calibration.selection).toBe(`Selection rule: ${metrics.calibration.selection}.`);
  });

  test('limits: coverage from the metadata, uses to avoid, fairness in one line, version', () => {
    const card = buildModelCard(bundle(DIR), reports, 10, 'fr');
    expect(card.limits.data.rows).toBe(63444);
    expect(card.limits.coverage).toContain(`63${NB}444 prêts étiquetés`);
    // 63,444 of the full application_train's 307,511 rows.
    expect(card.limits.data.sampleShare).toBeCloseTo(63444 / 307511, 12);
    expect(card.limits.coverage).toContain(`20,6${NB}%`);
    expect(card.limits.notFor).toHaveLength(3);
    const vm = modelPageModel(modelReportFromCard(card), 'fr');
    expect(vm.limits.map((l) => l.label)).toEqual(['Données', 'À ne pas utiliser pour', 'Équité', 'Entraînement']);
    expect(vm.limits[3].text).toContain(card.version);
    expect(vm.fairness.available).toBe(true);
  });
});
