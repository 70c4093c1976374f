import type { RawValue } from '../data/columnarTable';
import { DAYS_EMPLOYED_ANOMALY, daysToYears } from './engineeredFeatures';
import { categoryLabel, type DisplayUnit, type FieldLabel, fieldLabelInfo, type Lang } from './fieldLabels';
import type { GroupStats } from './population';
import { normaliseSpaces, numberFormat } from '../i18n/intl';

/**
 * Plain-language sentences for the factors of a decision, in French or English, from the
 * field's label, the client's own value and the training population, e.g.
 * « Score externe 2 bas : 0,12 (médiane des clients : 0,57) ».
 */

export type Comparison = 'low' | 'high' | 'typical' | 'missing' | 'category';

export interface ReasonWording {
  readonly text: string;
  /** The client's value as shown (units converted, e.g. years for DAYS_* fields). */
  readonly displayValue: string;
  readonly displayMedian: string | null;
  readonly comparison: Comparison;
  /** Population median in raw units (numeric groups), null otherwise. */
  readonly populationMedian: number | null;
  /** Share of clients with the same value (categories and yes/no flags), null otherwise. */
  readonly populationShare: number | null;
}

type FormatKind = 'decimal1' | 'integer' | 'significant2' | 'decimal2fixed' | 'percent1' | 'decimal2' | 'percent0';

const FORMAT_OPTIONS: Record<FormatKind, Intl.NumberFormatOptions> = {
  decimal1: { maximumFractionDigits: 1 },
  integer: { maximumFractionDigits: 0 },
  significant2: { maximumSignificantDigits: 2 },
  decimal2fixed: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  percent1: { style: 'percent', maximumFractionDigits: 1 },
  percent0: { style: 'percent', maximumFractionDigits: 0 },
  decimal2: { maximumFractionDigits: 2 },
};

type Formatter = { readonly format: (v: number) => string };

/** The shared locale-aware formatters (lib/i18n/intl.ts, no-break spaces as the pages write them), built once per language and kind. */
const FORMATTERS: Record<Lang, Record<FormatKind, Formatter>> = { fr: formattersFor('fr'), en: formattersFor('en') };

function formattersFor(lang: Lang): Record<FormatKind, Formatter> {
  const out = {} as Record<FormatKind, Formatter>;
  for (const kind of Object.keys(FORMAT_OPTIONS) as FormatKind[]) {
    const f = numberFormat(lang, FORMAT_OPTIONS[kind]);
    out[kind] = { format: (v) => normaliseSpaces(f.format(v)) };
  }
  return out;
}

const fmt = (lang: Lang, kind: FormatKind): Formatter => FORMATTERS[lang][kind];

/** Converts a raw value to the number shown (years for DAYS_* fields). */
export function displayNumber(field: string, unit: DisplayUnit, raw: number): number {
  return unit === 'years' ? daysToYears(field, raw) : raw;
}

export function formatValue(field: string, unit: DisplayUnit, raw: number, lang: Lang): string {
  const v = displayNumber(field, unit, raw);
  switch (unit) {
    case 'years': {
      const n = fmt(lang, 'decimal1').format(v);
      return lang === 'fr' ? `${n} ${Math.abs(v) < 2 ? 'an' : 'ans'}` : `${n} ${v === 1 ? 'year' : 'years'}`;
    }
    case 'amount':
      return fmt(lang, 'integer').format(v);
    case 'score':
      return Math.abs(v) < 0.1 && v !== 0 ? fmt(lang, 'significant2').format(v) : fmt(lang, 'decimal2fixed').format(v);
    case 'percent':
      return fmt(lang, 'percent1').format(v);
    case 'ratio':
      return fmt(lang, 'decimal2').format(v);
    case 'flag':
      return v === 1 ? (lang === 'fr' ? 'oui' : 'yes') : v === 0 ? (lang === 'fr' ? 'non' : 'no') : String(v);
    case 'hour':
      return lang === 'fr' ? `${v} h` : `${String(v).padStart(2, '0')}:00`;
    case 'count':
    case 'number':
    case 'category':
      return fmt(lang, 'decimal2').format(v);
  }
}

function agree(label: FieldLabel, m: string, f: string, mp: string, fp: string): string {
  if (label.gender === 'f') return label.plural ? fp : f;
  return label.plural ? mp : m;
}

function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1].toLowerCase() ? s[0].toLowerCase() + s.slice(1) : s;
}

const percentOf = (share: number, lang: Lang) => fmt(lang, share < 0.01 ? 'percent1' : 'percent0').format(share);

function wordCategorical(field: string, label: FieldLabel, value: RawValue, stats: GroupStats | undefined, lang: Lang): ReasonWording {
  const name = label[lang];
  if (value === null || value === '') return missingWording(name, label, null, stats, lang);
  const shown = categoryLabel(field, String(value), lang);
  const share = stats?.kind === 'categorical' ? (stats.shares[String(value)] ?? 0) : null;
  const context = share === null ? '' : lang === 'fr' ? ` (${percentOf(share, lang)} des clients)` : ` (${percentOf(share, lang)} of clients)`;
  return {
    text: `${name}${lang === 'fr' ? ' : ' : ': '}${shown}${context}`,
    displayValue: shown,
    displayMedian: null,
    comparison: 'category',
    populationMedian: null,
    populationShare: share,
  };
}

/** A factor whose value is missing: « Revenu non renseigné », with the population's missing rate. */
function missingWording(name: string, label: FieldLabel, median: number | null, stats: GroupStats | undefined, lang: Lang): ReasonWording {
  const missing = lang === 'fr' ? agree(label, 'non renseigné', 'non renseignée', 'non renseignés', 'non renseignées') : 'not provided';
  return {
    text: `${name} ${missing}`,
    displayValue: '',
    displayMedian: null,
    comparison: 'missing',
    populationMedian: median,
    populationShare: stats?.missingRate ?? null,
  };
}

/**
 * The wording of one factor. `value` is the client's raw value of the field (or the engineered
 * feature's value); `stats` the population statistics of that field.
 */
export function wordReason(field: string, value: RawValue, stats: GroupStats | undefined, lang: Lang): ReasonWording {
  const label = fieldLabelInfo(field) ?? { fr: field, en: field, unit: 'number' as const };
  const name = label[lang];
  const colon = lang === 'fr' ? ' : ' : ': ';
  if (label.unit === 'category' || typeof value === 'string') return wordCategorical(field, label, value, stats, lang);
  const median = stats?.kind === 'numeric' ? stats.median : null;
  if (value === null || Number.isNaN(value)) return missingWording(name, label, median, stats, lang);
  if (field === 'DAYS_EMPLOYED' && value === DAYS_EMPLOYED_ANOMALY) {
    const shown = lang === 'fr' ? 'aucun emploi salarié déclaré (retraité ou sans emploi)' : 'no declared employment (pensioner or unemployed)';
    return {
      text: `${name}${colon}${shown}`,
      displayValue: shown,
      displayMedian: null,
      comparison: 'category',
      populationMedian: median,
      populationShare: null,
    };
  }
  const displayValue = formatValue(field, label.unit, value, lang);
  if (label.unit === 'flag') {
    const share = stats?.kind === 'numeric' && stats.mean !== null ? (value === 1 ? stats.mean : 1 - stats.mean) : null;
    const context =
      share === null ? '' : lang === 'fr' ? ` (comme ${percentOf(share, lang)} des clients)` : ` (like ${percentOf(share, lang)} of clients)`;
    return {
      text: `${name}${colon}${displayValue}${context}`,
      displayValue,
      displayMedian: null,
      comparison: 'category',
      populationMedian: null,
      populationShare: share,
    };
  }
  if (median === null) {
    return {
      text: `${name}${colon}${displayValue}`,
      displayValue,
      displayMedian: null,
      comparison: 'typical',
      populationMedian: null,
      populationShare: null,
    };
  }
  const displayMedian = formatValue(field, label.unit, median, lang);
  const mine = displayNumber(field, label.unit, value);
  const theirs = displayNumber(field, label.unit, median);
  const comparison: Comparison = displayValue === displayMedian || mine === theirs ? 'typical' : mine < theirs ? 'low' : 'high';
  const medianText = lang === 'fr' ? `médiane des clients : ${displayMedian}` : `clients' median: ${displayMedian}`;
  let text: string;
  if (comparison === 'typical') text = `${name}${colon}${displayValue} (${medianText})`;
  else if (lang === 'fr') {
    const adjective = comparison === 'low' ? agree(label, 'bas', 'basse', 'bas', 'basses') : agree(label, 'élevé', 'élevée', 'élevés', 'élevées');
    text = `${name} ${adjective} : ${displayValue} (${medianText})`;
  } else {
    text = `${comparison === 'low' ? 'Low' : 'High'} ${lowerFirst(name)}: ${displayValue} (${medianText})`;
  }
  return { text, displayValue, displayMedian, comparison, populationMedian: median, populationShare: null };
}
