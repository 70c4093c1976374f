import { z } from 'zod';

/** Schemas of the monitoring answers (mirroring lib/monitoring/types.ts). */

export const psiBandSchema = z
  .enum(['stable', 'watch', 'act'])
  .meta({ description: 'Conventional PSI bands (conventions, not statistical tests): stable < 0.1 ≤ watch ≤ 0.25 < act.' });

const binSchema = z.object({
  label: z.string(),
  reference: z.number().meta({ description: 'Share of the reference population in the bin.' }),
  current: z.number().meta({ description: 'Share of the current population in the bin.' }),
});

const summaryShape = {
  description: z.string(),
  count: z.number().int(),
  approvalRate: z.number(),
  meanProbability: z.number(),
  missingRate: z.number().meta({ description: "Share of missing values over the model's inputs." }),
};

export const stabilityReportSchema = z.object({
  reference: z
    .object({ ...summaryShape, defaultRate: z.number().optional() })
    .meta({ description: 'The historical loans, with their out-of-fold probabilities.' }),
  current: z.object({ ...summaryShape }),
  score: z.object({ psi: z.number(), band: psiBandSchema, bins: z.array(binSchema).meta({ description: 'Reference deciles of the probability.' }) }),
  features: z
    .array(
      z.object({
        field: z.string(),
        kind: z.enum(['numeric', 'categorical']),
        psi: z.number(),
        band: psiBandSchema,
        missing: z.object({ reference: z.number(), current: z.number() }),
        bins: z
          .array(binSchema)
          .meta({ description: 'Reference deciles plus a missing bin (numbers); categories, « (other) » and a missing bin (categories).' }),
      }),
    )
    .meta({ description: 'Every model input, largest PSI first.' }),
  model: z.object({ name: z.string(), version: z.string(), threshold: z.number() }),
  rejected: z
    .object({ count: z.number().int(), first: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })) })
    .optional(),
});

const backtestRowSchema = z.object({
  label: z.string(),
  count: z.number().int(),
  observedDefaultRate: z.number(),
  predictedDefaultRate: z.number(),
  approvalRate: z.number(),
  auc: z.number().nullable(),
});

export const monitoringSchema = z.object({
  stability: stabilityReportSchema,
  backtest: z
    .object({
      byDecile: z.array(backtestRowSchema),
      bySegment: z.array(z.object({ field: z.string(), rows: z.array(backtestRowSchema) })),
    })
    .optional()
    .meta({ description: 'Back-testing of the out-of-fold predictions of the historical loans (GET only).' }),
});

export const qualitySchema = z
  .object({
    reliable: z.boolean().meta({ description: 'False when one of the flags below was raised: the score is less reliable.' }),
    flags: z.array(
      z.object({
        field: z.string(),
        kind: z.enum(['out-of-range', 'unseen-category', 'missing-important']),
        range: z.tuple([z.number(), z.number()]).optional().meta({ description: 'The training range (0.5th–99.5th percentiles).' }),
      }),
    ),
  })
  .meta({
    description:
      "Input-quality flags: a value outside the training range, a category never seen, a missing value among the model's most influential inputs.",
  });
