import { allApplicationScores } from '../analysis/scores';
import type { PopulationScores } from '../analysis/search';
import { type CreditEngine, getCreditEngine } from '../credit/engine';
import { ModelFilesError } from '../credit/modelBundle';

/**
 * The dashboard's single access point to the credit engine (lib/credit/engine.ts). While the
 * model is not trained (no models/credit), the functions here return null / undefined instead of
 * failing, and the pages show what does not need the model. Any other error propagates.
 */
export async function creditEngine(): Promise<CreditEngine | null> {
  try {
    return await getCreditEngine();
  } catch (err) {
    if (err instanceof ModelFilesError) return null;
    throw err;
  }
}

/** Calibrated probabilities of every application (computed once per process), or undefined while the model is missing. */
export async function populationScoresIfReady(): Promise<PopulationScores | undefined> {
  const engine = await creditEngine();
  return engine ? allApplicationScores(engine) : undefined;
}
