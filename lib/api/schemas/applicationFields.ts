import { z } from 'zod';
import { DECISION_REQUIRED_FIELDS, REQUIRED_FIELD_MESSAGE } from '../../credit/validation';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD, TARGET_FIELD } from '../../data/homeCreditSchema';
import { numericRule } from '../../credit/fieldRules';
import { fieldFacts, knownCategories } from '../../credit/fields';

export { numericRule };

/**
 * Schemas of the 120 Home Credit application fields as the API accepts them: numbers within
 * plausible bounds (every stored application satisfies them — see tests/unit/api), categories
 * among the values seen in the data (read from the store on first use), null or absent = missing.
 */

/** The field's English label and what it means (from the field registry), ahead of its valid values. */
function about(field: string): string {
  const facts = fieldFacts(field);
  if (!facts) return '';
  const notes = [
    facts.protected ? 'protected: measured for fairness, never used by the model' : '',
    facts.actionable ? 'a client can change it' : '',
  ];
  return `${facts.label.en}${notes.some(Boolean) ? ` (${notes.filter(Boolean).join('; ')})` : ''}. `;
}

function numericFieldSchema(field: string): z.ZodType<number | null> {
  const rule = numericRule(field);
  let base = z.number();
  if (rule.integer) base = base.int();
  const bounded = (rule.exclusiveMin ? base.gt(rule.min) : base.min(rule.min)).max(rule.max);
  const range = `${rule.integer ? 'integer ' : ''}in ${rule.exclusiveMin ? ']' : '['}${rule.min}, ${rule.max}]`;
  const value = rule.codes ? z.union([bounded, z.literal(rule.codes as [number, ...number[]])]) : bounded;
  return value.nullable().meta({ description: `${about(field)}${range}${rule.codes ? ` or ${rule.codes.join(', ')}` : ''}; null = missing` });
}

function categoricalFieldSchema(field: string): z.ZodType<string | null> {
  return z
    .lazy(() => z.enum(knownCategories(field) as [string, ...string[]]).nullable())
    .meta({ description: `${about(field)}One of the listed values; null = missing` });
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
  return (rule.exclusiveMin ? base.gt(rule.min) : base.min(rule.min)).max(rule.max).meta({
    description: `${about(field)}Required (the model does not decide without it); ${rule.exclusiveMin ? '>' : '≥'} ${rule.min} and ≤ ${rule.max}`,
  });
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
    [TARGET_FIELD]: z.union([z.number(), z.string()]).nullable().optional().meta({
      description: 'Accepted and ignored, as in every input (a file exported from the historical loans has it): the outcome is never an input.',
    }),
    ...DECIDABLE_FIELD_SCHEMAS,
  })
  .meta({
    description: `A loan application with Home Credit field names. ${DECISION_REQUIRED_FIELDS.join(', ')} are required (the model does not decide without them); any other field may be absent or null (missing).`,
  });

/** All 120 fields of a stored application (null = missing), as returned by the API. */
export const applicationFieldsSchema = z.object(
  Object.fromEntries(APPLICATION_FIELDS.map((f) => [f, fieldKind(f) === 'categorical' ? z.string().nullable() : z.number().nullable()])),
);
