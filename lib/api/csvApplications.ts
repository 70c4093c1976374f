import Papa from 'papaparse';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD } from '../data/homeCreditSchema';
import { malformed, validationFailed } from './errors';
import type { FieldProblem } from './problem';

/**
 * Reads applications from a CSV body: a header row of Home Credit field names (any subset, any
 * order, SK_ID_CURR allowed), then one application per record. Empty cells are missing; cells of
 * numeric fields become numbers when they are numbers, otherwise they stay text and the schema
 * names them. Record `i` (0-based, header excluded) is reported as `[i]`, like a JSON array item.
 * A large file is read in slices, letting other requests run in between (a 20 MB file holds
 * about 40,000 records).
 */

const KNOWN = new Set<string>([ID_FIELD, ...APPLICATION_FIELDS]);
const NUMERIC = new Set<string>([ID_FIELD, ...APPLICATION_FIELDS.filter((f) => fieldKind(f) === 'numeric')]);
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Records parsed between two yields to the event loop. */
export const CSV_SLICE = 500;

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

function cellValue(column: string, cell: string): number | string | null {
  const text = cell.trim();
  if (text === '') return null;
  if (NUMERIC.has(column)) {
    const n = Number(text);
    return Number.isFinite(n) && NUMBER_TEXT.test(text) ? n : cell;
  }
  return cell;
}

export async function csvToApplications(text: string): Promise<Record<string, number | string | null>[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw malformed('The CSV body is empty; send a header row and at least one record.');
  const out: Record<string, number | string | null>[] = [];
  let names: string[] | undefined;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown, parser: Papa.Parser) => {
      failed = true;
      parser.abort();
      reject(err);
    };
    Papa.parse<string[]>(body, {
      delimiter: ',',
      skipEmptyLines: 'greedy',
      step: (result, parser) => {
        if (failed) return;
        try {
          if (result.errors.some((e) => e.type === 'Quotes')) {
            throw malformed(`The CSV body has an unterminated quoted field (record ${out.length}).`);
          }
          const row = result.data;
          if (names === undefined) {
            names = row.map((h) => h.trim());
            checkHeader(names);
            return;
          }
          if (row.length !== names.length) {
            throw malformed(`CSV record ${out.length} has ${row.length} fields but the header has ${names.length}.`);
          }
          const app: Record<string, number | string | null> = {};
          for (let c = 0; c < names.length; c++) app[names[c]] = cellValue(names[c], row[c]);
          out.push(app);
          if (out.length % CSV_SLICE === 0) {
            parser.pause();
            setImmediate(() => parser.resume());
          }
        } catch (err) {
          fail(err, parser);
        }
      },
      complete: () => {
        if (failed) return;
        if (names === undefined) reject(malformed('The CSV body has no header row.'));
        else resolve(out);
      },
    });
  });
}
