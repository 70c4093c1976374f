import { z } from 'zod';

/** Health and service documents. */

export const healthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  models: z
    .array(
      z.object({
        name: z.string().meta({ description: 'e.g. `credit`.' }),
        loaded: z.boolean().meta({ description: 'Loaded in this process (models load on first use).' }),
        version: z.string().nullable().meta({ description: 'Version of the model on disk; null when there is none.' }),
      }),
    )
    .meta({ description: 'The models this service uses.' }),
});

export const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document.' });
