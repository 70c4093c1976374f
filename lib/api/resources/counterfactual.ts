import type { z } from 'zod';
import { nearestCounterfactual } from '../../analysis/counterfactual';
import type { RawApplication } from '../../credit/types';
import { creditEngine } from '../creditEngine';
import { jsonBodyResponse, responseCache } from '../responseCache';
import type { counterfactualSchema } from '../schemas/analysis';
import { checkAborted } from '../work';
import { storedApplication } from './applications';
import { assertStored, modelRef } from './scoring';

/**
 * Nearest counterfactual through lib/analysis/counterfactual, the search the dashboard runs (a
 * few hundred scores per client), kept in the response cache: it depends only on the stored
 * client and the model.
 */

/** The search scores its candidates in three rounds; `signal` (the client went away) stops it between rounds. */
export async function counterfactualBody(id: number, signal?: AbortSignal): Promise<z.output<typeof counterfactualSchema>> {
  const app = storedApplication(id);
  const engine = await creditEngine();
  // A historical loan's edits are scored by the fold model that produced its served (out-of-fold) score.
  const fold = engine.storedFold(id);
  const score = (apps: readonly RawApplication[]) => {
    checkAborted(signal);
    return engine.scoreApplications(apps, fold);
  };
  const r = await nearestCounterfactual(app.fields as RawApplication, score, engine.model.threshold);
  const option = (o: NonNullable<typeof r.best>) => ({
    actions: [...o.actions],
    changes: o.changes.map((c) => ({ ...c })),
    size: o.size,
    probability: o.probability,
  });
  return {
    id,
    status: r.status,
    probability: r.probability,
    threshold: r.threshold,
    best: r.best ? option(r.best) : null,
    options: r.options.map(option),
    bounds: r.bounds,
    evaluations: r.evaluations,
    model: modelRef(engine),
  };
}

export async function counterfactualResponse(id: number, signal?: AbortSignal): Promise<Response> {
  assertStored(id);
  const engine = await creditEngine();
  const key = `counterfactual|${modelRef(engine).version}|${id}`;
  const cache = responseCache();
  const cached = cache?.get(key);
  if (cached !== undefined) return jsonBodyResponse(cached);
  const text = JSON.stringify(await counterfactualBody(id, signal));
  cache?.set(key, text);
  return jsonBodyResponse(text);
}
