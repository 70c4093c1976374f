import type { Data } from 'plotly.js';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout, confusionChart } from '../charts/layout';
import { PALETTE } from '../charts/palette';
import { type Locale } from '../i18n';
import { fill, fmtBytes, fmtCount, fmtDate, fmtDuration, fmtFixed, fmtMs, fmtNumber, fmtPercent, fmtSigned } from './format';
import { type Loaded, type ModelEntry, type NlpLatency, type NlpMetrics, type NlpSeedStudy, servingCheckP50 } from './report';
import { RECIPE_ORDER } from './watchConcepts';
import {
  bestOnName,
  comparisonCaption,
  cvLabel,
  hasSeedMeans,
  isGrouped,
  nameCv,
  previousProtocol,
  protocolSentence,
  seedMeans,
  seedMeansSentence,
} from './watchProtocol';
import { type ResultsModel, SERVED, type ServedModel, type T, type TableModel, type TableRow, type Target, modelLabel } from './watchPageTypes';

/** The « results » section of /veille: the comparison table, F1 and confusion figures, learning curves, ablation and seed study. */

export function served(m: NlpMetrics): ServedModel[] {
  return SERVED.filter((n) => m.models[n]);
}

export function winnerOf(m: NlpMetrics): string | undefined {
  if (m.winner?.model) return m.winner.model;
  return served(m).sort((a, b) => m.models[b].cv.macro_f1.mean - m.models[a].cv.macro_f1.mean)[0];
}

/** The best index of numbers (higher or lower is better); none when fewer than two are finite. */
export function bestFlags(values: readonly number[], higher: boolean): boolean[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return values.map(() => false);
  const best = higher ? Math.max(...finite) : Math.min(...finite);
  return values.map((v) => Number.isFinite(v) && v === best);
}

export interface LatencyInfo {
  p50: number;
  p99: number;
  throughput: number;
  batch: number | null;
}

export function latencyOf(m: NlpMetrics, latency: Loaded<NlpLatency>, name: string): LatencyInfo {
  if (latency.ok) {
    const l = latency.value.models[name];
    if (l) return { p50: l.p50, p99: l.p99, throughput: l.batchTextsPerSecond ?? NaN, batch: l.batchSize ?? null };
  }
  return { p50: servingCheckP50(m, name) ?? NaN, p99: NaN, throughput: NaN, batch: null };
}

export function trainSeconds(m: NlpMetrics, name: string): { total: number; text: (locale: Locale, t: T) => string } {
  const entry = m.models[name];
  const fit = entry?.train_seconds ?? NaN;
  const pre = m.pretraining[name]?.seconds;
  if (entry?.kind === 'transformer' && pre !== undefined) {
    return {
      total: pre + (Number.isFinite(fit) ? fit : 0),
      text: (locale, t) => fill(t.results.trainTimeTransformer, { pretrain: fmtDuration(pre, locale), finetune: fmtDuration(fit, locale) }),
    };
  }
  return {
    total: fit,
    text: (locale, t) => (Number.isFinite(fit) ? fill(t.results.trainTimeTfidf, { fit: fmtDuration(fit, locale) }) : t.results.notAvailable),
  };
}

export function comparisonTable(m: NlpMetrics, latency: Loaded<NlpLatency>, locale: Locale, t: T): TableModel {
  const r = t.results.rows;
  const names = served(m);
  const entries = names.map((n) => m.models[n]);
  const lat = names.map((n) => latencyOf(m, latency, n));
  const numRow = (header: string, values: number[], format: (v: number) => string, higher: boolean): TableRow => ({
    header,
    cells: values.map((v) => (Number.isFinite(v) ? format(v) : t.results.notAvailable)),
    best: bestFlags(values, higher),
  });
  const meanStdRow = (header: string, key: 'accuracy' | 'macro_f1', view: 'cv' | 'cv_name' = 'cv'): TableRow => {
    const scores = entries.map((e) => (view === 'cv' ? e.cv : nameCv(e))?.[key]);
    return {
      header,
      cells: scores.map((s) => (s ? `${fmtFixed(s.mean, locale, 3)} ± ${fmtFixed(s.std, locale, 3)}` : t.results.notAvailable)),
      best: bestFlags(
        scores.map((s) => s?.mean ?? NaN),
        true,
      ),
    };
  };
  const nameRows = entries.some((e) => nameCv(e))
    ? [meanStdRow(r.accuracyName, 'accuracy', 'cv_name'), meanStdRow(r.macroF1Name, 'macro_f1', 'cv_name')]
    : [];
  const times = names.map((n) => trainSeconds(m, n));
  const batch = lat.find((l) => l.batch !== null)?.batch ?? 32;
  const rows: TableRow[] = [
    meanStdRow(r.accuracy, 'accuracy'),
    meanStdRow(r.macroF1, 'macro_f1'),
    ...nameRows,
    ...m.labels.map((label) =>
      numRow(
        fill(r.f1Of, { label }),
        entries.map((e) => e.cv.per_class[label]?.f1 ?? NaN),
        (v) => fmtFixed(v, locale, 3),
        true,
      ),
    ),
    {
      header: r.trainTime,
      cells: times.map((x) => x.text(locale, t)),
      best: bestFlags(
        times.map((x) => x.total),
        false,
      ),
    },
    numRow(
      r.size,
      entries.map((e) => e.size_bytes ?? NaN),
      (v) => fmtBytes(v, locale),
      false,
    ),
    numRow(
      r.latencyP50,
      lat.map((l) => l.p50),
      (v) => fmtMs(v, locale),
      false,
    ),
    numRow(
      r.latencyP99,
      lat.map((l) => l.p99),
      (v) => fmtMs(v, locale),
      false,
    ),
    numRow(
      fill(r.throughput, { batch }),
      lat.map((l) => l.throughput),
      (v) => fmtCount(v, locale),
      true,
    ),
  ];
  return {
    id: 'comparison',
    kind: 'text',
    caption: comparisonCaption(m, t),
    columns: [t.results.metric, ...names.map((n) => modelLabel(n, t))],
    rows,
  };
}

export function f1Figure(m: NlpMetrics, locale: Locale, t: T): FigureModel {
  const f = t.results.f1Figure;
  const names = [...served(m), ...Object.keys(m.models).filter((n) => !(SERVED as readonly string[]).includes(n))];
  const means = names.map((n) => m.models[n].cv.macro_f1.mean);
  const stds = names.map((n) => m.models[n].cv.macro_f1.std);
  const labels = names.map((n) => cvLabel(m, n, t));
  // The best among the models of the current protocol (a previous-protocol figure does not compare).
  const comparable = means.map((v, i) => (previousProtocol(m, names[i]) ? -Infinity : v));
  const top = Math.max(...comparable);
  const best = names[comparable.indexOf(top)];
  const seeds = hasSeedMeans(m);
  return {
    id: 'f1-by-model',
    title: seeds ? f.titleSeeds : f.title,
    caption: fill(seeds ? f.captionSeeds : f.caption, { best: modelLabel(best, t), f1: fmtFixed(top, locale, 3) }),
    label: f.label,
    chart: {
      height: 300,
      data: [
        {
          type: 'bar',
          x: labels,
          y: means,
          error_y: { type: 'data', array: stds, color: PALETTE.ink, thickness: 1.5, width: 8 },
          marker: {
            color: names.map((n) =>
              n === 'tfidf' ? PALETTE.reference : n === 'roberta' ? PALETTE.defaulted : n === 'bert' ? PALETTE.repaid : PALETTE.neutral,
            ),
          },
          text: means.map((v) => fmtFixed(v, locale, 3)),
          textposition: 'outside',
          cliponaxis: false,
          hovertemplate: `%{x}<br>${f.axis} : %{y:.3f}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 24, b: 16 },
        yaxis: axis({ title: { text: f.axis }, range: [0, 1.08] }),
        xaxis: axis({}),
      }),
    },
    table: {
      caption: f.title,
      columns: [t.results.metric, f.axis, '±'],
      rows: names.map((_, i) => [labels[i], fmtFixed(means[i], locale, 3), fmtFixed(stds[i], locale, 3)]),
    },
  };
}

/** Macro-F1 on name + description beside the name alone, per model measured on both (null when no model has cv_name). */
export function f1ViewsFigure(m: NlpMetrics, locale: Locale, t: T): FigureModel | null {
  const f = t.results.f1ViewsFigure;
  const names = served(m).filter((n) => nameCv(m.models[n]));
  const best = bestOnName(m, names);
  if (!best) return null;
  const full = names.map((n) => m.models[n].cv.macro_f1);
  const name = names.map((n) => nameCv(m.models[n])!.macro_f1);
  const labels = names.map((n) => modelLabel(n, t));
  const trace = (values: { mean: number; std: number }[], title: string, color: string, hatched: boolean): Data => ({
    type: 'bar',
    name: title,
    x: labels,
    y: values.map((v) => v.mean),
    error_y: { type: 'data', array: values.map((v) => v.std), color: PALETTE.ink, thickness: 1.5, width: 6 },
    // The name-alone bars are hatched too: the two inputs never differ by colour alone.
    marker: hatched ? { color, pattern: { shape: '/', fillmode: 'overlay', fgcolor: '#FFFFFF', size: 7, solidity: 0.25 } } : { color },
    text: values.map((v) => fmtFixed(v.mean, locale, 3)),
    textposition: 'outside',
    cliponaxis: false,
    hovertemplate: `%{x}<br>${title}<br>${f.axis} : %{y:.3f}<extra></extra>`,
  });
  const drops = names.map((n, i) => fill(f.drop, { model: labels[i], delta: fmtSigned((name[i].mean - full[i].mean) * 100, locale, 1) }));
  return {
    id: 'f1-by-input',
    title: f.title,
    caption: fill(f.caption, {
      best: modelLabel(best.name, t),
      f1: fmtFixed(best.f1, locale, 3),
      drops: drops.join(locale === 'fr' ? ' ; ' : '; '),
    }),
    label: f.label,
    chart: {
      height: 320,
      data: [trace(full, f.full, PALETTE.repaid, false), trace(name, f.name, PALETTE.defaulted, true)],
      layout: baseLayout({
        barmode: 'group',
        showlegend: true,
        margin: { l: 16, r: 16, t: 40, b: 16 },
        yaxis: axis({ title: { text: f.axis }, range: [0, 1.08] }),
        xaxis: axis({}),
      }),
    },
    table: {
      caption: f.title,
      columns: [t.results.metric, f.full, f.std, f.name, f.std],
      rows: names.map((_, i) => [
        labels[i],
        fmtFixed(full[i].mean, locale, 3),
        fmtFixed(full[i].std, locale, 3),
        fmtFixed(name[i].mean, locale, 3),
        fmtFixed(name[i].std, locale, 3),
      ]),
    },
  };
}

export function confusionFigure(m: NlpMetrics, name: string, locale: Locale, t: T): FigureModel {
  const c = t.results.confusion;
  const cm = m.models[name].cv.confusion_matrix;
  const labels = m.labels;
  const total = cm.flat().reduce((a, b) => a + b, 0);
  const correct = cm.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  const shares = cm.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s > 0 ? v / s : 0));
  });
  let worst = { i: -1, j: -1, n: 0 };
  cm.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i !== j && v > worst.n) worst = { i, j, n: v };
    }),
  );
  const model = modelLabel(name, t);
  // A transformer's matrix pools the out-of-fold predictions of every fine-tuning seed.
  const pooled = total > m.n_products && m.n_products > 0;
  const seeds = Math.round(total / Math.max(1, m.n_products));
  const text = cm.map((row, i) => row.map((v, j) => `${fmtCount(v, locale)}<br>${fmtPercent(shares[i][j], locale, 0)}`));
  return {
    id: `confusion-${name}`,
    title: fill(c.title, { model }),
    caption:
      worst.n > 0
        ? fill(pooled ? c.captionPooled : c.caption, {
            model,
            correct: fmtCount(correct, locale),
            total: fmtCount(total, locale),
            accuracy: fmtPercent(correct / Math.max(1, total), locale),
            actual: labels[worst.i],
            predicted: labels[worst.j],
            count: fmtCount(worst.n, locale),
            products: fmtCount(m.n_products, locale),
            seeds,
          })
        : fill(pooled ? c.captionPerfectPooled : c.captionPerfect, {
            model,
            correct: fmtCount(correct, locale),
            total: fmtCount(total, locale),
            accuracy: fmtPercent(correct / Math.max(1, total), locale),
            products: fmtCount(m.n_products, locale),
            seeds,
          }),
    label: fill(c.label, { model }),
    chart: confusionChart(
      { labels: { x: labels as string[], y: labels as string[] }, z: shares, text, actual: c.actual, predicted: c.predicted, colon: ' : ' },
      {
        height: 470,
        fontSize: 11,
        gap: 2,
        x: { tickangle: -35, tickfont: { size: 10, color: PALETTE.ink } },
        y: { tickfont: { size: 10, color: PALETTE.ink } },
      },
    ),
    table: {
      caption: fill(c.tableCaption, { model }),
      columns: [`${c.actual} \\ ${c.predicted}`, ...labels],
      rows: cm.map((row, i) => [labels[i], ...row.map((v) => fmtCount(v, locale))]),
    },
  };
}

export const CURVE_STYLE: Record<string, { color: string; dash: string; symbol: string }> = {
  bert: { color: PALETTE.repaid, dash: 'solid', symbol: 'circle' },
  roberta: { color: PALETTE.defaulted, dash: 'dash', symbol: 'square' },
  bert_dynamic: { color: PALETTE.neutral, dash: 'dot', symbol: 'triangle-up' },
};

export function curveFigure(m: NlpMetrics, kind: 'loss' | 'accuracy', locale: Locale, t: T): FigureModel | null {
  const names = RECIPE_ORDER.filter((n) => (m.pretraining[n]?.eval_curve.length ?? 0) > 0);
  if (names.length === 0) return null;
  const f = kind === 'loss' ? t.results.lossFigure : t.results.accuracyFigure;
  const fmt = (v: number) => (kind === 'loss' ? fmtFixed(v, locale, 3) : fmtPercent(v, locale));
  const data: Data[] = names.map((n) => {
    const style = CURVE_STYLE[n] ?? { color: PALETTE.ink, dash: 'solid', symbol: 'diamond' };
    const curve = m.pretraining[n].eval_curve;
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: modelLabel(n, t),
      x: curve.map((p) => p.tokens),
      y: curve.map((p) => (kind === 'loss' ? p.loss : p.accuracy)),
      line: { color: style.color, dash: style.dash as 'solid', width: 2.5 },
      marker: { symbol: style.symbol, size: 8, color: style.color, line: { color: PALETTE.ink, width: 1 } },
      hovertemplate: `${modelLabel(n, t)}<br>${f.x} : %{x:,.0f}<br>${f.y} : %{y:${kind === 'loss' ? '.3f' : '.1%'}}<extra></extra>`,
    };
  });
  const finals = names.map((n) => {
    const curve = m.pretraining[n].eval_curve;
    const last = curve[curve.length - 1];
    return `${modelLabel(n, t)} ${fmt(kind === 'loss' ? last.loss : last.accuracy)}`;
  });
  const points = names.flatMap((n) => m.pretraining[n].eval_curve.map((p) => ({ n, p })));
  return {
    id: `pretraining-${kind}`,
    title: f.title,
    caption: fill(f.caption, { values: finals.join(locale === 'fr' ? ' ; ' : '; ') }),
    label: f.label,
    chart: {
      height: 340,
      data,
      layout: baseLayout({
        showlegend: true,
        margin: { l: 16, r: 16, t: 40, b: 16 },
        xaxis: axis({ title: { text: f.x }, rangemode: 'tozero' }),
        yaxis: axis({ title: { text: f.y }, ...(kind === 'accuracy' ? { tickformat: '.0%', rangemode: 'tozero' } : {}) }),
      }),
    },
    table: {
      caption: f.title,
      columns: [t.results.metric, t.results.tokens, kind === 'loss' ? t.results.loss : t.results.accuracy],
      rows: points.map(({ n, p }) => [modelLabel(n, t), fmtCount(p.tokens, locale), fmt(kind === 'loss' ? p.loss : p.accuracy)]),
    },
  };
}

export function ablationModel(m: NlpMetrics, locale: Locale, t: T): { table: TableModel | null; sentences: string[] } {
  const entries = Object.entries(m.ablation);
  if (entries.length === 0) return { table: null, sentences: [] };
  const changedNames = t.results.changedNames as Record<string, string>;
  const pct = (v: number | undefined) => (v === undefined ? '—' : fmtPercent(v, locale));
  const f1 = (v: { mean: number } | undefined) => (v === undefined ? '—' : fmtFixed(v.mean, locale, 3));
  const rows: TableRow[] = [];
  const sentences: string[] = [];
  for (const [name, ab] of entries) {
    const base = ab.compared_with;
    const changed = ab.changed.map((c) => changedNames[c] ?? c).join(', ');
    // The ablation's own record of the base compares on the variant's protocol; the base's model entry is on its own.
    const recorded = ab.cv_macro_f1?.[base];
    const baseF1 = recorded ?? m.models[base]?.cv.macro_f1;
    const varF1 = ab.cv_macro_f1?.[name] ?? m.models[name]?.cv.macro_f1;
    const previous = previousProtocol(m, name);
    const sameProtocol = recorded !== undefined || previous === previousProtocol(m, base);
    const baseAcc = ab.heldout_masked_accuracy?.[base];
    const varAcc = ab.heldout_masked_accuracy?.[name];
    const f1Cell = `${f1(baseF1)} → ${f1(varF1)}`;
    // On the name alone: only the ablation's own record, measured on one protocol for both (none before issue #18).
    const names = ab.cv_name_macro_f1;
    const nameCell = names?.[base] && names[name] ? `${f1(names[base])} → ${f1(names[name])}` : '—';
    rows.push({
      header: modelLabel(name, t),
      cells: [
        modelLabel(base, t),
        changed,
        `${pct(baseAcc)} → ${pct(varAcc)}`,
        previous ? fill(t.results.ablationPrevious, { f1: f1Cell }) : f1Cell,
        nameCell,
      ],
    });
    const sentence = fill(t.results.ablationSentence, {
      variant: modelLabel(name, t),
      base: modelLabel(base, t),
      changed,
      baseF1: f1(baseF1),
      variantF1: f1(varF1),
      delta: baseF1 && varF1 && sameProtocol ? fmtSigned((varF1.mean - baseF1.mean) * 100, locale, 1) : '—',
      baseAcc: pct(baseAcc),
      variantAcc: pct(varAcc),
    });
    sentences.push(previous ? `${sentence} ${t.results.ablationPreviousSentence}` : sentence);
  }
  return {
    table: { id: 'ablation', kind: 'text', caption: t.results.ablationCaption, columns: t.results.ablationColumns, rows },
    sentences,
  };
}

/** RoBERTa recipe vs BERT recipe: the difference of mean macro-F1 in points and whether it exceeds the fold spread. */
/** One sentence on the fine-tuning seed study: each transformer's mean CV macro-F1 per seed and overall. */
export function seedStudySentence(study: NlpSeedStudy, locale: Locale, t: T): string | null {
  const rt = t.results;
  const names = (['bert', 'roberta'] as const).filter((n) => (study.models[n]?.repetitions.length ?? 0) >= 2);
  if (names.length === 0) return null;
  const entries = names.map((n) => study.models[n]);
  const spread = Math.max(...entries.map((e) => Math.max(...e.repetitions.map((r) => r.mean)) - Math.min(...e.repetitions.map((r) => r.mean))));
  const models = names.map((n, i) =>
    fill(rt.seedStudyModel, {
      model: modelLabel(n, t),
      mean: fmtFixed(entries[i].mean_of_means, locale, 3),
      means: entries[i].repetitions.map((r) => fmtFixed(r.mean, locale, 3)).join(' / '),
    }),
  );
  return fill(rt.seedStudy, {
    seed: study.seed,
    n: Math.max(...entries.map((e) => e.repetitions.length)),
    models: models.join(locale === 'fr' ? ' ; ' : '; '),
    range: fmtFixed(spread * 100, locale, 1),
  });
}

export function bertVsRoberta(m: NlpMetrics): { delta: number; significant: boolean; bert: ModelEntry; roberta: ModelEntry } | null {
  const bert = m.models.bert;
  const roberta = m.models.roberta;
  if (!bert || !roberta) return null;
  if (previousProtocol(m, 'bert') !== previousProtocol(m, 'roberta')) return null;
  const delta = (roberta.cv.macro_f1.mean - bert.cv.macro_f1.mean) * 100;
  const spread = Math.max(bert.cv.macro_f1.std, roberta.cv.macro_f1.std) * 100;
  return { delta, significant: Math.abs(delta) > spread, bert, roberta };
}

/** Where the per-class F1 come from: the out-of-fold predictions, pooled over the seeds when the CV was repeated. */
function perClassNote(m: NlpMetrics, locale: Locale, t: T): string {
  const predictions = Math.max(0, ...served(m).map((n) => m.models[n].cv.n_predictions ?? 0));
  return predictions > m.n_products
    ? fill(t.results.perClassNotePooled, { products: fmtCount(m.n_products, locale), predictions: fmtCount(predictions, locale) })
    : fill(t.results.perClassNote, { products: fmtCount(m.n_products, locale) });
}

export function resultsModel(
  m: NlpMetrics,
  latency: Loaded<NlpLatency>,
  seedStudy: Loaded<NlpSeedStudy> | undefined,
  locale: Locale,
  t: T,
): ResultsModel {
  const rt = t.results;
  const winner = winnerOf(m);
  const vs = bertVsRoberta(m);
  const ft = m.config?.finetune;
  const targets: Target[] = [];
  /** A target on a mean: met when it reaches the threshold, unknown when not measured; the value says when it comes from one seed. */
  const meanTarget = (text: string, value: number | undefined, threshold: number, oneSeed: boolean, shown?: string): Target => {
    const status = value === undefined ? 'unknown' : value >= threshold ? 'met' : 'notMet';
    const v = value === undefined ? rt.notAvailable : (shown ?? fmtFixed(value, locale, 3));
    return { text, status, statusText: rt.targets[status], value: oneSeed && value !== undefined ? fill(rt.targets.oneSeed, { value: v }) : v };
  };
  const manySeeds = hasSeedMeans(m);
  for (const n of ['bert', 'roberta'] as const) {
    const e = m.models[n];
    if (!e) continue;
    const oneSeed = !manySeeds && seedMeans(e).length < 2;
    targets.push(meanTarget(fill(rt.targets.f1, { model: modelLabel(n, t) }), e.cv.macro_f1.mean, 0.9, oneSeed));
    targets.push(meanTarget(fill(rt.targets.f1Name, { model: modelLabel(n, t) }), nameCv(e)?.macro_f1.mean, 0.85, oneSeed));
    const p50 = latencyOf(m, latency, n).p50;
    const status = Number.isFinite(p50) ? (p50 <= 30 ? 'met' : 'notMet') : 'unknown';
    targets.push({
      text: fill(rt.targets.latency, { model: modelLabel(n, t) }),
      status,
      statusText: rt.targets[status],
      value: fmtMs(p50, locale),
    });
  }
  const names = served(m);
  const bestName = bestOnName(m, names);
  const allMeasured = names.every((n) => nameCv(m.models[n]));
  targets.push(
    meanTarget(
      rt.targets.bestName,
      bestName && (allMeasured || bestName.f1 >= 0.9) ? bestName.f1 : undefined,
      0.9,
      bestName !== null && m.models[bestName.name].kind === 'transformer' && !manySeeds && seedMeans(m.models[bestName.name]).length < 2,
      bestName ? fill(rt.targets.bestNameValue, { model: modelLabel(bestName.name, t), f1: fmtFixed(bestName.f1, locale, 3) }) : undefined,
    ),
  );
  const l = latency.ok ? latency.value : null;
  const ablation = ablationModel(m, locale, t);
  const notices: string[] = [];
  const checkpoints = Object.entries(m.pretrained_checkpoints);
  if (checkpoints.length > 0) {
    notices.push(
      fill(rt.checkpointsUsed, {
        models: checkpoints.map(([n, from]) => `${modelLabel(n, t)} (${from.split(/[\\/]/).filter(Boolean).pop() ?? from})`).join(', '),
      }),
    );
  }
  const pendingCv = Object.keys(m.not_cross_validated);
  if (pendingCv.length > 0) notices.push(fill(rt.notCrossValidated, { models: pendingCv.map((n) => modelLabel(n, t)).join(', ') }));
  return {
    notices,
    protocol: protocolSentence(m, locale, t, {
      folds: m.protocol.cv.folds,
      products: fmtCount(m.n_products, locale),
      epochs: ft?.epochs ?? '—',
      batch: ft?.batch_size ?? '—',
      lr: ft ? fmtNumber(ft.lr, locale, 6) : '—',
    }),
    winner: winner ? fill(rt.winner, { model: modelLabel(winner, t), f1: fmtFixed(m.models[winner]?.cv.macro_f1.mean ?? NaN, locale, 3) }) : '',
    winnerName: bestName
      ? fill(rt.winnerName, {
          model: modelLabel(bestName.name, t),
          f1: fmtFixed(bestName.f1, locale, 3),
          full: fmtFixed(bestName.full, locale, 3),
        })
      : null,
    bertVsRoberta: vs
      ? fill(rt.bertVsRoberta, {
          delta: fmtSigned(vs.delta, locale, 1),
          roberta: fmtFixed(vs.roberta.cv.macro_f1.mean, locale, 3),
          bert: fmtFixed(vs.bert.cv.macro_f1.mean, locale, 3),
          significance: fill(
            vs.significant ? (manySeeds ? rt.significantSeeds : rt.significant) : manySeeds ? rt.notSignificantSeeds : rt.notSignificant,
            {
              bertStd: fmtFixed(vs.bert.cv.macro_f1.std, locale, 3),
              robertaStd: fmtFixed(vs.roberta.cv.macro_f1.std, locale, 3),
            },
          ),
        })
      : null,
    seedStudy:
      m.mode === 'quick'
        ? null
        : (seedMeansSentence(m, locale, t) ?? (seedStudy?.ok && !isGrouped(m) ? seedStudySentence(seedStudy.value, locale, t) : null)),
    targets,
    comparison: comparisonTable(m, latency, locale, t),
    latencySource: fill(rt.latencySource, {
      source: l
        ? fill(rt.latencyFromBench, {
            date: fmtDate(l.measuredAt, locale),
            cpus: l.machine.cpus,
            cpu: l.machine.cpuModel ?? '?',
            node: l.machine.node,
            n: fmtCount(l.texts, locale),
          })
        : rt.latencyFromCheck,
    }),
    perClassNote: perClassNote(m, locale, t),
    trainTimeNote: rt.trainTimeNote,
    f1Figure: f1Figure(m, locale, t),
    f1ViewsFigure: f1ViewsFigure(m, locale, t),
    confusion: served(m).map((n) => confusionFigure(m, n, locale, t)),
    lossFigure: curveFigure(m, 'loss', locale, t),
    accuracyFigure: curveFigure(m, 'accuracy', locale, t),
    ablationTable: ablation.table,
    ablationSentences: ablation.sentences,
  };
}
