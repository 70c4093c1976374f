import { z } from 'zod';
import { CHANGE_FIELD_SCHEMAS } from './applicationFields';
import { applicationSetSchema, intQuery } from './common';
import { rawValueSchema } from './common';
import { modelRefSchema, scoreFieldsShape } from './credit';

/** Comparison with other clients and simulations: neighbours, distribution, what-if, counterfactual. */

const outcomeCounts = {
  repaid: z.number().int().meta({ description: 'Historical loans repaid (TARGET 0).' }),
  defaulted: z.number().int().meta({ description: 'Historical loans with payment difficulties (TARGET 1).' }),
};

/** Non-finite numbers (open bin edges, empty-bin rates) are sent as null. */
const finiteOrNull = z.number().nullable();

export const distributionQuerySchema = z.strictObject({
  field: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Z0-9_]+$/, 'must be a field name in capitals (e.g. AMT_CREDIT)')
    .meta({
      description: 'An application field or an engineered feature of the model (e.g. `AMT_CREDIT`, `CREDIT_TO_INCOME_RATIO`).',
      examples: ['EXT_SOURCE_2'],
    }),
  bins: intQuery(5, 100, 30, 'Number of bins for continuous fields.'),
});

export const distributionSchema = z.object({
  id: z.number().int(),
  field: z.string(),
  scale: z.string().meta({ description: 'Scale of the values: DAYS_* fields are in years elapsed (`years`), others as stored.' }),
  population: z.literal('historical loans'),
  distribution: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('numeric'),
      discrete: z.boolean().meta({ description: 'One bin per integer value (lo is the value).' }),
      bins: z.array(z.object({ lo: finiteOrNull, hi: finiteOrNull, ...outcomeCounts, defaultRate: finiteOrNull })).meta({
        description: 'lo inclusive, hi exclusive; null edges are open (the tails).',
      }),
      missing: z.object(outcomeCounts),
      total: z.object(outcomeCounts),
      median: finiteOrNull,
      client: z
        .object({
          value: z.number(),
          bin: z.number().int(),
          percentile: z.number().meta({ description: 'Share of the population below the client (0–1).' }),
        })
        .nullable()
        .meta({ description: "The client's position; null when the client's value is missing." }),
    }),
    z.object({
      kind: z.literal('categorical'),
      categories: z.array(
        z.object({
          category: z.string().nullable(),
          count: z.number().int(),
          share: z.number(),
          ...outcomeCounts,
          defaultRate: finiteOrNull,
        }),
      ),
      total: z.object(outcomeCounts),
      client: z.object({ value: z.string().nullable(), index: z.number().int() }).nullable(),
    }),
  ]),
});

export const neighboursQuerySchema = z.strictObject({
  k: intQuery(1, 100, 10, 'Number of neighbours.'),
});

export const neighboursSchema = z.object({
  id: z.number().int(),
  k: z.number().int(),
  features: z.array(z.string()).meta({ description: 'Features the distance is computed on (standardised).' }),
  neighbours: z.array(
    z.object({
      id: z.number().int(),
      set: applicationSetSchema,
      distance: z.number(),
      target: z.union([z.literal(0), z.literal(1)]).nullable(),
    }),
  ),
  defaultRate: finiteOrNull.meta({ description: 'Share of payment difficulties among the neighbours.' }),
});

export const whatIfRequestSchema = z.strictObject({
  changes: z
    .strictObject(CHANGE_FIELD_SCHEMAS)
    .meta({ description: 'Fields to change, with their new raw values (null = make missing, except for the fields a decision requires).' }),
});

export const whatIfQuerySchema = z.strictObject({
  top: intQuery(1, 50, 10, 'Number of contribution changes listed (largest |delta| first).'),
});

const scoreOnly = z.object(scoreFieldsShape);
const valueChange = z.object({ field: z.string(), from: rawValueSchema, to: rawValueSchema });

export const whatIfSchema = z.object({
  id: z.number().int(),
  changed: z.array(valueChange).meta({ description: 'The fields changed, with their stored and new values.' }),
  before: scoreOnly,
  after: scoreOnly,
  probabilityDelta: z.number().meta({ description: 'after.probability − before.probability.' }),
  decisionChanged: z.boolean(),
  contributionChanges: z
    .array(z.object({ field: z.string(), before: z.number(), after: z.number(), delta: z.number() }))
    .meta({ description: 'Factors whose SHAP contribution changed, largest |delta| first (at most `top`).' }),
  model: modelRefSchema,
});

const counterfactualOption = z.object({
  actions: z.array(z.enum(['credit', 'annuity', 'goods', 'loanSize', 'income'])).meta({
    description:
      '`credit` borrow less, `annuity` lower instalments, `goods` a cheaper good, `loanSize` all three in proportion, `income` a higher declared income.',
  }),
  changes: z.array(
    z.object({ field: z.string(), from: z.number(), to: z.number(), relative: z.number().meta({ description: '(to − from) / from' }) }),
  ),
  size: z.number().meta({ description: "Sum of the actions' relative sizes (0.24 = a 24 % change)." }),
  probability: z.number().meta({ description: 'Calibrated probability after the change (below the threshold).' }),
});

export const counterfactualSchema = z.object({
  id: z.number().int(),
  status: z.enum(['accepted', 'found', 'none']).meta({
    description: '`accepted`: nothing to change; `found`: options below; `none`: no change within the bounds flips the decision.',
  }),
  probability: z.number(),
  threshold: z.number(),
  best: counterfactualOption.nullable().meta({ description: 'The smallest change found (null unless status is `found`).' }),
  options: z.array(counterfactualOption).meta({ description: 'Every flipping option found, smallest first.' }),
  bounds: z.object({ maxDecrease: z.number(), maxIncrease: z.number() }).meta({ description: 'Largest relative changes explored.' }),
  evaluations: z.number().int().meta({ description: 'Applications scored during the search.' }),
  model: modelRefSchema,
});
