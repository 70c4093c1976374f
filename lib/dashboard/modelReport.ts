import fs from 'node:fs';
import path from 'node:path';
import { creditModelDir } from '../credit/paths';

/**
 * The trained credit model's reports as the Modèle page needs them, read from models/credit
 * (metadata.json, metrics.json, importance.json written by training/credit/train.py). Null
 * while the model is not trained. Read once per process and re-read when metadata.json changes.
 */

export interface Confusion {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

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
  readonly evaluatedOn: string;
  readonly metrics: {
    readonly rocAuc: number;
    readonly prAuc: number;
    readonly brier: number;
    readonly ece: number;
    readonly brierBefore: number;
    readonly eceBefore: number;
    readonly cost: number;
    readonly costPerClient: number;
    readonly costAtTheoretical: number;
    readonly acceptAll: number;
    readonly refuseAll: number;
    readonly baselineCost: number;
    readonly baselineName: string;
    readonly refusalRate: number;
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
  readonly importance: {
    readonly rows: number;
    readonly groups: readonly { group: string; meanAbsShap: number; meanShap: number }[];
  };
}

interface MetricsJson {
  quick: boolean;
  data: { rows: number; positives: number; features: number };
  selected: { name: string; oof: { rocAuc: number; prAuc: number } };
  baseline: { name: string; oof: { cost: number } };
  calibration: {
    method: string;
    before: { brier: number; ece: number };
    after: { brier: number; ece: number; reliability: { predicted: number; observed: number; count: number }[] };
    reliabilityPoints?: { before: { predicted: number; observed: number; count: number }[]; after: { predicted: number; observed: number; count: number }[] };
  };
  threshold: {
    value: number;
    theoretical: number;
    costs: { falseNegative: number; falsePositive: number };
    cost: number;
    costPerClient: number;
    costAtTheoretical: number;
    acceptAll: number;
    refuseAll: number;
    baselineCost: number;
    confusion: Confusion;
    refusalRate: number;
    evaluatedOn: string;
    costCurve: { threshold: number; cost: number }[];
  };
  curves: { roc: { fpr: number; tpr: number; threshold: number }[]; pr: { recall: number; precision: number; threshold: number }[] };
}

interface MetadataJson {
  version: string;
  createdAt: string;
  model: { type: string; candidate: string; trees: number };
  files: { metrics: string; importance: string };
}

interface ImportanceJson {
  rows: number;
  groups: { group: string; meanAbsShap: number; meanShap: number }[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

export function readModelReport(dir: string = creditModelDir()): ModelReport | null {
  const metaPath = path.join(dir, 'metadata.json');
  if (!fs.existsSync(metaPath)) return null;
  const meta = readJson<MetadataJson>(metaPath);
  const m = readJson<MetricsJson>(path.join(dir, meta.files.metrics));
  const imp = readJson<ImportanceJson>(path.join(dir, meta.files.importance));
  const t = m.threshold;
  return {
    version: meta.version,
    createdAt: meta.createdAt,
    algorithm: { type: meta.model.type, trees: meta.model.trees, candidate: meta.model.candidate },
    quick: m.quick,
    rows: m.data.rows,
    positives: m.data.positives,
    features: m.data.features,
    threshold: t.value,
    theoreticalThreshold: t.theoretical,
    costs: t.costs,
    evaluatedOn: t.evaluatedOn,
    metrics: {
      rocAuc: m.selected.oof.rocAuc,
      prAuc: m.selected.oof.prAuc,
      brier: m.calibration.after.brier,
      ece: m.calibration.after.ece,
      brierBefore: m.calibration.before.brier,
      eceBefore: m.calibration.before.ece,
      cost: t.cost,
      costPerClient: t.costPerClient,
      costAtTheoretical: t.costAtTheoretical,
      acceptAll: t.acceptAll,
      refuseAll: t.refuseAll,
      baselineCost: t.baselineCost,
      baselineName: m.baseline.name,
      refusalRate: t.refusalRate,
      calibration: m.calibration.method,
    },
    confusion: t.confusion,
    curves: {
      roc: m.curves.roc,
      pr: m.curves.pr,
      reliability: m.calibration.reliabilityPoints?.after ?? m.calibration.after.reliability,
      reliabilityBefore: m.calibration.reliabilityPoints?.before ?? [],
      cost: t.costCurve,
    },
    importance: { rows: imp.rows, groups: imp.groups.map((g) => ({ group: g.group, meanAbsShap: g.meanAbsShap, meanShap: g.meanShap })) },
  };
}

let cached: { key: string; report: ModelReport | null } | undefined;

/** The report of the model in use (cached; re-read when metadata.json changes). */
export function modelReport(): ModelReport | null {
  const dir = creditModelDir();
  const metaPath = path.join(dir, 'metadata.json');
  const key = fs.existsSync(metaPath) ? `${dir}:${fs.statSync(metaPath).mtimeMs}` : `${dir}:none`;
  if (cached?.key !== key) cached = { key, report: readModelReport(dir) };
  return cached.report;
}
