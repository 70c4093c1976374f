import type { CreditEngine } from '../credit/engine';
import type { PopulationScores } from './search';

/**
 * Calibrated probabilities of every stored application — the 63,444 historical loans (out of fold:
 * see CreditEngine.populationScores) and the 48,744 new applications (final model) — for the search filters (decision, probability band) and the
 * bivariate view. Batch-scored once per engine (a few seconds), then shared.
 */

const cache = new WeakMap<CreditEngine, Promise<PopulationScores>>();

export function allApplicationScores(engine: CreditEngine): Promise<PopulationScores> {
  let p = cache.get(engine);
  if (!p) {
    p = (async () => {
      const train = await engine.populationScores();
      const testTable = engine.store.test.table;
      const test = await engine.model.scoreFeatures(engine.model.pipeline.tableMatrix(testTable), testTable.rowCount);
      return {
        train: Float64Array.from(train, (s) => s.probability),
        test: Float64Array.from(test, (s) => s.probability),
        threshold: engine.model.threshold,
        trainSource: engine.model.foldOf(0) === undefined ? 'final-model' : 'out-of-fold',
      };
    })();
    p.catch(() => cache.delete(engine));
    cache.set(engine, p);
  }
  return p;
}
