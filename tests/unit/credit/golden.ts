import fs from 'node:fs';
import path from 'node:path';
import { block, readBlockFile } from '@/lib/credit/blockFile';
import { type ModelMetadata, readJson } from '@/lib/credit/modelBundle';
import { creditModelDir } from '@/lib/credit/paths';

/** Readers of the parity files exported by the trainer (models/credit/golden.json, oof.bin). */

export interface GoldenClient {
  readonly id: number;
  readonly set: 'train' | 'test';
  readonly row: number;
  /** XGBoost output_margin, float32 written as its shortest decimal (use Math.fround). */
  readonly margin: number;
  readonly probability: number;
  readonly features: readonly (number | null)[];
  /** XGBoost pred_contribs: one per feature, then the bias. */
  readonly contribs: readonly number[];
}

export const modelDir = creditModelDir();

export function metadata(): ModelMetadata {
  return readJson<ModelMetadata>(path.join(modelDir, 'metadata.json'));
}

export function goldenClients(): GoldenClient[] {
  return (JSON.parse(fs.readFileSync(path.join(modelDir, 'golden.json'), 'utf8')) as { clients: GoldenClient[] }).clients;
}

/** A golden feature row as the float32 row XGBoost saw (null = NaN). */
export function goldenRow(c: GoldenClient): Float32Array {
  return Float32Array.from(c.features, (v) => (v === null ? NaN : v));
}

export function outOfFold(): { probability: Float64Array; label: Uint8Array; fold: Uint8Array; threshold: number } {
  const f = readBlockFile<{ threshold: number }>(path.join(modelDir, 'oof.bin'), 'PADOOF01');
  return {
    probability: block(f, 'probability', Float64Array),
    label: block(f, 'label', Uint8Array),
    fold: block(f, 'fold', Uint8Array),
    threshold: f.header.threshold,
  };
}
