import fs from 'node:fs';
import { once } from 'node:events';
import Papa from 'papaparse';
import type { CreditModel } from './creditModel';
import { reasonsTowards } from './explanation';
import type { Lang } from './fieldLabels';
import type { PopulationStats } from './population';
import type { Duplex, Readable } from 'node:stream';
import type { RawValue } from '../data/columnarTable';
import { applicationOfRow, columnsOf, CsvHeaderError, type CsvLayout, parseCsvHeader, readCsvRow } from './csvRows';
import type { FieldError, RawApplication } from './types';

/**
 * Streams a CSV of applications through the model in batches: constant memory whatever the
 * file size, one ONNX Runtime call per batch, TreeSHAP reasons per row. Invalid rows are
 * reported (line, field, why) and skipped, or stop the run in strict mode.
 */

export interface BatchOptions {
  readonly input: string;
  readonly output: string;
  readonly lang?: Lang;
  /** Reasons written per row (0 = scores only). */
  readonly reasons?: number;
  readonly strict?: boolean;
  readonly batchSize?: number;
  /** Called for each rejected row. */
  readonly onReject?: (reject: RejectedRow) => void;
  /** Called after each batch with the rows done so far and the input bytes read. */
  readonly onProgress?: (progress: { rows: number; rejected: number; bytesRead: number }) => void;
}

export interface RejectedRow {
  readonly line: number;
  readonly id: string;
  readonly errors: readonly FieldError[];
}

export interface BatchSummary {
  readonly scored: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** Set when strict mode stopped the run at a rejected row. */
  readonly stoppedAt?: RejectedRow;
}

export class StrictModeError extends Error {
  constructor(readonly reject: RejectedRow) {
    super(`line ${reject.line}: ${reject.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'StrictModeError';
  }
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function outputHeader(reasons: number): string {
  const cols = ['SK_ID_CURR', 'probability', 'decision'];
  for (let i = 1; i <= reasons; i++) cols.push(`reason_${i}`);
  return `${cols.join(',')}\n`;
}

/**
 * The rows a stream has buffered, a batch at a time: one await per batch of parsed lines instead
 * of one per line (an async iterator over the rows costs a promise and a microtask each).
 */
async function* bufferedRows(stream: Readable): AsyncGenerator<string[][]> {
  let ended = false;
  let failure: unknown;
  stream.once('end', () => (ended = true));
  stream.once('error', (err: unknown) => (failure = err));
  for (;;) {
    const rows: string[][] = [];
    for (let r = stream.read() as string[] | null; r !== null; r = stream.read() as string[] | null) rows.push(r);
    if (rows.length > 0) {
      yield rows;
      continue;
    }
    if (failure !== undefined) throw failure;
    if (ended || stream.readableEnded) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        stream.off('readable', wake);
        stream.off('end', wake);
        stream.off('error', wake);
        resolve();
      };
      stream.on('readable', wake);
      stream.on('end', wake);
      stream.on('error', wake);
    });
  }
}

export async function scoreCsvFile(model: CreditModel, stats: PopulationStats | undefined, options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const reasons = options.reasons ?? 3;
  const batchSize = options.batchSize ?? 2048;
  const lang = options.lang ?? 'fr';
  if (reasons > 0 && !stats) throw new Error('population statistics are needed to word reasons');

  const source = fs.createReadStream(options.input, { encoding: 'utf8' });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', skipEmptyLines: false }) as Duplex;
  source.pipe(parser);
  source.once('error', (err) => parser.destroy(err));
  const out = fs.createWriteStream(options.output, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(outputHeader(reasons));

  let layout: CsvLayout | undefined;
  let sourceColumns: Int32Array = new Int32Array(0);
  let rowValues: RawValue[] = [];
  let line = 1;
  let scored = 0;
  let rejected = 0;
  let stoppedAt: RejectedRow | undefined;
  const width = model.width;
  // the batch being filled: features written as each line is parsed, no record kept per row
  // unless reasons are worded (they quote the client's own values)
  let features = new Float32Array(batchSize * width);
  let ids: number[] = [];
  let apps: RawApplication[] = [];
  const groupBuffer = new Float64Array(model.index.groups.length);

  // One batch is scored by ONNX Runtime (on its own thread) while the next one is parsed; its
  // rows are written once the previous batch's are, so the output keeps the input order.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const n = ids.length;
    if (n === 0) return;
    const batchIds = ids;
    const batchApps = apps;
    const batchFeatures = n === batchSize ? features : features.subarray(0, n * width);
    ids = [];
    apps = [];
    features = new Float32Array(batchSize * width);
    const margins = model.scorer.margins(batchFeatures, n);
    const previous = inFlight;
    inFlight = (async () => {
      const m = await margins;
      await previous;
      let text = '';
      for (let i = 0; i < n; i++) {
        const score = model.scoreOf(m[i]);
        text += `${batchIds[i]},${score.probability.toFixed(6)},${score.decision}`;
        if (reasons > 0) {
          const c = model.contributions(batchFeatures, i * width, groupBuffer);
          const direction = score.decision === 'refuse' ? 'refusal' : 'acceptance';
          const list = reasonsTowards(direction, model.index, c.byGroup, batchApps[i], stats as PopulationStats, { lang, top: reasons });
          for (let k = 0; k < reasons; k++) text += `,${list[k] ? csvCell(list[k].text) : ''}`;
        }
        text += '\n';
      }
      scored += n;
      await write(text);
      options.onProgress?.({ rows: scored, rejected, bytesRead: source.bytesRead });
    })();
    inFlight.catch(() => undefined); // failures surface at the next await, not as unhandled rejections
    await previous; // at most one batch waits for ONNX Runtime while the next is parsed
  };

  try {
    for await (const rows of bufferedRows(parser)) {
      for (const cells of rows) {
        const start = line;
        for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++;
        line++;
        if (cells.length === 1 && cells[0] === '') continue; // blank line
        if (!layout) {
          layout = parseCsvHeader(cells);
          sourceColumns = columnsOf(layout, model.pipeline.sources);
          rowValues = new Array<RawValue>(layout.columns.length).fill(null);
          continue;
        }
        const row = readCsvRow(layout, cells, rowValues);
        if (!row.ok) {
          const reject = { line: start, id: row.id, errors: row.errors };
          rejected++;
          options.onReject?.(reject);
          if (options.strict) {
            stoppedAt = reject;
            throw new StrictModeError(reject);
          }
          continue;
        }
        model.pipeline.writeIndexedRow(rowValues, sourceColumns, features, ids.length * width);
        if (reasons > 0) apps.push(applicationOfRow(layout, rowValues));
        ids.push(row.id);
        if (ids.length >= batchSize) await flush();
      }
    }
    if (!layout) throw new CsvHeaderError('the file is empty (no header line)');
    await flush();
    await inFlight;
  } finally {
    await inFlight.catch(() => undefined);
    source.destroy();
    out.end();
    await once(out, 'close');
  }
  const seconds = (performance.now() - started) / 1000;
  return { scored, rejected, seconds, rowsPerSecond: scored / seconds, ...(stoppedAt ? { stoppedAt } : {}) };
}
