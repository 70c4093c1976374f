import type { z } from 'zod';
import type { RawValue } from '../../data/columnarTable';
import { creditEngine } from '../creditEngine';
import { ApiError } from '../errors';
import type { whatIfSchema } from '../schemas/analysis';
import { storedApplication } from './applications';
import { modelRef, toEngineApplications } from './scoring';

/**
 * What-if: the stored application scored again with some fields changed, through the same engine
 * calls as any score (no logic of its own beyond merging the changes).
 */

export async function whatIfBody(id: number, changes: Readonly<Record<string, RawValue | undefined>>): Promise<z.output<typeof whatIfSchema>> {
  const app = storedApplication(id);
  const changed = Object.entries(changes)
    .filter((entry): entry is [string, RawValue] => entry[1] !== undefined)
    .map(([field, to]) => ({ field, from: app.fields[field] ?? null, to }));
  if (changed.length === 0) {
    throw new ApiError('validation-failed', 'Give at least one field to change.', [{ path: 'changes', message: 'at least one field' }]);
  }
  const modified = { ...app.fields, ...Object.fromEntries(changed.map((c) => [c.field, c.to])) };
  const [before, after] = toEngineApplications([app.fields, modified], false);
  const engine = await creditEngine();
  const [b, a] = await engine.scoreApplications([before, after]);
  const score = (s: typeof b) => ({ probability: s.probability, threshold: s.threshold, decision: s.decision, margin: s.margin });
  return { id, before: score(b), after: score(a), changed, model: modelRef(engine) };
}
