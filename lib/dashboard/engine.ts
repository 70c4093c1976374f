import type { PopulationScores } from '../analysis/search';

/**
 * The dashboard's single access point to the credit engine (lib/credit/engine.ts). While the
 * model is not trained (no models/credit), every function here says so instead of failing, and
 * the pages show what does not need the model.
 */

// TODO(engine): wire to lib/credit/engine.ts once it exists.
export function engineReady(): boolean {
  return false;
}

/** Calibrated probabilities of every application (computed once per process), or undefined while the model is missing. */
export function populationScoresIfReady(): PopulationScores | undefined {
  return undefined;
}
