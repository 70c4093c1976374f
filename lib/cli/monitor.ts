/**
 * npm run monitor -- --input applications.csv [--output report.json] [--html report.html] [--quiet]
 *
 * Population and score stability of a CSV of applications (Home Credit columns, any size, with
 * or without TARGET) against the model's reference, the historical loans: each valid row is
 * scored by the served model and counted into the reference's bins, so memory stays flat
 * whatever the number of rows. Writes the report (StabilityReport, as JSON) to --output, or to
 * stdout without it; --html also writes a self-contained printable page.
 *
 * Options:
 *   --output FILE   the JSON report (default: stdout)
 *   --html FILE     a printable HTML page of the report
 *   --batch N       rows per model call (default 2048)
 *   --workers N     threads that parse and score (default: the machine's cores, up to 4, for files
 *                   of 8 MiB or more; 1 below that, where starting threads costs more than it saves)
 *   --quiet         no progress line, no summary line (invalid rows are still reported)
 * Exit code: 0 report written, whatever the drift (a report, not a check); 1 unreadable input
 * (missing file, bad header, no valid row) or a report that cannot be written; 2 usage error.
 * Invalid rows are skipped and reported on stderr as "line L: FIELD: why" (the first 100, then
 * the count), and in the report's `rejected`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { integerOption, readOptions, UsageError } from '../config/cliArgs';
import { getCreditEngine } from '../credit/engine';
import { CsvChunkError, endsLinesWithCrAlone } from '../credit/csvChunks';
import { CsvHeaderError } from '../credit/csvRows';
import type { RejectedRow } from '../credit/csvStream';
import { accumulateCsv } from '../monitoring/csvStability';
import { accumulateCsvParallel } from '../monitoring/parallelCsv';
import { reportHtml } from '../monitoring/reportHtml';
import { progressLine } from './progress';
import { referenceProfile, StabilityAccumulator } from '../monitoring/stability';
import type { StabilityReport } from '../monitoring/types';

export interface MonitorArgs {
  readonly input: string;
  readonly output?: string;
  readonly html?: string;
  readonly batch: number;
  /** Worker threads; undefined = chosen from the file's size and the machine's cores. */
  readonly workers?: number;
  readonly quiet: boolean;
}

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface MonitorIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

export const USAGE =
  'usage: npm run monitor -- --input applications.csv [--output report.json] [--html report.html] [--batch N] [--workers N] [--quiet]';

/** Files from this size are read by several threads (unless --workers says otherwise). */
export const PARALLEL_FROM_BYTES = 8 << 20;

/** Invalid rows listed on stderr and in the report (all are counted). */
export const MAX_REPORTED = 100;

export function parseMonitorArgs(argv: readonly string[]): MonitorArgs {
  let input: string | undefined;
  let output: string | undefined;
  let html: string | undefined;
  let batch = 2048;
  let workers: number | undefined;
  let quiet = false;
  readOptions(
    argv,
    (a, value) => {
      switch (a) {
        case '--input':
          input = value();
          return true;
        case '--output':
          output = value();
          return true;
        case '--html':
          html = value();
          return true;
        case '--batch':
          batch = integerOption(value(), 1, Infinity, '--batch must be a positive integer');
          return true;
        case '--workers':
          workers = integerOption(value(), 1, 64, '--workers must be an integer from 1 to 64');
          return true;
        case '--quiet':
          quiet = true;
          return true;
      }
      return false;
    },
    { emptyIsMissing: true },
  );
  if (!input) throw new UsageError('--input is required');
  return { input, output, html, batch, workers, quiet };
}

/** Runs the CLI on `argv` (the arguments after the script) and resolves to its exit code. */
export async function runMonitor(argv: readonly string[], io: MonitorIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  let args: MonitorArgs;
  try {
    args = parseMonitorArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) err(`monitor: ${e.message}`);
    err(USAGE);
    return 2;
  }
  // checked before the model and the reference are loaded (seconds), so a typo fails at once
  const stat = fs.statSync(args.input, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    err(`monitor: ${stat ? 'not a regular file' : 'input file not found'}: ${args.input}`);
    return 1;
  }
  const size = stat.size;

  const [engine, profile] = await Promise.all([getCreditEngine(), referenceProfile()]);
  const accumulator = new StabilityAccumulator(profile);
  const progress = progressLine(
    io.stderr,
    args.quiet,
    size,
    ({ rows, rejected }, rate) => `${rows.toLocaleString('en')} rows, ${rejected.toLocaleString('en')} rejected, ${rate} rows/s`,
  );
  const first: { line: number; field: string; message: string }[] = [];

  const onReject = (r: RejectedRow) => {
    for (const e of r.errors) {
      if (first.length >= MAX_REPORTED) return;
      const entry = { line: r.line, field: e.path, message: e.message };
      first.push(entry);
      progress.clear();
      err(`line ${entry.line}: ${entry.field}: ${entry.message}`);
    }
  };

  let summary: { rows: number; rejected: number; seconds: number };
  try {
    const options = { input: args.input, batchSize: args.batch, onReject, onProgress: progress.update };
    const workers = args.workers ?? (size >= PARALLEL_FROM_BYTES ? Math.min(4, os.availableParallelism()) : 1);
    // lines ended by "\r" alone cannot be cut into chunks: the sequential reader takes them
    summary =
      workers > 1 && !endsLinesWithCrAlone(args.input)
        ? await accumulateCsvParallel(engine.model.bundle.dir, profile, accumulator, { ...options, workers, maxRejects: MAX_REPORTED })
        : await accumulateCsv(engine.model, profile, accumulator, options);
  } catch (e) {
    progress.clear();
    if (e instanceof CsvHeaderError || e instanceof CsvChunkError || isFileSystemError(e)) {
      err(`monitor: ${args.input}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  progress.clear();
  if (summary.rejected > 0)
    err(
      `${summary.rejected.toLocaleString('en')} row(s) rejected${summary.rejected > first.length ? ` (the first ${first.length} reasons listed)` : ''}`,
    );
  if (accumulator.count === 0) {
    err(`monitor: ${args.input}: no valid row`);
    return 1;
  }

  const report: StabilityReport = accumulator.report(path.basename(args.input), { count: summary.rejected, first });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  try {
    if (args.output) fs.writeFileSync(args.output, json);
    else io.stdout.write(json);
    if (args.html) fs.writeFileSync(args.html, reportHtml(report));
  } catch (e) {
    if (!isFileSystemError(e)) throw e;
    err(`monitor: cannot write the report: ${e.message}`);
    return 1;
  }
  if (!args.quiet) {
    err(
      `monitor: ${summary.rows.toLocaleString('en')} rows, ${summary.rejected.toLocaleString('en')} rejected in ${summary.seconds.toFixed(2)} s ` +
        `(${Math.round(summary.rows / summary.seconds).toLocaleString('en')} rows/s); score PSI ${report.score.psi.toFixed(3)} (${report.score.band})` +
        `${args.output ? ` → ${args.output}` : ''}${args.html ? ` + ${args.html}` : ''}`,
    );
  }
  return 0;
}

/** An error of the file system (ENOENT, EACCES, EISDIR…), tested by shape: it may come from another realm (Jest's sandbox), where `instanceof Error` is false. */
function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  if (typeof e !== 'object' || e === null) return false;
  const { code, syscall, message } = e as Partial<NodeJS.ErrnoException>;
  return typeof code === 'string' && typeof syscall === 'string' && typeof message === 'string';
}

if (require.main === module) {
  runMonitor(process.argv.slice(2)).then(
    // exit explicitly, as the score CLI does, but only once stdout has drained: the report may be piped
    (code) => process.stdout.write('', () => process.exit(code)),
    (e: unknown) => {
      console.error(`monitor: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
