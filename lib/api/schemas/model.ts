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

const calibrationCandidate = z.object({
  method: z.string(),
  logLoss: z.number().nullable().meta({ description: 'Cross-fitted log-loss; null when infinite (the map returns exactly 0 or 1) or not recorded.' }),
  brier: z.number(),
  ece: z.number().meta({ description: 'Expected calibration error.' }),
  exactlyZeroOrOne: z.number().int().nullable().meta({ description: 'Out-of-fold probabilities of exactly 0 or 1 (null when not recorded).' }),
  chosen: z.boolean(),
});

const fairnessGroup = z.object({
  group: z.string().meta({ description: 'The group as fairness.json names it (F, M, <25, Married…).' }),
  label: z.string().meta({ description: 'The group in the requested language.' }),
  count: z.number().int(),
  share: z.number(),
  defaultRate: z.number().meta({ description: 'Observed default rate of the group.' }),
  approvalRate: z.number().meta({ description: 'Share of the group accepted at the threshold (1 − selection rate).' }),
  approvalRatio: z.number().nullable().meta({ description: 'Approval rate / the highest comparable group’s (four-fifths rule: ≥ 0.8).' }),
  truePositiveRate: z.number().nullable().meta({ description: 'Share of the group’s defaulters refused (equal opportunity).' }),
  falsePositiveRate: z.number().nullable().meta({ description: 'Share of the group’s good payers refused (equalized odds, with the TPR).' }),
  rocAuc: z.number().nullable(),
  meanPredicted: z.number().meta({ description: 'Mean predicted default probability (calibration per group, against `observed`).' }),
  observed: z.number(),
  comparable: z.boolean().meta({ description: 'False when the group has too few rows to conclude (below minGroupForRatios).' }),
});

const fairnessAttribute = z.object({
  attribute: z.enum(['sex', 'ageBand', 'familyStatus']),
  groups: z.array(fairnessGroup),
  demographicParityRatio: z
    .number()
    .nullable()
    .meta({ description: 'Lowest / highest approval rate among comparable groups (Fairlearn demographic_parity_ratio, on approvals).' }),
  lowestApproval: z.string().nullable(),
  highestApproval: z.string().nullable(),
  equalOpportunityDifference: z.number().nullable(),
  equalizedOddsDifference: z.number().nullable(),
  fourFifthsRuleMet: z.boolean().nullable(),
  minGroupForRatios: z.number().int(),
});

const variantName = z.enum(['withoutProtected', 'withProtected', 'withoutStrongestProxies', 'previousModel']);

const variantFigures = z.object({
  inputs: z.number().int().optional(),
  rocAuc: z.number(),
  prAuc: z.number(),
  brier: z.number(),
  logLoss: z.number().nullable().meta({ description: 'null when infinite (a calibration returning exactly 0 or 1).' }),
  cost: z.number(),
  threshold: z.number(),
  refusalRate: z.number(),
});

const fairnessReport = z
  .object({
    generatedAt: z.string(),
    evaluatedOn: z.string(),
    protectedFields: z.array(z.string()).meta({ description: 'Application fields kept to measure fairness, never model inputs.' }),
    excludedColumns: z.array(z.string()),
    definitions: z.record(z.string(), z.string()).meta({ description: 'The measures, by Fairlearn’s names.' }),
    attributes: z.array(fairnessAttribute).meta({ description: 'The current model (trained without the protected attributes), per attribute.' }),
    variants: z
      .array(
        z.object({
          variant: variantName,
          version: z.string().nullable(),
          threshold: z.number(),
          demographicParityRatios: z.record(z.string(), z.number().nullable()),
          fourFifthsRuleMet: z.record(z.string(), z.boolean().nullable()),
        }),
      )
      .meta({
        description: 'Summary ratios of every variant (current model, with the protected attributes, without the strongest proxies, previous model).',
      }),
    proxies: z.object({
      attributes: z.array(
        z.object({
          attribute: z.enum(['sex', 'ageBand']),
          auc: z.number().nullable().meta({ description: 'Out-of-fold AUC of predicting the attribute from the model’s inputs.' }),
          aucKind: z.string(),
          topInputs: z.array(z.object({ field: z.string(), label: z.string(), gainShare: z.number() })),
        }),
      ),
      strongestDropped: z.array(z.string()),
    }),
    fairnessPrice: z
      .array(z.object({ variant: variantName, figures: variantFigures }))
      .meta({ description: 'metrics.json fairnessPrice: cross-validated figures per variant.' }),
  })
  .meta({ description: 'Fairness report (fairness.json); null for a model trained before it existed.' });

const limits = z
  .object({
    data: z.object({
      source: z.string(),
      sampleShare: z.number(),
      rows: z.number().int(),
      positives: z.number().int(),
      applicationDates: z.literal(false),
    }),
    coverage: z.string(),
    notFor: z.array(z.string()).meta({ description: 'What the model must not be used for.' }),
    fairness: z.string().meta({ description: 'The fairness results in one line.' }),
    version: z.string(),
    createdAt: z.string(),
  })
  .meta({ description: 'Limits of the model: data coverage, uses it must not serve, fairness in one line, training date and version.' });

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
  calibration: z.object({
    method: z.string(),
    before: calibrationFigures,
    after: calibrationFigures,
    selection: z.string().nullable().meta({ description: 'How the method was chosen among the candidates (null when not recorded).' }),
    candidates: z.array(calibrationCandidate),
  }),
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
  fairness: fairnessReport.nullable(),
  limits,
});
