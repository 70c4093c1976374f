import { z } from 'zod';

/** Health and service documents. */

export const healthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  models: z
    .array(
      z.object({
        name: z.string().meta({ description: '`credit`, or `nlp-tfidf`, `nlp-bert`, `nlp-roberta` once the text-classification service is loaded.' }),
        loaded: z.boolean().meta({ description: 'Loaded in this process (models load on first use).' }),
        version: z.string().nullable().meta({
          description: 'Version of the model (read on disk until it is loaded); null when there is none or the export carries no version (NLP).',
        }),
      }),
    )
    .meta({ description: 'The models this service uses.' }),
});

export const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document.' });
