import type { Locale } from '../i18n/intl';
import { DerivedKind } from '../credit/engine';
import type { RawValue } from '../data/columnarTable';
import { getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { buildNeighbourIndex, nearestNeighbours, type Neighbour, type NeighbourIndex } from './neighbours';
import { applicationValue, populationValues } from './population';

/**
 * The client's most similar historical loans: k nearest neighbours over the historical
 * population on a set of numeric features (by default the model's most important ones, given
 * by the caller), standardised, optionally weighted by importance. The model-space index is built
 * on first use and kept by the engine (engine.derived); the display-scale one serves only while no
 * model is loaded, so there is no engine to keep it and it is built per call (a few milliseconds).
 */

/** Used when the model's importance is not available: the features that usually dominate credit scoring on this data. */
export const DEFAULT_SIMILARITY_FEATURES: readonly string[] = [
  'EXT_SOURCE_3',
  'EXT_SOURCE_2',
  'EXT_SOURCE_1',
  'DAYS_BIRTH',
  'DAYS_EMPLOYED',
  'AMT_CREDIT',
  'AMT_ANNUITY',
  'AMT_GOODS_PRICE',
  'CREDIT_INCOME_RATIO',
  'ANNUITY_INCOME_RATIO',
];

/** The neighbour index over the historical loans for these numeric features (categorical ones are skipped); built per call. */
export function similarityIndex(
  features: readonly string[],
  weights?: readonly number[],
  store: HomeCreditStore = getHomeCreditStore(),
): NeighbourIndex {
  const kept: string[] = [];
  const keptWeights: number[] = [];
  const columns: Float64Array[] = [];
  features.forEach((f, i) => {
    const pv = populationValues(f, 'train', store);
    if (pv.kind !== 'numeric') return;
    kept.push(f);
    keptWeights.push(weights ? weights[i] : 1);
    columns.push(pv.values);
  });
  return buildNeighbourIndex(kept, columns, keptWeights);
}

export interface SimilarClients {
  readonly features: readonly string[];
  readonly neighbours: readonly Neighbour[];
  /** Rows of the historical loans, nearest first. */
  readonly rows: Uint32Array;
}

/**
 * The k historical loans nearest to an application (given by its raw fields). `excludeRow`
 * removes the client itself when it is a historical loan.
 */
export function similarClients(
  fields: Readonly<Record<string, RawValue>>,
  options: { k: number; features?: readonly string[]; weights?: readonly number[]; excludeRow?: number; store?: HomeCreditStore },
): SimilarClients {
  const index = similarityIndex(options.features ?? DEFAULT_SIMILARITY_FEATURES, options.weights, options.store);
  const query = index.features.map((f) => {
    const v = applicationValue(fields, f);
    return typeof v === 'number' ? v : NaN;
  });
  const exclude = options.excludeRow;
  const neighbours = nearestNeighbours(index, query, options.k, exclude === undefined ? undefined : (r) => r === exclude);
  return { features: index.features, neighbours, rows: Uint32Array.from(neighbours, (n) => n.row) };
}

/** The model's feature space over the historical loans (engine.populationFeatures() plus each column's explanation group). */
export interface ModelFeatureSpace {
  /** Model columns, in matrix order. */
  readonly names: readonly string[];
  /** Explanation group (application field or engineered feature) of each column. */
  readonly groups: readonly string[];
  readonly rows: number;
  readonly cols: number;
  /** Row-major rows × cols, NaN = missing. */
  readonly matrix: Float32Array;
}

export interface ModelNeighbourIndex {
  readonly index: NeighbourIndex;
  /** Matrix columns used, in index order. */
  readonly columns: Int32Array;
  /** The explanation groups used, most important first. */
  readonly groups: readonly string[];
}

/** The model-space neighbour indexes an engine keeps, by explanation groups used. */
export const MODEL_NEIGHBOUR_INDEXES = new DerivedKind<ModelNeighbourIndex>('model neighbour index');

/**
 * Neighbour index on the model's most important explanation groups: every model column of the
 * top `topGroups` groups (by mean |SHAP|), standardised, each weighted by its group's importance
 * shared among the group's columns (so a one-hot encoded category weighs as much as one number).
 */
export function modelSimilarityIndex(
  engine: SimilarityEngine,
  space: ModelFeatureSpace,
  importance: readonly { readonly field: string; readonly meanAbsShap: number }[],
  topGroups = 10,
): ModelNeighbourIndex {
  const top = importance.slice(0, topGroups);
  return engine.derived(MODEL_NEIGHBOUR_INDEXES, top.map((g) => g.field).join('|'), () => {
    const columns: number[] = [];
    const weights: number[] = [];
    const names: string[] = [];
    for (const g of top) {
      const cols = space.groups.flatMap((group, j) => (group === g.field ? [j] : []));
      for (const j of cols) {
        columns.push(j);
        weights.push(g.meanAbsShap / cols.length);
        names.push(space.names[j]);
      }
    }
    const data = columns.map((j) => {
      const col = new Float64Array(space.rows);
      for (let r = 0; r < space.rows; r++) col[r] = space.matrix[r * space.cols + j];
      return col;
    });
    // Normalise weights to mean 1 (distances then read in standard deviations).
    const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
    return {
      index: buildNeighbourIndex(
        names,
        data,
        weights.map((w) => w / (mean || 1)),
      ),
      columns: Int32Array.from(columns),
      groups: top.map((g) => g.field),
    };
  });
}

/** The k historical loans nearest to a model feature row (the client's, from the engine's pipeline). */
export function nearestByModelFeatures(mi: ModelNeighbourIndex, featureRow: ArrayLike<number>, k: number, excludeRow?: number): SimilarClients {
  const query = Array.from(mi.columns, (j) => featureRow[j]);
  const neighbours = nearestNeighbours(mi.index, query, k, excludeRow === undefined ? undefined : (r) => r === excludeRow);
  return { features: mi.groups, neighbours, rows: Uint32Array.from(neighbours, (n) => n.row) };
}

/** The engine surface the model-space similarity needs (a CreditEngine satisfies it). */
export interface SimilarityEngine {
  derived<T>(kind: DerivedKind<T>, key: string, compute: () => T): T;
  populationFeatures(): { readonly names: readonly string[]; readonly rows: number; readonly cols: number; readonly matrix: Float32Array };
  modelCard(lang?: Locale): { readonly importance: readonly { readonly field: string; readonly meanAbsShap: number }[] };
  readonly model: {
    readonly spec: { readonly features: readonly { readonly group: string }[] };
    readonly pipeline: { row(app: Readonly<Record<string, RawValue>>): Float32Array };
  };
}

/** Number of explanation groups (by mean |SHAP|) the dashboard and the API compare clients on. */
export const SIMILARITY_TOP_GROUPS = 10;

/**
 * The k historical loans most similar to an application in the model's own feature space
 * (engine.populationFeatures()), on the model's 10 most important explanation groups,
 * standardised and weighted by importance — what the dashboard's "similar clients" shows.
 */
export function similarClientsByModel(
  engine: SimilarityEngine,
  fields: Readonly<Record<string, RawValue>>,
  options: { k: number; excludeRow?: number },
): SimilarClients {
  const pf = engine.populationFeatures();
  const space: ModelFeatureSpace = {
    names: pf.names,
    groups: engine.model.spec.features.map((f) => f.group),
    rows: pf.rows,
    cols: pf.cols,
    matrix: pf.matrix,
  };
  const index = modelSimilarityIndex(engine, space, engine.modelCard('fr').importance, SIMILARITY_TOP_GROUPS);
  return nearestByModelFeatures(index, engine.model.pipeline.row(fields), options.k, options.excludeRow);
}

/**
 * The similar clients the dashboard and the API both show: in the model's feature space when a
 * model is loaded, on the usual credit-scoring variables (display scale) otherwise.
 */
export function similarClientsFor(
  engine: SimilarityEngine | null,
  fields: Readonly<Record<string, RawValue>>,
  options: { k: number; excludeRow?: number },
): SimilarClients {
  return engine ? similarClientsByModel(engine, fields, options) : similarClients(fields, options);
}
