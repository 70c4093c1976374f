import path from 'node:path';
import { fieldLabel, type Lang } from './fieldLabels';
import { type ModelBundle, readJson } from './modelBundle';

/**
 * The model card: what the dashboard and the API show about the model — cross-validated
 * performance against the baseline, calibration, the cost-optimal threshold and its costs,
 * curves (ROC, PR, reliability, cost vs threshold), global importance and provenance.
 * Read from metrics.json and importance.json (written by training/credit/train.py).
 */

export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

export interface Confusion {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

export interface ReliabilityPoint {
  readonly predicted: number;
  readonly observed: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
}

interface FoldFigures {
  readonly fold: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly cost: number;
  readonly rows: number;
  readonly bestRounds?: number;
}

export interface CandidateSummary {
  readonly name: string;
  readonly family: 'logreg' | 'xgboost';
  readonly params: Readonly<Record<string, number | string>>;
  readonly oof: {
    readonly rocAuc: number;
    readonly prAuc: number;
    readonly cost: number;
    readonly costPerClient: number;
    readonly threshold: number;
    readonly confusion: Confusion;
  };
  readonly perFold: readonly FoldFigures[];
  readonly mean: { readonly rocAuc: MeanStd; readonly prAuc: MeanStd; readonly cost: MeanStd };
  readonly seconds: number;
  readonly bestRounds?: readonly number[];
}

interface CalibrationFigures {
  readonly brier: number;
  readonly ece: number;
}

/** The part of metrics.json the engine reads. */
export interface TrainingMetrics {
  readonly generatedAt: string;
  readonly quick: boolean;
  readonly data: { readonly rows: number; readonly positives: number; readonly features: number };
  readonly cv: { readonly folds: number; readonly seed: number; readonly earlyStopping: string; readonly maxRounds: number };
  readonly search: { readonly configurations: number; readonly logregCandidates: number; readonly selection: string };
  readonly selected: CandidateSummary & { readonly finalRounds: number };
  readonly baseline: CandidateSummary;
  readonly candidates: readonly CandidateSummary[];
  readonly calibration: {
    readonly method: string;
    readonly before: CalibrationFigures & { readonly reliability: readonly ReliabilityPoint[] };
    readonly after: CalibrationFigures & { readonly reliability: readonly ReliabilityPoint[] };
    readonly methods: Readonly<Record<string, { readonly crossFitted: CalibrationFigures; readonly inSample: CalibrationFigures }>>;
    readonly reliabilityPoints: { readonly before: readonly ReliabilityPoint[]; readonly after: readonly ReliabilityPoint[] };
  };
  readonly threshold: {
    readonly value: number;
    readonly theoretical: number;
    readonly costs: { readonly falseNegative: number; readonly falsePositive: number };
    readonly cost: number;
    readonly costPerClient: number;
    readonly costAtTheoretical: number;
    readonly acceptAll: number;
    readonly refuseAll: number;
    readonly baselineCost: number;
    readonly confusion: Confusion;
    readonly refusalRate: number;
    readonly costCurve: readonly { readonly threshold: number; readonly cost: number }[];
  };
  readonly curves: {
    readonly roc: readonly { readonly fpr: number; readonly tpr: number; readonly threshold: number }[];
    readonly pr: readonly { readonly recall: number; readonly precision: number; readonly threshold: number }[];
  };
  readonly runtimeSeconds: Readonly<Record<string, number>>;
}

export interface GlobalImportance {
  readonly rows: number;
  readonly groups: readonly { readonly group: string; readonly meanAbsShap: number; readonly meanShap: number; readonly features: readonly string[] }[];
}

export interface ModelCard {
  readonly name: string;
  readonly version: string;
  readonly createdAt: string;
  /** True for a development model trained with --quick (not for production figures). */
  readonly quick: boolean;
  readonly model: {
    readonly type: string;
    readonly params: Readonly<Record<string, number | string>>;
    readonly trees: number;
    readonly features: number;
    readonly fields: number;
  };
  readonly data: { readonly rows: number; readonly positives: number; readonly sha256: string };
  readonly validation: {
    readonly folds: number;
    readonly configurationsSearched: number;
    readonly selection: string;
    readonly model: { readonly name: string; readonly rocAuc: MeanStd; readonly prAuc: MeanStd; readonly cost: MeanStd; readonly oof: CandidateSummary['oof'] };
    readonly baseline: { readonly name: string; readonly rocAuc: MeanStd; readonly prAuc: MeanStd; readonly cost: MeanStd; readonly oof: CandidateSummary['oof'] };
  };
  readonly calibration: {
    readonly method: string;
    readonly before: CalibrationFigures;
    readonly after: CalibrationFigures;
    readonly reliability: { readonly before: readonly ReliabilityPoint[]; readonly after: readonly ReliabilityPoint[] };
  };
  readonly decision: {
    readonly threshold: number;
    readonly theoreticalThreshold: number;
    readonly costs: { readonly falseNegative: number; readonly falsePositive: number };
    readonly cost: number;
    readonly costPerClient: number;
    readonly costAtTheoreticalThreshold: number;
    readonly acceptAllCost: number;
    readonly refuseAllCost: number;
    readonly baselineCost: number;
    readonly confusion: Confusion;
    readonly refusalRate: number;
  };
  readonly curves: {
    readonly roc: TrainingMetrics['curves']['roc'];
    readonly pr: TrainingMetrics['curves']['pr'];
    readonly cost: TrainingMetrics['threshold']['costCurve'];
    readonly reliability: { readonly before: readonly ReliabilityPoint[]; readonly after: readonly ReliabilityPoint[] };
  };
  /** Mean |SHAP| (log-odds) per application field or engineered feature, decreasing. */
  readonly importance: readonly { readonly field: string; readonly label: string; readonly meanAbsShap: number }[];
  readonly versions: Readonly<Record<string, string>>;
  readonly trainingSeconds: number;
}

export interface ModelReports {
  readonly metrics: TrainingMetrics;
  readonly importance: GlobalImportance;
}

export function loadModelReports(bundle: ModelBundle): ModelReports {
  const { dir, metadata } = bundle;
  return {
    metrics: readJson<TrainingMetrics>(path.join(dir, metadata.files.metrics)),
    importance: readJson<GlobalImportance>(path.join(dir, metadata.files.importance)),
  };
}

export function buildModelCard(bundle: ModelBundle, reports: ModelReports, fieldCount: number, lang: Lang): ModelCard {
  const { metadata } = bundle;
  const { metrics, importance } = reports;
  const t = metrics.threshold;
  const summary = (c: CandidateSummary) => ({ name: c.name, rocAuc: c.mean.rocAuc, prAuc: c.mean.prAuc, cost: c.mean.cost, oof: c.oof });
  return {
    name: metadata.name,
    version: metadata.version,
    createdAt: metadata.createdAt,
    quick: metadata.quick,
    model: {
      type: metadata.model.type,
      params: metadata.model.params,
      trees: metadata.model.trees,
      features: metadata.features.length,
      fields: fieldCount,
    },
    data: { rows: metadata.data.rows, positives: metadata.data.positives, sha256: metadata.data.source.sha256 },
    validation: {
      folds: metrics.cv.folds,
      configurationsSearched: metrics.search.configurations,
      selection: metrics.search.selection,
      model: summary(metrics.selected),
      baseline: summary(metrics.baseline),
    },
    calibration: {
      method: metrics.calibration.method,
      before: { brier: metrics.calibration.before.brier, ece: metrics.calibration.before.ece },
      after: { brier: metrics.calibration.after.brier, ece: metrics.calibration.after.ece },
      reliability: { before: metrics.calibration.before.reliability, after: metrics.calibration.after.reliability },
    },
    decision: {
      threshold: metadata.threshold,
      theoreticalThreshold: metadata.theoreticalThreshold,
      costs: metadata.costs,
      cost: t.cost,
      costPerClient: t.costPerClient,
      costAtTheoreticalThreshold: t.costAtTheoretical,
      acceptAllCost: t.acceptAll,
      refuseAllCost: t.refuseAll,
      baselineCost: t.baselineCost,
      confusion: t.confusion,
      refusalRate: t.refusalRate,
    },
    curves: {
      roc: metrics.curves.roc,
      pr: metrics.curves.pr,
      cost: t.costCurve,
      reliability: metrics.calibration.reliabilityPoints,
    },
    importance: importance.groups.map((g) => ({ field: g.group, label: fieldLabel(g.group, lang), meanAbsShap: g.meanAbsShap })),
    versions: metadata.versions,
    trainingSeconds: metadata.trainingSeconds,
  };
}
