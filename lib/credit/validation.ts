import type { RawValue } from '../data/columnarTable';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD, isApplicationField, TARGET_FIELD } from '../data/homeCreditSchema';
import { numberOfText, numericRule, numericRuleError } from './fieldRules';
import type { FieldError, ParseResult, RawApplication } from './types';

/**
 * The validation rules of the engine: the field values (parseFieldValue: type, then the field's
 * rule of fieldRules.ts — bounds, integer, codes — worded as the API's schemas word them) and the
 * fields a decision requires, used by the CSV readers of the CLIs (csvRows.ts, csvBytes.ts) and,
 * for the rules and the required fields, by the API's zod schemas; parseApplication validates a
 * whole object for in-process callers.
 * An application is an object keyed by Home Credit field names. Missing fields (absent,
 * null, or an empty string) are missing. Unknown fields and wrong types are rejected, each
 * error naming the field. SK_ID_CURR and TARGET are accepted and ignored for scoring.
 */

export interface ParseOptions {
  /** Accept numbers written as strings (CSV cells); off for JSON input. */
  readonly numericStrings?: boolean;
  /** Prefix of error paths, e.g. "[3]" gives "[3].AMT_CREDIT". */
  readonly pathPrefix?: string;
}

const IGNORED: ReadonlySet<string> = new Set([ID_FIELD, TARGET_FIELD]);

/**
 * The fields without which the model is not asked to decide: the amount lent, the repayment and
 * the income (what affordability rests on). An application missing one of them is refused by
 * every input boundary (API bodies, CLI rows) with the field named, instead of being scored on
 * imputed values — missing data must not lead to a decision, least of all to an approval.
 */
export const DECISION_REQUIRED_FIELDS = ['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL'] as const;

export const REQUIRED_FIELD_MESSAGE = 'required: the model does not decide without it';

/** The required fields an application lacks (absent, null, empty or NaN). */
export function missingRequiredFields(value: (field: string) => unknown): string[] {
  return DECISION_REQUIRED_FIELDS.filter((f) => {
    const v = value(f);
    return v === undefined || v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest application field name, when one is close enough to be a likely typo. */
export function suggestField(name: string): string | undefined {
  const upper = name.toUpperCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const f of APPLICATION_FIELDS) {
    const d = editDistance(upper, f);
    if (d < bestDistance) [best, bestDistance] = [f, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 5)) ? best : undefined;
}

export function unknownFieldMessage(name: string): string {
  const hint = suggestField(name);
  return `unknown field "${name}"${hint ? ` (did you mean ${hint}?)` : ''}; expected one of the 120 Home Credit application fields`;
}

/** Validates one value of a known application field; returns the value or an error message. */
export function parseFieldValue(field: string, value: unknown, numericStrings = false): { value: RawValue } | { error: string } {
  if (value === undefined || value === null || value === '') return { value: null };
  if (fieldKind(field) === 'categorical') return typeof value === 'string' ? { value } : { error: 'expected string' };
  let n: number | undefined;
  if (typeof value === 'number') n = Number.isFinite(value) ? value : undefined;
  else if (typeof value === 'string' && numericStrings) {
    if (value.trim() === '') return { value: null };
    n = numberOfText(value);
  }
  if (n === undefined) return { error: 'expected number' };
  const broken = numericRuleError(numericRule(field), n);
  return broken ? { error: broken } : { value: n };
}

export function parseApplication(input: unknown, options: ParseOptions = {}): ParseResult {
  const prefix = options.pathPrefix ?? '';
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: prefix, message: `expected an object of application fields, got ${describe(input)}` }] };
  }
  const errors: FieldError[] = [];
  const application: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (IGNORED.has(key)) continue;
    if (!isApplicationField(key)) {
      errors.push({ path: at(key), message: unknownFieldMessage(key) });
      continue;
    }
    const parsed = parseFieldValue(key, value, options.numericStrings);
    if ('error' in parsed) errors.push({ path: at(key), message: parsed.error });
    else application[key] = parsed.value;
  }
  for (const field of missingRequiredFields((f) => application[f])) {
    if (!errors.some((e) => e.path === at(field))) errors.push({ path: at(field), message: REQUIRED_FIELD_MESSAGE });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, application: application as RawApplication };
}
