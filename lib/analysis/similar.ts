import type { RawValue } from '../data/columnarTable';
import { getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { buildNeighbourIndex, nearestNeighbours, type Neighbour, type NeighbourIndex } from './neighbours';
import { applicationValue, populationValues } from './population';

/**
 * The client's most similar historical loans: k nearest neighbours over the historical
 * population on a set of numeric features (by default the model's most important ones, given
 * by the caller), standardised, optionally weighted by importance. One index per feature set is
 * built on first use and kept for the process.
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

const indexes = new Map<string, NeighbourIndex>();

/** The neighbour index over the historical loans for these numeric features (categorical ones are skipped). */
export function similarityIndex(features: readonly string[], weights?: readonly number[], store: HomeCreditStore = getHomeCreditStore()): NeighbourIndex {
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
  const key = kept.map((f, i) => `${f}:${keptWeights[i]}`).join('|');
  let index = indexes.get(key);
  if (!index) {
    index = buildNeighbourIndex(kept, columns, keptWeights);
    indexes.set(key, index);
  }
  return index;
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
