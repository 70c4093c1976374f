import type { RawValue } from '../data/columnarTable';
import { ENGINEERED_FEATURES } from './engineeredFeatures';
import { type FeatureSpec, featureGroups } from './featureSpec';
import { recordGetter } from './features';
import { fieldLabel, type Lang } from './fieldLabels';
import { isProtectedField } from './fields';
import type { PopulationStats } from './population';
import { type ReasonDirection, reasonCode } from './reasonCodes';
import { wordReason } from './reasons';
import type { Explanation, FieldContribution, RawApplication, Reason, Score } from './types';

/**
 * From per-column SHAP values to the analyst's explanation: contributions of encoded columns
 * summed back into their application field (or engineered feature), sorted by |contribution|,
 * and the plain-language reasons that push most towards refusal and towards acceptance, each with
 * its stable code (reasonCodes.ts). A protected attribute is never a reason, even if a model had
 * one as input: its contribution stays in `contributions` but the reasons skip it.
 */

export interface GroupIndex {
  readonly groups: readonly string[];
  /** Group index of each model column. */
  readonly groupOf: Int32Array;
  /** Engineered features explained as themselves (their own group), by name. */
  readonly engineered: ReadonlyMap<string, (app: RawApplication) => number>;
}

export function groupIndex(spec: FeatureSpec): GroupIndex {
  const groups = featureGroups(spec);
  const position = new Map(groups.map((g, i) => [g, i]));
  const groupOf = Int32Array.from(spec.features, (f) => position.get(f.group) as number);
  const engineered = new Map<string, (app: RawApplication) => number>();
  for (const e of ENGINEERED_FEATURES) {
    if (e.group === e.name && position.has(e.name)) {
      engineered.set(e.name, (app) => {
        const get = recordGetter(app);
        return e.compute((f) => {
          const v = get(f);
          return typeof v === 'number' ? v : NaN;
        });
      });
    }
  }
  return { groups, groupOf, engineered };
}

/** Sums column contributions (phi[0..F)) into groups (out[0..G)). */
export function aggregateByGroup(index: GroupIndex, phi: ArrayLike<number>, out: Float64Array): Float64Array {
  out.fill(0);
  const { groupOf } = index;
  for (let j = 0; j < groupOf.length; j++) out[groupOf[j]] += phi[j];
  return out;
}

/** The client's value of a group: the application's raw value, or the engineered feature's value. */
export function groupValue(index: GroupIndex, group: string, app: RawApplication): RawValue {
  const compute = index.engineered.get(group);
  if (compute) {
    const v = compute(app);
    return Number.isNaN(v) ? null : v;
  }
  return app[group] ?? null;
}

export interface ExplainOptions {
  readonly lang?: Lang;
  /** Reasons per direction (default 4). */
  readonly top?: number;
}

function reason(
  index: GroupIndex,
  group: string,
  direction: ReasonDirection,
  contribution: number,
  app: RawApplication,
  stats: PopulationStats,
  lang: Lang,
): Reason {
  const value = groupValue(index, group, app);
  const w = wordReason(group, value, stats.groups.get(group), lang);
  return {
    code: reasonCode(group, direction).code,
    field: group,
    label: fieldLabel(group, lang),
    text: w.text,
    contribution,
    value,
    populationMedian: w.populationMedian,
    displayValue: w.displayValue,
    displayMedian: w.displayMedian,
    comparison: w.comparison,
    populationShare: w.populationShare,
  };
}

/** Groups that may be a reason (1) or not (0: protected attributes), per group index. */
const REASON_ELIGIBLE = new WeakMap<GroupIndex, Uint8Array>();

function reasonEligible(index: GroupIndex): Uint8Array {
  let mask = REASON_ELIGIBLE.get(index);
  if (!mask) {
    mask = Uint8Array.from(index.groups, (g) => (isProtectedField(g) ? 0 : 1));
    REASON_ELIGIBLE.set(index, mask);
  }
  return mask;
}

/**
 * Indices of the `top` largest values of sign·contribution that are > 0, largest first (ties: lower
 * index), among the groups whose `eligible` entry is 1 (all when absent).
 */
function topIndices(contributions: Float64Array, sign: 1 | -1, top: number, eligible?: Uint8Array): number[] {
  const picked: number[] = [];
  for (let r = 0; r < top; r++) {
    let best = -1;
    let bestValue = 0;
    for (let g = 0; g < contributions.length; g++) {
      const v = sign * contributions[g];
      if (v > bestValue && (!eligible || eligible[g] === 1) && !picked.includes(g)) {
        best = g;
        bestValue = v;
      }
    }
    if (best < 0) break;
    picked.push(best);
  }
  return picked;
}

/** The `top` groups pushing most towards refusal (> 0) and towards acceptance (< 0). */
export function topGroups(contributions: Float64Array, top: number): { refusal: number[]; acceptance: number[] } {
  return { refusal: topIndices(contributions, 1, top), acceptance: topIndices(contributions, -1, top) };
}

export function reasonsOf(
  index: GroupIndex,
  contributions: Float64Array,
  app: RawApplication,
  stats: PopulationStats,
  options: ExplainOptions = {},
): Explanation['reasons'] {
  return {
    towardsRefusal: reasonsTowards('refusal', index, contributions, app, stats, options),
    towardsAcceptance: reasonsTowards('acceptance', index, contributions, app, stats, options),
  };
}

/** The reasons of one direction only (what the batch CLI writes); protected attributes are skipped. */
export function reasonsTowards(
  direction: 'refusal' | 'acceptance',
  index: GroupIndex,
  contributions: Float64Array,
  app: RawApplication,
  stats: PopulationStats,
  options: ExplainOptions = {},
): Reason[] {
  const lang = options.lang ?? 'fr';
  const groups = topIndices(contributions, direction === 'refusal' ? 1 : -1, options.top ?? 4, reasonEligible(index));
  return groups.map((g) => reason(index, index.groups[g], direction, contributions[g], app, stats, lang));
}

/** How many reasons towards the decision an applicant is given (the adverse-action notice prints them). */
export const PRINCIPAL_REASONS = 4;

/** The principal reasons: up to four reasons on the side of the decision (towards refusal when refused). */
export function principalReasons(e: Pick<Explanation, 'decision' | 'reasons'>): Reason[] {
  return (e.decision === 'refuse' ? e.reasons.towardsRefusal : e.reasons.towardsAcceptance).slice(0, PRINCIPAL_REASONS);
}

export function buildExplanation(
  index: GroupIndex,
  score: Score,
  baseValue: number,
  contributions: Float64Array,
  app: RawApplication,
  stats: PopulationStats,
  options: ExplainOptions = {},
): Explanation {
  const all: FieldContribution[] = index.groups.map((field, g) => ({
    field,
    value: groupValue(index, field, app),
    contribution: contributions[g],
  }));
  all.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { ...score, baseValue, contributions: all, reasons: reasonsOf(index, contributions, app, stats, options) };
}
