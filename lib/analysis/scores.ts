import type { CreditEngine } from '../credit/engine';
import type { PopulationScores } from './search';

/**
 * Calibrated probabilities of every stored application — the 63,444 historical loans (out of fold:
 * see CreditEngine.populationScores) and the 48,744 new applications (final model) — for the search filters (decision, probability band) and the
 * bivariate view. Scored once by the engine, which keeps them.
 */

export async function allApplicationScores(engine: CreditEngine): Promise<PopulationScores> {
  const [train, test] = await Promise.all([engine.historicalProbabilities(), engine.newApplicationProbabilities()]);
  return { train, test, threshold: engine.model.threshold, trainSource: engine.model.foldOf(0) === undefined ? 'final-model' : 'out-of-fold' };
}
