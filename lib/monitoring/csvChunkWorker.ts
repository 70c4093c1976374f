/**
 * Worker thread of `npm run monitor` (started by parallelCsv.ts): loads the served model once, then
 * for each chunk of whole CSV records it is sent, parses and validates every line as the sequential
 * reader does (papaparse, readCsvRow), scores the valid ones in batches and counts them into the
 * reference's bins. It answers each chunk with that chunk's counts (the main thread adds them in
 * file order), its row and rejection counts, and its first rejections with their line numbers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawValue } from '../data/columnarTable';
import { loadServedScorer } from '../credit/creditModel';
import { CsvLineReader } from '../credit/csvBytes';
import { columnsOf, type CsvRowCheck, parseCsvHeader } from '../credit/csvRows';
import type { RejectedRow } from '../credit/csvStream';
import { type AccumulatorState, type BinningProfile, StabilityAccumulator } from './stability';

export interface ChunkWorkerData {
  readonly modelDir: string;
}

export type ToChunkWorker =
  | {
      readonly type: 'start';
      readonly header: readonly string[];
      readonly profile: BinningProfile;
      readonly batchSize: number;
      /** The file's line break, as papaparse would guess it from the header (one guess for the whole file). */
      readonly newline: '\n' | '\r\n';
      /** Rejections listed per chunk (all are counted). */
      readonly maxRejects: number;
    }
  | { readonly type: 'chunk'; readonly seq: number; readonly bytes: Uint8Array; readonly firstLine: number };

export type FromChunkWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'chunk';
      readonly seq: number;
      readonly state: AccumulatorState;
      readonly rows: number;
      readonly rejected: number;
      readonly rejects: readonly RejectedRow[];
    }
  | { readonly type: 'error'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('csvChunkWorker runs in a worker thread');
const post = (message: FromChunkWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const modelLoaded = loadServedScorer((workerData as ChunkWorkerData).modelDir);
modelLoaded.catch(() => undefined); // reported when the start message awaits it, not as an unhandled rejection
let counting: ((message: Extract<ToChunkWorker, { type: 'chunk' }>) => Promise<void>) | undefined;

async function start(message: Extract<ToChunkWorker, { type: 'start' }>): Promise<void> {
  const model = await modelLoaded;
  const layout = parseCsvHeader(message.header, 'any'); // a category never seen is counted as « other »
  const { profile, batchSize, maxRejects, newline } = message;
  const accumulator = new StabilityAccumulator(profile);
  const width = model.width;
  const modelColumns = columnsOf(layout, model.pipeline.sources);
  const fieldColumns = columnsOf(layout, profile.fields);
  const features = new Float32Array(batchSize * width);
  const values = new Array<RawValue>(layout.columns.length).fill(null);

  counting = async ({ seq, bytes, firstLine }) => {
    let rows = 0;
    let rejected = 0;
    const rejects: RejectedRow[] = [];
    let n = 0;
    const onLine = (check: CsvRowCheck, line: number) => {
      if (!check.ok) {
        rejected++;
        if (rejects.length < maxRejects) rejects.push({ line, id: check.id, errors: check.errors });
        return;
      }
      model.pipeline.writeIndexedRow(values, modelColumns, features, n++ * width);
      accumulator.addValues(values, fieldColumns); // its score once the batch is scored
    };
    const reader = new CsvLineReader(layout, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), firstLine, newline, values);
    for (let more = true; more;) {
      more = reader.read(batchSize - n, onLine);
      if (n === 0 || (more && n < batchSize)) continue;
      const margins = await model.scorer.margins(n === batchSize ? features : features.subarray(0, n * width), n);
      for (let i = 0; i < n; i++) accumulator.addScore(model.calibrate(margins[i]));
      rows += n;
      n = 0;
    }
    const state = accumulator.take();
    post({ type: 'chunk', seq, state, rows, rejected, rejects }, [
      ...state.counts.map((c) => c.buffer as ArrayBuffer),
      state.scoreCounts.buffer as ArrayBuffer,
    ]);
  };
  post({ type: 'ready' });
}

// chunks are counted one at a time, in the order they arrive
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToChunkWorker) => {
  queue = queue
    .then(() => (message.type === 'start' ? start(message) : counting ? counting(message) : Promise.reject(new Error('chunk before start'))))
    .catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});
