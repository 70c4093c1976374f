import path from 'node:path';
import { oncePerProcess } from '../config/oncePerProcess';
import { readBlockFile } from '../credit/blockFile';
import { getCreditEngine } from '../credit/engine';
import type { ColumnarTable, RawValue } from '../data/columnarTable';
import { getHomeCreditStore } from '../data/homeCreditStore';
import { quantileSorted } from '../data/quantile';
import { psi, psiBand, rocAuc, shares } from './psi';
import type { BacktestReport, BacktestRow, FeatureStability, StabilityBin, StabilityReport } from './types';
import { isAccepted } from '../credit/decisionRule';

/**
 * Population and score stability (PSI) of any set of scored applications against the reference:
 * the 63,444 historical loans the model learnt from, with their out-of-fold probabilities (the
 * probability each loan got from a model that had not seen it — models/credit/oof.bin). Bins are
 * fixed by the reference: the score and each numeric input in reference deciles plus a missing
 * bin; each categorical input in its reference categories, an « other » bin for categories never
 * seen, and a missing bin. The current population is counted into them one application at a time
 * (StabilityAccumulator), so the memory is flat in the number of rows: the page, the API and
 * `npm run monitor` share this one computation.
 */

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const MISSING = '(missing)';
const OTHER = '(other)';

interface NumericProfile {
  readonly kind: 'numeric';
  readonly field: string;
  /** Distinct interior cut points: bin k holds values in [edges[k-1], edges[k]). */
  readonly edges: Float64Array;
  /** 0.5th and 99.5th percentiles (input-quality range). */
  readonly range: readonly [number, number];
  /** Counts per bin, the missing bin last. */
  readonly counts: Float64Array;
}

interface CategoricalProfile {
  readonly kind: 'categorical';
  readonly field: string;
  readonly categories: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Counts per category, then « other », then missing. */
  readonly counts: Float64Array;
}

type FieldProfile = NumericProfile | CategoricalProfile;

export interface ReferenceProfile {
  /** The model's raw inputs (application fields), in the order `StabilityAccumulator.add` takes values. */
  readonly fields: readonly string[];
  readonly model: { readonly name: string; readonly version: string; readonly threshold: number };
  readonly profiles: readonly FieldProfile[];
  readonly byField: ReadonlyMap<string, FieldProfile>;
  /** Out-of-fold probabilities, outcomes and folds of the historical loans, in store row order. */
  readonly oof: { readonly probability: Float64Array; readonly label: Uint8Array };
  readonly scoreEdges: Float64Array;
  readonly scoreCounts: Float64Array;
  readonly summary: StabilityReport['reference'];
}

/** Distinct decile cut points of the non-missing values. */
function decileEdges(sorted: Float64Array): Float64Array {
  const edges: number[] = [];
  for (const q of DECILES) {
    const v = quantileSorted(sorted, q);
    if (Number.isFinite(v) && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  // A cut at the minimum would leave the first bin empty by construction.
  if (sorted.length > 0 && edges.length > 0 && edges[0] <= sorted[0]) edges.shift();
  return Float64Array.from(edges);
}

/** Index of the bin of `v` (edges sorted ascending): the number of edges ≤ v. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function numericProfile(field: string, values: Float64Array): NumericProfile {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const edges = decileEdges(present);
  const counts = new Float64Array(edges.length + 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    counts[Number.isNaN(v) ? edges.length + 1 : binOf(edges, v)]++;
  }
  return { kind: 'numeric', field, edges, range: [quantileSorted(present, 0.005), quantileSorted(present, 0.995)], counts };
}

function categoricalProfile(field: string, codes: Int32Array, categories: readonly string[]): CategoricalProfile {
  const counts = new Float64Array(categories.length + 2);
  for (let i = 0; i < codes.length; i++) counts[codes[i] < 0 ? categories.length + 1 : codes[i]]++;
  return { kind: 'categorical', field, categories, index: new Map(categories.map((c, i) => [c, i])), counts };
}

function profileOf(table: ColumnarTable, field: string): FieldProfile {
  const column = table.byName.get(field);
  if (!column) throw new Error(`monitoring: the training table has no column ${field}`);
  return column.kind === 'numeric' ? numericProfile(field, column.values) : categoricalProfile(field, column.codes, column.categories);
}

interface OofHeader {
  readonly rows: number;
  readonly threshold: number;
}

async function buildReference(): Promise<ReferenceProfile> {
  const engine = await getCreditEngine();
  const { bundle, threshold } = engine.model;
  const train = engine.store.train;
  const fields = [...engine.model.pipeline.sources];
  const profiles = fields.map((f) => profileOf(train.table, f));
  const oofFile = readBlockFile<OofHeader>(path.join(bundle.dir, bundle.metadata.files.oof), 'PADOOF01');
  const probability = oofFile.blocks.get('probability') as Float64Array;
  const label = oofFile.blocks.get('label') as Uint8Array;
  if (probability.length !== train.table.rowCount)
    throw new Error(`monitoring: oof.bin has ${probability.length} rows, the training table ${train.table.rowCount}`);
  const scoreEdges = decileEdges(Float64Array.from(probability).sort());
  const scoreCounts = new Float64Array(scoreEdges.length + 1);
  let accepted = 0;
  let sum = 0;
  let defaults = 0;
  for (let i = 0; i < probability.length; i++) {
    scoreCounts[binOf(scoreEdges, probability[i])]++;
    if (isAccepted(probability[i], threshold)) accepted++;
    sum += probability[i];
    defaults += label[i];
  }
  let missing = 0;
  for (const p of profiles) missing += p.counts[p.counts.length - 1];
  const n = probability.length;
  return {
    fields,
    model: { name: bundle.metadata.name, version: bundle.metadata.version, threshold },
    profiles,
    byField: new Map(profiles.map((p) => [p.field, p])),
    oof: { probability, label },
    scoreEdges,
    scoreCounts,
    summary: {
      description: 'historical loans (application_train), out-of-fold probabilities',
      count: n,
      approvalRate: accepted / n,
      meanProbability: sum / n,
      defaultRate: defaults / n,
      missingRate: missing / (n * fields.length),
    },
  };
}

/** The reference (historical loans, out-of-fold probabilities), built once per process. */
export const referenceProfile = oncePerProcess('__monitoringReference', buildReference);

const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toString() : Number(v.toPrecision(4)).toString());

function numericLabels(edges: Float64Array): string[] {
  if (edges.length === 0) return ['(all values)']; // a constant input: one bin
  const labels: string[] = [];
  for (let k = 0; k <= edges.length; k++) {
    if (k === 0) labels.push(`< ${fmt(edges[0])}`);
    else if (k === edges.length) labels.push(`≥ ${fmt(edges[k - 1])}`);
    else labels.push(`[${fmt(edges[k - 1])}, ${fmt(edges[k])})`);
  }
  return labels;
}

function binsOf(labels: readonly string[], reference: ArrayLike<number>, current: ArrayLike<number>): StabilityBin[] {
  const r = shares(reference);
  const c = shares(current);
  return labels.map((label, i) => ({ label, reference: r[i], current: c[i] }));
}

/** What the counting needs of the reference: its bins, not the historical loans' outcomes (sent to worker threads as is). */
export type BinningProfile = Omit<ReferenceProfile, 'oof'>;

/** The counts of an accumulator, to be added into another one (a worker's share of a file). */
export interface AccumulatorState {
  readonly counts: readonly Float64Array[];
  readonly scoreCounts: Float64Array;
  readonly n: number;
  readonly accepted: number;
  readonly probabilitySum: number;
  readonly missing: number;
}

/** The reference without the historical loans' out-of-fold arrays: what a worker thread needs to count. */
export function binningProfile(profile: ReferenceProfile): BinningProfile {
  const { oof: _oof, ...bins } = profile; // eslint-disable-line @typescript-eslint/no-unused-vars
  return bins;
}

/** Counts the current population into the reference's bins, one application at a time (memory flat in the number of rows). */
export class StabilityAccumulator {
  private counts: Float64Array[];
  private scoreCounts: Float64Array;
  private n = 0;
  private accepted = 0;
  private probabilitySum = 0;
  private missing = 0;

  constructor(readonly profile: BinningProfile) {
    this.counts = profile.profiles.map((p) => new Float64Array(p.counts.length));
    this.scoreCounts = new Float64Array(profile.scoreCounts.length);
  }

  get count(): number {
    return this.n;
  }

  /** The counts so far, and the accumulator emptied (a worker hands each chunk's counts over this way). */
  take(): AccumulatorState {
    const state: AccumulatorState = {
      counts: this.counts,
      scoreCounts: this.scoreCounts,
      n: this.n,
      accepted: this.accepted,
      probabilitySum: this.probabilitySum,
      missing: this.missing,
    };
    this.counts = this.profile.profiles.map((p) => new Float64Array(p.counts.length));
    this.scoreCounts = new Float64Array(this.profile.scoreCounts.length);
    this.n = this.accepted = this.probabilitySum = this.missing = 0;
    return state;
  }

  /** Adds the counts of another accumulator over the same reference. */
  merge(state: AccumulatorState): void {
    if (state.counts.length !== this.counts.length) throw new Error(`monitoring: merging ${state.counts.length} inputs into ${this.counts.length}`);
    state.counts.forEach((counts, i) => {
      const into = this.counts[i];
      if (counts.length !== into.length) throw new Error(`monitoring: ${this.profile.fields[i]} has ${counts.length} bins, expected ${into.length}`);
      for (let k = 0; k < counts.length; k++) into[k] += counts[k];
    });
    for (let k = 0; k < state.scoreCounts.length; k++) this.scoreCounts[k] += state.scoreCounts[k];
    this.n += state.n;
    this.accepted += state.accepted;
    this.probabilitySum += state.probabilitySum;
    this.missing += state.missing;
  }

  /** One application: its raw values in `profile.fields` order (null or NaN = missing), and its calibrated probability. */
  add(values: readonly RawValue[], probability: number): void {
    this.addValues(values);
    this.addScore(probability);
  }

  /**
   * An application's inputs only, read as `values[at[i]]` for input i (`at` omitted: values in
   * `profile.fields` order; -1: missing). Its score is counted by addScore, once the model has it.
   */
  addValues(values: readonly RawValue[], at?: Int32Array): void {
    const { profiles } = this.profile;
    for (let i = 0; i < profiles.length; i++) {
      const p = profiles[i];
      const k = at ? at[i] : i;
      const v = k < 0 ? null : values[k];
      const counts = this.counts[i];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        counts[counts.length - 1]++;
        this.missing++;
      } else if (p.kind === 'numeric') counts[typeof v === 'number' ? binOf(p.edges, v) : counts.length - 1]++;
      else counts[p.index.get(String(v)) ?? p.categories.length]++;
    }
  }

  /** Every row of a columnar table (the stored new applications), column by column, with their probabilities in row order. */
  addTable(table: ColumnarTable, probabilities: ArrayLike<number>): void {
    this.profile.profiles.forEach((p, i) => {
      const column = table.byName.get(p.field);
      const counts = this.counts[i];
      const missingBin = counts.length - 1;
      if (!column) {
        counts[missingBin] += table.rowCount;
        this.missing += table.rowCount;
        return;
      }
      if (column.kind === 'numeric' && p.kind === 'numeric') {
        for (let r = 0; r < table.rowCount; r++) {
          const v = column.values[r];
          if (Number.isNaN(v)) {
            counts[missingBin]++;
            this.missing++;
          } else counts[binOf(p.edges, v)]++;
        }
      } else if (column.kind === 'categorical' && p.kind === 'categorical') {
        const map = column.categories.map((c) => p.index.get(c) ?? p.categories.length);
        for (let r = 0; r < table.rowCount; r++) {
          const code = column.codes[r];
          if (code < 0) {
            counts[missingBin]++;
            this.missing++;
          } else counts[map[code]]++;
        }
      } else throw new Error(`monitoring: ${p.field} is ${p.kind} in the reference but ${column.kind} here`);
    });
    for (let r = 0; r < table.rowCount; r++) this.addScore(probabilities[r]);
  }

  /** An application's calibrated probability (its inputs counted by addValues). */
  addScore(probability: number): void {
    this.scoreCounts[binOf(this.profile.scoreEdges, probability)]++;
    if (isAccepted(probability, this.profile.model.threshold)) this.accepted++;
    this.probabilitySum += probability;
    this.n++;
  }

  /** The report so far; `description` names the current population (e.g. the file's name). */
  report(description: string, rejected?: StabilityReport['rejected']): StabilityReport {
    const ref = this.profile;
    const features: FeatureStability[] = ref.profiles.map((p, i) => {
      const current = this.counts[i];
      const labels = p.kind === 'numeric' ? [...numericLabels(p.edges), MISSING] : [...p.categories, OTHER, MISSING];
      const value = psi(p.counts, current);
      const refMissing = shares(p.counts)[p.counts.length - 1];
      const curMissing = shares(current)[current.length - 1];
      return {
        field: p.field,
        kind: p.kind,
        psi: value,
        band: psiBand(value),
        missing: { reference: refMissing, current: curMissing },
        bins: binsOf(labels, p.counts, current),
      };
    });
    features.sort((a, b) => b.psi - a.psi);
    const scorePsi = psi(ref.scoreCounts, this.scoreCounts);
    const n = this.n;
    return {
      reference: ref.summary,
      current: {
        description,
        count: n,
        approvalRate: n > 0 ? this.accepted / n : 0,
        meanProbability: n > 0 ? this.probabilitySum / n : 0,
        missingRate: n > 0 ? this.missing / (n * ref.fields.length) : 0,
      },
      score: { psi: scorePsi, band: psiBand(scorePsi), bins: binsOf(numericLabels(ref.scoreEdges), ref.scoreCounts, this.scoreCounts) },
      features,
      model: ref.model,
      ...(rejected ? { rejected } : {}),
    };
  }
}

async function buildNewApplicationsReport(): Promise<StabilityReport> {
  const [profile, engine] = await Promise.all([referenceProfile(), getCreditEngine()]);
  const accumulator = new StabilityAccumulator(profile);
  accumulator.addTable(engine.store.test.table, await engine.newApplicationProbabilities());
  return accumulator.report('new applications (application_test), scored by the served model');
}

/** The report for the 48,744 new applications (stored test set) against the reference, computed once per process. */
export const newApplicationsReport = oncePerProcess('__newApplicationsReport', buildNewApplicationsReport);

/** Segments of the back-test: the application's characteristics a risk team reads portfolios by. */
export const BACKTEST_SEGMENTS = [
  'NAME_CONTRACT_TYPE',
  'NAME_INCOME_TYPE',
  'NAME_EDUCATION_TYPE',
  'REGION_RATING_CLIENT',
  'NAME_HOUSING_TYPE',
  'FLAG_OWN_CAR',
] as const;

function backtestRow(label: string, rows: readonly number[], probability: Float64Array, outcome: Uint8Array, threshold: number): BacktestRow {
  let defaults = 0;
  let predicted = 0;
  let accepted = 0;
  const p = new Float64Array(rows.length);
  const y = new Uint8Array(rows.length);
  rows.forEach((r, k) => {
    defaults += outcome[r];
    predicted += probability[r];
    if (isAccepted(probability[r], threshold)) accepted++;
    p[k] = probability[r];
    y[k] = outcome[r];
  });
  const n = rows.length;
  return { label, count: n, observedDefaultRate: defaults / n, predictedDefaultRate: predicted / n, approvalRate: accepted / n, auc: rocAuc(p, y) };
}

/** Back-testing of the out-of-fold predictions by score decile and by segment (computed once per process). */
export const backtestReport = oncePerProcess('__backtestReport', buildBacktest);

async function buildBacktest(): Promise<BacktestReport> {
  const profile = await referenceProfile();
  const { probability, label } = profile.oof;
  const threshold = profile.model.threshold;
  const order = Array.from({ length: probability.length }, (_, i) => i).sort((a, b) => probability[a] - probability[b]);
  const byDecile: BacktestRow[] = [];
  for (let d = 0; d < 10; d++) {
    const rows = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    byDecile.push(backtestRow(`D${d + 1}`, rows, probability, label, threshold));
  }
  const table = getHomeCreditStore().train.table;
  const bySegment = BACKTEST_SEGMENTS.map((field) => {
    const column = table.byName.get(field);
    const groups = new Map<string, number[]>();
    for (let r = 0; r < table.rowCount; r++) {
      let key: string;
      if (!column) key = MISSING;
      else if (column.kind === 'categorical') key = column.codes[r] < 0 ? MISSING : column.categories[column.codes[r]];
      else key = Number.isNaN(column.values[r]) ? MISSING : String(column.values[r]);
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(r);
    }
    const rows = [...groups].map(([key, list]) => backtestRow(key, list, probability, label, threshold)).sort((a, b) => b.count - a.count);
    return { field, rows };
  });
  return { byDecile, bySegment };
}
