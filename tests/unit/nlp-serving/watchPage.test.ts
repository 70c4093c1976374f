import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFlipkart } from '@/lib/data/flipkart';
import { computeDatasetStats } from '@/lib/nlp/dataset';
import { dictionary } from '@/lib/i18n';
import {
  type Loaded,
  type NlpLatency,
  type NlpMetrics,
  type NlpSeedStudy,
  nlpLatency,
  nlpMetrics,
  nlpMetricsSchema,
  nlpSeedStudy,
  nlpSeedStudySchema,
} from '@/lib/nlp/report';
import type { NlpModelStatus } from '@/lib/nlp/service';
import { noteModel } from '@/lib/nlp/noteModel';
import { seedStudySentence, watchPageModel } from '@/lib/nlp/watchPage';

/** The /veille view-model from a metrics.json fixture (the quick run's, trimmed) and variations of it. */

const raw = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'metrics.quick.json'), 'utf8')) as Record<string, unknown>;
const dataset = computeDatasetStats(loadFlipkart());
const models: NlpModelStatus[] = (['tfidf', 'bert', 'roberta'] as const).map((name) => ({
  name,
  available: true,
  maxTokens: null,
  layers: null,
  heads: null,
  hiddenSize: null,
}));
const noLatency: Loaded<NlpLatency> = { ok: false, reason: 'missing', file: 'latency.json' };

function metrics(edit?: (m: NlpMetrics) => void): Loaded<NlpMetrics> {
  const m = nlpMetricsSchema.parse(structuredClone(raw));
  edit?.(m);
  return { ok: true, value: m, file: 'metrics.json' };
}

function page(m: Loaded<NlpMetrics>, latency: Loaded<NlpLatency> = noLatency, locale: 'fr' | 'en' = 'fr') {
  return watchPageModel({ locale, metrics: m, latency, dataset, models, attention: null });
}

describe('metrics.json reader', () => {
  it('reads the files of a models folder and says when they are missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlp-report-'));
    try {
      expect(nlpMetrics(dir)).toMatchObject({ ok: false, reason: 'missing' });
      fs.writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify(raw));
      const m = nlpMetrics(dir);
      expect(m.ok && m.value.labels).toHaveLength(7);
      fs.writeFileSync(path.join(dir, 'latency.json'), JSON.stringify({ format: 'wrong' }));
      expect(nlpLatency(dir)).toMatchObject({ ok: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/veille view-model', () => {
  it('builds the comparison table from metrics.json: the three models, per-class F1, best values marked', () => {
    const vm = page(metrics());
    const table = vm.results!.comparison;
    expect(table.columns).toEqual(['Mesure', 'TF-IDF', 'BERT', 'RoBERTa']);
    const f1 = table.rows.find((r) => r.header.startsWith('Macro-F1'))!;
    expect(f1.cells[0]).toBe('0,946 ± 0,010');
    expect(f1.best).toEqual([true, false, false]);
    for (const label of dataset.labels) expect(table.rows.some((r) => r.header === `F1 — ${label}`)).toBe(true);
    const size = table.rows.find((r) => r.header === 'Taille du modèle exporté')!;
    expect(size.cells).toEqual(['384\u00a0ko', '2,6\u00a0Mo', '4,7\u00a0Mo']);
  });

  it('takes the latency from latency.json when the benchmark has run, else from the export check', () => {
    const fromCheck = page(metrics()).results!;
    expect(fromCheck.comparison.rows.find((r) => r.header === 'Latence par texte, médiane')!.cells[1]).toBe('0,47\u00a0ms');
    expect(fromCheck.latencySource).toContain('contrôle d’export');
    const latency: Loaded<NlpLatency> = {
      ok: true,
      file: 'latency.json',
      value: {
        format: 'pad-nlp-latency/1',
        measuredAt: '2026-11-25T12:00:00.000Z',
        machine: { cpus: 2, cpuModel: 'Test CPU', node: 'v20' },
        texts: 1050,
        models: {
          tfidf: { p50: 0.3, p99: 1.2, n: 1050, batchSize: 32, batchTextsPerSecond: 3000 },
          bert: { p50: 12.5, p99: 40, n: 1050, batchSize: 32, batchTextsPerSecond: 90 },
          roberta: { p50: 13.5, p99: 45, n: 1050, batchSize: 32, batchTextsPerSecond: 80 },
        },
        rssMb: { allModelsLoaded: 400 },
      },
    };
    const r = page(metrics(), latency).results!;
    const p99 = r.comparison.rows.find((x) => x.header === 'Latence par texte, 99ᵉ centile')!;
    expect(p99.cells).toEqual(['1,2\u00a0ms', '40\u00a0ms', '45\u00a0ms']);
    expect(p99.best).toEqual([true, false, false]);
    expect(r.latencySource).toContain('npm run bench:nlp');
    expect(r.targets.filter((t) => t.text.includes('latence')).every((t) => t.status === 'met')).toBe(true);
  });

  it('draws one confusion matrix per served model whose table holds every product', () => {
    const r = page(metrics()).results!;
    expect(r.confusion.map((f) => f.id)).toEqual(['confusion-tfidf', 'confusion-bert', 'confusion-roberta']);
    for (const f of r.confusion) {
      const total = f.table.rows.reduce((a, row) => a + row.slice(1).reduce((s, c) => s + Number(c.replace(/\s/g, '')), 0), 0);
      expect(total).toBe(1050);
      expect(f.caption).toMatch(/classe correctement/);
    }
  });

  it('draws the pretraining curves of every recipe and describes the ablation', () => {
    const r = page(metrics()).results!;
    expect(r.lossFigure!.chart.data).toHaveLength(3);
    expect(r.accuracyFigure!.table.rows.length).toBeGreaterThan(3);
    expect(r.ablationTable!.rows[0].header).toBe('BERT + masquage dynamique');
    expect(r.ablationSentences[0]).toMatch(/ne change que le masquage/);
  });

  it('refuses to recommend from quick-mode models', () => {
    expect(page(metrics()).conclusion.recommendation).toMatch(/mode rapide/);
  });

  it('recommends the winner of a full run honestly: TF-IDF when it wins', () => {
    const vm = page(metrics((m) => (m.mode = 'full')));
    expect(vm.conclusion.recommendation).toMatch(/^Sur ce besoin, TF-IDF l’emporte \(0,946 de macro-F1\)/);
    expect(vm.results!.winner).toBe('Meilleur macro-F1 en validation croisée : TF-IDF (0,946).');
  });

  it('recommends the encoder when one wins, and says whether RoBERTa beats BERT beyond the fold spread', () => {
    const vm = page(
      metrics((m) => {
        m.mode = 'full';
        m.models.roberta.cv.macro_f1 = { mean: 0.97, std: 0.005 };
        m.models.bert.cv.macro_f1 = { mean: 0.92, std: 0.01 };
        m.winner = { by: 'cv macro-F1', model: 'roberta', scores: {} };
      }),
      noLatency,
      'en',
    );
    expect(vm.conclusion.recommendation).toMatch(/^For this need, RoBERTa wins \(0\.970 macro-F1, against 0\.946 for TF-IDF\)/);
    expect(vm.conclusion.recommendation).toContain('the RoBERTa recipe does better than the BERT recipe (+5.0 pt)');
    expect(vm.results!.bertVsRoberta).toContain('the gap exceeds the fold-to-fold variation');
    const targets = vm.results!.targets.filter((t) => t.text.includes('macro-F1'));
    // Per encoder: name + description (met), name alone (not measured in this file); then the best model on the name alone.
    expect(targets.map((t) => t.status)).toEqual(['met', 'unknown', 'met', 'unknown', 'unknown']);
  });

  it('warns when recipes come from published checkpoints or models are not cross-validated yet', () => {
    const r = page(
      metrics((m) => {
        m.pretrained_checkpoints = { roberta: '/data/hf/roberta-base' };
        m.not_cross_validated = { bert: {} };
        delete (m.models as Record<string, unknown>).bert;
      }),
    ).results!;
    expect(r.notices[0]).toContain('RoBERTa (roberta-base)');
    expect(r.notices[1]).toContain('BERT pas encore évalués');
    expect(r.comparison.columns).toEqual(['Mesure', 'TF-IDF', 'RoBERTa']);
    expect(r.bertVsRoberta).toBeNull();
    expect(r.confusion).toHaveLength(2);
  });

  it('says the results are pending when metrics.json is missing', () => {
    const vm = page({ ok: false, reason: 'missing', file: 'models/nlp/metrics.json' });
    expect(vm.results).toBeNull();
    expect(vm.metrics.ok).toBe(false);
    expect(vm.conclusion.recommendation).toMatch(/disponible quand/);
    expect(vm.concepts.paperTables.map((t) => t.id)).toEqual([
      'paper-masking',
      'paper-nsp',
      'paper-batch',
      'paper-glue',
      'paper-hyper',
      'paper-data',
    ]);
  });

  it('quotes the RoBERTa paper tables with French decimals', () => {
    const vm = page(metrics());
    const glue = vm.concepts.paperTables.find((t) => t.id === 'paper-glue')!;
    expect(glue.rows[1]).toEqual({ header: 'RoBERTa', cells: ['90,2', '94,7', '92,2', '86,6', '96,4', '90,9', '68,0', '92,4'] });
    const masking = vm.concepts.paperTables.find((t) => t.id === 'paper-masking')!;
    expect(masking.rows.map((r) => r.cells)).toEqual([
      ['76,3', '84,3', '92,8'],
      ['78,3', '84,3', '92,5'],
      ['78,7', '84,0', '92,9'],
    ]);
  });

  it('describes the dataset: 7 categories of 150, examples for the demo', () => {
    const vm = page(metrics());
    expect(vm.dataset.categories.rows).toHaveLength(7);
    expect(vm.dataset.intro).toMatch(/^1\s050 produits du catalogue Flipkart, 7 catégories de 150 produits/);
    expect(vm.demo.examples).toHaveLength(14);
    expect(new Set(vm.demo.examples.map((e) => e.label)).size).toBe(7);
  });
});

describe('fine-tuning seed study', () => {
  /** One transformer's study: each repetition's one fold macro-F1 and its mean, then the mean and spread of those means. */
  const seedModel = (folds: number[], means: number[], meanOfMeans: number, stdOfMeans: number) => ({
    repetitions: means.map((mean, i) => ({ fold_macro_f1: [folds[i]], mean })),
    mean_of_means: meanOfMeans,
    std_of_means: stdOfMeans,
  });
  const study: NlpSeedStudy = nlpSeedStudySchema.parse({
    format: 'pad-nlp-seed-study/1',
    seed: 13,
    folds: 5,
    models: {
      bert: seedModel([0.91, 0.9, 0.9], [0.9096, 0.9012, 0.8988], 0.9032, 0.0057),
      roberta: seedModel([0.9, 0.88, 0.9], [0.8957, 0.8841, 0.9003], 0.8934, 0.0083),
    },
  });
  const loaded: Loaded<NlpSeedStudy> = { ok: true, value: study, file: 'seed_study.json' };
  const full = () => metrics((m) => Object.assign(m, { mode: 'full' }));

  it('says, in both languages, each transformer’s mean per seed and the largest spread between seeds', () => {
    expect(seedStudySentence(study, 'fr', dictionary('fr').watch)).toContain(
      'avec 3 graines d’affinage en tout — mêmes plis, même protocole, mêmes encodeurs pré-entraînés — donne en moyenne BERT 0,903 (selon la graine : 0,910 / 0,901 / 0,899) ; RoBERTa 0,893 (selon la graine : 0,896 / 0,884 / 0,900). Changer seulement la graine déplace donc le macro-F1 moyen d’un modèle d’environ 1,6 point(s).',
    );
    expect(seedStudySentence(study, 'en', dictionary('en').watch)).toContain('they remain those of seed 13');
    expect(seedStudySentence(study, 'en', dictionary('en').watch)).toContain('BERT 0.903 (by seed: 0.910 / 0.901 / 0.899); RoBERTa 0.893');
  });

  it('is shown for a full run only, and only when the study has more than one seed', () => {
    expect(
      watchPageModel({ locale: 'fr', metrics: full(), latency: noLatency, seedStudy: loaded, dataset, models, attention: null }).results!.seedStudy,
    ).toContain('RoBERTa 0,893');
    expect(
      watchPageModel({ locale: 'fr', metrics: metrics(), latency: noLatency, seedStudy: loaded, dataset, models, attention: null }).results!
        .seedStudy,
    ).toBeNull();
    expect(page(full()).results!.seedStudy).toBeNull();
    const single = nlpSeedStudySchema.parse({
      ...study,
      models: { bert: { ...study.models.bert, repetitions: study.models.bert.repetitions.slice(0, 1) } },
    });
    expect(seedStudySentence(single, 'fr', dictionary('fr').watch)).toBeNull();
  });
});

describe('committed seed study (models/nlp/seed_study.json)', () => {
  it('has the pipeline’s own cross-validation (metrics.json) as its first repetition, fold by fold', () => {
    const study = nlpSeedStudy();
    const m = nlpMetrics();
    if (!study.ok || !m.ok) throw new Error(`models/nlp is incomplete: ${JSON.stringify([study, m].filter((x) => !x.ok))}`);
    // Issue #18: a grouped run carries its seeds in metrics.json; seed_study.json is then the previous protocol's.
    if (m.value.protocol.cv.grouped) return;
    for (const name of ['bert', 'roberta']) {
      const cv = m.value.models[name]!.cv.macro_f1;
      const first = study.value.models[name]!.repetitions[0];
      expect(first.fold_macro_f1).toEqual(cv.folds);
      expect(first.mean).toBeCloseTo(cv.mean, 12);
      expect(study.value.models[name]!.repetitions.length).toBeGreaterThanOrEqual(3);
    }
    expect(study.value.seed).toBe(m.value.protocol.cv.shuffle_seed);
  });
});

/**
 * Issue #18's metrics.json contract on /veille and /veille/note: grouped folds, both training
 * views, three fine-tuning seeds, scores on the product name alone (cv_name), the ablation left on
 * the previous protocol. The fixture is the committed full run's metrics.json (trimmed: no fold
 * map, no test ids, no training curves), read as it is (old shape) and with the new fields added.
 */

const committed = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'metrics.full.json'), 'utf8')) as Record<string, unknown>;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw JSON edited before validation

/** 15 (seed, fold) scores whose mean is `mean`: each seed's 5 folds spread around its own mean. */
function fifteen(seedMeans: readonly number[]): number[] {
  const offsets = [-0.01, 0.005, 0, 0.01, -0.005];
  return seedMeans.flatMap((s) => offsets.map((o) => s + o));
}

/** A cv block: accuracy and macro-F1 (mean ± std), per-seed means for the transformers, per-class F1, the confusion matrix. */
function cv(base: Json, f1: number, std: number, accuracy: number, seeds?: readonly number[], pooled = 1): Json {
  const seedList = [13, 1013, 2013];
  return {
    ...base,
    accuracy: { mean: accuracy, std, folds: seeds ? fifteen(seeds) : undefined },
    macro_f1: {
      mean: f1,
      std,
      folds: seeds ? fifteen(seeds) : [f1 - 0.01, f1 + 0.005, f1, f1 + 0.01, f1 - 0.005],
      ...(seeds ? { seeds: seeds.map((mean, i) => ({ seed: seedList[i], mean })) } : {}),
    },
    confusion_matrix: (base.confusion_matrix as number[][]).map((row) => row.map((v) => v * pooled)),
    n_predictions: 1050 * pooled,
  };
}

/** The committed file with issue #18's fields: realistic figures of a grouped, two-view, three-seed run. */
function newShape(): Json {
  const m = structuredClone(committed) as Json;
  Object.assign(m.protocol.cv, {
    grouped: true,
    groups: {
      rule: 'near-duplicates: word 5-gram Jaccard >= 0.5 on the lower-cased name + description; groups = connected components (training/nlp/groups.py)',
      count: 950,
      products_in_groups: 192,
    },
    train_views: 'both',
    seeds: [13, 1013, 2013],
    std: 'sample standard deviation over every (seed, fold) score: 15 for a transformer (5 folds × 3 seeds), 5 for TF-IDF',
  });
  Object.assign(m.protocol.holdout, { fold: 0, grouped: true, train_views: 'both', n_train: 838, n_test: 212 });
  const { tfidf, bert, roberta, bert_dynamic: dynamic } = m.models;
  tfidf.cv = cv(tfidf.cv, 0.931, 0.012, 0.932);
  tfidf.cv_name = cv(tfidf.cv, 0.842, 0.021, 0.846);
  tfidf.cv_protocol = 'grouped';
  bert.cv = cv(bert.cv, 0.897, 0.011, 0.898, [0.901, 0.895, 0.895], 3);
  bert.cv_name = cv(bert.cv, 0.87, 0.018, 0.872, [0.874, 0.868, 0.868]);
  bert.cv_protocol = 'grouped';
  roberta.cv = cv(roberta.cv, 0.889, 0.013, 0.89, [0.893, 0.884, 0.89], 3);
  roberta.cv_name = cv(roberta.cv, 0.861, 0.02, 0.862, [0.866, 0.857, 0.86]);
  roberta.cv_protocol = 'grouped';
  bert.holdout_name = { ...bert.holdout, macro_f1: 0.868, accuracy: 0.87 };
  dynamic.cv_protocol = 'stratified';
  m.winner = { by: 'cross-validated macro-F1 (mean)', model: 'tfidf', scores: { tfidf: 0.931, bert: 0.897, roberta: 0.889 } };
  return m;
}

function loaded(raw: Json): Loaded<NlpMetrics> {
  return { ok: true, value: nlpMetricsSchema.parse(raw), file: 'metrics.json' };
}

function page18(raw: Json, locale: 'fr' | 'en' = 'fr') {
  return watchPageModel({ locale, metrics: loaded(raw), latency: noLatency, dataset, models, attention: null });
}

/** Thin and no-break spaces (French number and unit separators) as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const row = (vm: ReturnType<typeof page18>, header: string) => vm.results!.comparison.rows.find((r) => r.header === header);

describe('/veille with issue #18’s metrics.json (grouped folds, both views, three seeds, name alone)', () => {
  it('shows macro-F1 and accuracy on the name alone beside name + description, best marked, with the protocol in the caption', () => {
    const fr = page18(newShape());
    expect(row(fr, 'Macro-F1, nom + description (moyenne ± écart-type)')!.cells).toEqual(['0,931 ± 0,012', '0,897 ± 0,011', '0,889 ± 0,013']);
    const name = row(fr, 'Macro-F1, nom seul (moyenne ± écart-type)')!;
    expect(name.cells).toEqual(['0,842 ± 0,021', '0,870 ± 0,018', '0,861 ± 0,020']);
    expect(name.best).toEqual([false, true, false]);
    expect(row(fr, 'Exactitude, nom seul (moyenne ± écart-type)')!.cells).toEqual(['0,846 ± 0,021', '0,872 ± 0,018', '0,862 ± 0,020']);
    expect(fr.results!.comparison.caption).toBe(
      'Comparaison TF-IDF, BERT et RoBERTa : validation croisée à 5 plis groupés (les quasi-doublons restent dans un même pli) ; modèles entraînés sur les deux vues (nom + description, et nom seul) ; moyenne ± écart-type sur 3 graines × 5 plis pour les encodeurs, sur 5 plis pour le TF-IDF (déterministe) ; ★ : meilleure valeur de la ligne',
    );
    const en = page18(newShape(), 'en');
    expect(row(en, 'Macro-F1, name alone (mean ± std)')!.cells).toEqual(['0.842 ± 0.021', '0.870 ± 0.018', '0.861 ± 0.020']);
    expect(en.results!.comparison.caption).toContain(
      'grouped 5-fold cross-validation (near-duplicates kept in one fold); models trained on both views',
    );
    expect(en.results!.comparison.caption).toContain('mean ± std over 3 seeds × 5 folds for the encoders, over 5 folds for TF-IDF (deterministic)');
  });

  it('a model without cv_name shows « — » on the name-alone rows and is never marked best there', () => {
    const raw = newShape();
    delete raw.models.roberta.cv_name;
    const name = row(page18(raw), 'Macro-F1, nom seul (moyenne ± écart-type)')!;
    expect(name.cells).toEqual(['0,842 ± 0,021', '0,870 ± 0,018', '—']);
    expect(name.best).toEqual([false, true, false]);
    // The pipeline writes null when a model has no name-alone score (t.get("cv_name")): read as absent, not as an invalid file.
    raw.models.tfidf.cv_name = null;
    raw.models.tfidf.holdout_name = null;
    expect(row(page18(raw), 'Macro-F1, nom seul (moyenne ± écart-type)')!.cells).toEqual(['—', '0,870 ± 0,018', '—']);
  });

  it('judges the targets on the means: name + description ≥ 0.90, name alone ≥ 0.85 per encoder, best on the name alone ≥ 0.90', () => {
    const targets = page18(newShape()).results!.targets;
    expect(targets.map((t) => [t.text, t.status, t.value])).toEqual([
      ['BERT : macro-F1 ≥ 0,90 sur nom + description (moyenne en validation croisée)', 'notMet', '0,897'],
      ['BERT : macro-F1 ≥ 0,85 sur le nom seul (moyenne en validation croisée)', 'met', '0,870'],
      ['BERT : latence médiane ≤ 30 ms par texte', 'met', '4,71\u00a0ms'],
      ['RoBERTa : macro-F1 ≥ 0,90 sur nom + description (moyenne en validation croisée)', 'notMet', '0,889'],
      ['RoBERTa : macro-F1 ≥ 0,85 sur le nom seul (moyenne en validation croisée)', 'met', '0,861'],
      ['RoBERTa : latence médiane ≤ 30 ms par texte', 'met', '5,06\u00a0ms'],
      ['Meilleur modèle sur le nom seul : macro-F1 ≥ 0,90 (moyenne en validation croisée)', 'notMet', 'BERT 0,870'],
    ]);
    const raw = newShape();
    raw.models.bert.cv_name.macro_f1.mean = 0.905;
    const en = page18(raw, 'en').results!.targets;
    expect(en.find((t) => t.text.startsWith('Best model on the name alone'))).toMatchObject({
      status: 'met',
      statusText: 'met',
      value: 'BERT 0.905',
    });
  });

  it('says the per-seed means from metrics.json, with the winner on the name alone', () => {
    const fr = page18(newShape()).results!;
    expect(fr.seedStudy).toContain('chaque encodeur est affiné avec 3 graines (13, 1013, 2013)');
    expect(fr.seedStudy).toContain('BERT 0,897 (selon la graine : 0,901 / 0,895 / 0,895) ; RoBERTa 0,889 (selon la graine : 0,893 / 0,884 / 0,890)');
    expect(fr.seedStudy).toContain('d’au plus 0,9 point(s)');
    expect(fr.winnerName).toBe('Sur le nom seul : BERT (0,870, contre 0,897 sur nom + description).');
    expect(fr.bertVsRoberta).toContain('l’écart reste dans la variation d’une graine et d’un pli à l’autre');
    expect(plain(fr.protocol)).toContain(
      'Validation croisée stratifiée par groupes à 5 plis sur les 1 050 produits : chaque produit est réuni avec ses quasi-doublons (192 produits en ont au moins un ; 950 groupes en tout ; deux produits sont quasi-doublons quand au moins la moitié de leurs suites de 5 mots du nom et de la description sont communes, indice de Jaccard ≥ 0,5',
    );
    expect(fr.protocol).not.toContain('near-duplicates'); // the rule is worded in the page's language, not metrics.json's
    expect(fr.protocol).toContain('Chaque produit d’entraînement est vu deux fois, nom + description puis nom seul');
    expect(fr.protocol).toContain('un pli groupé entier (212 produits)');
    expect(plain(fr.perClassNote)).toContain('(3 150 prédictions)');
    const en = page18(newShape(), 'en').results!;
    expect(en.seedStudy).toContain('BERT 0.897 (by seed: 0.901 / 0.895 / 0.895); RoBERTa 0.889 (by seed: 0.893 / 0.884 / 0.890)');
    expect(en.winnerName).toBe('On the name alone: BERT (0.870, against 0.897 on name + description).');
  });

  it('prefers metrics.json’s per-seed means to seed_study.json, which a grouped run does not quote (previous protocol)', () => {
    const study: Loaded<NlpSeedStudy> = {
      ok: true,
      file: 'seed_study.json',
      value: nlpSeedStudySchema.parse({
        format: 'pad-nlp-seed-study/1',
        seed: 13,
        folds: 5,
        models: {
          bert: {
            repetitions: [
              { fold_macro_f1: [0.91], mean: 0.91 },
              { fold_macro_f1: [0.9], mean: 0.9 },
            ],
            mean_of_means: 0.905,
            std_of_means: 0.007,
          },
        },
      }),
    };
    const withStudy = (raw: Json) =>
      watchPageModel({ locale: 'fr', metrics: loaded(raw), latency: noLatency, seedStudy: study, dataset, models, attention: null }).results!
        .seedStudy;
    expect(withStudy(newShape())).toContain('BERT 0,897 (selon la graine : 0,901 / 0,895 / 0,895)');
    const noSeeds = newShape();
    for (const n of ['bert', 'roberta']) delete noSeeds.models[n].cv.macro_f1.seeds;
    expect(withStudy(noSeeds)).toBeNull();
    expect(withStudy(structuredClone(committed) as Json)).toContain('BERT 0,905 (selon la graine : 0,910 / 0,900)');
  });

  it('draws name + description against the name alone per model, with its table', () => {
    const f = page18(newShape()).results!.f1ViewsFigure!;
    expect(f.chart.data.map((d) => d.name)).toEqual(['Nom + description', 'Nom seul']);
    expect(f.table.rows).toEqual([
      ['TF-IDF', '0,931', '0,012', '0,842', '0,021'],
      ['BERT', '0,897', '0,011', '0,870', '0,018'],
      ['RoBERTa', '0,889', '0,013', '0,861', '0,020'],
    ]);
    expect(f.caption).toContain(
      'Sur le nom seul, le meilleur est BERT (0,870). Écart du nom seul à nom + description : TF-IDF −8,9 pt ; BERT −2,7 pt ; RoBERTa −2,8 pt.',
    );
    const ids = page18(newShape()).results!.f1Figure;
    expect(ids.table.rows.map((r) => r[0])).toContain('BERT + masquage dynamique (protocole précédent)');
    expect((ids.chart.data[0] as { x: string[] }).x).toContain('BERT + masquage dynamique (protocole précédent)');
    expect(ids.caption).toContain('Le meilleur est TF-IDF (0,931)');
  });

  it('pools the confusion matrix over the seeds and says so', () => {
    const [tfidf, bert] = page18(newShape()).results!.confusion;
    expect(tfidf.caption).toMatch(/^TF-IDF classe correctement/);
    expect(plain(bert.caption)).toMatch(
      /^BERT : 2 865 prédictions justes sur 3 150 \(91,0 %\), chacun des 1 050 produits étant prédit une fois par graine \(3 graines\)/,
    );
  });

  it('marks the ablation’s figures as the previous protocol’s', () => {
    const fr = page18(newShape()).results!;
    expect(fr.ablationTable!.rows[0].cells.slice(3)).toEqual(['0,910 → 0,900 (protocole précédent)', '—']);
    expect(fr.ablationSentences[0]).toContain('(−1,0 pt)');
    expect(fr.ablationSentences[0]).toContain('Ces macro-F1 sont ceux du protocole précédent');
    const en = page18(newShape(), 'en').results!;
    expect(en.ablationTable!.rows[0].cells[3]).toBe('0.910 → 0.900 (previous protocol)');
  });

  it('compares an ablation run on the new protocol without the previous-protocol mark (the pipeline since issue #18)', () => {
    const raw = newShape();
    const dynamic = raw.models.bert_dynamic;
    dynamic.cv = cv(dynamic.cv, 0.902, 0.014, 0.903, [0.905, 0.9, 0.901], 3);
    dynamic.cv_name = cv(dynamic.cv, 0.875, 0.02, 0.876, [0.878, 0.873, 0.874]);
    dynamic.cv_protocol = 'grouped';
    delete dynamic.carried_from;
    Object.assign(raw.ablation.bert_dynamic, {
      cv_macro_f1: { bert: raw.models.bert.cv.macro_f1, bert_dynamic: dynamic.cv.macro_f1 },
      cv_name_macro_f1: { bert: raw.models.bert.cv_name.macro_f1, bert_dynamic: dynamic.cv_name.macro_f1 },
    });
    delete raw.ablation.bert_dynamic.carried_from;
    const fr = page18(raw).results!;
    expect(fr.ablationTable!.rows[0].cells.slice(3)).toEqual(['0,897 → 0,902', '0,870 → 0,875']);
    expect(fr.ablationTable!.columns[5]).toBe('Macro-F1, nom seul (référence → variante)');
    expect(fr.ablationSentences[0]).toContain('(+0,5 pt)');
    expect(fr.ablationSentences[0]).not.toContain('protocole précédent');
    expect(fr.comparison.rows.flatMap((r) => r.cells).join(' ')).not.toContain('protocole précédent');
  });

  it('recommends from name + description and adds the name alone, with the margin and whether it exceeds the spread', () => {
    const fr = page18(newShape()).conclusion.recommendation;
    expect(fr).toMatch(/^Sur ce besoin, TF-IDF l’emporte \(0,931 de macro-F1\)/);
    expect(fr).toContain(
      'la recette RoBERTa fait moins bien que la recette BERT (−0,8 pt) ; l’écart reste dans la variation entre graines et plis. Adopter',
    );
    expect(fr).toMatch(
      / Sur le nom seul, BERT fait le mieux \(0,870 de macro-F1\), 0,9 point\(s\) devant RoBERTa \(0,861\) ; l’écart reste dans la variation entre graines et plis\.$/,
    );
    const raw = newShape();
    raw.models.bert.cv_name.macro_f1.mean = 0.91;
    expect(page18(raw, 'en').conclusion.recommendation).toMatch(
      / On the name alone, BERT does best \(0\.910 macro-F1\), 4\.9 point\(s\) ahead of RoBERTa \(0\.861\)\.$/,
    );
  });

  it('tells the demo the models were trained on both views; the short-input warning compares with the names, a name-like text gets a note', () => {
    const fr = page18(newShape()).demo;
    expect(fr.trainedOn).toBe(
      'Les trois modèles ont été entraînés sur le nom suivi de la description de chaque produit (une centaine de mots en médiane) et sur le nom seul.',
    );
    expect(fr.shortInput).toContain('{p10}');
    expect(fr.shortInput).toContain('90 % des noms de produits sur lesquels les modèles ont appris');
    expect(fr.nameLike).toContain('Les modèles ont aussi appris sur des noms seuls');
    expect(fr.nameLike).toContain('{median}');
    expect(page18(newShape(), 'en').demo.trainedOn).toContain('and on the name alone.');
    const holdoutOnly = newShape();
    delete holdoutOnly.protocol.cv.train_views;
    expect(page18(holdoutOnly).demo.trainedOn).toContain('et sur le nom seul.');
  });

  it('writes the note’s protocol and evaluation for grouped folds and seeds', () => {
    const vm = page18(newShape());
    const note = noteModel({ locale: 'fr', page: vm, metrics: loaded(newShape()), dataset, dir: 'models/nlp' });
    expect(note.protocol[1]).toContain('Validation croisée stratifiée par groupes à 5 plis');
    expect(note.protocol[1]).not.toContain('partition stratifiée 80/20');
    expect(note.evaluation[0]).toContain(
      'sur le nom + description et sur le nom seul, en moyenne ± écart-type (échantillon) sur les 15 paires (graine, pli)',
    );
    expect(note.tables.comparison!.rows.some((r) => r.header === 'Macro-F1, nom seul (moyenne ± écart-type)')).toBe(true);
  });
});

describe('/veille with the committed metrics.json (issue #18’s fields absent)', () => {
  it('keeps today’s table, caption, sentences and demo wording, and says the name-alone targets are not measured', () => {
    const vm = page18(structuredClone(committed) as Json);
    const r = vm.results!;
    expect(r.comparison.rows.some((x) => x.header.includes('nom seul'))).toBe(false);
    expect(row(vm, 'Macro-F1, nom + description (moyenne ± écart-type)')!.cells).toEqual(['0,954 ± 0,014', '0,910 ± 0,006', '0,896 ± 0,012']);
    expect(r.comparison.caption).toBe('Comparaison TF-IDF, BERT et RoBERTa (validation croisée à 5 plis ; ★ : meilleure valeur de la ligne)');
    expect(plain(r.protocol)).toMatch(/^Validation croisée stratifiée à 5 plis sur les 1 050 produits/);
    expect(r.protocol).toContain('réentraînés sur 80 % des produits');
    expect(r.winnerName).toBeNull();
    expect(r.f1ViewsFigure).toBeNull();
    expect(r.seedStudy).toBeNull();
    expect(r.targets.map((t) => [t.status, t.value])).toEqual([
      ['met', '0,910, une seule graine d’affinage'],
      ['unknown', '—'],
      ['met', '4,71\u00a0ms'],
      ['notMet', '0,896, une seule graine d’affinage'],
      ['unknown', '—'],
      ['met', '5,06\u00a0ms'],
      ['unknown', '—'],
    ]);
    expect(r.ablationTable!.rows[0].cells[3]).toBe('0,910 → 0,900');
    expect(plain(r.confusion[1].caption)).toMatch(/^BERT classe correctement 955 produits sur 1 050/);
    expect(vm.conclusion.recommendation).toMatch(/pas d’un pré-entraînement maison\.$/);
    expect(vm.demo.trainedOn).toContain('pas sur un nom seul');
    expect(vm.demo.shortInput).toContain('Les modèles n’ont pas appris sur des textes aussi courts');
  });

  it('renders the models folder’s own metrics.json, whichever shape it has', () => {
    const m = nlpMetrics();
    if (!m.ok) throw new Error(`models/nlp/metrics.json: ${m.reason}`);
    for (const locale of ['fr', 'en'] as const) {
      const vm = watchPageModel({ locale, metrics: m, latency: nlpLatency(), dataset, models, attention: null });
      expect(vm.results!.comparison.rows.length).toBeGreaterThan(10);
      expect(vm.results!.targets.length).toBe(7);
      expect(vm.conclusion.recommendation.length).toBeGreaterThan(50);
    }
  });

  it('reads an unexpected training-views or protocol word as absent instead of refusing the whole file', () => {
    const raw = structuredClone(committed) as Json;
    raw.protocol.cv.train_views = 'names';
    raw.models.bert_dynamic.cv_protocol = 'other';
    const m = nlpMetricsSchema.parse(raw);
    expect(m.protocol.cv.train_views).toBeUndefined();
    expect(m.models.bert_dynamic.cv_protocol).toBeUndefined();
  });
});
