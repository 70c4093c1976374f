import { z } from 'zod';
import { langSchema } from './common';

/** The model card: what the model is, how it was validated, its threshold and costs, and global importance. */

const meanStd = z.object({ mean: z.number(), std: z.number() });
const confusion = z.object({ tn: z.number().int(), fp: z.number().int(), fn: z.number().int(), tp: z.number().int() });
const oof = z
  .object({
    rocAuc: z.number(),
    prAuc: z.number(),
    cost: z.number(),
    costPerClient: z.number(),
    threshold: z.number(),
    confusion,
  })
  .meta({ description: 'Out-of-fold figures of the cross-validation.' });
const candidate = z.object({ name: z.string(), rocAuc: meanStd, prAuc: meanStd, cost: meanStd, oof });
const calibrationFigures = z.object({ brier: z.number(), ece: z.number() });

export const modelCardQuerySchema = z.strictObject({ lang: langSchema.meta({ description: 'Language of the field labels.' }) });

export const modelCardSchema = z.object({
  name: z.string(),
  version: z.string(),
  createdAt: z.string().meta({ description: 'ISO 8601 date of training.' }),
  quick: z.boolean().meta({ description: 'True for a development model trained with --quick (its figures are not production figures).' }),
  model: z.object({
    type: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
    trees: z.number().int(),
    features: z.number().int(),
    fields: z.number().int().meta({ description: 'Application fields and engineered features the explanations are given on.' }),
  }),
  data: z.object({ rows: z.number().int(), positives: z.number().int(), sha256: z.string() }),
  validation: z.object({
    folds: z.number().int(),
    configurationsSearched: z.number().int(),
    selection: z.string(),
    model: candidate,
    baseline: candidate,
  }),
  calibration: z.object({ method: z.string(), before: calibrationFigures, after: calibrationFigures }),
  decision: z
    .object({
      threshold: z.number().meta({ description: 'Decision threshold on the calibrated probability (refuse at or above).' }),
      theoreticalThreshold: z.number(),
      costs: z
        .object({ falseNegative: z.number(), falsePositive: z.number() })
        .meta({ description: 'Relative business costs the threshold minimises (a missed defaulter vs a refused good client).' }),
      cost: z.number(),
      costPerClient: z.number(),
      costAtTheoreticalThreshold: z.number(),
      acceptAllCost: z.number(),
      refuseAllCost: z.number(),
      baselineCost: z.number(),
      confusion,
      refusalRate: z.number(),
    })
    .meta({ description: 'The threshold and the costs it minimises, with the out-of-fold figures at that threshold.' }),
  importance: z
    .array(z.object({ field: z.string(), label: z.string(), meanAbsShap: z.number() }))
    .meta({ description: 'Global importance: mean |SHAP| (log-odds) per field or engineered feature, decreasing.' }),
  versions: z.record(z.string(), z.string()),
});
