import type { z } from 'zod';
import { whatIf } from '../../analysis/whatIf';
import type { RawApplication } from '../../credit/types';
import type { RawValue } from '../../data/columnarTable';
import { requireCreditEngine } from '../creditEngine';
import { ApiError } from '../errors';
import type { whatIfSchema } from '../schemas/analysis';
import { storedApplication } from './applications';
import { modelRef } from './scoring';

/** What-if through lib/analysis/whatIf, the function the dashboard's simulation uses. */

export async function whatIfBody(
  id: number,
  changes: Readonly<Record<string, RawValue | undefined>>,
  top: number,
): Promise<z.output<typeof whatIfSchema>> {
  const app = storedApplication(id);
  const given = Object.entries(changes).filter((entry): entry is [string, RawValue] => entry[1] !== undefined);
  if (given.length === 0) {
    throw new ApiError('validation-failed', 'Give at least one field to change.', [{ path: 'changes', message: 'at least one field' }]);
  }
  const engine = await requireCreditEngine();
  const outcome = await whatIf(app.fields as RawApplication, Object.fromEntries(given), (apps) =>
    engine.explainApplications(apps, { lang: 'en', top: 1 }, engine.storedFold(id)),
  );
  const score = (s: typeof outcome.before) => ({ probability: s.probability, threshold: s.threshold, decision: s.decision, margin: s.margin });
  return {
    id,
    changed: given.map(([field, to]) => ({ field, from: app.fields[field] ?? null, to })),
    before: score(outcome.before),
    after: score(outcome.after),
    probabilityDelta: outcome.probabilityDelta,
    decisionChanged: outcome.decisionChanged,
    contributionChanges: outcome.contributionChanges.slice(0, top).map((c) => ({ ...c })),
    model: modelRef(engine),
  };
}
