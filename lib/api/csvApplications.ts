import Papa from 'papaparse';
import { APPLICATION_FIELDS, fieldKind, ID_FIELD } from '../data/homeCreditSchema';
import { malformed, validationFailed } from './errors';
import type { FieldProblem } from './problem';

/**
 * Reads applications from a CSV body: a header row of Home Credit field names (any subset, any
 * order, SK_ID_CURR allowed), then one application per record. Empty cells are missing; cells of
 * numeric fields become numbers when they are numbers, otherwise they stay text and the schema
 * names them. Record `i` (0-based, header excluded) is reported as `[i]`, like a JSON array item.
 */

const KNOWN = new Set<string>([ID_FIELD, ...APPLICATION_FIELDS]);
const NUMERIC = new Set<string>([ID_FIELD, ...APPLICATION_FIELDS.filter((f) => fieldKind(f) === 'numeric')]);

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
    return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? n : cell;
  }
  return cell;
}

export function csvToApplications(text: string): Record<string, number | string | null>[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw malformed('The CSV body is empty; send a header row and at least one record.');
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimiter: ',' });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) throw malformed(`The CSV body has an unterminated quoted field (record ${(quote.row ?? 0) + 1}).`);
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) throw malformed('The CSV body has no header row.');
  const names = header.map((h) => h.trim());
  checkHeader(names);
  return rows.map((row, r) => {
    if (row.length !== names.length) {
      throw malformed(`CSV record ${r} has ${row.length} fields but the header has ${names.length}.`);
    }
    const app: Record<string, number | string | null> = {};
    for (let c = 0; c < names.length; c++) app[names[c]] = cellValue(names[c], row[c]);
    return app;
  });
}
