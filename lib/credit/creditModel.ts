import { type Calibrator, makeCalibrator } from './calibration';
import { type ExplainOptions, type GroupIndex, aggregateByGroup, buildExplanation, groupIndex } from './explanation';
import { compileFeatures, type FeaturePipeline } from './features';
import type { FeatureSpec } from './featureSpec';
import { loadModelBundle, type ModelBundle } from './modelBundle';
import { type MarginScorer, openMarginScorer } from './onnxScorer';
import type { PopulationStats } from './population';
import { treeMargin } from './treeModel';
import { buildShapTables, type ShapTables, shapScratch, treeShap } from './treeShap';
import type { Decision, Explanation, RawApplication, Score } from './types';
import { decisionAt } from './decisionRule';

/**
 * A loaded credit model: the feature pipeline from the exported spec, the ONNX Runtime scorer
 * (served margins), the calibration map and threshold (decision), and the TreeSHAP tables
 * (explanations). Stateless apart from scratch buffers; one per process (see engine.ts).
 */

export interface Contributions {
  /** Per explanation group (index.groups order), in log-odds. */
  readonly byGroup: Float64Array;
  readonly baseValue: number;
  /** base + Σ contributions: the exact sum of the reached leaves. */
  readonly margin: number;
}

/** A cross-validation fold's model, as served for the historical loans it never saw. */
interface FoldModel {
  readonly shap: ShapTables;
  readonly scratch: Int32Array;
  readonly calibrate: Calibrator;
}

/** What scoring alone needs (the worker threads of `npm run monitor`): no TreeSHAP tables, no fold models. */
export interface ServedScorer {
  readonly pipeline: FeaturePipeline;
  readonly width: number;
  readonly threshold: number;
  readonly scorer: MarginScorer;
  readonly calibrate: Calibrator;
}

/** The ONNX session of a model's folder, with the input and output names its metadata gives. */
function openBundleScorer(bundle: ModelBundle, threads: number): Promise<MarginScorer> {
  const { features, onnx } = bundle.metadata;
  return openMarginScorer(bundle.onnxPath, features.length, { inputName: onnx.input, outputName: onnx.output, threads });
}

export async function loadServedScorer(dir: string, threads = 1): Promise<ServedScorer> {
  const bundle = loadModelBundle(dir);
  const pipeline = compileFeatures(bundle.metadata.featureSpec);
  const scorer = await openBundleScorer(bundle, threads);
  return { pipeline, width: pipeline.width, threshold: bundle.metadata.threshold, scorer, calibrate: makeCalibrator(bundle.calibration) };
}

export class CreditModel {
  readonly spec: FeatureSpec;
  readonly pipeline: FeaturePipeline;
  readonly threshold: number;
  readonly calibrate: Calibrator;
  readonly shap: ShapTables;
  readonly index: GroupIndex;
  private readonly phi: Float64Array;
  private readonly scratch: Int32Array;
  private readonly folds: readonly FoldModel[];

  private constructor(
    readonly bundle: ModelBundle,
    readonly scorer: MarginScorer,
  ) {
    this.spec = bundle.metadata.featureSpec;
    this.pipeline = compileFeatures(this.spec);
    this.threshold = bundle.metadata.threshold;
    this.calibrate = makeCalibrator(bundle.calibration);
    this.shap = buildShapTables(bundle.ensemble);
    this.index = groupIndex(this.spec);
    this.phi = new Float64Array(this.spec.features.length + 1);
    this.scratch = shapScratch(this.shap);
    this.folds = (bundle.folds?.models ?? []).map((f) => {
      const shap = buildShapTables(f.ensemble);
      return { shap, scratch: shapScratch(shap), calibrate: makeCalibrator(f.calibration) };
    });
  }

  /**
   * The fold whose model never saw historical loan `row` (training-table order), or undefined when the
   * model ships no fold models: then historical loans are scored in-sample by the final model.
   */
  foldOf(row: number): number | undefined {
    return this.folds.length > 0 ? this.bundle.folds?.foldOfRow[row] : undefined;
  }

  /** Out-of-fold score of a feature row by fold `fold`'s model and that fold's calibration map. */
  scoreOutOfFold(fold: number, row: Float32Array, rowOffset = 0): Score {
    const f = this.folds[fold];
    const margin = treeMargin(f.shap.ensemble, row, rowOffset);
    const probability = f.calibrate(margin);
    return { margin, probability, threshold: this.threshold, decision: this.decision(probability) };
  }

  static async load(dir: string, threads = 1): Promise<CreditModel> {
    const bundle = loadModelBundle(dir);
    return new CreditModel(bundle, await openBundleScorer(bundle, threads));
  }

  get width(): number {
    return this.pipeline.width;
  }

  decision(probability: number): Decision {
    return decisionAt(probability, this.threshold);
  }

  /** Score from a served margin: calibrated probability, threshold, decision. */
  scoreOf(margin: number): Score {
    const probability = this.calibrate(margin);
    return { margin, probability, threshold: this.threshold, decision: this.decision(probability) };
  }

  /** Scores of n row-major feature rows, in one ONNX Runtime call. */
  async scoreFeatures(features: Float32Array, rows: number): Promise<Score[]> {
    const margins = await this.scorer.margins(features, rows);
    return Array.from(margins, (m) => this.scoreOf(m));
  }

  async scoreApplications(apps: readonly RawApplication[]): Promise<Score[]> {
    return this.scoreFeatures(this.pipeline.matrix(apps), apps.length);
  }

  /**
   * Exact TreeSHAP of one feature row, summed into explanation groups (into `out` when given); by fold
   * `fold`'s model when given, so that an out-of-fold score's explanation adds up to its margin.
   */
  contributions(row: Float32Array, rowOffset = 0, out?: Float64Array, fold?: number): Contributions {
    const f: Pick<FoldModel, 'shap' | 'scratch'> = fold === undefined ? { shap: this.shap, scratch: this.scratch } : this.folds[fold];
    const margin = treeShap(f.shap, row, this.phi, f.scratch, rowOffset);
    const byGroup = aggregateByGroup(this.index, this.phi, out ?? new Float64Array(this.index.groups.length));
    return { byGroup, baseValue: this.phi[this.spec.features.length], margin };
  }

  explain(score: Score, contributions: Contributions, app: RawApplication, stats: PopulationStats, options?: ExplainOptions): Explanation {
    return buildExplanation(this.index, score, contributions.baseValue, contributions.byGroup, app, stats, options);
  }

  release(): Promise<void> {
    return this.scorer.release();
  }
}
