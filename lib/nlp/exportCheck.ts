import fs from 'node:fs';
import path from 'node:path';
import { AutoModelForSequenceClassification, type PreTrainedModel, type Tensor } from '@huggingface/transformers';
import { loadTfidfClassifier } from './tfidf';
import { loadTokenizer, localModelsOnly } from './tokenizers';

/**
 * Checks of an exported NLP model folder against the golden rows Python wrote at export time:
 * transformers.js must produce the same input ids and logits (≤ tolerance) as PyTorch, and the
 * TypeScript TF-IDF the same probabilities as scikit-learn. Used by the Jest tests
 * (tests/unit/nlp) and by lib/nlp/cli/checkNlpExport.ts at the end of `npm run train:nlp`.
 */

export interface GoldenLogits {
  tolerance: number;
  max_length: number;
  rows: { id: string; text: string; label: number; input_ids: number[]; logits: number[] }[];
}

export interface TransformerCheck {
  model: string;
  rows: number;
  tolerance: number;
  maxAbsDiff: number;
  idsMismatches: number;
  argmaxAgreement: number;
  attentions: { outputs: number; dims: number[] } | null;
  latencyMs: { p50: number; p95: number; mean: number; n: number };
  ok: boolean;
}

/** Loads an exported classifier folder (config.json, tokenizer files, onnx/model.onnx). */
export async function loadExportedClassifier(dir: string) {
  const abs = path.resolve(dir);
  const tokenizer = await loadTokenizer(abs);
  localModelsOnly(path.dirname(abs));
  const model: PreTrainedModel = await AutoModelForSequenceClassification.from_pretrained(path.basename(abs), {
    dtype: 'fp32',
    local_files_only: true,
  });
  return { tokenizer, model };
}

/** Median, 95th percentile (nearest rank) and mean of timed calls, in ms; the first call is a warm-up, left out. */
function latencySummary(times: readonly number[]): TfidfCheck['latencyMs'] {
  const sorted = times.slice(1).sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p95: at(0.95), mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), n: sorted.length };
}

export async function checkTransformerExport(dir: string, latencyRuns = 0): Promise<TransformerCheck> {
  const golden = JSON.parse(fs.readFileSync(path.join(dir, 'golden_logits.json'), 'utf8')) as GoldenLogits;
  const { tokenizer, model } = await loadExportedClassifier(dir);
  let maxAbsDiff = 0;
  let idsMismatches = 0;
  let agree = 0;
  let attentions: TransformerCheck['attentions'] = null;
  for (const row of golden.rows) {
    const inputs = tokenizer(row.text, { truncation: true, max_length: golden.max_length });
    const ids = Array.from((inputs.input_ids as Tensor).data as BigInt64Array, Number);
    if (ids.length !== row.input_ids.length || ids.some((v, i) => v !== row.input_ids[i])) idsMismatches++;
    const out = await model(inputs);
    const logits = Array.from((out.logits as Tensor).data as Float32Array);
    logits.forEach((v, i) => {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - row.logits[i]));
    });
    const am = (a: number[]) => a.indexOf(Math.max(...a));
    if (am(logits) === am(row.logits)) agree++;
    if (!attentions && Array.isArray(out.attentions)) {
      attentions = { outputs: out.attentions.length, dims: (out.attentions[0] as Tensor).dims };
    }
  }
  const times: number[] = [];
  for (let r = 0; r < latencyRuns; r++) {
    const row = golden.rows[r % golden.rows.length];
    const t0 = performance.now();
    const inputs = tokenizer(row.text, { truncation: true, max_length: golden.max_length });
    await model(inputs);
    times.push(performance.now() - t0);
  }
  await model.dispose();
  return {
    model: path.basename(dir),
    rows: golden.rows.length,
    tolerance: golden.tolerance,
    maxAbsDiff,
    idsMismatches,
    argmaxAgreement: agree / golden.rows.length,
    attentions,
    latencyMs: latencySummary(times),
    ok: idsMismatches === 0 && maxAbsDiff <= golden.tolerance,
  };
}

export interface TfidfCheck {
  rows: number;
  tolerance: number;
  maxAbsDiff: number;
  latencyMs: { p50: number; p95: number; mean: number; n: number };
  ok: boolean;
}

export function checkTfidfExport(dir: string, latencyRuns = 0): TfidfCheck {
  const golden = JSON.parse(fs.readFileSync(path.join(dir, 'golden.json'), 'utf8')) as {
    tolerance: number;
    rows: { text: string; proba: number[] }[];
  };
  const clf = loadTfidfClassifier(dir);
  let maxAbsDiff = 0;
  for (const row of golden.rows) {
    const p = clf.predictProba(row.text);
    p.forEach((v, i) => {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - row.proba[i]));
    });
  }
  const times: number[] = [];
  for (let r = 0; r < latencyRuns; r++) {
    const t0 = performance.now();
    clf.predictProba(golden.rows[r % golden.rows.length].text);
    times.push(performance.now() - t0);
  }
  return {
    rows: golden.rows.length,
    tolerance: golden.tolerance,
    maxAbsDiff,
    latencyMs: latencySummary(times),
    ok: maxAbsDiff <= golden.tolerance,
  };
}
