import { z } from 'zod';
import { decisionSchema, rawValueSchema } from './common';

/** Schemas of the credit engine's answers (mirroring lib/credit/types.ts) as the API serialises them. */

export const modelRefSchema = z
  .object({
    name: z.string(),
    version: z.string(),
  })
  .meta({ description: 'The model that produced the answer.' });

export const scoreFieldsShape = {
  probability: z.number().min(0).max(1).meta({ description: 'Calibrated probability of payment difficulties.' }),
  threshold: z.number().min(0).max(1).meta({ description: 'Cost-optimal threshold on the probability.' }),
  decision: decisionSchema,
  margin: z.number().meta({ description: 'Raw model output (log-odds) before calibration.' }),
};

export const contributionSchema = z.object({
  field: z.string().meta({ description: 'Application field (or engineered feature) the contribution is aggregated to.' }),
  value: rawValueSchema.meta({ description: "The client's value (null when missing)." }),
  contribution: z.number().meta({ description: 'SHAP value in log-odds; > 0 pushes towards refusal.' }),
});

export const reasonSchema = z.object({
  code: z
    .string()
    .regex(/^[RA]\d{2}$/)
    .meta({
      description:
        'Stable reason code of the field and direction (`R07` towards refusal, `A07` towards acceptance); the catalogue is GET /api/v1/reason-codes.',
    }),
  field: z.string(),
  label: z.string().meta({ description: 'Human label of the field in the requested language.' }),
  text: z.string().meta({ description: 'One plain-language sentence.' }),
  contribution: z.number(),
  value: rawValueSchema,
  populationMedian: z.number().nullable(),
  displayValue: z.string().meta({ description: 'The value as written in `text` (units converted, e.g. years for DAYS_* fields).' }),
  displayMedian: z.string().nullable(),
  comparison: z.enum(['low', 'high', 'typical', 'missing', 'category']).meta({ description: 'How the value compares with the population.' }),
  populationShare: z.number().nullable().meta({ description: 'Share of clients with the same value (categories, yes/no, missing), else null.' }),
});

export const explanationFieldsShape = {
  ...scoreFieldsShape,
  baseValue: z.number().meta({ description: 'Expected margin over the training population (TreeSHAP base value).' }),
  contributions: z.array(contributionSchema).meta({ description: 'The `top` largest contributions by absolute value.' }),
  otherContributions: z.number().meta({
    description: 'Sum of the contributions not listed, so that baseValue + Σ contributions + otherContributions = margin.',
  }),
  reasons: z.object({
    towardsRefusal: z.array(reasonSchema),
    towardsAcceptance: z.array(reasonSchema),
  }),
  principalReasons: z.array(reasonSchema).max(4).meta({
    description:
      'Up to four principal reasons towards the decision (towards refusal when refused, towards acceptance when accepted), each with its stable code — what the applicant is told. Protected attributes are never reasons.',
  }),
};

export const explanationBodySchema = z.object(explanationFieldsShape);
