import { z } from 'zod';
import { applicationFieldsSchema } from './applicationFields';
import { applicationSetSchema, intQuery } from './common';

/** Listing, search and profile of stored applications. */

export const MAX_PAGE_SIZE = 100;

export const listApplicationsQuerySchema = z.strictObject({
  q: z
    .string()
    .regex(/^[0-9]{1,10}$/, 'must be 1 to 10 digits (a prefix of SK_ID_CURR)')
    .optional()
    .meta({ description: 'Type-ahead: only ids whose decimal form starts with these digits.', examples: ['1002'] }),
  set: applicationSetSchema.optional(),
  limit: intQuery(1, MAX_PAGE_SIZE, 20, 'Page size (at most 100).'),
  cursor: z.string().max(64).optional().meta({ description: 'Opaque cursor: the `nextCursor` of the previous page.' }),
});

export const applicationSummarySchema = z.object({
  id: z.number().int(),
  set: applicationSetSchema,
  target: z
    .union([z.literal(0), z.literal(1)])
    .nullable()
    .meta({
      description: 'Actual outcome of a historical loan (1 = payment difficulties); null for new applications.',
    }),
});

export const applicationListSchema = z.object({
  items: z.array(applicationSummarySchema).meta({ description: 'In ascending id order.' }),
  total: z.number().int().meta({ description: 'Number of applications matching the filters, all pages together.' }),
  limit: z.number().int(),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
});

export const applicationProfileSchema = z.object({
  id: z.number().int(),
  set: applicationSetSchema,
  historical: z.boolean().meta({ description: 'True for a historical loan (outcome known), false for a new application.' }),
  outcome: z
    .object({
      target: z.union([z.literal(0), z.literal(1)]),
      label: z.enum(['repaid', 'payment difficulties']),
    })
    .nullable()
    .meta({ description: 'Actual outcome of a historical loan; null for new applications.' }),
  fields: applicationFieldsSchema.meta({ description: 'The 120 application fields; null = missing.' }),
});
