import { z } from 'zod';
import { PROBLEM_SLUGS, problemTypeUri } from '../problem';

/** Schemas shared by several operations: problems, ids, language, top-N. */

export const fieldProblemSchema = z
  .object({
    path: z.string().meta({ description: 'Where the problem is: `AMT_CREDIT`, `[3].AMT_CREDIT`, `query.top`, `path.id`.' }),
    message: z.string(),
  })
  .meta({ description: 'One invalid field of the request.' });

export const problemSchema = z
  .object({
    type: z.enum(PROBLEM_SLUGS.map(problemTypeUri) as [string, ...string[]]).meta({
      description: 'Identifies the problem type; a relative reference to its documentation on /api-docs.',
    }),
    title: z.string().meta({ description: 'Short summary of the problem type (the same for every occurrence).' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong with this request, in English.' }),
    errors: z
      .array(fieldProblemSchema)
      .optional()
      .meta({ description: 'The invalid fields, when the problem is about fields (at most 100 listed).' }),
    requestId: z.string().optional().meta({ description: 'Identifier of the request (also in the X-Request-Id header and the access log).' }),
  })
  .meta({ description: 'RFC 9457 problem details, served as application/problem+json.' });

/** A stored application's SK_ID_CURR as it appears in the path. */
export const applicationIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer (SK_ID_CURR)')
    .meta({ description: 'SK_ID_CURR of a stored application (historical loan or new application).', examples: ['100002'] })
    .transform(Number),
});

export const langSchema = z.enum(['fr', 'en']).default('fr').meta({ description: 'Language of the plain-language reasons.' });

/** An integer query parameter (query values are strings; numbers are read from them). */
export function intQuery(min: number, max: number, fallback: number, description: string) {
  return z.coerce.number().int().min(min).max(max).default(fallback).meta({ description });
}

export const applicationSetSchema = z.enum(['train', 'test']).meta({
  description: '`train`: historical loans with a known outcome; `test`: new applications awaiting a decision.',
});

export const decisionSchema = z.enum(['accept', 'refuse']).meta({ description: '`refuse` when the probability is at or above the threshold.' });

export const rawValueSchema = z.union([z.number(), z.string(), z.null()]);
