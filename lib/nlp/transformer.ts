import fs from 'node:fs';
import path from 'node:path';
import { AutoModelForSequenceClassification, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import { appConfig } from '../config/env';
import { loadTokenizer, localModelsOnly } from './tokenizers';

/**
 * One fine-tuned encoder served with transformers.js (onnxruntime-node underneath), loaded from
 * a local model folder only (remote loading is switched off by lib/nlp/tokenizers.ts
 * localModelsOnly). Inputs are truncated like at training time: the first `maxLength` ids of
 * the encoded sequence, special tokens included (tokenizer_config.json model_max_length).
 *
 * Each inference runs on `servingThreads()` onnxruntime intra-op threads (1 by default): one
 * request per core scales better than two threads per request, and on a busy 2-core machine
 * two threads wait on each other (measured: p50 20 ms with 1 thread vs 36 ms with 2 under load).
 */

/** `$NLP_SERVING_THREADS` (onnxruntime intra-op threads per inference), default 1. */
export function servingThreads(): number {
  return appConfig().nlpServingThreads;
}

export type TransformerKind = 'bert' | 'roberta';

/** Attention probabilities of the first `shown` tokens, per layer and head, in thousandths. */
export interface AttentionMaps {
  /** Display form of each shown token: BERT marks word pieces with `##`, RoBERTa marks a leading space with `Ġ`. */
  readonly tokens: readonly string[];
  /** Tokens the model saw (after truncation, special tokens included). */
  readonly inputTokens: number;
  readonly shown: number;
  readonly layers: number;
  readonly heads: number;
  /** weights[layer][head][query][key], rounded to thousandths (0–1000). Rows are cut to the shown keys, so they sum to ≤ 1000. */
  readonly weights: readonly (readonly (readonly (readonly number[])[])[])[];
}

export interface TransformerClassifier {
  readonly kind: TransformerKind;
  readonly dir: string;
  readonly labels: readonly string[];
  readonly maxLength: number;
  readonly layers: number;
  readonly heads: number;
  readonly hiddenSize: number;
  /** Ids of the whole text, special tokens included, before truncation. */
  tokenCount(text: string): number;
  /** Class probabilities (label order) of each text; runs the texts in batches of `batchSize`. */
  predict(texts: readonly string[], batchSize?: number): Promise<number[][]>;
  attention(text: string, maxTokens: number): Promise<AttentionMaps>;
  dispose(): Promise<void>;
}

interface ModelConfigJson {
  model_type: string;
  num_hidden_layers: number;
  num_attention_heads: number;
  hidden_size: number;
  id2label: Record<string, string>;
}

interface ClassifierOutput {
  logits: Tensor;
  attentions?: Tensor[];
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const e: number[] = [];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = Math.exp(logits[i] - max);
    e.push(v);
    sum += v;
  }
  return e.map((v) => v / sum);
}

function labelsOf(cfg: ModelConfigJson): string[] {
  return Object.keys(cfg.id2label)
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => cfg.id2label[String(k)]);
}

function displayToken(tokenizer: PreTrainedTokenizer, id: number, kind: TransformerKind): string {
  const text = tokenizer.decode([id], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  if (kind === 'roberta' && text.startsWith(' ')) return `Ġ${text.slice(1)}`;
  return text;
}

export async function loadTransformer(dir: string, kind: TransformerKind): Promise<TransformerClassifier> {
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as ModelConfigJson;
  if (cfg.model_type !== kind) throw new Error(`${dir}/config.json: model_type ${cfg.model_type}, expected ${kind}`);
  const abs = path.resolve(dir);
  const tokenizer: PreTrainedTokenizer = await loadTokenizer(abs);
  localModelsOnly(path.dirname(abs));
  const model: PreTrainedModel = await AutoModelForSequenceClassification.from_pretrained(path.basename(abs), {
    dtype: 'fp32',
    local_files_only: true,
    session_options: { intraOpNumThreads: servingThreads(), interOpNumThreads: 1 },
  });
  const maxLength = Number(tokenizer.model_max_length);
  if (!Number.isInteger(maxLength) || maxLength < 8 || maxLength > 4096) {
    throw new Error(`${dir}/tokenizer_config.json: model_max_length ${String(tokenizer.model_max_length)} is not usable`);
  }
  const labels = labelsOf(cfg);
  const nLabels = labels.length;

  const run = async (texts: readonly string[]): Promise<ClassifierOutput> => {
    const inputs = tokenizer(texts as string[], { padding: true, truncation: true, max_length: maxLength });
    return (await model(inputs)) as ClassifierOutput;
  };

  const predict = async (texts: readonly string[], batchSize = 16): Promise<number[][]> => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      const chunk = texts.slice(i, i + batchSize);
      const { logits } = await run(chunk);
      const data = logits.data as Float32Array;
      for (let r = 0; r < chunk.length; r++) out.push(softmax(data.subarray(r * nLabels, (r + 1) * nLabels)));
    }
    return out;
  };

  const attention = async (text: string, maxTokens: number): Promise<AttentionMaps> => {
    const inputs = tokenizer(text, { truncation: true, max_length: maxLength });
    const ids = Array.from((inputs.input_ids as Tensor).data as BigInt64Array, Number);
    const out = (await model(inputs)) as ClassifierOutput;
    const maps = out.attentions ?? [];
    if (maps.length === 0) throw new Error(`${dir}: the ONNX graph has no attentions.* outputs`);
    const [, heads, seq] = maps[0].dims;
    const shown = Math.min(seq, maxTokens);
    const weights = maps.map((t) => {
      const d = t.data as Float32Array;
      return Array.from({ length: heads }, (_, h) =>
        Array.from({ length: shown }, (_, q) => {
          const row = (h * seq + q) * seq;
          return Array.from({ length: shown }, (_, k) => Math.round(d[row + k] * 1000));
        }),
      );
    });
    return {
      tokens: ids.slice(0, shown).map((id) => displayToken(tokenizer, id, kind)),
      inputTokens: seq,
      shown,
      layers: maps.length,
      heads,
      weights,
    };
  };

  return {
    kind,
    dir,
    labels,
    maxLength,
    layers: cfg.num_hidden_layers,
    heads: cfg.num_attention_heads,
    hiddenSize: cfg.hidden_size,
    tokenCount: (text) => tokenizer.encode(text).length,
    predict,
    attention,
    dispose: async () => {
      await model.dispose();
    },
  };
}
