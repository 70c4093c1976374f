import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { DatasetError } from './errors';

/** The Home Credit data dictionary (HomeCredit_columns_description.csv). */

export interface DictionaryEntry {
  readonly table: string;
  readonly column: string;
  readonly description: string;
  readonly special: string;
}

const EXPECTED = ['', 'Table', 'Row', 'Description', 'Special'];

export function parseColumnDictionary(filePath: string): DictionaryEntry[] {
  const file = path.basename(filePath);
  const text = fs.readFileSync(filePath, 'utf8');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) throw new DatasetError(file, `unterminated quoted field (${quote.message})`, (quote.row ?? 0) + 1);
  const [header, ...rows] = parsed.data;
  if (!header || EXPECTED.some((h, i) => (header[i] ?? '').trim() !== h)) {
    throw new DatasetError(file, `wrong header: expected "${EXPECTED.join(',')}"`, 1);
  }
  return rows.map((r, i) => {
    if (r.length < 4) throw new DatasetError(file, `expected 5 fields but found ${r.length}`, i + 2);
    return { table: r[1].trim(), column: r[2].trim(), description: r[3].trim(), special: (r[4] ?? '').trim() };
  });
}

/** Entries of the application tables, keyed by column name. */
export function applicationDescriptions(entries: readonly DictionaryEntry[]): Map<string, DictionaryEntry> {
  const out = new Map<string, DictionaryEntry>();
  for (const e of entries) if (e.table.startsWith('application_') && !out.has(e.column)) out.set(e.column, e);
  return out;
}
