import path from 'node:path';
import { cacheDir, datasetsDir } from '../config';
import { loadTableCached } from './binaryCache';
import { type ColumnarTable, numericColumn, type RawValue, rowRecord } from './columnarTable';
import { DATASET_FILES, datasetPath } from './datasetFiles';

/**
 * The sparse Home Credit history tables (only ~9,200 clients have rows): loaded lazily,
 * through the same binary cache, and indexed by their key column for a per-client view.
 */

export const RELATED_TABLES = {
  bureau: { file: 'bureau.csv', key: 'SK_ID_CURR' },
  bureauBalance: { file: 'bureau_balance.csv', key: 'SK_ID_BUREAU' },
  previousApplications: { file: 'previous_application.csv', key: 'SK_ID_CURR' },
  posCashBalance: { file: 'POS_CASH_balance.csv', key: 'SK_ID_CURR' },
  creditCardBalance: { file: 'credit_card_balance.csv', key: 'SK_ID_CURR' },
} as const;

export type RelatedTableName = keyof typeof RELATED_TABLES;

export interface RelatedTable {
  readonly name: RelatedTableName;
  readonly table: ColumnarTable;
  /** Row indices whose key column equals `key` (empty when none). */
  rowsFor(key: number): readonly number[];
  recordsFor(key: number): Record<string, RawValue>[];
}

function indexBy(values: Float64Array): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let row = 0; row < values.length; row++) {
    const key = values[row];
    if (Number.isNaN(key)) continue;
    const rows = index.get(key);
    if (rows) rows.push(row);
    else index.set(key, [row]);
  }
  return index;
}

export function openRelatedTable(name: RelatedTableName, dir = datasetsDir(), cache = cacheDir()): RelatedTable {
  const spec = RELATED_TABLES[name];
  const file = datasetPath(path.posix.join(DATASET_FILES.relatedDir, spec.file), dir);
  const { table } = loadTableCached(file, cache);
  const index = indexBy(numericColumn(table, spec.key).values);
  const rowsFor = (key: number) => index.get(key) ?? [];
  return { name, table, rowsFor, recordsFor: (key) => rowsFor(key).map((row) => rowRecord(table, row)) };
}

const loaded = new Map<RelatedTableName, RelatedTable>();

/** The process-wide instance of one history table, loaded on first use. */
export function relatedTable(name: RelatedTableName): RelatedTable {
  let table = loaded.get(name);
  if (!table) {
    table = openRelatedTable(name);
    loaded.set(name, table);
  }
  return table;
}
