import type { z } from 'zod';
import { ApiError } from '../errors';
import type { counterfactualSchema } from '../schemas/analysis';
import { assertStored } from './scoring';

/**
 * Nearest counterfactual — PENDING: the search for the smallest change of actionable fields that
 * flips a refusal is domain logic of the dashboard/credit engine (lib/analysis or lib/credit),
 * not written yet. The route, its schema and its documentation are in place; until the domain
 * function exists the route answers 503 (after the usual 400/404 checks).
 */
export async function counterfactualBody(id: number): Promise<z.output<typeof counterfactualSchema>> {
  assertStored(id);
  throw new ApiError('service-unavailable', 'Counterfactuals are not available on this server yet.');
}
