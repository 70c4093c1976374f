import { allApplicationScores } from '../analysis/scores';
import type { PopulationScores } from '../analysis/search';
import { creditEngineOrNull } from '../credit/engine';

/** Calibrated probabilities of every application (computed once per process), or undefined while the model is missing. */
export async function populationScoresIfReady(): Promise<PopulationScores | undefined> {
  const engine = await creditEngineOrNull();
  return engine ? allApplicationScores(engine) : undefined;
}
