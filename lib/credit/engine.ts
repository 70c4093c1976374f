import { appConfig } from '../config/env';
import { type HomeCreditStore, getHomeCreditStore } from '../data/homeCreditStore';
import { type Contributions, CreditModel } from './creditModel';
import type { ExplainOptions } from './explanation';
import { fieldLabel, type Lang } from './fieldLabels';
import { LruCache } from './lruCache';
import { buildModelCard, loadModelReports, type ModelCard, type ModelReports } from './modelCard';
import { creditModelDir } from './paths';
import { computePopulationStats, type PopulationStats } from './population';
import type { Explanation, PopulationFeatures, RawApplication, Score, StoredExplanation, StoredScore } from './types';

/**
 * The credit engine's facade for the dashboard, the API routes and the CLIs. The model
 * (models/credit, or CREDIT_MODEL_DIR) is loaded once per process on first use; population
 * statistics and feature rows are computed once, on first need; explanations of stored clients
 * are cached (their values never change).
 *
 *   const scores = await scoreApplications(apps);              // validated apps (parseApplication)
 *   const e = await explainApplication(app, { lang: 'fr', top: 4 });
 *   const s = await explainStored(100002, { lang: 'en' });      // a client of the store
 *   const card = await modelCard('fr');
 */

/** Stored clients whose contributions are kept (≈ 1 KB each). */
const STORED_CACHE_SIZE = 20_000;
/** Complete explanations kept per (client, language, number of reasons) (≈ 15 KB each). */
const EXPLANATION_CACHE_SIZE = 2_000;

export class CreditEngine {
  private stats?: PopulationStats;
  private population?: PopulationFeatures;
  private populationScoreList?: Promise<readonly Score[]>;
  private reports?: ModelReports;
  private readonly cards = new Map<Lang, ModelCard>();
  private readonly storedMargins = new Map<number, number>();
  private readonly storedContributions = new LruCache<number, Contributions>(STORED_CACHE_SIZE);
  private readonly storedExplanations = new LruCache<string, StoredExplanation>(EXPLANATION_CACHE_SIZE);

  constructor(
    readonly model: CreditModel,
    private readonly storeProvider: () => HomeCreditStore = getHomeCreditStore,
  ) {}

  get store(): HomeCreditStore {
    return this.storeProvider();
  }

  /** Feature rows of the 63,444 historical loans (computed once). */
  populationFeatures(): PopulationFeatures {
    if (!this.population) {
      const train = this.store.train;
      this.population = {
        names: this.model.pipeline.names,
        rows: train.table.rowCount,
        cols: this.model.width,
        matrix: this.model.pipeline.tableMatrix(train.table),
        ids: train.ids,
        target: train.target as Float64Array,
      };
    }
    return this.population;
  }

  /** Quantiles and category shares of the training population, per explanation group (computed once). */
  populationStats(): PopulationStats {
    this.stats ??= computePopulationStats(this.store.train.table, this.model.spec, this.populationFeatures().matrix);
    return this.stats;
  }

  /**
   * Scores of every historical loan, in store row order (computed once): out of fold — each by the
   * cross-validation model that never saw it — when the model ships its fold models, else in-sample.
   */
  populationScores(): Promise<readonly Score[]> {
    this.populationScoreList ??= (async () => {
      const p = this.populationFeatures();
      if (this.model.foldOf(0) === undefined) return this.model.scoreFeatures(p.matrix, p.rows);
      return Array.from({ length: p.rows }, (_, r) => this.model.scoreOutOfFold(this.model.foldOf(r) as number, p.matrix, r * p.cols));
    })();
    return this.populationScoreList;
  }

  /**
   * Scores of applications by the final model, or by fold `fold`'s model and calibration when given:
   * edits of a historical loan (what-if, counterfactual) are scored by the model that produced its
   * served out-of-fold score, so "before" is what the page shows (see storedFold).
   */
  async scoreApplications(apps: readonly RawApplication[], fold?: number): Promise<Score[]> {
    if (fold === undefined) return this.model.scoreApplications(apps);
    const features = this.model.pipeline.matrix(apps);
    return apps.map((_, i) => this.model.scoreOutOfFold(fold, features, i * this.model.width));
  }

  /** Explanations by the final model, or by fold `fold`'s model when given (as scoreApplications). */
  async explainApplications(apps: readonly RawApplication[], options?: ExplainOptions, fold?: number): Promise<Explanation[]> {
    const features = this.model.pipeline.matrix(apps);
    const scores =
      fold === undefined
        ? await this.model.scoreFeatures(features, apps.length)
        : apps.map((_, i) => this.model.scoreOutOfFold(fold, features, i * this.model.width));
    const stats = this.populationStats();
    return apps.map((app, i) => {
      const c = this.model.contributions(features, i * this.model.width, undefined, fold);
      return this.model.explain(scores[i], c, app, stats, options);
    });
  }

  /** The fold whose model serves stored application `id` (a historical loan), undefined for a new application or an unknown id. */
  storedFold(id: number): number | undefined {
    return this.stored(id)?.fold;
  }

  async explainApplication(app: RawApplication, options?: ExplainOptions): Promise<Explanation> {
    return (await this.explainApplications([app], options))[0];
  }

  private stored(id: number) {
    const s = this.store.get(id);
    if (!s) return undefined;
    const fold = s.set === 'train' ? this.model.foldOf(s.row) : undefined;
    return { ...s, app: s.fields as RawApplication, fold };
  }

  async scoreStored(id: number): Promise<StoredScore | undefined> {
    const s = this.stored(id);
    if (!s) return undefined;
    const base = { id, set: s.set, target: s.target };
    if (s.fold !== undefined) {
      return { ...base, ...this.model.scoreOutOfFold(s.fold, this.model.pipeline.row(s.app)), scoreSource: 'out-of-fold', fold: s.fold };
    }
    let margin = this.storedMargins.get(id);
    if (margin === undefined) {
      margin = (await this.model.scorer.margins(this.model.pipeline.row(s.app), 1))[0];
      this.storedMargins.set(id, margin);
    }
    return { ...base, ...this.model.scoreOf(margin), scoreSource: 'final-model', fold: null };
  }

  async explainStored(id: number, options?: ExplainOptions): Promise<StoredExplanation | undefined> {
    const key = `${id}:${options?.lang ?? 'fr'}:${options?.top ?? 4}`;
    const cached = this.storedExplanations.get(key);
    if (cached) return cached;
    const s = this.stored(id);
    if (!s) return undefined;
    const score = await this.scoreStored(id);
    if (!score) return undefined;
    let c = this.storedContributions.get(id);
    if (!c) {
      // the model that produced the score explains it, so base value + contributions = its margin
      c = this.model.contributions(this.model.pipeline.row(s.app), 0, undefined, s.fold);
      this.storedContributions.set(id, c);
    }
    const plain: Score = { margin: score.margin, probability: score.probability, threshold: score.threshold, decision: score.decision };
    const e = this.model.explain(plain, c, s.app, this.populationStats(), options);
    const explanation: StoredExplanation = { ...e, id, set: score.set, target: score.target, scoreSource: score.scoreSource, fold: score.fold };
    this.storedExplanations.set(key, explanation);
    return explanation;
  }

  modelCard(lang: Lang = 'fr'): ModelCard {
    let card = this.cards.get(lang);
    if (!card) {
      this.reports ??= loadModelReports(this.model.bundle);
      card = buildModelCard(this.model.bundle, this.reports, this.model.index.groups.length, lang);
      this.cards.set(lang, card);
    }
    return card;
  }
}

const holder = globalThis as unknown as { __creditEngine?: Promise<CreditEngine> };

/** The process-wide engine, loaded on first use (survives hot reloads in development). */
export function getCreditEngine(): Promise<CreditEngine> {
  holder.__creditEngine ??= CreditModel.load(creditModelDir(), appConfig().creditOrtThreads).then(
    (model) => new CreditEngine(model),
    (err: unknown) => {
      holder.__creditEngine = undefined; // let a later call retry
      throw err;
    },
  );
  return holder.__creditEngine;
}

/** Loads the model, the store and the population statistics now (e.g. at server start), so that the first request is fast. */
export async function warmCreditEngine(): Promise<CreditEngine> {
  const engine = await getCreditEngine();
  engine.populationStats();
  return engine;
}

export async function scoreApplications(apps: readonly RawApplication[]): Promise<Score[]> {
  return (await getCreditEngine()).scoreApplications(apps);
}

export async function explainApplication(app: RawApplication, options?: ExplainOptions): Promise<Explanation> {
  return (await getCreditEngine()).explainApplication(app, options);
}

export async function explainApplications(apps: readonly RawApplication[], options?: ExplainOptions): Promise<Explanation[]> {
  return (await getCreditEngine()).explainApplications(apps, options);
}

export async function scoreStored(id: number): Promise<StoredScore | undefined> {
  return (await getCreditEngine()).scoreStored(id);
}

export async function explainStored(id: number, options?: ExplainOptions): Promise<StoredExplanation | undefined> {
  return (await getCreditEngine()).explainStored(id, options);
}

export async function modelCard(lang: Lang = 'fr'): Promise<ModelCard> {
  return (await getCreditEngine()).modelCard(lang);
}

export async function populationFeatures(): Promise<PopulationFeatures> {
  return (await getCreditEngine()).populationFeatures();
}

export async function populationStatistics(): Promise<PopulationStats> {
  return (await getCreditEngine()).populationStats();
}

export async function populationScores(): Promise<readonly Score[]> {
  return (await getCreditEngine()).populationScores();
}

/** The explanation groups (application fields, then engineered features), in model order. */
export async function explanationGroups(): Promise<readonly string[]> {
  return (await getCreditEngine()).model.index.groups;
}

export { fieldLabel };
export type { Lang, ExplainOptions, ModelCard, PopulationStats };
