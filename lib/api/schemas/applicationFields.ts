import { z } from 'zod';
import { getHomeCreditStore } from '../../data/homeCreditStore';
import { DECISION_REQUIRED_FIELDS, REQUIRED_FIELD_MESSAGE } from '../../credit/validation';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD } from '../../data/homeCreditSchema';

/**
 * Schemas of the 120 Home Credit application fields as the API accepts them: numbers within
 * plausible bounds (every stored application satisfies them — see tests/unit/api), categories
 * among the values seen in the data (read from the store on first use), null or absent = missing.
 */

export interface NumericRule {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The minimum itself is refused (an income, a credit or an annuity of 0 is impossible). */
  readonly exclusiveMin?: boolean;
  /** Special codes accepted outside [min, max] (e.g. 365243 in DAYS_EMPLOYED for people without employment). */
  readonly codes?: readonly number[];
}

const HUNDRED_AND_TWENTY_YEARS_IN_DAYS = 43_830;
const SHARE: NumericRule = { min: 0, max: 1, integer: false };
const FLAG: NumericRule = { min: 0, max: 1, integer: true };
const DAYS_BEFORE: NumericRule = { min: -HUNDRED_AND_TWENTY_YEARS_IN_DAYS, max: 0, integer: true };
/** Credit is for adults: DAYS_BIRTH at most −18 years (the youngest stored client is 20). */
const EIGHTEEN_YEARS_IN_DAYS = 6_575;

/** Bounds of a numeric field, by name; throws for a field without a rule so that none is left unchecked. */
export function numericRule(field: string): NumericRule {
  if (['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY'].includes(field)) return { min: 0, max: 1e9, integer: false, exclusiveMin: true };
  if (field === 'AMT_GOODS_PRICE') return { min: 0, max: 1e9, integer: false };
  if (field === 'DAYS_BIRTH') return { min: -HUNDRED_AND_TWENTY_YEARS_IN_DAYS, max: -EIGHTEEN_YEARS_IN_DAYS, integer: true };
  if (field.startsWith('AMT_REQ_CREDIT_BUREAU_')) return { min: 0, max: 1000, integer: true };
  if (field === 'DAYS_EMPLOYED') return { ...DAYS_BEFORE, codes: [365243] };
  if (field.startsWith('DAYS_')) return DAYS_BEFORE;
  if (field.startsWith('FLAG_') || /_NOT_(LIVE|WORK)_(REGION|CITY)$/.test(field)) return FLAG;
  if (field.startsWith('EXT_SOURCE_') || field === 'REGION_POPULATION_RELATIVE') return SHARE;
  if (/_(AVG|MODE|MEDI)$/.test(field)) return SHARE;
  if (field.startsWith('REGION_RATING_CLIENT')) return { min: -1, max: 3, integer: true };
  if (field === 'HOUR_APPR_PROCESS_START') return { min: 0, max: 23, integer: true };
  if (field === 'CNT_CHILDREN') return { min: 0, max: 50, integer: true };
  if (field === 'CNT_FAM_MEMBERS') return { min: 1, max: 60, integer: true };
  if (field === 'OWN_CAR_AGE') return { min: 0, max: 150, integer: true };
  if (field.endsWith('_CNT_SOCIAL_CIRCLE')) return { min: 0, max: 10_000, integer: true };
  throw new Error(`no numeric rule for ${field}`);
}

function numericFieldSchema(field: string): z.ZodType<number | null> {
  const rule = numericRule(field);
  let base = z.number();
  if (rule.integer) base = base.int();
  const bounded = (rule.exclusiveMin ? base.gt(rule.min) : base.min(rule.min)).max(rule.max);
  const range = `${rule.integer ? 'integer ' : ''}in ${rule.exclusiveMin ? ']' : '['}${rule.min}, ${rule.max}]`;
  const value = rule.codes ? z.union([bounded, z.literal(rule.codes as [number, ...number[]])]) : bounded;
  return value.nullable().meta({ description: `${range}${rule.codes ? ` or ${rule.codes.join(', ')}` : ''}; null = missing` });
}

/** Category values of a field, as seen in the data (both sets). */
export function knownCategories(field: string): readonly string[] {
  return getHomeCreditStore().column(field)?.categories ?? [];
}

function categoricalFieldSchema(field: string): z.ZodType<string | null> {
  return z
    .lazy(() => z.enum(knownCategories(field) as [string, ...string[]]).nullable())
    .meta({ description: 'one of the listed values; null = missing' });
}

function buildFieldSchemas(): Record<string, z.ZodType<number | string | null>> {
  const out: Record<string, z.ZodType<number | string | null>> = {};
  for (const f of APPLICATION_FIELDS) out[f] = fieldKind(f) === 'categorical' ? categoricalFieldSchema(f) : numericFieldSchema(f);
  return out;
}

export const APPLICATION_FIELD_SCHEMAS = buildFieldSchemas();

export const applicationIdSchema = z.number().int().min(1).max(9_999_999_999);

/**
 * A raw application as a client sends it: any subset of the 120 fields (absent or null =
 * missing), optionally its SK_ID_CURR (echoed back, not used by the model); unknown fields are
 * rejected so that a misspelt field is not silently scored as missing.
 */
/** A raw application after validation (the field names come from data, so TypeScript sees a record). */
export type RawApplicationInput = { readonly SK_ID_CURR?: number } & { readonly [field: string]: number | string | null | undefined };

const REQUIRED: ReadonlySet<string> = new Set(DECISION_REQUIRED_FIELDS);

/** A field the model does not decide without: present and not null, else « required » names it. */
function requiredFieldSchema(field: string): z.ZodType<number> {
  const rule = numericRule(field);
  const base = z.number({ error: (issue) => (issue.input === undefined || issue.input === null ? REQUIRED_FIELD_MESSAGE : undefined) });
  return (rule.exclusiveMin ? base.gt(rule.min) : base.min(rule.min))
    .max(rule.max)
    .meta({ description: `required (the model does not decide without it); ${rule.exclusiveMin ? '>' : '≥'} ${rule.min} and ≤ ${rule.max}` });
}

/** Each field's schema in an application to score: the required ones cannot be absent or null. */
export const DECIDABLE_FIELD_SCHEMAS: Readonly<Record<string, z.ZodType<number | string | null | undefined>>> = Object.fromEntries(
  APPLICATION_FIELDS.map((f) => [f, REQUIRED.has(f) ? requiredFieldSchema(f) : APPLICATION_FIELD_SCHEMAS[f].optional()]),
);

/** Each field's schema in a what-if change: any field may be left unchanged (absent), but a required one cannot be made missing. */
export const CHANGE_FIELD_SCHEMAS: Readonly<Record<string, z.ZodType<number | string | null | undefined>>> = Object.fromEntries(
  APPLICATION_FIELDS.map((f) => [f, REQUIRED.has(f) ? requiredFieldSchema(f).optional() : APPLICATION_FIELD_SCHEMAS[f].optional()]),
);

export const rawApplicationSchema: z.ZodType<RawApplicationInput> = z
  .strictObject({
    [ID_FIELD]: applicationIdSchema.optional().meta({ description: 'Optional identifier, echoed back in the result.' }),
    ...DECIDABLE_FIELD_SCHEMAS,
  })
  .meta({
    description: `A loan application with Home Credit field names. ${DECISION_REQUIRED_FIELDS.join(', ')} are required (the model does not decide without them); any other field may be absent or null (missing).`,
  });

/** All 120 fields of a stored application (null = missing), as returned by the API. */
export const applicationFieldsSchema = z.object(
  Object.fromEntries(APPLICATION_FIELDS.map((f) => [f, fieldKind(f) === 'categorical' ? z.string().nullable() : z.number().nullable()])),
);
