/**
 * npm run features:credit — builds the credit model's training matrix with the serving
 * feature pipeline (lib/credit/features.ts) and writes it for the Python trainer:
 *   <out>/train_features.bin        every labelled application (63,444 rows)
 *   <out>/test_sample_features.bin  a fixed sample of new applications (for the golden files)
 *   <out>/feature_spec.json         the feature specification derived from the training set
 * Usage: tsx lib/cli/exportCreditFeatures.ts [--out DIR] (default data/.cache/credit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { getHomeCreditStore } from '../data/homeCreditStore';
import { deriveFeatureSpec } from '../credit/featureSpec';
import { compileFeatures } from '../credit/features';
import { writeMatrixFile } from '../credit/matrixFile';
import { creditCacheDir } from '../credit/paths';
import { DATASET_FILES } from '../data/datasetFiles';

/** Every k-th application of the test set, starting at 0: a deterministic sample. */
export const TEST_SAMPLE_SIZE = 200;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const started = performance.now();
  const out = path.resolve(argValue('--out') ?? creditCacheDir());
  const store = getHomeCreditStore();
  const loaded = performance.now();
  const spec = deriveFeatureSpec(store.train.table);
  const pipeline = compileFeatures(spec);
  const train = pipeline.tableMatrix(store.train.table);
  const built = performance.now();
  const target = store.train.target as Float64Array;
  writeMatrixFile(path.join(out, 'train_features.bin'), {
    set: 'train',
    spec,
    source: { file: DATASET_FILES.applicationTrain, ...store.train.fingerprint },
    matrix: train,
    ids: store.train.ids,
    target,
  });

  const step = Math.floor(store.test.table.rowCount / TEST_SAMPLE_SIZE);
  const rows = Int32Array.from({ length: TEST_SAMPLE_SIZE }, (_, i) => i * step);
  writeMatrixFile(path.join(out, 'test_sample_features.bin'), {
    set: 'test_sample',
    spec,
    source: { file: DATASET_FILES.applicationTest, ...store.test.fingerprint },
    matrix: pipeline.tableMatrix(store.test.table, rows),
    ids: Float64Array.from(rows, (r) => store.test.ids[r]),
    target: new Float64Array(rows.length).fill(NaN),
  });
  fs.writeFileSync(path.join(out, 'feature_spec.json'), `${JSON.stringify(spec, null, 1)}\n`);

  const positives = target.reduce((a, b) => a + b, 0);
  console.log(
    `[features:credit] ${store.train.table.rowCount} train rows × ${pipeline.width} features ` +
      `(${positives} positives) + ${rows.length} test rows → ${out}\n` +
      `[features:credit] store ${((loaded - started) / 1000).toFixed(2)} s, features ${((built - loaded) / 1000).toFixed(2)} s, ` +
      `total ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
}

main();
