import { z } from 'zod';
import { modelRefSchema } from './credit';

/** The model card: what the model is, how good it is, where its threshold comes from, what matters globally. */

export const modelCardSchema = z.object({
  model: modelRefSchema.extend({
    algorithm: z.string(),
    trainedAt: z.string().nullable().meta({ description: 'ISO 8601 date of training.' }),
  }),
  threshold: z.number().min(0).max(1).meta({ description: 'Decision threshold on the calibrated probability (refuse at or above).' }),
  costs: z
    .object({
      falseNegative: z.number().meta({ description: 'Cost of accepting a client who then has payment difficulties.' }),
      falsePositive: z.number().meta({ description: 'Cost of refusing a client who would have repaid.' }),
    })
    .meta({ description: 'Relative business costs the threshold minimises.' }),
  metrics: z.record(z.string(), z.number()).meta({ description: 'Validation metrics (e.g. auc, brier, businessCost).' }),
  globalImportance: z
    .array(z.object({ field: z.string(), importance: z.number() }))
    .meta({ description: 'Mean |SHAP| per field over the validation set, decreasing.' }),
});
