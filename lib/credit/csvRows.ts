import type { RawValue } from '../data/columnarTable';
import { fieldKind, ID_FIELD, isApplicationField, TARGET_FIELD } from '../data/homeCreditSchema';
import { numberOfText, type NumericRule, numericRule, numericRuleError } from './fieldRules';
import { knownCategorySet, unknownCategoryMessage } from './fields';
import type { FieldError, RawApplication } from './types';
import { DECISION_REQUIRED_FIELDS, missingRequiredFields, REQUIRED_FIELD_MESSAGE, unknownFieldMessage } from './validation';

/**
 * Validation of CSV input (the score CLI): a header of Home Credit column names (any subset of
 * the 120 application fields, in any order, optionally SK_ID_CURR and TARGET), then rows
 * whose cells are validated like parseApplication with numbers written as text.
 */

export interface CsvLayout {
  readonly columns: readonly string[];
  /** The SK_ID_CURR column (optional, as in the API's CSV body: -1 when the file has none). */
  readonly idColumn: number;
  /** Column of each field the model does not decide without (-1 when the file lacks it: every row is then refused). */
  readonly requiredColumns: ReadonlyMap<string, number>;
  /** Per column: 0 = not an application field (SK_ID_CURR, TARGET), 1 = numeric, 2 = categorical. */
  readonly kinds: Uint8Array;
  /** Per column: the numeric field's rule (fieldRules.ts), undefined for the others. */
  readonly rules: readonly (NumericRule | undefined)[];
  /** Per column: the categorical field's valid values when they are checked (scoring), undefined otherwise. */
  readonly categories: readonly (ReadonlySet<string> | undefined)[];
}

/** How a reader treats a category never seen in the data: refused as the API refuses it (`known`), or read as it is (`any`: the monitor counts it as « other »). */
export type CategoryCheck = 'known' | 'any';

export class CsvHeaderError extends Error {
  constructor(message: string) {
    super(`header: ${message}`);
    this.name = 'CsvHeaderError';
  }
}

export function parseCsvHeader(cells: readonly string[], categoryCheck: CategoryCheck = 'known'): CsvLayout {
  const columns = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (c !== ID_FIELD && c !== TARGET_FIELD && !isApplicationField(c)) throw new CsvHeaderError(`column "${c}": ${unknownFieldMessage(c)}`);
    if (seen.has(c)) throw new CsvHeaderError(`column "${c}" appears twice`);
    seen.add(c);
  }
  const idColumn = columns.indexOf(ID_FIELD);
  const kinds = Uint8Array.from(columns, (c) => (c === ID_FIELD || c === TARGET_FIELD ? 0 : fieldKind(c) === 'numeric' ? 1 : 2));
  const requiredColumns = new Map(DECISION_REQUIRED_FIELDS.map((f) => [f, columns.indexOf(f)]));
  const rules = columns.map((c, i) => (kinds[i] === 1 ? numericRule(c) : undefined));
  const categories = columns.map((c, i) => (kinds[i] === 2 && categoryCheck === 'known' ? knownCategorySet(c) : undefined));
  return { columns, idColumn, kinds, requiredColumns, rules, categories };
}

/** `id`: the row's SK_ID_CURR, null when the file has no such column or the cell is empty. */
export type CsvRowResult =
  | { readonly ok: true; readonly id: number | null; readonly application: RawApplication }
  | { readonly ok: false; readonly id: string; readonly errors: readonly FieldError[] };

export type CsvRowCheck =
  { readonly ok: true; readonly id: number | null } | { readonly ok: false; readonly id: string; readonly errors: readonly FieldError[] };

/** For each field of `fields`, its column in the CSV layout (-1 when the file does not have it). */
export function columnsOf(layout: CsvLayout, fields: readonly string[]): Int32Array {
  const at = new Map(layout.columns.map((c, i) => [c, i]));
  return Int32Array.from(fields, (f) => (layout.kinds[at.get(f) ?? -1] ? (at.get(f) as number) : -1));
}

/**
 * Validates one CSV line and writes each application field's value into `values[column]`
 * (null when empty; the SK_ID_CURR and TARGET positions are left null). `values` is reused
 * from row to row by the caller: the hot path of the score CLI allocates nothing per row.
 */
export function readCsvRow(layout: CsvLayout, cells: readonly string[], values: RawValue[]): CsvRowCheck {
  const rawId = layout.idColumn < 0 ? '' : (cells[layout.idColumn] ?? '');
  if (cells.length !== layout.columns.length) return wrongCellCount(layout, cells.length, rawId);
  let errors = idErrors(rawId);
  for (let c = 0; c < cells.length; c++) errors = readCsvCell(layout, c, cells[c], values, errors);
  return finishCsvRow(layout, rawId, values, errors);
}

/** The answer for a line that has not one cell per column. */
export function wrongCellCount(layout: CsvLayout, found: number, rawId: string): CsvRowCheck {
  return { ok: false, id: rawId, errors: [{ path: '(row)', message: cellCountMessage(layout.columns.length, found) }] };
}

/** Why a line without one cell per column is refused (every CSV door words it so). */
export function cellCountMessage(expected: number, found: number): string {
  return `expected ${expected} fields but found ${found} (${found < expected ? 'truncated or malformed row' : 'too many fields'})`;
}

/** The line's first errors: its SK_ID_CURR when given and not an integer (an empty cell is no id, as in the API). */
export function idErrors(rawId: string): FieldError[] | undefined {
  const trimmed = rawId.trim();
  return trimmed !== '' && !Number.isInteger(Number(trimmed))
    ? [{ path: ID_FIELD, message: `expected an integer id, got "${rawId.slice(0, 40)}"` }]
    : undefined;
}

/**
 * Validates cell `c` of a line into `values[c]` (null when empty or not an application field): its text, or for a
 * numeric field the number already read from its bytes (csvBytes.ts); returns the line's errors so far.
 */
export function readCsvCell(
  layout: CsvLayout,
  c: number,
  cell: string | number,
  values: RawValue[],
  errors: FieldError[] | undefined,
): FieldError[] | undefined {
  const kind = layout.kinds[c];
  values[c] = null;
  if (kind === 0 || cell === '' || (kind === 1 && typeof cell === 'string' && cell.trim() === '')) return errors;
  const value = kind === 2 || typeof cell === 'number' ? cell : numberOfText(cell);
  const rule = layout.rules[c];
  const known = layout.categories[c];
  const problem =
    value === undefined
      ? 'expected number'
      : typeof value === 'number'
        ? rule && numericRuleError(rule, value)
        : known && !known.has(value)
          ? unknownCategoryMessage(layout.columns[c])
          : undefined;
  if (!problem) values[c] = value ?? null;
  else (errors ??= []).push({ path: layout.columns[c], message: problem });
  return errors;
}

/** After every cell: the required fields, then the line's answer. */
export function finishCsvRow(layout: CsvLayout, rawId: string, values: readonly RawValue[], errors: FieldError[] | undefined): CsvRowCheck {
  for (const field of missingRequiredFields((f) => {
    const c = layout.requiredColumns.get(f) ?? -1;
    return c < 0 ? undefined : errors?.some((e) => e.path === f) ? 0 : values[c];
  })) {
    (errors ??= []).push({ path: field, message: REQUIRED_FIELD_MESSAGE });
  }
  return errors ? { ok: false, id: rawId, errors } : { ok: true, id: rawId.trim() === '' ? null : Number(rawId.trim()) };
}

/** The application record of values laid out by readCsvRow (missing fields left out). */
export function applicationOfRow(layout: CsvLayout, values: readonly RawValue[]): RawApplication {
  const application: Record<string, RawValue> = {};
  for (let c = 0; c < layout.columns.length; c++) {
    const v = values[c];
    if (layout.kinds[c] !== 0 && v !== null && v !== undefined) application[layout.columns[c]] = v;
  }
  return application;
}

export function parseCsvRow(layout: CsvLayout, cells: readonly string[]): CsvRowResult {
  const values: RawValue[] = new Array<RawValue>(layout.columns.length).fill(null);
  const check = readCsvRow(layout, cells, values);
  return check.ok ? { ok: true, id: check.id, application: applicationOfRow(layout, values) } : check;
}
