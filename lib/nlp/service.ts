import fs from 'node:fs';
import path from 'node:path';
import { argmax, type Attributions, occlusionAttributions } from './occlusion';
import { nlpModelsDir } from './paths';
import { loadTfidfClassifier, type TfidfClassifier } from './tfidf';
import { type AttentionMaps, loadTransformer, type TransformerClassifier, type TransformerKind } from './transformer';
import { ATTENTION_MAX_TOKENS, characterCount, splitWords } from './text';

/**
 * The product-text classification service of the technology watch: the TF-IDF baseline and the
 * two fine-tuned encoders (BERT recipe, RoBERTa recipe), loaded once per process from
 * nlpModelsDir() (models/nlp by default, local files only) and shared by the API route, the
 * /veille page, its demo and the benchmark.
 *
 * A model whose folder is missing is reported as unavailable (the page and the API say so)
 * instead of failing the others; models that are present must all use the same label order
 * (the sorted category names, productCategories()).
 */

import { NLP_MODELS, type NlpModelName } from './models';

export { NLP_MODELS, type NlpModelName };
export const TRANSFORMERS: readonly TransformerKind[] = ['bert', 'roberta'];

export function isTransformer(name: NlpModelName): name is TransformerKind {
  return name === 'bert' || name === 'roberta';
}

export interface NlpModelStatus {
  readonly name: NlpModelName;
  readonly available: boolean;
  /** Why the model is not available (missing folder, load error). */
  readonly reason?: string;
  /** Longest input in tokens, special tokens included (transformers). */
  readonly maxTokens: number | null;
  readonly layers: number | null;
  readonly heads: number | null;
  readonly hiddenSize: number | null;
}

export interface RankedCategory {
  readonly label: string;
  readonly probability: number;
}

export interface InputInfo {
  /** Longest input the model reads, in tokens (special tokens included); null for TF-IDF (whole text). */
  readonly maxTokens: number | null;
  /** Tokens of the whole text (special tokens included); null for TF-IDF. */
  readonly tokens: number | null;
  /** True when the text was longer than maxTokens and cut to its first maxTokens tokens. */
  readonly truncated: boolean;
}

export interface ModelPrediction {
  readonly model: NlpModelName;
  readonly predicted: string;
  /** Probability of each category, in label order. */
  readonly probabilities: readonly number[];
  /** Categories from the most to the least probable. */
  readonly ranking: readonly RankedCategory[];
  /** Time taken by this model for this text (tokenisation and inference), in milliseconds. */
  readonly latencyMs: number;
  readonly input: InputInfo;
  readonly attributions?: Attributions;
}

export interface Classification {
  readonly labels: readonly string[];
  readonly characters: number;
  readonly words: number;
  readonly results: readonly ModelPrediction[];
  readonly totalMs: number;
}

const UNAVAILABLE = Symbol.for('pad.nlp.ModelUnavailableError');

export class ModelUnavailableError extends Error {
  readonly models: readonly NlpModelName[];
  readonly [UNAVAILABLE] = true;
  constructor(models: readonly NlpModelName[], dir: string) {
    super(`NLP model(s) not available on this server: ${models.join(', ')} (looked in ${dir})`);
    this.name = 'ModelUnavailableError';
    this.models = models;
  }
}

/**
 * Whether `err` is a ModelUnavailableError. Not `instanceof`: the service lives on globalThis and
 * may have been created by another bundle (a page) than the caller (a route), each with its own
 * copy of the class; the brand is a registered symbol, the same in every bundle.
 */
export function isModelUnavailable(err: unknown): err is ModelUnavailableError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[UNAVAILABLE] === true;
}

export function rank(labels: readonly string[], probabilities: readonly number[]): RankedCategory[] {
  return labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
}

export class NlpService {
  readonly dir: string;
  readonly labels: readonly string[];
  readonly tfidf: TfidfClassifier | undefined;
  readonly transformers: Readonly<Partial<Record<TransformerKind, TransformerClassifier>>>;
  private readonly failures: Partial<Record<NlpModelName, string>>;
  readonly loadMs: number;

  constructor(args: {
    dir: string;
    tfidf?: TfidfClassifier;
    transformers: Partial<Record<TransformerKind, TransformerClassifier>>;
    failures: Partial<Record<NlpModelName, string>>;
    loadMs: number;
  }) {
    this.dir = args.dir;
    this.tfidf = args.tfidf;
    this.transformers = args.transformers;
    this.failures = args.failures;
    this.loadMs = args.loadMs;
    const labelSets: [string, readonly string[]][] = [];
    if (args.tfidf) labelSets.push(['tfidf', args.tfidf.labels]);
    for (const k of TRANSFORMERS) {
      const t = args.transformers[k];
      if (t) labelSets.push([k, t.labels]);
    }
    const first = labelSets[0]?.[1] ?? [];
    for (const [name, labels] of labelSets) {
      if (labels.length !== first.length || labels.some((l, i) => l !== first[i])) {
        throw new Error(`${args.dir}: the label order of ${name} differs from ${labelSets[0][0]}'s`);
      }
    }
    this.labels = first;
  }

  status(): NlpModelStatus[] {
    return NLP_MODELS.map((name) => {
      const t = isTransformer(name) ? this.transformers[name] : undefined;
      const available = name === 'tfidf' ? this.tfidf !== undefined : t !== undefined;
      return {
        name,
        available,
        ...(available ? {} : { reason: this.failures[name] ?? 'not loaded' }),
        maxTokens: t?.maxLength ?? null,
        layers: t?.layers ?? null,
        heads: t?.heads ?? null,
        hiddenSize: t?.hiddenSize ?? null,
      };
    });
  }

  available(): NlpModelName[] {
    return this.status()
      .filter((s) => s.available)
      .map((s) => s.name);
  }

  transformer(kind: TransformerKind): TransformerClassifier {
    const t = this.transformers[kind];
    if (!t) throw new ModelUnavailableError([kind], this.dir);
    return t;
  }

  /** Probabilities of several texts with one model (batched for the transformers). */
  async predictBatch(model: NlpModelName, texts: readonly string[], batchSize?: number): Promise<number[][]> {
    if (model === 'tfidf') {
      const clf = this.tfidf;
      if (!clf) throw new ModelUnavailableError(['tfidf'], this.dir);
      return texts.map((t) => clf.predictProba(t));
    }
    return this.transformer(model).predict(texts, batchSize);
  }

  /** One model on one text; with `explain`, the occlusion attributions of its predicted category. */
  async predict(model: NlpModelName, text: string, explain = false): Promise<ModelPrediction> {
    const started = performance.now();
    const [probabilities] = await this.predictBatch(model, [text]);
    const latencyMs = performance.now() - started;
    const t = isTransformer(model) ? this.transformer(model) : undefined;
    const tokens = t ? t.tokenCount(text) : null;
    const input: InputInfo = { maxTokens: t?.maxLength ?? null, tokens, truncated: t !== undefined && tokens !== null && tokens > t.maxLength };
    const attributions = explain
      ? await occlusionAttributions({
          text,
          labels: this.labels,
          probabilities,
          predict: (texts) => this.predictBatch(model, texts),
          window: t ? { tokenCount: t.tokenCount, maxLength: t.maxLength } : undefined,
        })
      : undefined;
    return {
      model,
      predicted: this.labels[argmax(probabilities)],
      probabilities,
      ranking: rank(this.labels, probabilities),
      latencyMs,
      input,
      ...(attributions ? { attributions } : {}),
    };
  }

  /**
   * Each requested model (default: every available one) on the text, one after the other so
   * that each latency is measured alone. Throws ModelUnavailableError if a requested model is absent.
   */
  /** Classifies with each requested model in turn; `signal` (the client went away) stops before the next model. */
  async classify(text: string, options: { models?: readonly NlpModelName[]; explain?: boolean; signal?: AbortSignal } = {}): Promise<Classification> {
    const started = performance.now();
    const requested = options.models && options.models.length > 0 ? NLP_MODELS.filter((m) => options.models?.includes(m)) : this.available();
    const missing = requested.filter((m) => !this.available().includes(m));
    if (missing.length > 0 || requested.length === 0) throw new ModelUnavailableError(missing.length > 0 ? missing : NLP_MODELS, this.dir);
    const results: ModelPrediction[] = [];
    for (const m of requested) {
      options.signal?.throwIfAborted();
      results.push(await this.predict(m, text, options.explain ?? false));
    }
    return {
      labels: this.labels,
      characters: characterCount(text),
      words: splitWords(text).length,
      results,
      totalMs: performance.now() - started,
    };
  }

  /** Attention maps of a transformer on the text (first `maxTokens` tokens, all layers and heads). */
  async attention(kind: TransformerKind, text: string, maxTokens = ATTENTION_MAX_TOKENS): Promise<AttentionMaps> {
    return this.transformer(kind).attention(text, maxTokens);
  }

  async dispose(): Promise<void> {
    for (const k of TRANSFORMERS) await this.transformers[k]?.dispose();
  }
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0].slice(0, 300) : String(err);
}

/** Loads every model present in `dir` (tfidf/, bert/, roberta/). */
export async function loadNlpService(dir: string = nlpModelsDir()): Promise<NlpService> {
  const started = performance.now();
  const failures: Partial<Record<NlpModelName, string>> = {};
  let tfidf: TfidfClassifier | undefined;
  const tfidfDir = path.join(dir, 'tfidf');
  if (fs.existsSync(path.join(tfidfDir, 'model.json'))) {
    try {
      tfidf = loadTfidfClassifier(tfidfDir);
    } catch (err) {
      failures.tfidf = describeError(err);
    }
  } else failures.tfidf = `no ${path.join('tfidf', 'model.json')} in the models folder`;
  const transformers: Partial<Record<TransformerKind, TransformerClassifier>> = {};
  // One after the other: transformers.js's local model path is a process-wide setting.
  for (const kind of TRANSFORMERS) {
    const sub = path.join(/*turbopackIgnore: true*/ dir, kind);
    if (!fs.existsSync(path.join(sub, 'onnx', 'model.onnx')) || !fs.existsSync(path.join(sub, 'config.json'))) {
      failures[kind] = `no ${kind}/config.json and ${kind}/onnx/model.onnx in the models folder`;
      continue;
    }
    try {
      transformers[kind] = await loadTransformer(sub, kind);
    } catch (err) {
      failures[kind] = describeError(err);
    }
  }
  for (const [name, reason] of Object.entries(failures)) {
    if (!reason.startsWith('no ')) console.error(`[nlp] ${name} could not be loaded from ${dir}: ${reason}`);
  }
  return new NlpService({ dir, tfidf, transformers, failures, loadMs: performance.now() - started });
}

// --- one service per process (on globalThis: route bundles may each hold a copy of this module) ---

interface ServiceSlot {
  dir: string;
  promise: Promise<NlpService>;
}
const holder = globalThis as unknown as { __nlpService?: ServiceSlot };

/** The process-wide service for nlpModelsDir(), loaded on first use. */
export function nlpService(): Promise<NlpService> {
  const dir = nlpModelsDir();
  const slot = holder.__nlpService;
  if (slot && slot.dir === dir) return slot.promise;
  const promise = loadNlpService(dir);
  holder.__nlpService = { dir, promise };
  promise.catch(() => {
    if (holder.__nlpService?.promise === promise) holder.__nlpService = undefined;
  });
  return promise;
}

/** The loaded service if it is already there (never starts loading). */
export async function loadedNlpService(): Promise<NlpService | undefined> {
  const slot = holder.__nlpService;
  if (!slot || slot.dir !== nlpModelsDir()) return undefined;
  return slot.promise.catch(() => undefined);
}
