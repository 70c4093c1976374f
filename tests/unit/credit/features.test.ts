import crypto from 'node:crypto';
import { cacheDir, datasetsDir } from '@/lib/config';
import { openHomeCreditStore } from '@/lib/data/homeCreditStore';
import { APPLICATION_FIELDS, CATEGORICAL_FIELDS } from '@/lib/data/homeCreditSchema';
import { DAYS_EMPLOYED_ANOMALY, ENGINEERED_FEATURES } from '@/lib/credit/engineeredFeatures';
import { deriveFeatureSpec, featureGroups, modelFeatureSpec, validateFeatureSpec } from '@/lib/credit/featureSpec';
import { isProtectedField, PROTECTED_FIELDS } from '@/lib/credit/fields';
import { compileFeatures } from '@/lib/credit/features';
import { columnsOf, parseCsvHeader, readCsvRow } from '@/lib/credit/csvRows';
import type { RawValue } from '@/lib/data/columnarTable';
import { goldenClients, metadata } from './golden';

const store = openHomeCreditStore(datasetsDir(), cacheDir());
const meta = metadata();
const pipeline = compileFeatures(meta.featureSpec);

describe('feature specification', () => {
  test('derived from the training set, without its protected columns, it is the spec the model was trained with', () => {
    expect(modelFeatureSpec(deriveFeatureSpec(store.train.table))).toEqual(meta.featureSpec);
    expect(() => validateFeatureSpec(meta.featureSpec, true)).not.toThrow();
  });

  test('no protected attribute (sex, marital status, age) nor anything computed from one reaches the model', () => {
    const full = deriveFeatureSpec(store.train.table);
    const flagged = full.features.filter((f) => f.protected).map((f) => f.name);
    expect(flagged).toEqual(
      expect.arrayContaining(['CODE_GENDER=M', 'CODE_GENDER=F', 'NAME_FAMILY_STATUS=Married', 'AGE_YEARS', 'EMPLOYED_AGE_RATIO']),
    );
    for (const f of full.features) expect(Boolean(f.protected)).toBe(isProtectedField(f.group));
    for (const f of meta.featureSpec.features) {
      expect(f.protected).toBeUndefined();
      expect(isProtectedField(f.group)).toBe(false);
      if (f.kind === 'engineered') for (const s of f.sources) expect(PROTECTED_FIELDS.has(s)).toBe(false);
      else expect(PROTECTED_FIELDS.has(f.field)).toBe(false);
    }
    // a model whose specification has one is refused at load
    expect(() => validateFeatureSpec(full, true)).toThrow(/CODE_GENDER=F is computed from a protected attribute/);
    const unflagged = {
      ...full,
      features: full.features.map((f) => {
        const copy = { ...f };
        delete copy.protected;
        return copy;
      }),
    };
    expect(() => validateFeatureSpec(unflagged, true)).toThrow(/protected attribute/);
    expect(() => validateFeatureSpec(full)).not.toThrow();
  });

  test('covers the application fields and engineered features that are not protected, each column linked to its field', () => {
    const groups = featureGroups(meta.featureSpec);
    for (const f of APPLICATION_FIELDS.filter((x) => !isProtectedField(x))) expect(groups).toContain(f);
    for (const e of ENGINEERED_FEATURES.filter((x) => !isProtectedField(x.group))) expect(groups).toContain(e.group);
    for (const f of meta.featureSpec.features) {
      if (f.kind === 'onehot' || f.kind === 'other') expect(CATEGORICAL_FIELDS as readonly string[]).toContain(f.field);
    }
    expect(new Set(pipeline.names).size).toBe(pipeline.names.length);
  });
});

describe('feature parity: the TypeScript pipeline reproduces the training matrix exactly', () => {
  const golden = goldenClients();

  test('golden rows (train and test clients) from the store, bit for bit', () => {
    expect(golden.length).toBeGreaterThanOrEqual(300);
    expect(golden.some((c) => c.set === 'test')).toBe(true);
    let compared = 0;
    const mismatches: string[] = [];
    for (const c of golden) {
      const stored = store.get(c.id);
      expect(stored?.set).toBe(c.set);
      const row = pipeline.row(stored?.fields ?? {});
      expect(c.features).toHaveLength(pipeline.width);
      c.features.forEach((v, j) => {
        const same = v === null ? Number.isNaN(row[j]) : row[j] === Math.fround(v);
        if (!same) mismatches.push(`${c.id} ${pipeline.names[j]}: ${row[j]} vs ${v}`);
        compared++;
      });
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(golden.length * pipeline.width);
  });

  test('the whole training matrix (63,444 × F float32 values) hashes to the checksum the model was trained on', () => {
    expect(store.train.fingerprint.sha256).toBe(meta.data.source.sha256); // same source CSV
    const matrix = pipeline.tableMatrix(store.train.table);
    const sha = crypto
      .createHash('sha256')
      .update(Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength))
      .digest('hex');
    expect(sha).toBe(meta.data.featuresSha256);
  });

  test('the columnar path (training matrix) and the record path (serving) agree on every training row', () => {
    const rows = Int32Array.from({ length: 2000 }, (_, i) => i * 31);
    const fromTable = pipeline.tableMatrix(store.train.table, rows);
    const fromRecords = pipeline.matrix(Array.from(rows, (r) => store.get(store.train.ids[r])?.fields ?? {}));
    expect(Buffer.from(fromRecords.buffer).equals(Buffer.from(fromTable.buffer))).toBe(true);
  });

  test('the CSV path (cells read into a reused array, columns in any order) agrees with the columnar path', () => {
    const rows = Int32Array.from({ length: 500 }, (_, i) => i * 113);
    const fromTable = pipeline.tableMatrix(store.train.table, rows);
    // a shuffled header with TARGET in the middle and some fields absent (they must read as missing)
    const fields = [...APPLICATION_FIELDS].filter((_, i) => i % 7 !== 3).reverse();
    const header = ['TARGET', ...fields.slice(0, 40), 'SK_ID_CURR', ...fields.slice(40)];
    const layout = parseCsvHeader(header);
    const at = columnsOf(layout, pipeline.sources);
    expect(Array.from(at).filter((c) => c < 0).length).toBeGreaterThan(0);
    const values: RawValue[] = new Array<RawValue>(header.length).fill(null);
    const viaCsv = new Float32Array(rows.length * pipeline.width);
    const viaRecords = new Float32Array(rows.length * pipeline.width);
    rows.forEach((r, i) => {
      const id = store.train.ids[r];
      const record = store.get(id)?.fields ?? {};
      const cells = header.map((h) =>
        h === 'SK_ID_CURR' ? String(id) : h === 'TARGET' ? '0' : record[h] === null || record[h] === undefined ? '' : String(record[h]),
      );
      expect(readCsvRow(layout, cells, values)).toEqual({ ok: true, id });
      pipeline.writeIndexedRow(values, at, viaCsv, i * pipeline.width);
      const kept = Object.fromEntries(Object.entries(record).filter(([k]) => header.includes(k)));
      pipeline.writeRow((f) => kept[f] ?? null, viaRecords, i * pipeline.width);
    });
    expect(Buffer.from(viaCsv.buffer).equals(Buffer.from(viaRecords.buffer))).toBe(true);
    // with every field present, the CSV path gives the training matrix itself
    const full = parseCsvHeader(['SK_ID_CURR', ...APPLICATION_FIELDS]);
    const fullAt = columnsOf(full, pipeline.sources);
    const fullValues: RawValue[] = [];
    const complete = new Float32Array(rows.length * pipeline.width);
    rows.forEach((r, i) => {
      const id = store.train.ids[r];
      const record = store.get(id)?.fields ?? {};
      const cells = ['' + id, ...APPLICATION_FIELDS.map((f) => (record[f] === null || record[f] === undefined ? '' : String(record[f])))];
      readCsvRow(full, cells, fullValues);
      pipeline.writeIndexedRow(fullValues, fullAt, complete, i * pipeline.width);
    });
    expect(Buffer.from(complete.buffer).equals(Buffer.from(fromTable.buffer))).toBe(true);
  });
});

describe('encodings and domain features', () => {
  const base = store.get(100002)?.fields ?? {};
  // every column the pipeline can compute, protected ones included (measured for fairness, not modelled)
  const fullSpec = deriveFeatureSpec(store.train.table);
  const pipeline = compileFeatures(fullSpec);
  const column = (name: string) => pipeline.names.indexOf(name);

  test('missing stays missing (NaN), never 0; missing category is all zeros', () => {
    const row = pipeline.row({});
    expect(row[column('AMT_CREDIT')]).toBeNaN();
    expect(row[column('AGE_YEARS')]).toBeNaN();
    expect(row[column('EXT_SOURCES_MEAN')]).toBeNaN();
    expect(row[column('EXT_SOURCES_MISSING')]).toBe(3);
    for (const [j, f] of fullSpec.features.entries()) if (f.kind === 'onehot' || f.kind === 'other') expect(row[j]).toBe(0);
  });

  test('one-hot columns; rare or unseen levels go to the (other) column', () => {
    const row = pipeline.row({ ...base, CODE_GENDER: 'M', NAME_INCOME_TYPE: 'Businessman', OCCUPATION_TYPE: 'Astronaut' });
    expect(row[column('CODE_GENDER=M')]).toBe(1);
    expect(row[column('CODE_GENDER=F')]).toBe(0);
    expect(row[column('NAME_INCOME_TYPE=(other)')]).toBe(1); // 4 training rows only
    const occupation = fullSpec.features.flatMap((f, j) => (f.group === 'OCCUPATION_TYPE' ? [row[j]] : []));
    const hasOther = fullSpec.features.some((f) => f.kind === 'other' && f.field === 'OCCUPATION_TYPE');
    expect(occupation.reduce((a, b) => a + b, 0)).toBe(hasOther ? 1 : 0);
  });

  test('domain ratios, EXT_SOURCE aggregates, years and the DAYS_EMPLOYED sentinel', () => {
    const app = {
      AMT_CREDIT: 400000,
      AMT_INCOME_TOTAL: 200000,
      AMT_ANNUITY: 20000,
      AMT_GOODS_PRICE: 360000,
      CNT_FAM_MEMBERS: 4,
      DAYS_BIRTH: -3652.5 * 4,
      DAYS_EMPLOYED: -3652.5,
      EXT_SOURCE_1: 0.2,
      EXT_SOURCE_3: 0.6,
    };
    const row = pipeline.row(app);
    expect(row[column('CREDIT_INCOME_RATIO')]).toBe(Math.fround(2));
    expect(row[column('ANNUITY_INCOME_RATIO')]).toBe(Math.fround(0.1));
    expect(row[column('ANNUITY_CREDIT_RATIO')]).toBe(Math.fround(0.05));
    expect(row[column('GOODS_CREDIT_RATIO')]).toBe(Math.fround(0.9));
    expect(row[column('INCOME_PER_FAMILY_MEMBER')]).toBe(50000);
    expect(row[column('EMPLOYED_AGE_RATIO')]).toBe(Math.fround(0.25));
    expect(row[column('AGE_YEARS')]).toBe(40);
    expect(row[column('EMPLOYED_YEARS')]).toBe(10);
    expect(row[column('EXT_SOURCES_MEAN')]).toBe(Math.fround(0.4));
    expect(row[column('EXT_SOURCES_MIN')]).toBe(Math.fround(0.2));
    expect(row[column('EXT_SOURCES_MAX')]).toBe(Math.fround(0.6));
    expect(row[column('EXT_SOURCES_PROD')]).toBeNaN(); // needs all three
    expect(row[column('EXT_SOURCES_MISSING')]).toBe(1);
    expect(row[column('DAYS_EMPLOYED_ANOMALY')]).toBe(0);

    const pensioner = pipeline.row({ ...app, DAYS_EMPLOYED: DAYS_EMPLOYED_ANOMALY, AMT_INCOME_TOTAL: 0 });
    expect(pensioner[column('EMPLOYED_YEARS')]).toBeNaN();
    expect(pensioner[column('EMPLOYED_AGE_RATIO')]).toBeNaN();
    expect(pensioner[column('DAYS_EMPLOYED_ANOMALY')]).toBe(1);
    expect(pensioner[column('CREDIT_INCOME_RATIO')]).toBeNaN(); // division by zero is missing
  });
});
