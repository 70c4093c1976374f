import { type Locale } from '../i18n';
import { fill, fmtBytes, fmtCount, fmtFixed, fmtMillions, fmtSigned } from './format';
import { type NlpMetrics } from './report';
import { hasSeedMeans, nameCv } from './watchProtocol';
import { bertVsRoberta, served, winnerOf } from './watchResults';
import { type T, type WatchPageModel, modelLabel } from './watchPageTypes';

/** The conclusion and recommendation of /veille, from the figures. */

/** Token positions RoBERTa-large saw in pretraining: 500K steps × 8K sequences × 512 tokens (Liu et al., 2019). */
export const ROBERTA_PRETRAINING_TOKENS = 500_000 * 8_192 * 512;

export function roundSignificant(v: number, digits: number): number {
  if (!(v > 0)) return v;
  const p = 10 ** (Math.floor(Math.log10(v)) - digits + 1);
  return Math.round(v / p) * p;
}

export function vsSentence(m: NlpMetrics, locale: Locale, t: T): string {
  const vs = bertVsRoberta(m);
  if (!vs) return '';
  const c = t.conclusion;
  const delta = fmtSigned(vs.delta, locale, 1);
  const base = Math.abs(vs.delta) < 0.05 ? c.robertaEqual : vs.delta > 0 ? c.robertaBetter : c.robertaWorse;
  const noise = hasSeedMeans(m) ? c.withinNoiseSeeds : c.withinNoise;
  const sentence = fill(base, { delta });
  if (vs.significant || Math.abs(vs.delta) < 0.05) return sentence;
  // « … (−0,8 pt) ; l’écart reste dans la variation entre plis. »: the spread inside the sentence, before its full stop.
  return `${sentence.replace(/\.$/, '')}${locale === 'fr' ? ' ; ' : '; '}${noise}`;
}

/**
 * One sentence on the product name alone (cv_name): the best served model and its margin over the
 * second, said to be within the spread when it does not exceed the larger standard deviation.
 * Empty when no model was measured on the name alone.
 */
export function nameSentence(m: NlpMetrics, locale: Locale, t: T): string {
  const c = t.conclusion;
  const ranked = served(m)
    .map((n) => ({ n, cv: nameCv(m.models[n]) }))
    .filter((x): x is { n: (typeof x)['n']; cv: NonNullable<(typeof x)['cv']> } => x.cv !== undefined)
    .sort((a, b) => b.cv.macro_f1.mean - a.cv.macro_f1.mean);
  if (ranked.length === 0) return '';
  const [first, second] = ranked;
  const f1 = fmtFixed(first.cv.macro_f1.mean, locale, 3);
  if (!second) return fill(c.nameOnly, { model: modelLabel(first.n, t), f1 });
  const margin = (first.cv.macro_f1.mean - second.cv.macro_f1.mean) * 100;
  const values = { model: modelLabel(first.n, t), f1, second: modelLabel(second.n, t), secondF1: fmtFixed(second.cv.macro_f1.mean, locale, 3) };
  if (margin < 0.05) return fill(c.nameEqual, values);
  const spread = Math.max(first.cv.macro_f1.std, second.cv.macro_f1.std) * 100;
  const noise = hasSeedMeans(m) ? c.withinNoiseSeeds : c.withinNoise;
  return fill(c.nameBest, {
    ...values,
    margin: fmtFixed(margin, locale, 1),
    noise: margin > spread ? '' : `${locale === 'fr' ? ' ; ' : '; '}${noise.replace(/\.$/, '')}`,
  });
}

export function conclusionModel(m: NlpMetrics | null, locale: Locale, t: T): WatchPageModel['conclusion'] {
  const c = t.conclusion;
  if (!m) return { scale: null, recommendation: c.recommendation.pending };
  const run = m.pretraining.roberta ?? m.pretraining.bert;
  const ours = run?.tokens_seen ?? m.token_budget?.tokens_per_pretraining_run;
  const params = m.models.roberta?.parameters?.total ?? run?.parameters?.total;
  const scale =
    ours !== undefined
      ? fill(c.scale, {
          ours: fmtCount(ours, locale),
          factor: fmtCount(roundSignificant(ROBERTA_PRETRAINING_TOKENS / ours, 2), locale),
          params: params !== undefined ? fmtMillions(params, locale) : '—',
        })
      : null;
  if (m.mode === 'quick') return { scale, recommendation: c.recommendation.quick };
  const winner = winnerOf(m);
  if (!winner) return { scale, recommendation: c.recommendation.pending };
  const vs = vsSentence(m, locale, t);
  const f1 = fmtFixed(m.models[winner].cv.macro_f1.mean, locale, 3);
  const recommendation =
    winner === 'tfidf' || !m.models[winner] || m.models[winner].kind === 'classical'
      ? fill(c.recommendation.tfidfWins, { winner: modelLabel(winner, t), f1, bertVsRoberta: vs })
      : fill(c.recommendation.transformerWins, {
          winner: modelLabel(winner, t),
          f1,
          tfidf: m.models.tfidf ? fmtFixed(m.models.tfidf.cv.macro_f1.mean, locale, 3) : '—',
          bertVsRoberta: vs,
          size: m.models[winner].size_bytes !== undefined ? fmtBytes(m.models[winner].size_bytes!, locale) : '—',
        });
  const names = nameSentence(m, locale, t);
  return { scale, recommendation: names ? `${recommendation} ${names}` : recommendation };
}
