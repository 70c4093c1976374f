import fs from 'node:fs';
import Papa from 'papaparse';
import type { Duplex, Readable } from 'node:stream';
import type { RawValue } from '../data/columnarTable';
import { type CategoryCheck, CsvHeaderError, type CsvLayout, parseCsvHeader, readCsvRow } from './csvRows';
import type { FieldError } from './types';

/**
 * Streaming of a CSV of applications, shared by the CLIs that read one (`npm run score`,
 * `npm run monitor`): papaparse over a file stream, the header validated into a layout, each
 * line validated by readCsvRow into a reused array of values, invalid lines reported with their
 * 1-based line number (quoted cells spanning lines counted). Constant memory whatever the file
 * size; what to do with a valid row (a batch for the model) is the caller's.
 */

/** A line that failed validation: its 1-based line number, its raw SK_ID_CURR and the reasons. */
/** Where a streamed CSV run stands, after each batch: rows done so far, rows rejected, input bytes read. */
export interface CsvProgress {
  readonly rows: number;
  readonly rejected: number;
  readonly bytesRead: number;
}

export interface RejectedRow {
  readonly line: number;
  readonly id: string;
  readonly errors: readonly FieldError[];
}

/** What a run over a CSV of applications takes: the file, rows per model call, and what to call on the way. */
export interface CsvRunOptions {
  readonly input: string;
  /** Rows per model call (default 2048). */
  readonly batchSize?: number;
  /** Called for each rejected (skipped) row. */
  readonly onReject?: (reject: RejectedRow) => void;
  /** Called after each batch, with the rows done so far and the input bytes read. */
  readonly onProgress?: (progress: CsvProgress) => void;
}

export interface CsvRowHandlers {
  /** The header line was read; `source.bytesRead` follows the file for progress reports. */
  readonly onHeader: (layout: CsvLayout, source: { readonly bytesRead: number }) => void;
  /**
   * A valid line: its values laid out per column of the layout (readCsvRow). The array is reused
   * for the next line, so copy what is kept. A returned promise (a batch handed to the model) is
   * awaited before the next line is read; returning nothing keeps the hot path free of awaits.
   */
  readonly onRow: (values: readonly RawValue[], id: number | null, line: number) => void | Promise<void>;
  /** An invalid line (skipped). Throwing from here stops the stream (strict mode). */
  readonly onReject?: (reject: RejectedRow) => void;
}

export interface CsvStreamSummary {
  readonly rows: number;
  readonly rejected: number;
}

/**
 * The rows a stream has buffered, a batch at a time: one await per batch of parsed lines instead
 * of one per line (an async iterator over the rows costs a promise and a microtask each).
 */
export async function* bufferedRows(stream: Readable): AsyncGenerator<string[][]> {
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

/**
 * The lines a parsed record takes in its file: one, plus the line breaks its quoted cells hold (so
 * that line numbers match an editor's).
 */
export function linesOf(cells: readonly string[]): number {
  let n = 1;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Reads `input` line by line through `handlers`. Throws CsvHeaderError on an empty file or an
 * invalid header, and the file system's error (ENOENT…) when the file cannot be read.
 */
export async function streamCsvRows(input: string, handlers: CsvRowHandlers, categoryCheck: CategoryCheck = 'known'): Promise<CsvStreamSummary> {
  const source = fs.createReadStream(input, { encoding: 'utf8' });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', skipEmptyLines: false }) as Duplex;
  source.pipe(parser);
  source.once('error', (err) => parser.destroy(err));

  let layout: CsvLayout | undefined;
  let values: RawValue[] = [];
  let line = 1;
  let rows = 0;
  let rejected = 0;
  try {
    for await (const batch of bufferedRows(parser)) {
      for (const cells of batch) {
        const start = line;
        line += linesOf(cells);
        if (cells.length === 1 && cells[0] === '') continue; // blank line
        if (!layout) {
          layout = parseCsvHeader(cells, categoryCheck);
          values = new Array<RawValue>(layout.columns.length).fill(null);
          handlers.onHeader(layout, source);
          continue;
        }
        const row = readCsvRow(layout, cells, values);
        if (!row.ok) {
          rejected++;
          handlers.onReject?.({ line: start, id: row.id, errors: row.errors });
          continue;
        }
        rows++;
        const pending = handlers.onRow(values, row.id, start);
        if (pending) await pending;
      }
    }
    if (!layout) throw new CsvHeaderError('the file is empty (no header line)');
  } finally {
    source.destroy();
  }
  return { rows, rejected };
}
