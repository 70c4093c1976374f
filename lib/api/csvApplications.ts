import type { z } from 'zod';
import { cellCountMessage } from '../credit/csvRows';
import { numberOfText } from '../credit/fieldRules';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD, TARGET_FIELD } from '../data/homeCreditSchema';
import { tooLarge } from './body';
import { CsvRecordSplitter, CsvSyntaxError } from './csvRecords';
import { ApiError, malformed, validationFailed } from './errors';
import { zodIssuesToProblems } from './fieldErrors';
import type { FieldProblem } from './problem';
import { checkAborted, WorkSlicer } from './work';

/**
 * Reads applications from a CSV body as it arrives: a header row of Home Credit field names (any
 * subset, any order, SK_ID_CURR and TARGET allowed — TARGET ignored), then one application per record. Empty cells are
 * missing; cells of numeric fields become numbers when they are numbers, otherwise they stay text
 * and the schema names them. Record `i` (0-based, header excluded) is reported as `[i]`, like a
 * JSON array item, and is validated as soon as it is read.
 *
 * The cost is bounded whatever the body: the bytes are counted as they arrive (413 past the
 * limit), reading stops at the first record over the record limit, the text is split in one
 * linear pass, the work yields to other requests every few milliseconds, and it stops when the
 * client goes away (the request's abort signal).
 */

const KNOWN = new Set<string>([ID_FIELD, TARGET_FIELD, ...APPLICATION_FIELDS]);
const NUMERIC = new Set<string>([ID_FIELD, TARGET_FIELD, ...APPLICATION_FIELDS.filter((f) => fieldKind(f) === 'numeric')]);
/** Text handed to the splitter at once (a body given as one large chunk is still read in slices). */
const SLICE_CHARS = 64 * 1024;
/** Validation problems collected before reading stops. */
const MAX_PROBLEMS = 1000;

export type CsvApplication = Record<string, number | string | null>;

export interface CsvReadOptions {
  readonly maxBytes: number;
  readonly maxRecords: number;
  /** The problem when the body holds more than `maxRecords` records (default: 413). */
  readonly tooManyRecords?: (max: number) => ApiError;
  /** Validates each record as it is read; the records returned are the schema's output. */
  readonly recordSchema?: z.ZodType;
  /** Fewer records than this is a 422 on `body`. */
  readonly minRecords?: number;
  readonly signal?: AbortSignal;
}

/** Echo a header cell in an error safely (header names are field names, but a client may send anything). */
function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}

function checkHeader(header: readonly string[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!KNOWN.has(name)) problems.push({ path: `header[${i}]`, message: `unknown field ${shown(name)}` });
    else if (seen.has(name)) problems.push({ path: `header[${i}]`, message: `duplicate field ${shown(name)}` });
    seen.add(name);
  });
  if (problems.length > 0) throw validationFailed(problems);
}

function cellValue(numeric: boolean, cell: string): number | string | null {
  if (cell.trim() === '') return null;
  // a cell of a numeric field that is not a number stays text: the schema names the field
  return numeric ? (numberOfText(cell) ?? cell) : cell;
}

const defaultTooMany = (max: number) =>
  new ApiError('payload-too-large', `The CSV body holds more than ${max} records; split it into smaller requests.`);

/** Turns split records into applications (and validates them), enforcing the record limit. */
class ApplicationCollector {
  private names: string[] | undefined;
  readonly records: unknown[] = [];
  private readonly issues: z.core.$ZodIssue[] = [];

  constructor(private readonly options: CsvReadOptions) {}

  /** Per column: 1 when its cells are numbers (SK_ID_CURR and numeric fields). */
  private numeric: Uint8Array = new Uint8Array(0);

  readonly onRecord = (cells: string[]): void => {
    if (this.names === undefined) {
      cells[0] = cells[0].replace(/^\uFEFF/, '');
      this.names = cells.map((h) => h.trim());
      checkHeader(this.names);
      this.numeric = Uint8Array.from(this.names, (n) => (NUMERIC.has(n) ? 1 : 0));
      return;
    }
    const index = this.records.length;
    if (index >= this.options.maxRecords) throw (this.options.tooManyRecords ?? defaultTooMany)(this.options.maxRecords);
    const names = this.names;
    if (cells.length !== names.length) {
      // refused as the CLI refuses it: that record, with the same words (the other records are still checked)
      this.records.push(undefined);
      this.issues.push({
        code: 'custom',
        message: cellCountMessage(names.length, cells.length),
        path: [index],
        input: undefined,
      } as z.core.$ZodIssue);
      if (this.issues.length >= MAX_PROBLEMS) throw validationFailed(zodIssuesToProblems(this.issues));
      return;
    }
    const app: CsvApplication = {};
    for (let c = 0; c < names.length; c++) app[names[c]] = cellValue(this.numeric[c] === 1, cells[c]);
    const schema = this.options.recordSchema;
    if (!schema) {
      this.records.push(app);
      return;
    }
    const r = schema.safeParse(app);
    if (r.success) this.records.push(r.data);
    else {
      this.records.push(undefined);
      for (const issue of r.error.issues) this.issues.push({ ...issue, path: [index, ...issue.path] } as z.core.$ZodIssue);
      if (this.issues.length >= MAX_PROBLEMS) throw validationFailed(zodIssuesToProblems(this.issues));
    }
  };

  result(): unknown[] {
    if (this.names === undefined) throw malformed('The CSV body has no header row.');
    if (this.issues.length > 0) throw validationFailed(zodIssuesToProblems(this.issues));
    const min = this.options.minRecords ?? 0;
    if (this.records.length < min)
      throw validationFailed([{ path: 'body', message: `at least ${min} record${min > 1 ? 's' : ''} after the header` }]);
    return this.records;
  }
}

function pushText(splitter: CsvRecordSplitter, text: string, collector: ApplicationCollector): void {
  try {
    splitter.push(text, collector.onRecord);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw malformed(`The CSV body is not valid: ${err.message}.`);
    throw err;
  }
}

/** Reads, splits and validates a CSV body as a stream (see the module comment). */
export async function readCsvApplications(body: ReadableStream<Uint8Array> | null, options: CsvReadOptions): Promise<unknown[]> {
  const collector = new ApplicationCollector(options);
  const splitter = new CsvRecordSplitter();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const slicer = new WorkSlicer(options.signal);
  let bytes = 0;
  let sawText = false;
  const reader = body?.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
      try {
        chunk = reader ? await reader.read() : { done: true, value: undefined };
      } catch {
        checkAborted(options.signal);
        throw malformed('The request body could not be read (connection closed or aborted).');
      }
      let text: string;
      try {
        if (chunk.done) text = decoder.decode();
        else {
          bytes += chunk.value.byteLength;
          if (bytes > options.maxBytes) throw tooLarge(options.maxBytes);
          text = decoder.decode(chunk.value, { stream: true });
        }
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw malformed('The request body is not valid UTF-8.');
      }
      for (let at = 0; at < text.length; at += SLICE_CHARS) {
        const slice = at === 0 && text.length <= SLICE_CHARS ? text : text.slice(at, at + SLICE_CHARS);
        if (!sawText && slice.trim().length > 0) sawText = true;
        pushText(splitter, slice, collector);
        await slicer.maybeYield();
      }
      if (chunk.done) break;
    }
    if (!sawText) throw malformed('The CSV body is empty; send a header row and at least one record.');
    try {
      splitter.end(collector.onRecord);
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw malformed(`The CSV body has an ${err.message} (record ${collector.records.length}).`);
      throw err;
    }
    return collector.result();
  } finally {
    // Stopped early (limit, invalid record, client gone): the rest of the body is not read here.
    if (reader) void reader.cancel().catch(() => undefined);
  }
}

/** The applications of a CSV text (the same reader, for callers that already hold the text). */
export async function csvToApplications(text: string, options: Partial<CsvReadOptions> = {}): Promise<CsvApplication[]> {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return (await readCsvApplications(stream, { maxBytes: Infinity, maxRecords: Infinity, ...options })) as CsvApplication[];
}
