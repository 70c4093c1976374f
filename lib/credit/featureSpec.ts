import type { ColumnarTable } from '../data/columnarTable';
import { APPLICATION_FIELDS, CATEGORICAL_FIELDS, fieldKind } from '../data/homeCreditSchema';
import { ENGINEERED_FEATURES, YEARS_FIELDS, yearsFeatureName } from './engineeredFeatures';
import { isProtectedField } from './fields';

/**
 * The feature specification: the ordered list of model columns, each linked to the
 * application field (or engineered feature) it explains. It is derived once from the
 * training set (categorical levels), written with the training matrix, copied by the Python
 * trainer into models/credit/metadata.json, and read back at serving time — the single
 * source of truth shared by training and serving.
 */

export const FEATURE_SPEC_VERSION = 1;

/** A categorical level needs at least this many training rows to get its own one-hot column. */
export const MIN_LEVEL_COUNT = 50;

/** Name suffix of the column that gathers rare and unseen levels of a categorical field. */
export const OTHER_LEVEL = '(other)';

interface FeatureBase {
  /** Column name in the model matrix (unique). */
  readonly name: string;
  /** What SHAP contributions are summed into: an application field, or an engineered feature name. */
  readonly group: string;
  /**
   * Derived from a protected attribute (fields.ts PROTECTED_FIELDS). Such columns are written to
   * the training matrix for the fairness report only: the trainer drops them, and a served spec
   * containing one is refused (validateFeatureSpec).
   */
  readonly protected?: true;
}

/** An application field used as it is (NaN when missing). */
export interface NumericFeature extends FeatureBase {
  readonly kind: 'numeric';
  readonly field: string;
}

/** A DAYS_* field as positive years (DAYS_EMPLOYED = 365243 → missing). */
export interface YearsFeature extends FeatureBase {
  readonly kind: 'years';
  readonly field: string;
}

/** 1 when the categorical field equals `level`, else 0 (all zeros when missing). */
export interface OneHotFeature extends FeatureBase {
  readonly kind: 'onehot';
  readonly field: string;
  readonly level: string;
}

/** 1 when the categorical field has a value without its own column (rare or unseen level). */
export interface OtherLevelFeature extends FeatureBase {
  readonly kind: 'other';
  readonly field: string;
}

/** A domain feature computed from one or more fields (see engineeredFeatures.ts). */
export interface EngineeredFeature extends FeatureBase {
  readonly kind: 'engineered';
  readonly sources: readonly string[];
}

export type FeatureDef = NumericFeature | YearsFeature | OneHotFeature | OtherLevelFeature | EngineeredFeature;

export interface FeatureSpec {
  readonly version: number;
  readonly minLevelCount: number;
  readonly features: readonly FeatureDef[];
}

/** Level counts of one categorical column (missing values not counted). */
function levelCounts(table: ColumnarTable, field: string): Map<string, number> {
  const column = table.byName.get(field);
  if (!column || column.kind !== 'categorical') throw new Error(`training table has no categorical column ${field}`);
  const counts = new Array<number>(column.categories.length).fill(0);
  for (const code of column.codes) if (code >= 0) counts[code]++;
  return new Map(column.categories.map((c, i) => [c, counts[i]]));
}

/** Marks the features computed from a protected attribute (their group is the field or the engineered feature). */
function flagProtected(f: FeatureDef): FeatureDef {
  return isProtectedField(f.group) ? { ...f, protected: true } : f;
}

/** The columns a model may use: the specification without its protected features. */
export function modelFeatureSpec(spec: FeatureSpec): FeatureSpec {
  return { ...spec, features: spec.features.filter((f) => !f.protected) };
}

/**
 * Derives the specification from the training table: application fields in schema order
 * (numeric as is, DAYS_* as years, categoricals one-hot on levels with ≥ MIN_LEVEL_COUNT rows,
 * sorted, plus an "(other)" column when some level is rarer), then the engineered features.
 */
export function deriveFeatureSpec(train: ColumnarTable, minLevelCount = MIN_LEVEL_COUNT): FeatureSpec {
  const features: FeatureDef[] = [];
  for (const field of APPLICATION_FIELDS) {
    if (fieldKind(field) === 'categorical') {
      const counts = levelCounts(train, field);
      const kept = [...counts.entries()]
        .filter(([, n]) => n >= minLevelCount)
        .map(([level]) => level)
        .sort();
      for (const level of kept) features.push({ name: `${field}=${level}`, kind: 'onehot', field, level, group: field });
      if (kept.length < counts.size) features.push({ name: `${field}=${OTHER_LEVEL}`, kind: 'other', field, group: field });
    } else if (YEARS_FIELDS.has(field)) {
      features.push({ name: yearsFeatureName(field), kind: 'years', field, group: field });
    } else {
      features.push({ name: field, kind: 'numeric', field, group: field });
    }
  }
  for (const e of ENGINEERED_FEATURES) {
    features.push({ name: e.name, kind: 'engineered', sources: e.sources, group: e.group });
  }
  return { version: FEATURE_SPEC_VERSION, minLevelCount, features: features.map(flagProtected) };
}

/**
 * Checks a specification read from disk against this code (unknown kinds, fields or engineered
 * names). A model's specification (`served`) must not contain any feature computed from a
 * protected attribute, whether flagged or not.
 */
export function validateFeatureSpec(spec: FeatureSpec, served = false): void {
  if (spec.version !== FEATURE_SPEC_VERSION) {
    throw new Error(`feature spec version ${spec.version} is not supported (expected ${FEATURE_SPEC_VERSION})`);
  }
  const names = new Set<string>();
  const engineered = new Map(ENGINEERED_FEATURES.map((e) => [e.name, e]));
  const categorical: ReadonlySet<string> = new Set(CATEGORICAL_FIELDS);
  for (const f of spec.features) {
    if (names.has(f.name)) throw new Error(`feature spec: duplicate feature ${f.name}`);
    if (served && (f.protected || isProtectedField(f.group))) {
      throw new Error(`feature spec: ${f.name} is computed from a protected attribute and may not be a model input`);
    }
    names.add(f.name);
    if (f.kind === 'engineered') {
      if (!engineered.has(f.name)) throw new Error(`feature spec: engineered feature ${f.name} is unknown to this code`);
    } else if (!APPLICATION_FIELDS.includes(f.field)) {
      throw new Error(`feature spec: feature ${f.name} refers to unknown field ${f.field}`);
    } else if ((f.kind === 'onehot' || f.kind === 'other') !== categorical.has(f.field)) {
      throw new Error(`feature spec: feature ${f.name} has kind ${f.kind} but ${f.field} is ${fieldKind(f.field)}`);
    }
  }
}

/** Distinct groups in first-appearance order (application fields, then engineered features). */
export function featureGroups(spec: FeatureSpec): string[] {
  const seen = new Set<string>();
  for (const f of spec.features) seen.add(f.group);
  return [...seen];
}
