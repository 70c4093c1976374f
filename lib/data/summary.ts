import { loadFlipkart } from './flipkart';
import { getHomeCreditStore } from './homeCreditStore';

/** Headline sizes of the datasets, for the home and data pages. */
export interface DatasetSummary {
  readonly historicalLoans: number;
  readonly newApplications: number;
  readonly targetRate: number;
  readonly products: number;
}

export function datasetSummary(): DatasetSummary {
  const store = getHomeCreditStore();
  const target = store.train.target as Float64Array;
  let defaults = 0;
  for (const v of target) defaults += v;
  return {
    historicalLoans: store.train.table.rowCount,
    newApplications: store.test.table.rowCount,
    targetRate: defaults / target.length,
    products: loadFlipkart().length,
  };
}
