import { z } from 'zod';
import { applicationIdSchema, rawApplicationSchema } from './applicationFields';
import { intQuery, langSchema } from './common';
import { explanationFieldsShape, modelRefSchema, scoreFieldsShape } from './credit';

/** Score and explanation of stored applications and of raw applications sent by a client. */

export const MAX_JSON_APPLICATIONS = 1000;
export const MAX_CSV_APPLICATIONS = 50_000;
/** Explanations are heavier than scores: beyond this many applications, explain=false is required. */
export const MAX_EXPLAINED_APPLICATIONS = 5_000;
export const MAX_TOP = 50;

export const explanationQuerySchema = z.strictObject({
  top: intQuery(1, MAX_TOP, 5, 'Number of contributions listed (largest by absolute value) and of reasons on each side.'),
  lang: langSchema,
});

export const storedScoreSchema = z.object({
  id: z.number().int(),
  ...scoreFieldsShape,
  model: modelRefSchema,
});

export const storedExplanationSchema = z.object({
  id: z.number().int(),
  ...explanationFieldsShape,
  lang: z.enum(['fr', 'en']),
  model: modelRefSchema,
});

export const scoreQuerySchema = z.strictObject({
  top: intQuery(1, MAX_TOP, 5, 'Number of contributions and reasons per side in each explanation.'),
  lang: langSchema,
  explain: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .meta({ description: '`false` returns the scores without explanations (faster for large batches).' }),
});

export const scoreRequestSchema = z
  .union([rawApplicationSchema, z.array(rawApplicationSchema).min(1).max(MAX_JSON_APPLICATIONS)])
  .meta({ description: 'One application, or an array of 1 to 1,000 (a CSV body may hold up to 50,000 records).' });

export const csvScoreRequestSchema = z
  .array(rawApplicationSchema)
  .min(1)
  .max(MAX_CSV_APPLICATIONS)
  .meta({ description: 'CSV: a header row of field names, then 1 to 50,000 records (empty cell = missing).' });

export const scoredApplicationSchema = z.object({
  index: z.number().int().meta({ description: 'Position of the application in the request (0 for a single object).' }),
  id: applicationIdSchema.nullable().meta({ description: 'SK_ID_CURR when the application carried one.' }),
  ...scoreFieldsShape,
  explanation: z
    .object({
      baseValue: explanationFieldsShape.baseValue,
      contributions: explanationFieldsShape.contributions,
      otherContributions: explanationFieldsShape.otherContributions,
      reasons: explanationFieldsShape.reasons,
    })
    .optional()
    .meta({ description: 'Absent with explain=false.' }),
});

export const scoreResponseSchema = z.object({
  model: modelRefSchema,
  lang: z.enum(['fr', 'en']),
  results: z.array(scoredApplicationSchema).meta({ description: 'One result per application, in request order.' }),
});
