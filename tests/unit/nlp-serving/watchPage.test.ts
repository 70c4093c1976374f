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
    expect(targets.map((t) => t.status)).toEqual(['met', 'met']);
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
