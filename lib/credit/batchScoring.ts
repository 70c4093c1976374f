import fs from 'node:fs';
import { once } from 'node:events';
import type { CreditModel } from './creditModel';
import { reasonsTowards } from './explanation';
import type { Lang } from './fieldLabels';
import type { PopulationStats } from './population';
import { codedReasonText } from './reasonCodes';
import { applicationOfRow, columnsOf, type CsvLayout } from './csvRows';
import { type CsvRunOptions, type RejectedRow, streamCsvRows } from './csvStream';
import type { RawApplication } from './types';

export type { RejectedRow };

/**
 * Streams a CSV of applications through the model in batches: constant memory whatever the
 * file size, one ONNX Runtime call per batch, TreeSHAP reasons per row (each cell `R07 — text`:
 * the stable reason code, then the sentence). Invalid rows are
 * reported (line, field, why) and skipped, or stop the run in strict mode. Reading and
 * validating the lines is csvStream's (shared with `npm run monitor`).
 */

export interface BatchOptions extends CsvRunOptions {
  readonly output: string;
  readonly lang?: Lang;
  /** Reasons written per row (0 = scores only). */
  readonly reasons?: number;
  readonly strict?: boolean;
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

export async function scoreCsvFile(model: CreditModel, stats: PopulationStats | undefined, options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const reasons = options.reasons ?? 3;
  const batchSize = options.batchSize ?? 2048;
  const lang = options.lang ?? 'fr';
  if (reasons > 0 && !stats) throw new Error('population statistics are needed to word reasons');

  const out = fs.createWriteStream(options.output, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(outputHeader(reasons));

  let layout: CsvLayout | undefined;
  let source: { readonly bytesRead: number } = { bytesRead: 0 };
  let sourceColumns: Int32Array = new Int32Array(0);
  let scored = 0;
  let rejected = 0;
  let stoppedAt: RejectedRow | undefined;
  const width = model.width;
  // the batch being filled: features written as each line is parsed, no record kept per row
  // unless reasons are worded (they quote the client's own values)
  let features = new Float32Array(batchSize * width);
  let ids: (number | null)[] = [];
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
        text += `${batchIds[i] ?? ''},${score.probability.toFixed(6)},${score.decision}`;
        if (reasons > 0) {
          const c = model.contributions(batchFeatures, i * width, groupBuffer);
          const direction = score.decision === 'refuse' ? 'refusal' : 'acceptance';
          const list = reasonsTowards(direction, model.index, c.byGroup, batchApps[i], stats as PopulationStats, { lang, top: reasons });
          for (let k = 0; k < reasons; k++) text += `,${list[k] ? csvCell(codedReasonText(list[k])) : ''}`;
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
    await streamCsvRows(options.input, {
      onHeader: (csvLayout, stream) => {
        layout = csvLayout;
        source = stream;
        sourceColumns = columnsOf(csvLayout, model.pipeline.sources);
      },
      onRow: (rowValues, id) => {
        model.pipeline.writeIndexedRow(rowValues, sourceColumns, features, ids.length * width);
        if (reasons > 0) apps.push(applicationOfRow(layout as CsvLayout, rowValues));
        ids.push(id);
        return ids.length >= batchSize ? flush() : undefined;
      },
      onReject: (reject) => {
        rejected++;
        options.onReject?.(reject);
        if (options.strict) {
          stoppedAt = reject;
          throw new StrictModeError(reject);
        }
      },
    });
    await flush();
    await inFlight;
  } finally {
    await inFlight.catch(() => undefined);
    out.end();
    await once(out, 'close');
  }
  const seconds = (performance.now() - started) / 1000;
  return { scored, rejected, seconds, rowsPerSecond: scored / seconds, ...(stoppedAt ? { stoppedAt } : {}) };
}
