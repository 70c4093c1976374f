import { z } from 'zod';
import { applicationIdSchema, rawApplicationSchema } from './applicationFields';
import { intQuery, langSchema } from './common';
import { explanationFieldsShape, modelRefSchema, scoreFieldsShape } from './credit';
import { qualitySchema } from './monitoring';

/** Score and explanation of stored applications and of raw applications sent by a client. */

export const MAX_JSON_APPLICATIONS = 1000;
/** Larger batches go through the CLI (`npm run score`), which streams any number of rows. */
export const MAX_CSV_APPLICATIONS = 10_000;
export const MAX_TOP = 50;
/**
 * What one request may ask the server to explain: applications × top ≤ this budget (2,000
 * applications with the default top of 5, 5,000 with top = 2, 200 with top = 50). It bounds both
 * the work (≈ 1 s of one core) and the size of the answer (≈ 3.7 kB per explained application at
 * top = 5: ≈ 8 MB at most, streamed), whatever the body.
 */
export const EXPLANATION_BUDGET = 10_000;

/** The most applications one scoring request may hold, given its query. */
export function maxApplications(query: { readonly explain: boolean; readonly top: number }, cap: number): number {
  return query.explain ? Math.min(cap, Math.floor(EXPLANATION_BUDGET / query.top)) : cap;
}

export function tooManyApplicationsDetail(query: { readonly explain: boolean; readonly top: number }, cap: number): string {
  const max = maxApplications(query, cap);
  return max < cap
    ? `With explanations (top=${query.top}) a request may hold at most ${max} applications (applications × top ≤ ${EXPLANATION_BUDGET}); send explain=false, a smaller top, or split the batch.`
    : `A request may hold at most ${max} applications; split the batch.`;
}

export const explanationQuerySchema = z.strictObject({
  top: intQuery(1, MAX_TOP, 5, 'Number of contributions listed (largest by absolute value) and of reasons on each side.'),
  lang: langSchema,
});

/** Whose probability a stored client's score is (lib/credit/types.ts ScoreProvenance). */
export const provenanceShape = {
  scoreSource: z.enum(['final-model', 'out-of-fold']).meta({
    description:
      "'out-of-fold' for historical loans: the probability of the cross-validation model that never saw the loan (the final model was trained on it, so its own score would flatter it); 'final-model' for new applications.",
  }),
  fold: z.number().int().nullable().meta({ description: 'The cross-validation fold whose model produced an out-of-fold score; null otherwise.' }),
};

export const storedScoreSchema = z.object({
  id: z.number().int(),
  ...scoreFieldsShape,
  ...provenanceShape,
  quality: qualitySchema,
  model: modelRefSchema,
});

export const storedExplanationSchema = z.object({
  id: z.number().int(),
  ...explanationFieldsShape,
  ...provenanceShape,
  quality: qualitySchema,
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

export const scoreRequestSchema = z.union([rawApplicationSchema, z.array(rawApplicationSchema).min(1).max(MAX_JSON_APPLICATIONS)]).meta({
  description: `One application, or an array of 1 to 1,000 (a CSV body may hold up to ${MAX_CSV_APPLICATIONS.toLocaleString('en')} records). With explanations (explain=true, the default), applications × top may not exceed ${EXPLANATION_BUDGET.toLocaleString('en')}.`,
});

export const csvScoreRequestSchema = z
  .array(rawApplicationSchema)
  .min(1)
  .max(MAX_CSV_APPLICATIONS)
  .meta({
    description: `CSV: a header row of field names, then 1 to ${MAX_CSV_APPLICATIONS.toLocaleString('en')} records (empty cell = missing); with explanations, at most ${EXPLANATION_BUDGET.toLocaleString('en')} / top records.`,
  });

export const scoredApplicationSchema = z.object({
  index: z.number().int().meta({ description: 'Position of the application in the request (0 for a single object).' }),
  id: applicationIdSchema.nullable().meta({ description: 'SK_ID_CURR when the application carried one.' }),
  ...scoreFieldsShape,
  quality: qualitySchema,
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
