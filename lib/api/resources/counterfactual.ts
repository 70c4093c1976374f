import type { z } from 'zod';
import { nearestCounterfactual } from '../../analysis/counterfactual';
import type { RawApplication } from '../../credit/types';
import { creditEngine } from '../creditEngine';
import { jsonBodyResponse, responseCache } from '../responseCache';
import type { counterfactualSchema } from '../schemas/analysis';
import { storedApplication } from './applications';
import { assertStored, modelRef } from './scoring';

/**
 * Nearest counterfactual through lib/analysis/counterfactual, the search the dashboard runs (a
 * few hundred scores per client), kept in the response cache: it depends only on the stored
 * client and the model.
 */

export async function counterfactualBody(id: number): Promise<z.output<typeof counterfactualSchema>> {
  const app = storedApplication(id);
  const engine = await creditEngine();
  const r = await nearestCounterfactual(app.fields as RawApplication, (apps) => engine.scoreApplications(apps), engine.model.threshold);
  const option = (o: NonNullable<typeof r.best>) => ({ actions: [...o.actions], changes: o.changes.map((c) => ({ ...c })), size: o.size, probability: o.probability });
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

export async function counterfactualResponse(id: number): Promise<Response> {
  assertStored(id);
  const engine = await creditEngine();
  const key = `counterfactual|${modelRef(engine).version}|${id}`;
  const cache = responseCache();
  const cached = cache?.get(key);
  if (cached !== undefined) return jsonBodyResponse(cached);
  const text = JSON.stringify(await counterfactualBody(id));
  cache?.set(key, text);
  return jsonBodyResponse(text);
}
