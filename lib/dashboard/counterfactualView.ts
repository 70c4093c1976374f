import { type CounterfactualResult, storedCounterfactual } from '../analysis/counterfactual';
import type { CreditEngine } from '../credit/engine';
import type { RawApplication } from '../credit/types';
import type { StoredApplication } from '../data/homeCreditStore';
import { dictionary, type Locale } from '../i18n';
import { formatAmount, formatPercent, formatPoints, formatProbability } from './format';
import { fieldLabel } from './labels';
import { fill } from './text';

/**
 * The nearest counterfactual as the analyst reads it: « Montant du crédit de 372 000 au lieu de
 * 447 768 (−16,9 %) », the probability it leads to, the other options found, and the values to
 * load into the what-if form. Searched once per client and model (kept by the engine).
 */

export interface CounterfactualOptionView {
  readonly title: string;
  readonly text: string;
  readonly probability: string;
  /** Input values for the what-if form (field → digits). */
  readonly values: Readonly<Record<string, string>>;
}

export interface CounterfactualView {
  readonly status: CounterfactualResult['status'];
  readonly summary: string;
  readonly options: readonly CounterfactualOptionView[];
  readonly bounds: string;
}

export function counterfactualFor(engine: CreditEngine, app: StoredApplication): Promise<CounterfactualResult> {
  return storedCounterfactual(engine, app.id, app.fields as RawApplication);
}

export function counterfactualView(r: CounterfactualResult, locale: Locale): CounterfactualView {
  const t = dictionary(locale).dashboard.counterfactual;
  const bounds = fill(t.bounds, {
    maxDecrease: formatPercent(r.bounds.maxDecrease, locale, 0),
    maxIncrease: formatPercent(r.bounds.maxIncrease, locale, 0),
  });
  const describe = (o: CounterfactualResult['options'][number]) =>
    o.changes
      .map((c) =>
        fill(t.instead, {
          field: fieldLabel(c.field, locale),
          to: formatAmount(c.to, locale),
          from: formatAmount(c.from, locale),
          relative: `${c.relative > 0 ? '+' : '−'}${formatPercent(Math.abs(c.relative), locale)}`,
        }),
      )
      .join(' ; ');
  const options = r.options.map((o) => ({
    title: o.actions.length > 1 || o.changes.length > 1 ? t.combined : t.single,
    text: describe(o),
    probability: fill(t.resulting, { probability: formatProbability(o.probability, locale), threshold: formatPercent(r.threshold, locale) }),
    values: Object.fromEntries(o.changes.map((c) => [c.field, String(Math.round(c.to))])),
  }));
  const summary =
    r.status === 'accepted'
      ? fill(t.alreadyAccepted, { points: formatPoints(r.threshold - r.probability, locale).replace(/^[+−]/, '') })
      : r.status === 'none'
        ? t.none
        : fill(t.found, { changes: options[0].text });
  return { status: r.status, summary, options, bounds };
}
