import { z } from 'zod';
import { langSchema } from './common';

/** The catalogue of stable reason codes (lib/credit/reasonCodes.ts) as the API serves it. */

export const reasonCodesQuerySchema = z.strictObject({
  lang: langSchema.meta({ description: 'Language of the short and long texts (default fr).' }),
});

export const reasonCodeSchema = z
  .object({
    code: z
      .string()
      .regex(/^[RA]\d{2}$/)
      .meta({
        description: '`Rnn` pushes towards refusal, `Ann` towards acceptance; the same number is the same theme. Codes never change meaning.',
      }),
    direction: z.enum(['refusal', 'acceptance']),
    theme: z.string().meta({ description: 'Stable identifier of the theme, shared by its refusal and acceptance codes.' }),
    fields: z
      .array(z.string())
      .min(1)
      .meta({ description: 'The application fields and engineered features the code covers (each in exactly one code per direction).' }),
    short: z.string().meta({ description: 'Short text of the reason in the requested language.' }),
    long: z.string().meta({ description: 'Long text of the reason in the requested language.' }),
  })
  .meta({ description: 'One reason code.' });

export const reasonCodesSchema = z.object({
  lang: z.enum(['fr', 'en']),
  protectedFields: z
    .array(z.string())
    .meta({ description: 'Protected attributes (sex, marital status, age): never a model input, never a reason, never in a code.' }),
  codes: z.array(reasonCodeSchema).meta({ description: 'Every code: the refusal codes (R01…), then the acceptance codes (A01…).' }),
});
