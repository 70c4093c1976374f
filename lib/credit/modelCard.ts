import fs from 'node:fs';
import path from 'node:path';
import { dictionary } from '../i18n';
import { fill, normaliseSpaces, numberFormat } from '../i18n/intl';
import { categoryLabel } from './categoryLabels';
import { fieldLabel, type Lang } from './fieldLabels';
import { type ModelBundle, type ModelMetadata, readJson } from './modelBundle';

/**
 * The model card: what the dashboard and the API show about the model — cross-validated
 * performance against the baseline, calibration, the cost-optimal threshold and its costs,
 * curves (ROC, PR, reliability, cost vs threshold), global importance and provenance.
 * Read from metrics.json, importance.json and, when the model has one, fairness.json (all written by
 * training/credit/train.py; models trained before fairness.json existed get `fairness: null`).
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

/** A calibration map's cross-validated figures; logLoss is null where it is infinite (a map returning exactly 0 or 1) or absent (older models). */
interface CalibrationCandidateFigures extends CalibrationFigures {
  readonly logLoss?: number | null;
  readonly exactlyZeroOrOne?: number;
}

/** The model's cross-validated figures as metrics.json `fairnessPrice` gives them per variant. */
export interface VariantFigures {
  readonly inputs?: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly brier: number;
  /** null where it is infinite (a calibration returning exactly 0 or 1, e.g. the previous model's isotonic map). */
  readonly logLoss: number | null;
  readonly cost: number;
  readonly threshold: number;
  readonly refusalRate: number;
}

export const FAIRNESS_VARIANTS = ['withoutProtected', 'withProtected', 'withoutStrongestProxies', 'previousModel'] as const;
export type FairnessVariantName = (typeof FAIRNESS_VARIANTS)[number];
export const FAIRNESS_ATTRIBUTES = ['sex', 'ageBand', 'familyStatus'] as const;
export type FairnessAttribute = (typeof FAIRNESS_ATTRIBUTES)[number];

/** One group of a protected attribute (fairness.json `variants.*.fairness.by.*.groups`). */
export interface FairnessGroupFigures {
  readonly group: string;
  readonly count: number;
  readonly share: number;
  readonly defaultRate: number;
  readonly approvalRate: number;
  /** Approval rate / the highest group's (the four-fifths rule asks >= 0.8). */
  readonly approvalRatio: number | null;
  readonly truePositiveRate: number | null;
  readonly falsePositiveRate: number | null;
  readonly rocAuc: number | null;
  readonly meanPredicted: number;
  readonly observed: number;
  /** False when the group is too small (below `minGroupForRatios` rows) to conclude. */
  readonly comparable: boolean;
}

export interface FairnessAttributeFigures {
  readonly groups: readonly FairnessGroupFigures[];
  readonly demographicParityRatio: number | null;
  readonly lowestApproval: string | null;
  readonly highestApproval: string | null;
  readonly equalOpportunityDifference: number | null;
  readonly equalizedOddsDifference: number | null;
  readonly fourFifthsRuleMet: boolean | null;
  readonly minGroupForRatios: number;
}

export interface FairnessVariantFile {
  readonly inputs: number;
  readonly cv: VariantFigures;
  readonly fairness: {
    readonly threshold: number;
    readonly overall: { readonly count: number; readonly defaultRate: number; readonly approvalRate: number; readonly rocAuc: number | null };
    readonly by: Readonly<Partial<Record<FairnessAttribute, FairnessAttributeFigures>>>;
  };
  /** withoutStrongestProxies: the application fields left out. */
  readonly dropped?: readonly string[];
  /** previousModel: its version and calibration. */
  readonly version?: string;
  readonly calibration?: string;
}

export interface ProxyFigures {
  readonly classes: readonly string[];
  readonly rows: number;
  readonly auc: number | null;
  readonly aucKind: string;
  readonly topInputs: readonly { readonly group: string; readonly gainShare: number }[];
}

/** fairness.json as training/credit/train.py writes it. */
export interface FairnessFile {
  readonly generatedAt: string;
  readonly evaluatedOn: string;
  readonly protectedAttributes: { readonly fields: readonly string[]; readonly modelColumnsExcluded: readonly string[] };
  readonly attributes: readonly FairnessAttribute[];
  readonly ageBands: readonly string[];
  readonly definitions: Readonly<Record<string, string>>;
  readonly variants: Readonly<Partial<Record<FairnessVariantName, FairnessVariantFile>>> & { readonly withoutProtected: FairnessVariantFile };
  readonly proxies: Readonly<Partial<Record<'sex' | 'ageBand', ProxyFigures>>> & {
    readonly strongestDropped?: readonly string[];
    readonly what?: string;
  };
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
    /** Why `method` was chosen among `methods` (absent in models trained before the rule was written down). */
    readonly selection?: string;
    readonly methods: Readonly<Record<string, { readonly crossFitted: CalibrationCandidateFigures; readonly inSample: CalibrationFigures }>>;
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
  /** The cross-validated figures of the paired variants (absent in models trained before fairness.json). */
  readonly fairnessPrice?: Readonly<Partial<Record<FairnessVariantName, VariantFigures>>>;
  readonly runtimeSeconds: Readonly<Record<string, number>>;
}

export interface GlobalImportance {
  readonly rows: number;
  readonly groups: readonly {
    readonly group: string;
    readonly meanAbsShap: number;
    readonly meanShap: number;
    readonly features: readonly string[];
  }[];
}

/** A candidate as the card shows it: its name, cross-validated means, out-of-fold figures. */
interface CandidateFigures extends Pick<CandidateSummary, 'name' | 'oof'> {
  readonly rocAuc: MeanStd;
  readonly prAuc: MeanStd;
  readonly cost: MeanStd;
}

/** The model's identity as its metadata states it, then its figures. */
export interface ModelCard extends Pick<ModelMetadata, 'name' | 'version' | 'createdAt' | 'quick'> {
  readonly model: Pick<ModelMetadata['model'], 'type' | 'params' | 'trees'> & { readonly features: number; readonly fields: number };
  readonly data: { readonly rows: number; readonly positives: number; readonly sha256: string };
  readonly validation: {
    readonly folds: number;
    readonly configurationsSearched: number;
    readonly selection: string;
    readonly model: CandidateFigures;
    readonly baseline: CandidateFigures;
  };
  readonly calibration: {
    readonly method: string;
    readonly before: CalibrationFigures;
    readonly after: CalibrationFigures;
    readonly reliability: { readonly before: readonly ReliabilityPoint[]; readonly after: readonly ReliabilityPoint[] };
    /** How `method` was chosen; null for models trained before the rule was recorded. */
    readonly selection: string | null;
    /** Every candidate map with its cross-fitted figures (logLoss null when infinite or not recorded). */
    readonly candidates: readonly CalibrationCandidate[];
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
  /** The fairness report (fairness.json and metrics.json `fairnessPrice`); null for models trained before it existed. */
  readonly fairness: FairnessCard | null;
  readonly limits: ModelLimits;
}

export interface CalibrationCandidate {
  readonly method: string;
  readonly logLoss: number | null;
  readonly brier: number;
  readonly ece: number;
  readonly exactlyZeroOrOne: number | null;
  readonly chosen: boolean;
}

export interface FairnessGroupCard extends FairnessGroupFigures {
  /** The group as people read it (« femme », « moins de 25 ans »). */
  readonly label: string;
}

export interface FairnessAttributeCard extends Omit<FairnessAttributeFigures, 'groups'> {
  readonly attribute: FairnessAttribute;
  readonly groups: readonly FairnessGroupCard[];
}

export interface FairnessVariantCard {
  readonly variant: FairnessVariantName;
  readonly inputs: number;
  readonly threshold: number;
  readonly overall: FairnessVariantFile['fairness']['overall'];
  readonly attributes: readonly FairnessAttributeCard[];
  /** withoutStrongestProxies: the fields left out; previousModel: its version. */
  readonly dropped: readonly string[] | null;
  readonly version: string | null;
}

export interface FairnessCard {
  readonly generatedAt: string;
  readonly evaluatedOn: string;
  readonly protectedFields: readonly string[];
  readonly excludedColumns: readonly string[];
  /** Fairlearn's names of the measures and their definitions, as fairness.json states them. */
  readonly definitions: Readonly<Record<string, string>>;
  /** The current model first (withoutProtected), then withProtected, withoutStrongestProxies, previousModel when present. */
  readonly variants: readonly FairnessVariantCard[];
  readonly proxies: {
    readonly what: string | null;
    readonly attributes: readonly {
      readonly attribute: 'sex' | 'ageBand';
      readonly auc: number | null;
      readonly aucKind: string;
      readonly rows: number;
      readonly topInputs: readonly { readonly field: string; readonly label: string; readonly gainShare: number }[];
    }[];
    readonly strongestDropped: readonly { readonly field: string; readonly label: string }[];
  };
  /** metrics.json `fairnessPrice`: the cross-validated figures of each variant (empty when absent). */
  readonly price: readonly { readonly variant: FairnessVariantName; readonly figures: VariantFigures }[];
}

export interface ModelLimits {
  readonly data: {
    readonly source: string;
    /** Share of the competition's applications the sample holds. */
    readonly sampleShare: number;
    readonly rows: number;
    readonly positives: number;
    readonly applicationDates: false;
  };
  /** The data coverage in one sentence, in the card's language. */
  readonly coverage: string;
  /** What the model must not be used for, in the card's language. */
  readonly notFor: readonly string[];
  /** The fairness results in one line, in the card's language. */
  readonly fairness: string;
  readonly version: string;
  readonly createdAt: string;
}

export interface ModelReports {
  readonly metrics: TrainingMetrics;
  readonly importance: GlobalImportance;
  /** fairness.json; null when the model has none (trained before it existed). */
  readonly fairness: FairnessFile | null;
}

/**
 * Python's json module writes Infinity and NaN (an isotonic map that returns exactly 0 or 1 has
 * an infinite log-loss); JSON.parse refuses them. Read them as null.
 */
export function parseTrainerJson<T>(text: string): T {
  return JSON.parse(text.replace(/([:[,]\s*)-?(?:Infinity|NaN)(?=\s*[,\]}])/g, '$1null')) as T;
}

function readTrainerJson<T>(file: string): T {
  return parseTrainerJson<T>(fs.readFileSync(file, 'utf8'));
}

export function loadModelReports(bundle: ModelBundle): ModelReports {
  const { dir, metadata } = bundle;
  const fairnessFile = metadata.files.fairness ? path.join(dir, metadata.files.fairness) : null;
  return {
    metrics: readTrainerJson<TrainingMetrics>(path.join(dir, metadata.files.metrics)),
    importance: readJson<GlobalImportance>(path.join(dir, metadata.files.importance)),
    fairness: fairnessFile && fs.existsSync(fairnessFile) ? readTrainerJson<FairnessFile>(fairnessFile) : null,
  };
}

/** Rows of the competition's full application_train (datasets/home-credit/SOURCES.md): the labelled loans held here are a share of it. */
export const HOME_CREDIT_FULL_TRAIN_ROWS = 307_511;
const HOME_CREDIT_SOURCE = 'Home Credit Default Risk (Kaggle, 2018)';

/** An age band of fairness.json (« <25 », « 25-34 », « >=65 ») as people read it. */
function ageBandLabel(band: string, lang: Lang): string {
  const t = dictionary(lang).model.fairness;
  let m = /^<\s*(\d+)$/.exec(band);
  if (m) return fill(t.ageUnder, { age: m[1] });
  m = /^>=\s*(\d+)$/.exec(band);
  if (m) return fill(t.ageOver, { age: m[1] });
  m = /^(\d+)-(\d+)$/.exec(band);
  if (m) return fill(t.ageRange, { from: m[1], to: m[2] });
  return band;
}

export function fairnessGroupLabel(attribute: FairnessAttribute, group: string, lang: Lang): string {
  if (group === '(other)') return dictionary(lang).model.fairness.other;
  if (attribute === 'ageBand') return ageBandLabel(group, lang);
  return categoryLabel(attribute === 'sex' ? 'CODE_GENDER' : 'NAME_FAMILY_STATUS', group, lang);
}

function attributeCards(by: FairnessVariantFile['fairness']['by'], order: readonly FairnessAttribute[], lang: Lang): FairnessAttributeCard[] {
  const out: FairnessAttributeCard[] = [];
  for (const attribute of order) {
    const figures = by[attribute];
    if (!figures) continue;
    out.push({
      ...figures,
      attribute,
      groups: figures.groups.map((g) => ({ ...g, label: fairnessGroupLabel(attribute, g.group, lang) })),
    });
  }
  return out;
}

export function buildFairnessCard(file: FairnessFile, price: TrainingMetrics['fairnessPrice'], lang: Lang): FairnessCard {
  const order = file.attributes.length > 0 ? file.attributes : FAIRNESS_ATTRIBUTES;
  const variants: FairnessVariantCard[] = [];
  for (const variant of FAIRNESS_VARIANTS) {
    const v = file.variants[variant];
    if (!v) continue;
    variants.push({
      variant,
      inputs: v.inputs,
      threshold: v.fairness.threshold,
      overall: v.fairness.overall,
      attributes: attributeCards(v.fairness.by, order, lang),
      dropped: v.dropped ?? null,
      version: v.version ?? null,
    });
  }
  const proxies: FairnessCard['proxies']['attributes'][number][] = [];
  for (const attribute of ['sex', 'ageBand'] as const) {
    const p = file.proxies[attribute];
    if (!p) continue;
    proxies.push({
      attribute,
      auc: p.auc,
      aucKind: p.aucKind,
      rows: p.rows,
      topInputs: p.topInputs.map((i) => ({ field: i.group, label: fieldLabel(i.group, lang), gainShare: i.gainShare })),
    });
  }
  return {
    generatedAt: file.generatedAt,
    evaluatedOn: file.evaluatedOn,
    protectedFields: file.protectedAttributes.fields,
    excludedColumns: file.protectedAttributes.modelColumnsExcluded,
    definitions: file.definitions,
    variants,
    proxies: {
      what: file.proxies.what ?? null,
      attributes: proxies,
      strongestDropped: (file.proxies.strongestDropped ?? []).map((f) => ({ field: f, label: fieldLabel(f, lang) })),
    },
    price: FAIRNESS_VARIANTS.flatMap((variant) => {
      const figures = price?.[variant];
      return figures ? [{ variant, figures }] : [];
    }),
  };
}

function ratioText(value: number, lang: Lang): string {
  return normaliseSpaces(numberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value));
}

/** The fairness results of the current model in one line. */
export function fairnessOneLine(fairness: FairnessCard | null, lang: Lang): string {
  const t = dictionary(lang).model;
  const current = fairness?.variants.find((v) => v.variant === 'withoutProtected');
  if (!current) return t.limits.fairnessUnavailable;
  const name = (a: FairnessAttributeCard) => t.fairness.attributes[a.attribute].toLowerCase();
  const met = current.attributes.filter((a) => a.fourFifthsRuleMet === true);
  const notMet = current.attributes.filter((a) => a.fourFifthsRuleMet === false);
  const parts: string[] = [];
  if (notMet.length > 0) {
    parts.push(
      fill(t.limits.fairnessNotMet, {
        attributes: notMet.map(name).join(', '),
        ratios: notMet
          .map((a) => (a.demographicParityRatio === null ? t.fairness.notAvailable : ratioText(a.demographicParityRatio, lang)))
          .join(', '),
      }),
    );
  }
  if (met.length > 0) parts.push(fill(t.limits.fairnessMet, { attributes: met.map(name).join(', ') }));
  return parts.join(' ');
}

function modelLimits(metadata: ModelMetadata, fairness: FairnessCard | null, lang: Lang): ModelLimits {
  const t = dictionary(lang).model.limits;
  const count = (n: number) => normaliseSpaces(numberFormat(lang, { maximumFractionDigits: 0 }).format(n));
  const sampleShare = metadata.data.rows / HOME_CREDIT_FULL_TRAIN_ROWS;
  const share = normaliseSpaces(numberFormat(lang, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(sampleShare));
  return {
    data: { source: HOME_CREDIT_SOURCE, sampleShare, rows: metadata.data.rows, positives: metadata.data.positives, applicationDates: false },
    coverage: fill(t.coverage, { share, rows: count(metadata.data.rows), positives: count(metadata.data.positives) }),
    notFor: [...t.notFor],
    fairness: fairnessOneLine(fairness, lang),
    version: metadata.version,
    createdAt: metadata.createdAt,
  };
}

function calibrationCandidates(calibration: TrainingMetrics['calibration']): CalibrationCandidate[] {
  return Object.entries(calibration.methods ?? {}).map(([method, figures]) => {
    const f = figures.crossFitted;
    return {
      method,
      logLoss: typeof f.logLoss === 'number' && Number.isFinite(f.logLoss) ? f.logLoss : null,
      brier: f.brier,
      ece: f.ece,
      exactlyZeroOrOne: f.exactlyZeroOrOne ?? null,
      chosen: method === calibration.method,
    };
  });
}

export function buildModelCard(bundle: ModelBundle, reports: ModelReports, fieldCount: number, lang: Lang): ModelCard {
  const { metadata } = bundle;
  const { metrics, importance } = reports;
  const fairness = reports.fairness ? buildFairnessCard(reports.fairness, metrics.fairnessPrice, lang) : null;
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
      selection: metrics.calibration.selection ?? null,
      candidates: calibrationCandidates(metrics.calibration),
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
    fairness,
    limits: modelLimits(metadata, fairness, lang),
  };
}
