import { type Locale } from '../i18n';
import { fill, fmtBytes, fmtCount, fmtFixed, fmtMillions, fmtSigned } from './format';
import { type NlpMetrics } from './report';
import { bertVsRoberta, winnerOf } from './watchResults';
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
  return fill(base, { delta }) + (vs.significant || Math.abs(vs.delta) < 0.05 ? '' : ` (${c.withinNoise.replace(/\.$/, '')})`);
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
  return { scale, recommendation };
}
