import { cacheDir, datasetsDir } from '../config';
import { loadTableCached, type SourceFingerprint } from './binaryCache';
import {
  type Column,
  type ColumnarTable,
  type RawValue,
  missingCount,
  numericColumn,
  rowRecord,
} from './columnarTable';
import { applicationDescriptions, type DictionaryEntry, parseColumnDictionary } from './columnDictionary';
import { DATASET_FILES, datasetPath } from './datasetFiles';
import { DatasetError } from './errors';
import {
  APPLICATION_FIELDS,
  fieldKind,
  ID_FIELD,
  TARGET_FIELD,
  TEST_HEADER,
  TRAIN_HEADER,
} from './homeCreditSchema';

/**
 * The Home Credit store: historical loans (application_train, with TARGET) and new
 * applications (application_test), columnar and typed, with O(1) lookup by SK_ID_CURR
 * across both sets and per-column metadata from the data dictionary.
 */

export type ApplicationSet = 'train' | 'test';

export interface ApplicationTable {
  readonly set: ApplicationSet;
  readonly table: ColumnarTable;
  readonly ids: Float64Array;
  /** 0/1 outcome for historical loans; undefined for new applications. */
  readonly target: Float64Array | undefined;
  readonly fingerprint: SourceFingerprint;
  readonly fromCache: boolean;
  readonly loadMs: number;
}

export interface StoredApplication {
  readonly id: number;
  readonly set: ApplicationSet;
  readonly row: number;
  /** Actual outcome (1 = payment difficulties) for historical loans, null for new applications. */
  readonly target: number | null;
  /** The 120 application fields; missing values are null. */
  readonly fields: Record<string, RawValue>;
}

export interface ColumnInfo {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly description: string;
  readonly special: string;
  readonly missingRate: Readonly<Record<ApplicationSet, number>>;
  /** Distinct values over both sets (categorical columns only). */
  readonly categories: readonly string[];
}

export interface HomeCreditStore {
  readonly train: ApplicationTable;
  readonly test: ApplicationTable;
  readonly columns: readonly ColumnInfo[];
  readonly dictionary: readonly DictionaryEntry[];
  locate(id: number): { set: ApplicationSet; row: number } | undefined;
  get(id: number): StoredApplication | undefined;
  column(name: string): ColumnInfo | undefined;
  tableOf(set: ApplicationSet): ApplicationTable;
}

const schemaFor = (header: readonly string[]) => ({ header, kindOf: fieldKind });

function loadSet(set: ApplicationSet, dir: string, cache: string): ApplicationTable {
  const relative = set === 'train' ? DATASET_FILES.applicationTrain : DATASET_FILES.applicationTest;
  const loaded = loadTableCached(datasetPath(relative, dir), cache, schemaFor(set === 'train' ? TRAIN_HEADER : TEST_HEADER));
  const ids = numericColumn(loaded.table, ID_FIELD).values;
  return {
    set,
    table: loaded.table,
    ids,
    target: set === 'train' ? numericColumn(loaded.table, TARGET_FIELD).values : undefined,
    fingerprint: loaded.fingerprint,
    fromCache: loaded.fromCache,
    loadMs: loaded.ms,
  };
}

/** Row index encoded in one number: rows of the test set are stored as -(row + 1). */
function buildIdIndex(train: ApplicationTable, test: ApplicationTable): Map<number, number> {
  const index = new Map<number, number>();
  const add = (t: ApplicationTable, encode: (row: number) => number, file: string) => {
    for (let row = 0; row < t.ids.length; row++) {
      const id = t.ids[row];
      if (!Number.isInteger(id)) throw new DatasetError(file, `${ID_FIELD} is missing or not an integer`, row + 2);
      if (index.has(id)) throw new DatasetError(file, `duplicate ${ID_FIELD} ${id}`, row + 2);
      index.set(id, encode(row));
    }
  };
  add(train, (row) => row, DATASET_FILES.applicationTrain);
  add(test, (row) => -(row + 1), DATASET_FILES.applicationTest);
  return index;
}

function columnInfos(
  train: ColumnarTable,
  test: ColumnarTable,
  descriptions: Map<string, DictionaryEntry>,
): ColumnInfo[] {
  const rate = (c: Column | undefined, n: number) => (c && n > 0 ? missingCount(c) / n : 0);
  return [TARGET_FIELD, ...APPLICATION_FIELDS].map((name) => {
    const a = train.byName.get(name);
    const b = test.byName.get(name);
    const categories = new Set<string>();
    for (const c of [a, b]) if (c?.kind === 'categorical') c.categories.forEach((v) => categories.add(v));
    const entry = descriptions.get(name);
    return {
      name,
      kind: name === TARGET_FIELD ? 'numeric' : fieldKind(name),
      description: entry?.description ?? '',
      special: entry?.special ?? '',
      missingRate: { train: rate(a, train.rowCount), test: b ? rate(b, test.rowCount) : 1 },
      categories: [...categories].sort(),
    };
  });
}

export function openHomeCreditStore(dir: string = datasetsDir(), cache: string = cacheDir()): HomeCreditStore {
  const train = loadSet('train', dir, cache);
  const test = loadSet('test', dir, cache);
  const dictionary = parseColumnDictionary(datasetPath(DATASET_FILES.columnsDescription, dir));
  const index = buildIdIndex(train, test);
  const columns = columnInfos(train.table, test.table, applicationDescriptions(dictionary));
  const columnByName = new Map(columns.map((c) => [c.name, c]));

  const locate = (id: number) => {
    const encoded = index.get(id);
    if (encoded === undefined) return undefined;
    return encoded >= 0 ? { set: 'train' as const, row: encoded } : { set: 'test' as const, row: -encoded - 1 };
  };
  const tableOf = (set: ApplicationSet) => (set === 'train' ? train : test);

  return {
    train,
    test,
    columns,
    dictionary,
    locate,
    tableOf,
    column: (name) => columnByName.get(name),
    get(id) {
      const where = locate(id);
      if (!where) return undefined;
      const t = tableOf(where.set);
      const record = rowRecord(t.table, where.row);
      const fields: Record<string, RawValue> = {};
      for (const f of APPLICATION_FIELDS) fields[f] = record[f];
      return { id, set: where.set, row: where.row, target: t.target ? t.target[where.row] : null, fields };
    },
  };
}

const globalStore = globalThis as unknown as { __homeCreditStore?: HomeCreditStore };

/** The process-wide store, loaded on first use (survives hot reloads in development). */
export function getHomeCreditStore(): HomeCreditStore {
  globalStore.__homeCreditStore ??= openHomeCreditStore();
  return globalStore.__homeCreditStore;
}
