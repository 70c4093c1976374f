import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { type CsvChunk, csvChunks } from '../credit/csvChunks';
import { CsvHeaderError, parseCsvHeader } from '../credit/csvRows';
import type { CsvRunOptions } from '../credit/csvStream';
import type { CsvStabilitySummary } from './csvStability';
import type { ChunkWorkerData, FromChunkWorker, ToChunkWorker } from './csvChunkWorker';
import { binningProfile, type ReferenceProfile, type StabilityAccumulator } from './stability';

/**
 * accumulateCsv on several threads: the main thread cuts the file into chunks of whole records
 * (csvChunks) and hands them to worker threads (csvChunkWorker), each with the served model, which
 * parse, validate, score and count them; the main thread adds the chunks' counts in file order, so
 * the report does not depend on which worker was faster, and reports rejected lines in file order.
 * At most two chunks per worker are in flight: memory stays flat whatever the number of rows.
 */

export interface ParallelCsvOptions extends CsvRunOptions {
  /** Worker threads (≥ 1). */
  readonly workers: number;
  /** Bytes per chunk (default 256 KiB: ≈ 500 applications, short-lived enough for the young generation). */
  readonly chunkBytes?: number;
  /** Rejections passed to onReject (all are counted; default 100). */
  readonly maxRejects?: number;
}

const IN_FLIGHT_PER_WORKER = 2;

/** Starts a worker on the TypeScript sources (the CLI runs under tsx) or on compiled JavaScript. */
function startWorker(modelDir: string): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `csvChunkWorker${ext}`);
  const data: ChunkWorkerData & { entry: string; loader?: string } = { modelDir, entry };
  if (ext === '.ts') data.loader = require.resolve('tsx/cjs');
  const boot = "const { workerData } = require('node:worker_threads'); if (workerData.loader) require(workerData.loader); require(workerData.entry);";
  return new Worker(boot, { eval: true, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.YG ?? 0) || undefined } });
}

export async function accumulateCsvParallel(
  modelDir: string,
  profile: ReferenceProfile,
  accumulator: StabilityAccumulator,
  options: ParallelCsvOptions,
): Promise<CsvStabilitySummary> {
  const started = performance.now();
  const maxRejects = options.maxRejects ?? 100;
  const chunks = csvChunks(options.input, options.chunkBytes ?? 256 << 10);
  const first = await chunks.next();
  if (first.done) throw new CsvHeaderError('the file is empty (no header line)');
  const headerText = first.value.bytes.toString('utf8');
  const newline = headerText.endsWith('\r\n') ? '\r\n' : '\n';
  const header = Papa.parse<string[]>(headerText.replace(/\r?\n$/, ''), { delimiter: ',' }).data[0] ?? [''];
  parseCsvHeader(header, 'any'); // throws CsvHeaderError before any worker starts

  const workers = Array.from({ length: Math.max(1, options.workers) }, () => startWorker(modelDir));
  const busy = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const waitForNews = () => new Promise<void>((resolve) => (wake = resolve));

  // results arrive in any order; they are added in file order
  const done = new Map<number, Extract<FromChunkWorker, { type: 'chunk' }>>();
  const ends = new Map<number, number>();
  let nextToAdd = 0;
  let rows = 0;
  let rejected = 0;
  let listed = 0;
  let ready = 0;
  const addInOrder = () => {
    for (let r = done.get(nextToAdd); r; r = done.get(nextToAdd)) {
      done.delete(nextToAdd);
      accumulator.merge(r.state);
      rows += r.rows;
      rejected += r.rejected;
      for (const reject of r.rejects) {
        if (listed >= maxRejects) break;
        listed++;
        options.onReject?.(reject);
      }
      options.onProgress?.({ rows, rejected, bytesRead: ends.get(nextToAdd) ?? 0 });
      ends.delete(nextToAdd);
      nextToAdd++;
    }
  };
  for (const worker of workers) {
    worker.on('message', (m: FromChunkWorker) => {
      if (m.type === 'ready') ready++;
      else if (m.type === 'error') failure ??= new Error(m.message);
      else {
        busy.set(worker, (busy.get(worker) ?? 1) - 1);
        done.set(m.seq, m);
        addInOrder();
      }
      signal();
    });
    worker.on('error', (e) => {
      failure ??= e;
      signal();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a monitoring worker stopped (exit code ${code})`);
      signal();
    });
  }

  try {
    const start: ToChunkWorker = {
      type: 'start',
      header,
      profile: binningProfile(profile),
      batchSize: options.batchSize ?? 2048,
      newline,
      maxRejects,
    };
    for (const w of workers) w.postMessage(start);
    let seq = 0;
    const send = (chunk: CsvChunk, worker: Worker) => {
      const bytes = new Uint8Array(chunk.bytes.length); // its own buffer, moved to the worker
      bytes.set(chunk.bytes);
      const message: ToChunkWorker = { type: 'chunk', seq, bytes, firstLine: chunk.firstLine };
      ends.set(seq++, chunk.end);
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      worker.postMessage(message, [bytes.buffer]);
    };
    for await (const chunk of chunks) {
      for (;;) {
        if (failure) throw failure;
        let idlest: Worker | undefined;
        for (const [w, n] of busy) if (n < IN_FLIGHT_PER_WORKER && (!idlest || n < (busy.get(idlest) ?? 0))) idlest = w;
        if (idlest) {
          send(chunk, idlest);
          break;
        }
        await waitForNews();
      }
    }
    while (nextToAdd < seq || ready < workers.length) {
      if (failure) throw failure;
      await waitForNews();
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { rows, rejected, seconds: (performance.now() - started) / 1000 };
}
