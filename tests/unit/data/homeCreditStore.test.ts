import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir, datasetsDir } from '@/lib/config';
import { openHomeCreditStore } from '@/lib/data/homeCreditStore';
import { APPLICATION_FIELDS, CATEGORICAL_FIELDS } from '@/lib/data/homeCreditSchema';
import { DatasetError } from '@/lib/data/errors';

const store = openHomeCreditStore(datasetsDir(), cacheDir());

describe('Home Credit store on the real shared data', () => {
  test('row and column counts of both sets', () => {
    expect(store.train.table.rowCount).toBe(63444);
    expect(store.train.table.columns).toHaveLength(122);
    expect(store.test.table.rowCount).toBe(48744);
    expect(store.test.table.columns).toHaveLength(121);
    expect(APPLICATION_FIELDS).toHaveLength(120);
  });

  test('numeric columns are Float64Array, categoricals dictionary-encoded', () => {
    for (const column of store.train.table.columns) {
      const categorical = (CATEGORICAL_FIELDS as readonly string[]).includes(column.name);
      expect(column.kind).toBe(categorical ? 'categorical' : 'numeric');
      if (column.kind === 'numeric') expect(column.values).toBeInstanceOf(Float64Array);
      else {
        expect(column.codes).toBeInstanceOf(Int32Array);
        expect([...column.categories]).toEqual([...column.categories].sort());
      }
    }
    expect(store.column('CODE_GENDER')?.categories).toEqual(['F', 'M', 'XNA']);
  });

  test('known cells of real rows, missing values kept as missing (never 0)', () => {
    const a = store.get(100002);
    expect(a).toMatchObject({ set: 'train', row: 0, target: 1 });
    expect(a?.fields.EXT_SOURCE_1).toBe(0.0830369673913225);
    expect(a?.fields.AMT_ANNUITY).toBe(24700.5);
    expect(a?.fields.OWN_CAR_AGE).toBeNull();
    expect(a?.fields.OCCUPATION_TYPE).toBe('Laborers');
    expect(a?.fields.DAYS_EMPLOYED).toBe(-637);

    const b = store.get(100003);
    expect(b?.fields.EXT_SOURCE_3).toBeNull();
    expect(b?.fields.AMT_REQ_CREDIT_BUREAU_YEAR).toBe(0); // a real zero stays zero
    expect(b?.target).toBe(0);

    const c = store.get(100027);
    expect(c?.fields.EXT_SOURCE_1).toBeNull();
    expect(c?.fields.OCCUPATION_TYPE).toBeNull();

    const d = store.get(106206); // new application without annuity
    expect(d).toMatchObject({ set: 'test', target: null });
    expect(d?.fields.AMT_ANNUITY).toBeNull();

    const last = store.get(456250);
    expect(last).toMatchObject({ set: 'test', row: 48743 });
    expect(last?.fields.OWN_CAR_AGE).toBe(22);
    expect(last?.fields.EXT_SOURCE_1).toBeNull();
  });

  test('lookup by SK_ID_CURR in both sets, unknown ids', () => {
    expect(store.locate(100001)).toEqual({ set: 'test', row: 0 });
    expect(store.locate(456255)).toEqual({ set: 'train', row: 63443 });
    expect(store.locate(1)).toBeUndefined();
    expect(store.get(999999999)).toBeUndefined();
    expect(store.get(Number.NaN)).toBeUndefined();
  });

  test('column metadata: description from the dictionary and missing rates', () => {
    const ext1 = store.column('EXT_SOURCE_1');
    expect(ext1?.description).toBe('Normalized score from external data source');
    expect(ext1?.missingRate.train).toBeCloseTo(0.5675, 3);
    expect(store.column('AMT_ANNUITY')?.missingRate.test).toBeCloseTo(24 / 48744, 8);
    expect(store.column('TARGET')?.missingRate.test).toBe(1);
    expect(store.columns).toHaveLength(121);
  });

  test('the TARGET rate matches the documented 7.97 %', () => {
    const target = store.train.target as Float64Array;
    const rate = target.reduce((s, v) => s + v, 0) / target.length;
    expect(rate).toBeCloseTo(0.0797, 4);
  });

  test('a missing dataset directory names the file and DATASETS_DIR', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-data-'));
    expect(() => openHomeCreditStore(empty, empty)).toThrow(DatasetError);
    expect(() => openHomeCreditStore(empty, empty)).toThrow(/home-credit\/application_train\.csv.*DATASETS_DIR/);
  });
});
