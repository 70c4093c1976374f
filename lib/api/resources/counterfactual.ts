import type { z } from 'zod';
import { storedCounterfactual } from '../../analysis/counterfactual';
import type { RawApplication } from '../../credit/types';
import { requireCreditEngine } from '../creditEngine';
import { jsonBodyResponse } from '../responseCache';
import type { counterfactualSchema } from '../schemas/analysis';
import { checkAborted } from '../work';
import { storedApplication } from './applications';
import { assertStored, modelRef } from './scoring';

/**
 * Nearest counterfactual through lib/analysis/counterfactual, the search the dashboard runs (a
 * few hundred scores per client), kept by the engine (lib/credit's clientCache) for the dashboard
 * and the API alike: it depends only on the stored client and the model.
 */

/** The search scores its candidates in three rounds; `signal` (the client went away) stops it between rounds. */
export async function counterfactualBody(id: number, signal?: AbortSignal): Promise<z.output<typeof counterfactualSchema>> {
  const app = storedApplication(id);
  const engine = await requireCreditEngine();
  const r = await storedCounterfactual(engine, id, app.fields as RawApplication, () => checkAborted(signal));
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
  return jsonBodyResponse(JSON.stringify(await counterfactualBody(id, signal)));
}
