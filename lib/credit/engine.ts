import { appConfig } from '../config/env';
import { type HomeCreditStore, getHomeCreditStore } from '../data/homeCreditStore';
import { type Contributions, CreditModel } from './creditModel';
import type { ExplainOptions } from './explanation';
import type { Lang } from './fieldLabels';
import { LruCache } from './lruCache';
import { buildModelCard, loadModelReports, type ModelCard, type ModelReports } from './modelCard';
import { creditModelDir } from './paths';
import { computePopulationStats, type PopulationStats } from './population';
import type { Explanation, PopulationFeatures, RawApplication, Score, StoredExplanation, StoredScore } from './types';

/**
 * The credit engine: the one owner of what the credit model computes in a process. The model
 * (models/credit, or CREDIT_MODEL_DIR) is loaded once on first use; population features,
 * statistics and scores are computed once, on first need; per-client results (contributions,
 * explanations, and the results computed above this layer, such as counterfactuals, through
 * `clientCache`) are kept in bounded LRUs; population-wide data derived above this layer (the
 * similarity and id indexes, through `derived`) once per kind and key; all gone with the engine
 * when the model changes.
 *
 *   const engine = await creditEngineOrNull();        // null while the model cannot be loaded
 *   const e = await engine.explainStored(100002, { lang: 'en' });
 *   const scores = await engine.scoreApplications(apps); // validated applications
 */

/** Stored clients whose contributions are kept (≈ 1 KB each). */
const STORED_CACHE_SIZE = 20_000;
/** Complete explanations kept per (client, language, number of reasons) (≈ 15 KB each). */
const EXPLANATION_CACHE_SIZE = 2_000;

/** A kind of per-client result the engine keeps (clientCache): one constant per kind, typed by what it holds. */
export class ClientCacheKind<T> {
  declare private readonly holds?: T;
  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}
}

/** A kind of population-wide data derived above this layer that the engine keeps (derived): one constant per kind, typed by what it holds. */
export class DerivedKind<T> {
  declare private readonly holds?: T;
  constructor(readonly name: string) {}
}

export class CreditEngine {
  private stats?: PopulationStats;
  private population?: PopulationFeatures;
  private populationScoreList?: Promise<readonly Score[]>;
  private reports?: ModelReports;
  private readonly cards = new Map<Lang, ModelCard>();
  private readonly storedMargins = new Map<number, number>();
  private readonly storedContributions = new LruCache<number, Contributions>(STORED_CACHE_SIZE);
  private readonly storedExplanations = new LruCache<string, StoredExplanation>(EXPLANATION_CACHE_SIZE);
  private readonly clientCaches = new Map<ClientCacheKind<unknown>, LruCache<number, unknown>>();
  private readonly derivedData = new Map<DerivedKind<unknown>, Map<string, unknown>>();
  private historical?: Promise<Float64Array>;
  private newApplications?: Promise<Float64Array>;

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

  /** Calibrated probabilities of the historical loans, in store row order (those of populationScores, computed once). */
  historicalProbabilities(): Promise<Float64Array> {
    this.historical ??= this.populationScores().then((scores) => Float64Array.from(scores, (s) => s.probability));
    return this.historical;
  }

  /** Calibrated probabilities of the new applications (the store's test set) by the final model, in store row order (computed once). */
  newApplicationProbabilities(): Promise<Float64Array> {
    this.newApplications ??= (async () => {
      const table = this.store.test.table;
      const scores = await this.model.scoreFeatures(this.model.pipeline.tableMatrix(table), table.rowCount);
      return Float64Array.from(scores, (s) => s.probability);
    })();
    this.newApplications.catch(() => (this.newApplications = undefined));
    return this.newApplications;
  }

  /**
   * The engine's bounded cache of one kind of per-client result computed above this layer (e.g. the
   * counterfactual search of lib/analysis): keyed by stored client id, kept for this model only.
   */
  clientCache<T>(kind: ClientCacheKind<T>): LruCache<number, T> {
    let cache = this.clientCaches.get(kind);
    if (!cache) this.clientCaches.set(kind, (cache = new LruCache<number, unknown>(kind.capacity)));
    return cache as LruCache<number, T>;
  }

  /**
   * Population-wide data of one kind derived above this layer (e.g. a neighbour index of
   * lib/analysis), computed by `compute` on first need for `key` and kept for this model only.
   */
  derived<T>(kind: DerivedKind<T>, key: string, compute: () => T): T {
    let byKey = this.derivedData.get(kind);
    if (!byKey) this.derivedData.set(kind, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key) as T;
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

interface LoadFailure {
  lastLogged?: string;
}
const failure: LoadFailure = ((globalThis as unknown as { __creditEngineFailure?: LoadFailure }).__creditEngineFailure ??= {});

/**
 * The engine, or null when the model cannot be loaded (not trained, not deployed, files damaged):
 * the pages then show what needs no model and the API answers 503. Each distinct failure is logged
 * once (one JSON line on stderr); a later call tries again.
 */
export async function creditEngineOrNull(): Promise<CreditEngine | null> {
  try {
    return await getCreditEngine();
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (failure.lastLogged !== message) {
      failure.lastLogged = message;
      process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level: 'error', msg: 'credit model unavailable', error: message })}\n`);
    }
    return null;
  }
}
