import { getCreditEngine } from '../credit/engine';
import { DAYS_EMPLOYED_ANOMALY } from '../credit/engineeredFeatures';
import { loadModelReports } from '../credit/modelCard';
import type { RawValue } from '../data/columnarTable';
import { referenceProfile } from './stability';
import type { ApplicationQuality, QualityFlag } from './types';

/**
 * Input-quality flags of one application — when its score should be trusted less, because the
 * model is asked about something it has hardly seen:
 * - a number outside the range of the training loans (below their 0.5th or above their 99.5th
 *   percentile: trees extrapolate flat, so the score no longer follows the value);
 * - a category no training loan had (it falls in the model's « other » column);
 * - a missing value among the inputs behind the model's 10 most influential factors (global mean
 *   |SHAP|), when at least half of the training loans have it: an unusual gap where it matters.
 */

const IMPORTANT_FACTORS = 10;

interface QualityRules {
  /** Inputs whose absence is flagged. */
  readonly important: ReadonlySet<string>;
}

let rules: Promise<QualityRules> | undefined;

async function buildRules(): Promise<QualityRules> {
  const [engine, profile] = await Promise.all([getCreditEngine(), referenceProfile()]);
  const { importance } = loadModelReports(engine.model.bundle);
  const spec = engine.model.spec.features;
  const top = [...importance.groups].sort((a, b) => b.meanAbsShap - a.meanAbsShap).slice(0, IMPORTANT_FACTORS);
  const important = new Set<string>();
  for (const g of top) {
    for (const f of spec) {
      if (f.group !== g.group) continue;
      const sources =
        'sources' in f && Array.isArray(f.sources) ? (f.sources as string[]) : 'field' in f && typeof f.field === 'string' ? [f.field] : [];
      for (const s of sources) {
        const p = profile.byField.get(s);
        if (!p) continue;
        const missingShare = p.counts[p.counts.length - 1] / profile.summary.count;
        if (missingShare <= 0.5) important.add(s);
      }
    }
  }
  return { important };
}

function qualityRules(): Promise<QualityRules> {
  rules ??= buildRules().catch((err: unknown) => {
    rules = undefined;
    throw err;
  });
  return rules;
}

const isMissing = (v: RawValue | undefined) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

export type QualityChecker = (fields: Readonly<Record<string, RawValue | undefined>>) => ApplicationQuality;

/** A synchronous checker (for batches): the reference and the rules are loaded once. */
export async function qualityChecker(): Promise<QualityChecker> {
  const [profile, { important }] = await Promise.all([referenceProfile(), qualityRules()]);
  return (fields) => {
    const flags: QualityFlag[] = [];
    for (const p of profile.profiles) {
      const v = fields[p.field];
      if (isMissing(v)) {
        if (important.has(p.field)) flags.push({ field: p.field, kind: 'missing-important' });
        continue;
      }
      if (p.kind === 'numeric') {
        const [lo, hi] = p.range;
        if (typeof v === 'number' && (v < lo || v > hi) && !(p.field === 'DAYS_EMPLOYED' && v === DAYS_EMPLOYED_ANOMALY)) {
          flags.push({ field: p.field, kind: 'out-of-range', range: [lo, hi] });
        }
      } else if (!p.index.has(String(v))) flags.push({ field: p.field, kind: 'unseen-category' });
    }
    return { reliable: flags.length === 0, flags };
  };
}

/** The flags of one application (its raw fields by name; absent = missing). */
export async function applicationQuality(fields: Readonly<Record<string, RawValue | undefined>>): Promise<ApplicationQuality> {
  return (await qualityChecker())(fields);
}
