import type { CalibrationCandidate, Confusion, FairnessCard, ModelCard, ModelLimits, TrainingMetrics } from '../credit/modelCard';

/**
 * The model's figures as the Modèle page uses them, taken from the credit engine's model card
 * (itself read from models/credit: metadata.json, metrics.json, importance.json, fairness.json).
 */

export interface ModelReport {
  readonly version: string;
  readonly createdAt: string;
  readonly algorithm: { readonly type: string; readonly trees: number; readonly candidate: string };
  readonly quick: boolean;
  readonly rows: number;
  readonly positives: number;
  readonly features: number;
  readonly threshold: number;
  readonly theoreticalThreshold: number;
  readonly costs: { readonly falseNegative: number; readonly falsePositive: number };
  /** The costs as the trainer's metrics.json names them, the ranking and calibration figures. */
  readonly metrics: Pick<
    TrainingMetrics['threshold'],
    'cost' | 'costPerClient' | 'costAtTheoretical' | 'acceptAll' | 'refuseAll' | 'baselineCost' | 'refusalRate'
  > & {
    readonly rocAuc: number;
    readonly prAuc: number;
    readonly brier: number;
    readonly ece: number;
    readonly brierBefore: number;
    readonly eceBefore: number;
    readonly baselineName: string;
    readonly calibration: string;
  };
  readonly confusion: Confusion;
  readonly curves: {
    readonly roc: readonly { fpr: number; tpr: number; threshold: number }[];
    readonly pr: readonly { recall: number; precision: number; threshold: number }[];
    readonly reliability: readonly { predicted: number; observed: number; count: number }[];
    readonly reliabilityBefore: readonly { predicted: number; observed: number; count: number }[];
    readonly cost: readonly { threshold: number; cost: number }[];
  };
  /** Mean |SHAP| per explanation group, decreasing. */
  readonly importance: readonly { readonly group: string; readonly meanAbsShap: number }[];
  /** The candidate calibration maps and the rule that chose one (null when the model does not record it). */
  readonly calibration: { readonly candidates: readonly CalibrationCandidate[]; readonly selection: string | null };
  /** The fairness report; null for a model trained before fairness.json. */
  readonly fairness: FairnessCard | null;
  readonly limits: ModelLimits;
}

export function modelReportFromCard(card: ModelCard): ModelReport {
  const d = card.decision;
  return {
    version: card.version,
    createdAt: card.createdAt,
    algorithm: { type: card.model.type, trees: card.model.trees, candidate: card.validation.model.name },
    quick: card.quick,
    rows: card.data.rows,
    positives: card.data.positives,
    features: card.model.features,
    threshold: d.threshold,
    theoreticalThreshold: d.theoreticalThreshold,
    costs: d.costs,
    metrics: {
      rocAuc: card.validation.model.oof.rocAuc,
      prAuc: card.validation.model.oof.prAuc,
      brier: card.calibration.after.brier,
      ece: card.calibration.after.ece,
      brierBefore: card.calibration.before.brier,
      eceBefore: card.calibration.before.ece,
      cost: d.cost,
      costPerClient: d.costPerClient,
      costAtTheoretical: d.costAtTheoreticalThreshold,
      acceptAll: d.acceptAllCost,
      refuseAll: d.refuseAllCost,
      baselineCost: d.baselineCost,
      baselineName: card.validation.baseline.name,
      refusalRate: d.refusalRate,
      calibration: card.calibration.method,
    },
    confusion: d.confusion,
    curves: {
      roc: card.curves.roc,
      pr: card.curves.pr,
      reliability: card.curves.reliability.after,
      reliabilityBefore: card.curves.reliability.before,
      cost: card.curves.cost,
    },
    importance: card.importance.map((i) => ({ group: i.field, meanAbsShap: i.meanAbsShap })),
    calibration: { candidates: card.calibration.candidates, selection: card.calibration.selection },
    fairness: card.fairness,
    limits: card.limits,
  };
}
