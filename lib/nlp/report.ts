import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { nlpModelsDir } from './paths';

/**
 * The training results the /veille page and the methodology note show, read from
 * `<nlpModelsDir>/metrics.json` (written by training/nlp/pipeline.py, format pad-nlp-metrics/1)
 * and the latency benchmark `<nlpModelsDir>/latency.json` (written by `npm run bench:nlp`).
 * Only the fields the pages use are validated; everything else in the files is ignored, and a
 * missing or malformed file makes the pages say that the results are pending.
 */

const num = z.number();
/** Per fine-tuning seed: the mean over the folds (issue #18: the CV of a transformer is repeated with several seeds). */
const seedMean = z.looseObject({ seed: num, mean: num });
const meanStd = z.looseObject({ mean: num, std: num, folds: z.array(num).optional(), seeds: z.array(seedMean).optional() });
const classScores = z.looseObject({ precision: num, recall: num, f1: num, support: num });

const evaluation = z.looseObject({
  accuracy: meanStd,
  macro_f1: meanStd,
  macro_precision: meanStd.optional(),
  macro_recall: meanStd.optional(),
  per_class: z.record(z.string(), classScores),
  confusion_matrix: z.array(z.array(num)),
  /** Predictions pooled in per_class and confusion_matrix (every seed's: seeds × products for a transformer). */
  n_predictions: num.optional(),
});

const holdout = z.looseObject({
  n: num,
  accuracy: num,
  macro_f1: num,
  per_class: z.record(z.string(), classScores).optional(),
  confusion_matrix: z.array(z.array(num)).optional(),
});

const recipe = z.looseObject({
  name: z.string(),
  tokenizer: z.string(),
  objective: z.string(),
  masking: z.string(),
  data: z.string(),
  batch_size: num,
  lr: num,
  adam_beta2: num,
  dupe_factor: num.optional(),
  description: z.string().optional(),
});

const corpusData = z.looseObject({
  documents: num,
  unique_tokens: num.optional(),
  sequences: num.optional(),
  sequence_tokens: num.optional(),
  mean_sequence_length: num.optional(),
});

const parameters = z.looseObject({ total: num, embeddings: num.optional(), non_embedding: num.optional() });

const evalPoint = z.looseObject({ tokens: num, step: num.optional(), loss: num, accuracy: num });

const pretrainingRun = z.looseObject({
  recipe,
  data: corpusData.optional(),
  token_budget: num.optional(),
  tokens_seen: num,
  steps: num,
  epochs_over_data: num.optional(),
  seconds: num,
  tokens_per_second: num.optional(),
  parameters: parameters.optional(),
  heldout: z.looseObject({ final: evalPoint.optional() }).optional(),
  eval_curve: z.array(evalPoint).default([]),
});

const modelEntry = z.looseObject({
  kind: z.enum(['classical', 'transformer']),
  recipe: recipe.optional(),
  exported: z.boolean().optional(),
  ablation: z.boolean().optional(),
  /** Cross-validation on the product name + description. */
  cv: evaluation,
  /** The same cross-validation scored on the product name alone (issue #18); null (read as absent) when not measured. */
  cv_name: evaluation.nullish().transform((v) => v ?? undefined),
  /** 'stratified': this model's CV is the previous protocol's (stratified folds, name + description, one seed). */
  cv_protocol: z.enum(['grouped', 'stratified']).optional().catch(undefined),
  cv_fold_seconds: z.array(num).optional(),
  cv_fit_seconds: z.array(num).optional(),
  holdout: holdout.optional(),
  /** The holdout scored on the name alone; null (read as absent) when the pipeline has none. */
  holdout_name: holdout.nullish().transform((v) => v ?? undefined),
  train_seconds: num.optional(),
  size_bytes: num.optional(),
  parameters: parameters.optional(),
  n_features: num.optional(),
  curve: z.array(z.looseObject({ epoch: num, loss: num, accuracy: num.optional(), seconds: num.optional() })).optional(),
  hyperparameters: z.record(z.string(), z.unknown()).optional(),
});

const ablationEntry = z.looseObject({
  description: z.string().optional(),
  compared_with: z.string(),
  changed: z.array(z.string()).default([]),
  heldout_masked_accuracy: z.record(z.string(), num).optional(),
  cv_macro_f1: z.record(z.string(), meanStd).optional(),
  /** Issue #18: the same on the product name alone (absent from a previous-protocol ablation). */
  cv_name_macro_f1: z.record(z.string(), meanStd).optional(),
});

const trainViews = z.enum(['text', 'both']).optional().catch(undefined);

const servingLatency = z.looseObject({ latencyMs: z.looseObject({ p50: num, p95: num.optional(), mean: num.optional(), n: num.optional() }) });

export const nlpMetricsSchema = z.looseObject({
  format: z.string().refine((f) => f.startsWith('pad-nlp-metrics/'), 'not a pad-nlp-metrics file'),
  generated_at: z.string(),
  mode: z.string(),
  labels: z.array(z.string()).min(2),
  n_products: num,
  environment: z.looseObject({ threads: num.optional(), cpu_count: num.optional(), torch: z.string().optional() }).optional(),
  protocol: z.looseObject({
    seed: num.optional(),
    cv: z.looseObject({
      folds: num,
      stratified: z.boolean().optional(),
      /** Stratified group k-fold over groups of near-duplicate products. */
      grouped: z.boolean().optional(),
      groups: z.looseObject({ rule: z.string(), count: num, products_in_groups: num }).optional(),
      /** 'both': each training product seen twice, name + description and name alone. */
      train_views: trainViews,
      /** Fine-tuning seeds of the transformers (fold k uses seed + k); TF-IDF is deterministic. */
      seeds: z.array(num).optional(),
      std: z.string().optional(),
    }),
    holdout: z
      .looseObject({ test_size: num, n_train: num, n_test: num, fold: num.optional(), grouped: z.boolean().optional(), train_views: trainViews })
      .optional(),
    max_len: num,
  }),
  architecture: z.looseObject({
    num_hidden_layers: num,
    hidden_size: num,
    num_attention_heads: num,
    intermediate_size: num,
    max_len: num,
  }),
  token_budget: z.looseObject({ tokens_per_pretraining_run: num, counted: z.string().optional(), data_ratio: num.optional() }).optional(),
  pretraining: z.record(z.string(), pretrainingRun).default({}),
  models: z.record(z.string(), modelEntry),
  /** Recipes initialised from a published checkpoint (--init-bert / --init-roberta) instead of pretrained here. */
  pretrained_checkpoints: z.record(z.string(), z.string()).default({}),
  /** Models of a partial run, fine-tuned on the 80/20 split but not cross-validated yet. */
  not_cross_validated: z.record(z.string(), z.unknown()).default({}),
  ablation: z.record(z.string(), ablationEntry).default({}),
  winner: z.looseObject({ by: z.string(), model: z.string(), scores: z.record(z.string(), num) }).optional(),
  sizes_bytes: z.record(z.string(), num).optional(),
  timings_seconds: z.record(z.string(), num).optional(),
  config: z
    .looseObject({
      finetune: z.looseObject({ epochs: num, batch_size: num, lr: num, warmup_frac: num.optional(), weight_decay: num.optional() }).optional(),
      pretrain: z
        .looseObject({ mask_prob: num.optional(), micro_batch: num.optional(), warmup_frac: num.optional(), weight_decay: num.optional() })
        .optional(),
      export_fp16: z.boolean().optional(),
    })
    .optional(),
  serving: z.record(z.string(), z.unknown()).optional(),
});

export type NlpMetrics = z.output<typeof nlpMetricsSchema>;
export type ModelEntry = z.output<typeof modelEntry>;
export type Evaluation = z.output<typeof evaluation>;
export type PretrainingRun = z.output<typeof pretrainingRun>;
export type AblationEntry = z.output<typeof ablationEntry>;

const latencyModel = z.looseObject({
  p50: num,
  p99: num,
  mean: num.optional(),
  n: num,
  batchSize: num.optional(),
  batchTextsPerSecond: num.optional(),
});

export const nlpLatencySchema = z.looseObject({
  format: z.literal('pad-nlp-latency/1'),
  measuredAt: z.string(),
  machine: z.looseObject({ cpus: num, cpuModel: z.string().optional(), node: z.string(), loadAverage: z.array(num).optional() }),
  texts: num,
  models: z.record(z.string(), latencyModel),
  rssMb: z.looseObject({ baseline: num.optional(), allModelsLoaded: num }),
  modelsDir: z.string().optional(),
  modelsMode: z.string().optional(),
});

export type NlpLatency = z.output<typeof nlpLatencySchema>;

export type Loaded<T> = { ok: true; value: T; file: string } | { ok: false; reason: string; file: string };

/** A path as the pages show it: relative to the working directory when inside it (no server layout leaked). */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(file) : rel;
}

function readJson<S extends z.ZodType>(absolute: string, schema: S): Loaded<z.output<S>> {
  const file = shown(absolute);
  if (!fs.existsSync(absolute)) return { ok: false, reason: 'missing', file };
  try {
    const parsed = schema.safeParse(JSON.parse(fs.readFileSync(absolute, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `invalid: ${issue.path.join('.')} ${issue.message}`, file };
    }
    return { ok: true, value: parsed.data, file };
  } catch (err) {
    return { ok: false, reason: `unreadable: ${err instanceof Error ? err.message : String(err)}`, file };
  }
}

interface Cached<T> {
  file: string;
  mtimeMs: number;
  value: Loaded<T>;
}
const cache = globalThis as unknown as { __nlpReport?: Record<string, Cached<unknown>> };

/** Reads a file once per modification (the pages are rendered per request). */
function cachedRead<S extends z.ZodType>(file: string, schema: S): Loaded<z.output<S>> {
  const store = (cache.__nlpReport ??= {});
  const mtimeMs = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
  const hit = store[file];
  if (hit && hit.mtimeMs === mtimeMs) return hit.value as Loaded<z.output<S>>;
  const value = readJson(file, schema);
  store[file] = { file, mtimeMs, value };
  return value;
}

const seedStudyModel = z.looseObject({
  repetitions: z.array(z.looseObject({ fold_macro_f1: z.array(num), mean: num })).min(1),
  mean_of_means: num,
  std_of_means: num,
});

/**
 * `<nlpModelsDir>/seed_study.json` (training/nlp/seed_study.py): the CV of each transformer repeated
 * with other fine-tuning seeds, same folds and encoders. Optional: absent after a quick run.
 */
export const nlpSeedStudySchema = z.looseObject({
  format: z.literal('pad-nlp-seed-study/1'),
  seed: num,
  folds: num,
  models: z.record(z.string(), seedStudyModel),
});
export type NlpSeedStudy = z.output<typeof nlpSeedStudySchema>;

export function nlpSeedStudy(dir: string = nlpModelsDir()): Loaded<NlpSeedStudy> {
  return cachedRead(path.join(dir, 'seed_study.json'), nlpSeedStudySchema);
}

export function nlpMetrics(dir: string = nlpModelsDir()): Loaded<NlpMetrics> {
  return cachedRead(path.join(dir, 'metrics.json'), nlpMetricsSchema);
}

export function nlpLatency(dir: string = nlpModelsDir()): Loaded<NlpLatency> {
  return cachedRead(path.join(dir, 'latency.json'), nlpLatencySchema);
}

/** Latency p50 recorded by the training pipeline's serving check (metrics.json "serving"), if any. */
export function servingCheckP50(m: NlpMetrics, model: string): number | undefined {
  const entry = m.serving?.[model];
  const parsed = servingLatency.safeParse(entry);
  return parsed.success ? parsed.data.latencyMs.p50 : undefined;
}
