import type { RawValue } from '../data/columnarTable';
import type { Explanation, RawApplication } from '../credit/types';

/**
 * What-if: the same application with some fields changed, explained again by the model, with
 * the difference in probability, decision and per-factor contributions.
 */

export type Explainer = (apps: readonly RawApplication[]) => Promise<readonly Explanation[]>;

export interface ContributionChange {
  readonly field: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

export interface WhatIfOutcome {
  readonly before: Explanation;
  readonly after: Explanation;
  /** after.probability − before.probability. */
  readonly probabilityDelta: number;
  readonly decisionChanged: boolean;
  /** Factors whose contribution changed, by decreasing |delta|. */
  readonly contributionChanges: readonly ContributionChange[];
}

export function applyChanges(app: RawApplication, changes: Readonly<Record<string, RawValue>>): RawApplication {
  return { ...app, ...changes };
}

export async function whatIf(app: RawApplication, changes: Readonly<Record<string, RawValue>>, explain: Explainer): Promise<WhatIfOutcome> {
  const [before, after] = await explain([app, applyChanges(app, changes)]);
  const beforeBy = new Map(before.contributions.map((c) => [c.field, c.contribution]));
  const afterBy = new Map(after.contributions.map((c) => [c.field, c.contribution]));
  const fields = new Set([...beforeBy.keys(), ...afterBy.keys()]);
  const contributionChanges = [...fields]
    .map((field) => {
      const b = beforeBy.get(field) ?? 0;
      const a = afterBy.get(field) ?? 0;
      return { field, before: b, after: a, delta: a - b };
    })
    .filter((c) => Math.abs(c.delta) > 1e-9)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  return {
    before,
    after,
    probabilityDelta: after.probability - before.probability,
    decisionChanged: before.decision !== after.decision,
    contributionChanges,
  };
}
