import fs from 'node:fs';
import path from 'node:path';
import { block, readBlockFile } from './blockFile';
import type { CalibrationData } from './calibration';
import { type FeatureSpec, validateFeatureSpec } from './featureSpec';
import { loadTreeEnsemble, type TreeEnsemble } from './treeModel';

/**
 * The files of a trained credit model (models/credit/, written by training/credit/train.py),
 * read and cross-checked: the feature specification and order, the trees, the calibration map,
 * the threshold and costs, the reports.
 */

export interface ModelMetadata {
  readonly name: string;
  readonly version: string;
  readonly createdAt: string;
  /** True for a development model trained with --quick (not for production figures). */
  readonly quick: boolean;
  readonly model: {
    readonly type: string;
    readonly params: Readonly<Record<string, number | string>>;
    readonly rounds: number;
    readonly trees: number;
    readonly nodes: number;
    readonly baseMargin: number;
    readonly leafQuantumBits: number;
    readonly candidate: string;
  };
  readonly onnx: { readonly file: string; readonly input: string; readonly output: string };
  readonly featureSpec: FeatureSpec;
  readonly features: readonly string[];
  readonly threshold: number;
  readonly theoreticalThreshold: number;
  readonly costs: { readonly falseNegative: number; readonly falsePositive: number };
  readonly calibration: { readonly method: string; readonly file: string };
  readonly data: {
    readonly source: { readonly file: string; readonly size: number; readonly sha256: string };
    readonly rows: number;
    readonly positives: number;
    readonly matrixSha256: string;
    /** SHA-256 of the float32 training matrix values (row-major): what the TS pipeline must reproduce. */
    readonly featuresSha256: string;
  };
  readonly files: Readonly<Record<'trees' | 'metrics' | 'importance' | 'golden' | 'oof', string>> & {
    /** The cross-validation fold models (folds.json); absent in models trained before they were shipped. */
    readonly folds?: string;
    readonly fairness?: string;
  };
  readonly versions: Readonly<Record<string, string>>;
  readonly trainingSeconds: number;
}

/** One cross-validation fold's model: it never saw the historical loans of its fold. */
export interface FoldModelFiles {
  readonly fold: number;
  readonly ensemble: TreeEnsemble;
  /** Calibration map fitted on the other folds' out-of-fold margins. */
  readonly calibration: CalibrationData;
}

/** The fold models and which fold held out each historical loan (training-table row order). */
export interface FoldBundle {
  readonly models: readonly FoldModelFiles[];
  readonly foldOfRow: Uint8Array;
}

export interface ModelBundle {
  readonly dir: string;
  readonly metadata: ModelMetadata;
  readonly calibration: CalibrationData;
  readonly ensemble: TreeEnsemble;
  readonly onnxPath: string;
  readonly folds?: FoldBundle;
}

interface FoldsFile {
  readonly folds: readonly { readonly fold: number; readonly trees: string; readonly calibration: CalibrationData }[];
}

function loadFolds(dir: string, metadata: ModelMetadata, featureCount: number): FoldBundle | undefined {
  if (!metadata.files.folds) return undefined;
  const doc = readJson<FoldsFile>(path.join(dir, metadata.files.folds));
  const models = doc.folds.map((f, k) => {
    if (f.fold !== k) throw new ModelFilesError(dir, `folds.json lists fold ${f.fold} at position ${k}`);
    const ensemble = loadTreeEnsemble(path.join(dir, f.trees));
    if (ensemble.featureCount !== featureCount) throw new ModelFilesError(dir, `${f.trees} expects ${ensemble.featureCount} features`);
    return { fold: k, ensemble, calibration: f.calibration };
  });
  const foldOfRow = block(readBlockFile(path.join(dir, metadata.files.oof), 'PADOOF01'), 'fold', Uint8Array);
  if (foldOfRow.some((k) => k >= models.length)) throw new ModelFilesError(dir, 'oof.bin names a fold that folds.json lacks');
  return { models, foldOfRow };
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export class ModelFilesError extends Error {
  constructor(dir: string, message: string) {
    super(`credit model in ${dir}: ${message} (train it with npm run train:credit, or set CREDIT_MODEL_DIR)`);
    this.name = 'ModelFilesError';
  }
}

export function loadModelBundle(dir: string): ModelBundle {
  const metaPath = path.join(dir, 'metadata.json');
  if (!fs.existsSync(metaPath)) throw new ModelFilesError(dir, 'metadata.json not found');
  const metadata = readJson<ModelMetadata>(metaPath);
  validateFeatureSpec(metadata.featureSpec, true);
  const names = metadata.featureSpec.features.map((f) => f.name);
  if (names.length !== metadata.features.length || names.some((n, i) => n !== metadata.features[i])) {
    throw new ModelFilesError(dir, 'feature order of metadata.json does not match its feature spec');
  }
  const ensemble = loadTreeEnsemble(path.join(dir, metadata.files.trees));
  if (ensemble.featureCount !== names.length) {
    throw new ModelFilesError(dir, `trees expect ${ensemble.featureCount} features, the spec has ${names.length}`);
  }
  const calibration = readJson<CalibrationData>(path.join(dir, metadata.calibration.file));
  const onnxPath = path.join(dir, metadata.onnx.file);
  if (!fs.existsSync(onnxPath)) throw new ModelFilesError(dir, `${metadata.onnx.file} not found`);
  return { dir, metadata, calibration, ensemble, onnxPath, folds: loadFolds(dir, metadata, names.length) };
}
