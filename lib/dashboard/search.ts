import {
  type ApplicationHit,
  idPrefix,
  isProbabilityBand,
  PROBABILITY_BANDS,
  type ProbabilityBand,
  searchApplications,
  type SearchInputs,
  suggestApplications,
} from '../analysis/search';
import type { Decision } from '../credit/types';
import { getHomeCreditStore } from '../data/homeCreditStore';
import { dictionary, type Locale } from '../i18n';
import { formatAmount, formatProbability } from './format';
import { fill } from './text';

/**
 * View-models of the search page: the filters parsed from the URL, one page of results with
 * display strings, and the type-ahead suggestions.
 */

export interface SearchParams {
  readonly q: string;
  readonly set: 'all' | 'train' | 'test';
  readonly decision: 'all' | Decision;
  readonly band: 'all' | ProbabilityBand;
  readonly page: number;
}

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Parses the search page's query string; unknown values fall back to "all" (never an error). */
export function parseSearchParams(raw: Readonly<Record<string, string | string[] | undefined>>): SearchParams {
  const set = first(raw.set);
  const decision = first(raw.decision);
  const band = first(raw.band);
  const page = Number.parseInt(first(raw.page), 10);
  return {
    q: idPrefix(first(raw.q)),
    set: set === 'train' || set === 'test' ? set : 'all',
    decision: decision === 'accept' || decision === 'refuse' ? decision : 'all',
    band: isProbabilityBand(band) ? band : 'all',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The query string of a search state (defaults omitted), e.g. "?set=test&page=2". */
export function searchHref(p: SearchParams, page = p.page): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  if (p.set !== 'all') qs.set('set', p.set);
  if (p.decision !== 'all') qs.set('decision', p.decision);
  if (p.band !== 'all') qs.set('band', p.band);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/dashboard?${s}` : '/dashboard';
}

export function clientHref(id: number): string {
  return `/dashboard/clients/${id}`;
}

export interface ResultRow {
  readonly id: number;
  readonly href: string;
  readonly kind: string;
  readonly decision?: Decision;
  readonly decisionLabel?: string;
  readonly probability?: string;
  readonly credit: string;
  readonly income: string;
}

export interface SearchPageModel {
  readonly params: SearchParams;
  readonly rows: readonly ResultRow[];
  readonly total: string;
  readonly caption: string;
  readonly page: number;
  readonly pageCount: number;
  readonly previousHref: string | null;
  readonly nextHref: string | null;
  readonly scored: boolean;
  /** Says that historical loans show out-of-fold probabilities (null when they are the final model's). */
  readonly scoreNote: string | null;
  readonly bands: readonly { value: ProbabilityBand; label: string }[];
}

function amountOf(hit: ApplicationHit, field: string, locale: Locale, missing: string): string {
  const store = getHomeCreditStore();
  const column = store.tableOf(hit.set).table.byName.get(field);
  if (!column || column.kind !== 'numeric') return missing;
  const v = column.values[hit.row];
  return Number.isNaN(v) ? missing : formatAmount(v, locale);
}

export function searchPageModel(params: SearchParams, locale: Locale, inputs: SearchInputs = {}): SearchPageModel {
  const t = dictionary(locale).dashboard;
  const scores = inputs.scores;
  const result = searchApplications(
    { q: params.q, set: params.set, decision: params.decision, band: params.band, page: params.page, pageSize: 25 },
    inputs,
  );
  const rows = result.hits.map((h) => ({
    id: h.id,
    href: clientHref(h.id),
    kind: h.set === 'train' ? t.words.historicalLoan : t.words.newApplication,
    ...(h.decision ? { decision: h.decision, decisionLabel: h.decision === 'accept' ? t.words.accept : t.words.refuse } : {}),
    ...(h.probability !== undefined ? { probability: formatProbability(h.probability, locale) } : {}),
    credit: amountOf(h, 'AMT_CREDIT', locale, t.words.missing),
    income: amountOf(h, 'AMT_INCOME_TOTAL', locale, t.words.missing),
  }));
  const n = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return {
    params,
    rows,
    total: fill(t.search.resultsCount, { total: n.format(result.total).replace(/\u202f/g, '\u00a0') }),
    caption: fill(t.search.resultsCaption, { page: result.page, pages: result.pageCount }),
    page: result.page,
    pageCount: result.pageCount,
    previousHref: result.page > 1 ? searchHref(params, result.page - 1) : null,
    nextHref: result.page < result.pageCount ? searchHref(params, result.page + 1) : null,
    scored: scores !== undefined,
    scoreNote: scores?.trainSource === 'out-of-fold' ? t.search.outOfFoldNote : null,
    bands: (Object.keys(PROBABILITY_BANDS) as ProbabilityBand[]).map((b) => ({ value: b, label: t.search.bands[b] })),
  };
}

export interface Suggestion {
  readonly id: number;
  readonly href: string;
  readonly kind: string;
  /** e.g. « Refusé · 23,4 % » when scores are available. */
  readonly detail: string;
  readonly decision?: Decision;
}

/** Type-ahead suggestions for what the analyst typed (at most `limit`). */
export function suggestions(query: string, locale: Locale, inputs: SearchInputs = {}, limit = 8): Suggestion[] {
  const t = dictionary(locale).dashboard;
  return suggestApplications(query, limit, inputs).map((h) => ({
    id: h.id,
    href: clientHref(h.id),
    kind: h.set === 'train' ? t.words.historicalLoan : t.words.newApplication,
    detail:
      h.decision && h.probability !== undefined
        ? `${h.decision === 'accept' ? t.words.accept : t.words.refuse} · ${formatProbability(h.probability, locale)}`
        : '',
    ...(h.decision ? { decision: h.decision } : {}),
  }));
}

/** The id when the query is exactly an existing application's id (to open it directly). */
export function exactApplicationId(query: string): number | undefined {
  const prefix = idPrefix(query);
  if (!prefix) return undefined;
  const id = Number(prefix);
  return getHomeCreditStore().locate(id) ? id : undefined;
}
