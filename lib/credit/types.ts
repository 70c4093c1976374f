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
  | { readonly ok: true; readonly application: RawApplication }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

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
  readonly field: string;
  /** Human label of the field in the requested language. */
  readonly label: string;
  /** One plain-language sentence, e.g. « Score externe 2 bas : 0,12 (médiane des clients : 0,57) ». */
  readonly text: string;
  readonly contribution: number;
  readonly value: RawValue;
  readonly populationMedian: number | null;
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
