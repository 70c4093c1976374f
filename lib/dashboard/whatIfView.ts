import { DAYS_EMPLOYED_ANOMALY, daysToYears, fromDisplayScale } from '../analysis/scale';
import { whatIf } from '../analysis/whatIf';
import type { RawApplication } from '../credit/types';
import type { RawValue } from '../data/columnarTable';
import { getHomeCreditStore } from '../data/homeCreditStore';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { creditEngineOrNull } from '../credit/engine';
import { explanationView } from './explanationView';
import { formatAmount, formatNumber, formatPoints, formatProbability, formatSigned } from './format';
import { fieldLabel } from './labels';
import { displayValue } from './profile';
import { fill } from './text';
import { numericRule, numericRuleError } from '../credit/fieldRules';
import { ACTIONABLE_FIELDS, type ActionableField } from '../credit/fields';

/**
 * The what-if form (fields the client can act on) and the simulation behind it: the edited
 * application is explained by the model and compared with the original.
 */

/** The fields a client can act on (the field registry's actionable fields). */
export const WHAT_IF_FIELDS = ACTIONABLE_FIELDS;
export type WhatIfField = ActionableField;

export interface WhatIfInput {
  readonly field: WhatIfField;
  readonly label: string;
  readonly hint: string;
  /** The application's value as typed in the input (amounts as plain digits, employment in years). */
  readonly value: string;
  readonly unit: 'amount' | 'years';
}

/** The value as shown in the input, written the interface's way (« 327 024 », « 3,4 »). */
function inputValue(field: WhatIfField, v: RawValue, locale: Locale): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return '';
  if (field === 'DAYS_EMPLOYED') return v === DAYS_EMPLOYED_ANOMALY ? '' : formatNumber(Math.round(daysToYears(field, v) * 10) / 10, locale, 1);
  return formatAmount(v, locale);
}

export function whatIfInputs(fields: Readonly<Record<string, RawValue>>, locale: Locale): WhatIfInput[] {
  const t = dictionary(locale).dashboard.whatIf;
  return WHAT_IF_FIELDS.map((field) => ({
    field,
    label: fieldLabel(field, locale),
    hint: field === 'DAYS_EMPLOYED' ? t.fieldHintYears : t.fieldHintAmount,
    value: inputValue(field, fields[field] ?? null, locale),
    unit: field === 'DAYS_EMPLOYED' ? 'years' : 'amount',
  }));
}

/** Parses a number typed the French or English way: « 412 000 », « 412000 », « 2,5 », « 2.5 ». */
export function parseTypedNumber(text: string): number {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/,(?=\d{1,2}$)/, '.')
    .replace(/,/g, '');
  return cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned) ? NaN : Number(cleaned);
}

export type ParsedWhatIf =
  | { readonly ok: true; readonly changes: Record<string, RawValue> }
  | { readonly ok: false; readonly errors: readonly { field: string; message: string }[] };

/** The edited values (only those that differ from the application), validated by their fields' rules (bounds, integer). */
export function parseWhatIf(form: Readonly<Record<string, string>>, fields: Readonly<Record<string, RawValue>>, locale: Locale): ParsedWhatIf {
  const t = dictionary(locale).dashboard.whatIf;
  const changes: Record<string, RawValue> = {};
  const errors: { field: string; message: string }[] = [];
  for (const field of WHAT_IF_FIELDS) {
    const text = (form[field] ?? '').trim();
    const label = fieldLabel(field, locale);
    if (
      text === inputValue(field, fields[field] ?? null, locale) ||
      parseTypedNumber(text) === parseTypedNumber(inputValue(field, fields[field] ?? null, locale))
    )
      continue;
    if (field === 'DAYS_EMPLOYED' && text === '') {
      changes[field] = DAYS_EMPLOYED_ANOMALY;
      continue;
    }
    const v = parseTypedNumber(text);
    if (Number.isNaN(v)) {
      errors.push({ field, message: fill(t.notNumber, { field: label }) });
      continue;
    }
    const raw = field === 'DAYS_EMPLOYED' ? fromDisplayScale(field, v) : v;
    // the field's rule of every input boundary (lib/credit/fieldRules.ts)
    if (numericRuleError(numericRule(field), raw) !== undefined) {
      errors.push({ field, message: fill(t.outOfRange, { field: label }) });
      continue;
    }
    changes[field] = raw;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes };
}

export interface WhatIfResult {
  readonly status: 'ok' | 'invalid' | 'unavailable' | 'busy';
  /** 'busy': seconds before the server accepts another simulation from this address. */
  readonly retryAfterSeconds?: number;
  readonly errors: readonly { field: string; message: string }[];
  /** Changed fields: label, original value, new value. */
  readonly changes: readonly { label: string; from: string; to: string }[];
  readonly before?: { readonly decision: 'accept' | 'refuse'; readonly label: string; readonly probability: string };
  readonly after?: { readonly decision: 'accept' | 'refuse'; readonly label: string; readonly probability: string };
  readonly delta?: string;
  readonly deltaSign?: -1 | 0 | 1;
  readonly decisionText?: string;
  readonly figure?: FigureModel;
  readonly factors?: readonly { label: string; before: string; after: string; delta: string }[];
}

export async function simulate(id: number, form: Readonly<Record<string, string>>, locale: Locale): Promise<WhatIfResult> {
  const app = getHomeCreditStore().get(id);
  const engine = await creditEngineOrNull();
  if (!app || !engine) return { status: 'unavailable', errors: [], changes: [] };
  const t = dictionary(locale).dashboard;
  const parsed = parseWhatIf(form, app.fields, locale);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, changes: [] };
  const original = app.fields as RawApplication;
  const outcome = await whatIf(original, parsed.changes, (apps) => engine.explainApplications(apps, { lang: locale, top: 4 }, engine.storedFold(id)));
  const word = (d: 'accept' | 'refuse') => (d === 'accept' ? t.words.accept : t.words.refuse);
  const view = explanationView(outcome.after, 10, locale, 'whatif-waterfall');
  const d = outcome.probabilityDelta;
  return {
    status: 'ok',
    errors: [],
    changes: Object.entries(parsed.changes).map(([field, to]) => ({
      label: fieldLabel(field, locale),
      from: displayValue(field, app.fields[field] ?? null, locale),
      to: displayValue(field, to, locale),
    })),
    before: {
      decision: outcome.before.decision,
      label: word(outcome.before.decision),
      probability: formatProbability(outcome.before.probability, locale),
    },
    after: {
      decision: outcome.after.decision,
      label: word(outcome.after.decision),
      probability: formatProbability(outcome.after.probability, locale),
    },
    delta: formatPoints(d, locale),
    deltaSign: d > 0 ? 1 : d < 0 ? -1 : 0,
    decisionText: outcome.decisionChanged
      ? fill(t.whatIf.decisionChanged, { from: word(outcome.before.decision), to: word(outcome.after.decision) })
      : fill(t.whatIf.decisionSame, { decision: word(outcome.after.decision) }),
    figure: { ...view.figure, title: `${t.whatIf.simulated} — ${view.figure.title}` },
    factors: outcome.contributionChanges.slice(0, 6).map((c) => ({
      label: fieldLabel(c.field, locale),
      before: formatSigned(c.before, locale),
      after: formatSigned(c.after, locale),
      delta: formatSigned(c.delta, locale),
    })),
  };
}
