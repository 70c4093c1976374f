import type { RawValue } from '../data/columnarTable';

/**
 * Public types of the credit engine — the contract between the engine (lib/credit), the
 * dashboard pages and the /api/v1 routes. Probabilities are calibrated default probabilities;
 * contributions are in log-odds (margin) units, aggregated to the original application field.
 */

/** A raw application keyed by Home Credit field names; missing fields are missing (null or absent). */
export type RawApplication = Readonly<Record<string, RawValue>>;

export type Decision = 'accept' | 'refuse';

/** One validation problem, with the path of the offending field (e.g. "AMT_CREDIT" or "[3].AMT_CREDIT"). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  { readonly ok: true; readonly application: RawApplication } | { readonly ok: false; readonly errors: readonly FieldError[] };

export interface Score {
  /** Raw model output (log-odds) before calibration. */
  readonly margin: number;
  /** Calibrated probability of payment difficulties. */
  readonly probability: number;
  /** Cost-optimal threshold on the calibrated probability. */
  readonly threshold: number;
  /** refuse when probability ≥ threshold. */
  readonly decision: Decision;
}

export interface FieldContribution {
  /** Original application field (or engineered feature name). */
  readonly field: string;
  /** The client's value of that field (null when missing). */
  readonly value: RawValue;
  /** SHAP value in log-odds; > 0 pushes towards refusal. */
  readonly contribution: number;
}

export interface Reason {
  /** Stable reason code of the field and direction (`R07` towards refusal, `A07` towards acceptance; reasonCodes.ts). */
  readonly code: string;
  readonly field: string;
  /** Human label of the field in the requested language. */
  readonly label: string;
  /** One plain-language sentence, e.g. « Score externe 2 bas : 0,12 (médiane des clients : 0,57) ». */
  readonly text: string;
  readonly contribution: number;
  readonly value: RawValue;
  readonly populationMedian: number | null;
  /** The client's value as shown in `text` (units converted, e.g. years for DAYS_* fields). */
  readonly displayValue: string;
  /** The population median as shown in `text`, null for categories and yes/no fields. */
  readonly displayMedian: string | null;
  /** How the value compares with the population. */
  readonly comparison: 'low' | 'high' | 'typical' | 'missing' | 'category';
  /** Share of clients with the same value (categories, yes/no fields, missing values), else null. */
  readonly populationShare: number | null;
}

export interface Explanation extends Score {
  /** Expected margin over the training population (TreeSHAP base value). */
  readonly baseValue: number;
  /** All fields, sorted by decreasing |contribution|; baseValue + Σ contribution = margin. */
  readonly contributions: readonly FieldContribution[];
  readonly reasons: {
    readonly towardsRefusal: readonly Reason[];
    readonly towardsAcceptance: readonly Reason[];
  };
}

/**
 * Whose probability a stored client's score is: historical loans get the out-of-fold probability of
 * the cross-validation model that never saw them (`fold`); new applications the final model's.
 */
export interface ScoreProvenance {
  readonly scoreSource: 'final-model' | 'out-of-fold';
  readonly fold: number | null;
}

/** A stored client (historical loan or new application) with its score. */
export interface StoredScore extends Score, ScoreProvenance {
  readonly id: number;
  readonly set: 'train' | 'test';
  /** Actual outcome for historical loans (1 = payment difficulties), null for new applications. */
  readonly target: number | null;
}

export interface StoredExplanation extends Explanation, ScoreProvenance {
  readonly id: number;
  readonly set: 'train' | 'test';
  readonly target: number | null;
}

/** The training population as model feature rows (row-major float32, NaN = missing). */
export interface PopulationFeatures {
  readonly names: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly matrix: Float32Array;
  readonly ids: Float64Array;
  readonly target: Float64Array;
}
