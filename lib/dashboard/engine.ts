import { allApplicationScores } from '../analysis/scores';
import { applicationIds, type SearchInputs } from '../analysis/search';
import { creditEngineOrNull } from '../credit/engine';

/**
 * What the search page and its type-ahead search: the engine's id index and calibrated probabilities
 * of every application (computed once per engine); while the model is missing, no scores and the ids
 * indexed for this request (there is no engine to keep them).
 */
export async function searchInputs(): Promise<SearchInputs> {
  const engine = await creditEngineOrNull();
  return { ids: applicationIds(engine), scores: engine ? await allApplicationScores(engine) : undefined };
}
