import type { CreditModel } from '../credit/creditModel';
import { columnsOf } from '../credit/csvRows';
import { type CsvRunOptions, streamCsvRows } from '../credit/csvStream';
import type { ReferenceProfile, StabilityAccumulator } from './stability';

/**
 * Feeds a CSV of applications (any size) into a StabilityAccumulator: rows are validated and
 * streamed by the shared CSV reader of the score CLI, scored by the model in batches (one ONNX
 * Runtime call per batch), and each valid row's raw inputs and probability are counted. Memory
 * is one batch, whatever the number of rows.
 */

export interface CsvStabilitySummary {
  /** Valid rows scored and counted. */
  readonly rows: number;
  readonly rejected: number;
  readonly seconds: number;
}

export async function accumulateCsv(
  model: CreditModel,
  profile: ReferenceProfile,
  accumulator: StabilityAccumulator,
  options: CsvRunOptions,
): Promise<CsvStabilitySummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2048;
  const width = model.width;
  // One batch of features, reused from batch to batch; each row's inputs are counted as it is read,
  // its score once the batch is scored. (No second batch is filled while one is scored:
  // onnxruntime-node runs the session on the JavaScript thread, so overlapping would gain nothing.)
  const features = new Float32Array(batchSize * width);
  let n = 0;

  let modelColumns: Int32Array = new Int32Array(0);
  let fieldColumns: Int32Array = new Int32Array(0);
  let source: { readonly bytesRead: number } = { bytesRead: 0 };
  let counted = 0;
  let rejected = 0;

  const flush = async () => {
    if (n === 0) return;
    const margins = await model.scorer.margins(n === batchSize ? features : features.subarray(0, n * width), n);
    for (let i = 0; i < n; i++) accumulator.addScore(model.calibrate(margins[i]));
    counted += n;
    n = 0;
    options.onProgress?.({ rows: counted, rejected, bytesRead: source.bytesRead });
  };

  await streamCsvRows(
    options.input,
    {
      onHeader: (layout, stream) => {
        source = stream;
        modelColumns = columnsOf(layout, model.pipeline.sources);
        // a field the file lacks is missing (-1) for every row
        fieldColumns = columnsOf(layout, profile.fields);
      },
      onRow: (row) => {
        model.pipeline.writeIndexedRow(row, modelColumns, features, n * width);
        accumulator.addValues(row, fieldColumns);
        return ++n >= batchSize ? flush() : undefined;
      },
      onReject: (reject) => {
        rejected++;
        options.onReject?.(reject);
      },
    },
    'any', // a category never seen in the data is counted as « other », not refused
  );
  await flush();
  return { rows: counted, rejected, seconds: (performance.now() - started) / 1000 };
}
