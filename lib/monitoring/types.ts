/**
 * Shapes of the model-monitoring report (population and score stability, back-testing, input
 * quality). One report type serves the /surveillance page, GET/POST /api/v1/monitoring and
 * `npm run monitor` (its JSON output is this object).
 */

/** Conventional PSI bands (industry conventions, not statistical tests): < 0.1 stable, 0.1–0.25 watch, > 0.25 act. */
export type PsiBand = 'stable' | 'watch' | 'act';

/** One bin of a distribution compared between the reference and the current population. */
export interface StabilityBin {
  /** `[lo, hi)` for numbers (`≥ lo` for the last), the category, or `(missing)`. */
  readonly label: string;
  /** Share of the reference population in this bin (0–1). */
  readonly reference: number;
  /** Share of the current population in this bin (0–1). */
  readonly current: number;
}

export interface FeatureStability {
  readonly field: string;
  readonly kind: 'numeric' | 'categorical';
  readonly psi: number;
  readonly band: PsiBand;
  readonly missing: { readonly reference: number; readonly current: number };
  readonly bins: readonly StabilityBin[];
}

export interface PopulationSummary {
  readonly count: number;
  /** Share of applications accepted at the model's threshold. */
  readonly approvalRate: number;
  readonly meanProbability: number;
  /** Observed default rate (reference only: the current population has no outcome yet). */
  readonly defaultRate?: number;
  /** Share of missing values over the model's inputs. */
  readonly missingRate: number;
}

export interface StabilityReport {
  readonly reference: PopulationSummary & { readonly description: string };
  readonly current: PopulationSummary & { readonly description: string };
  readonly score: { readonly psi: number; readonly band: PsiBand; readonly bins: readonly StabilityBin[] };
  /** Every model input, largest PSI first. */
  readonly features: readonly FeatureStability[];
  readonly model: { readonly name: string; readonly version: string; readonly threshold: number };
  /** Rows of the current input that were refused (line, field, why) — CLI and POST only. */
  readonly rejected?: {
    readonly count: number;
    readonly first: readonly { readonly line: number; readonly field: string; readonly message: string }[];
  };
}

/** Back-testing on the out-of-fold predictions of the historical loans. */
export interface BacktestRow {
  readonly label: string;
  readonly count: number;
  readonly observedDefaultRate: number;
  readonly predictedDefaultRate: number;
  readonly approvalRate: number;
  /** ROC AUC inside the segment; null when it has only one class. */
  readonly auc: number | null;
}

export interface BacktestReport {
  readonly byDecile: readonly BacktestRow[];
  readonly bySegment: readonly { readonly field: string; readonly rows: readonly BacktestRow[] }[];
}

/** Why one application's score is less reliable (input-quality flags). */
export interface QualityFlag {
  readonly field: string;
  readonly kind: 'out-of-range' | 'unseen-category' | 'missing-important';
  /** The training range (0.5th–99.5th percentiles) for out-of-range values. */
  readonly range?: readonly [number, number];
}

export interface ApplicationQuality {
  /** True when no flag was raised. */
  readonly reliable: boolean;
  readonly flags: readonly QualityFlag[];
}
