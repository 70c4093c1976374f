import type { Decision, Score, ScoreProvenance } from '../credit/types';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { baseLayout } from '../charts/layout';
import { formatNumber, formatPercent, formatPoints, formatProbability } from './format';
import { PALETTE } from '../charts/palette';
import { fill } from './text';
import { decisionAt } from '../credit/decisionRule';

/**
 * The decision banner: « Accordé » / « Refusé » (icon + word, never colour alone), the default
 * probability, the threshold, the distance to the threshold in words, and a gauge with the
 * threshold marked.
 */

export type Margin = 'clear' | 'moderate' | 'narrow';

const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * How clear the decision is, from the distance between probability and threshold on the
 * log-odds scale (the model's own scale, where a step means the same relative change in risk
 * on both sides of an 8 % threshold): < 0.25 narrow, < 0.75 moderate, else clear.
 */
export function decisionMargin(probability: number, threshold: number): Margin {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, probability));
  const d = Math.abs(logit(p) - logit(threshold));
  return d < 0.25 ? 'narrow' : d < 0.75 ? 'moderate' : 'clear';
}

export interface DecisionModel {
  readonly decision: Decision;
  readonly label: string;
  readonly longLabel: string;
  readonly probability: string;
  readonly threshold: string;
  /** e.g. « 3,2 pts au-dessus du seuil — décision serrée, à examiner avec attention ». */
  readonly distance: string;
  readonly margin: Margin;
  readonly gauge: FigureModel;
  /** Short status for the sticky header. */
  readonly headerStatus: string;
  /** Says that a historical loan's probability is out of fold, and from which fold model; null for the final model. */
  readonly provenance: string | null;
  /** What the threshold weighs, with the model's cost ratio (« un défaut non détecté coûte 10 fois… »). */
  readonly thresholdNote: string;
}

/** `costs`: the model's (metadata.json), for the note that says what the threshold weighs. */
export function decisionModel(
  score: Score & Partial<ScoreProvenance>,
  id: number,
  locale: Locale,
  costs: { readonly falseNegative: number; readonly falsePositive: number },
): DecisionModel {
  const t = dictionary(locale).dashboard.decision;
  const { probability, threshold, decision } = score;
  const p = formatProbability(probability, locale);
  const th = formatPercent(threshold, locale);
  const points = formatPoints(probability - threshold, locale).replace(/^[+−]/, '');
  const margin = decisionMargin(probability, threshold);
  const marginText = margin === 'clear' ? t.marginClear : margin === 'moderate' ? t.marginModerate : t.marginNarrow;
  const side = decisionAt(probability, threshold) === 'refuse' ? t.distanceAbove : t.distanceBelow;
  const distance = `${fill(side, { points })} — ${marginText}`;
  const label = decision === 'accept' ? t.accept : t.refuse;
  // « 12,3 % » in French, "12.3%" in English (Plotly's locale gives the decimal mark).
  const percentSuffix = locale === 'fr' ? '\u00a0%' : '%';
  // The gauge spans 0 to at least 30 % (the threshold is near 8 %), further when needed.
  const max = Math.min(1, Math.max(0.3, Math.ceil((probability * 1.15) / 0.1) * 0.1));
  const gauge: FigureModel = {
    id: 'gauge',
    title: t.gaugeTitle,
    caption: fill(t.gaugeCaption, {
      probability: p,
      side: decisionAt(probability, threshold) === 'refuse' ? t.gaugeAbove : t.gaugeBelow,
      threshold: th,
      decision: decision === 'accept' ? t.acceptLong : t.refuseLong,
    }),
    label: t.gaugeLabel,
    chart: {
      height: 210,
      print: { width: 300, height: 140 },
      data: [
        {
          type: 'indicator',
          mode: 'gauge+number',
          // as formatProbability: « < 0,1 % » / « > 99,9 % » at the ends, never 0,0 % or 100 %
          value: Math.min(99.9, Math.max(0.1, probability * 100)),
          number: {
            prefix: probability < 0.0005 ? '<\u00a0' : probability >= 0.9995 ? '>\u00a0' : '',
            suffix: percentSuffix,
            valueformat: '.1f',
            font: { size: 30, color: PALETTE.ink },
          },
          gauge: {
            shape: 'angular',
            axis: { range: [0, max * 100], ticksuffix: percentSuffix, tickcolor: PALETTE.ink, tickfont: { color: PALETTE.ink, size: 12 } },
            bar: { color: PALETTE.ink, thickness: 0.28 },
            bgcolor: '#ffffff',
            borderwidth: 1,
            bordercolor: PALETTE.reference,
            steps: [
              { range: [0, threshold * 100], color: '#CFE3F3' },
              { range: [threshold * 100, max * 100], color: '#F6D5C2' },
            ],
            threshold: { line: { color: PALETTE.ink, width: 4 }, thickness: 0.95, value: threshold * 100 },
          },
        },
      ],
      layout: baseLayout({ margin: { l: 32, r: 32, t: 28, b: 8 } }),
    },
    table: {
      caption: t.gaugeTableCaption,
      columns: [t.quantity, t.value],
      rows: [
        [t.probability, p],
        [t.threshold, th],
        [t.heading, label],
      ],
    },
  };
  return {
    decision,
    label,
    longLabel: decision === 'accept' ? t.acceptLong : t.refuseLong,
    probability: p,
    threshold: th,
    distance,
    margin,
    gauge,
    headerStatus: fill(t.headerStatus, { id, decision: label, probability: p }),
    provenance: score.scoreSource === 'out-of-fold' && score.fold != null ? fill(t.outOfFold, { fold: score.fold + 1 }) : null,
    thresholdNote: fill(t.thresholdNote, { ratio: formatNumber(costs.falseNegative / costs.falsePositive, locale) }),
  };
}
