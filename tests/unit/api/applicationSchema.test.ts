import type { z } from 'zod';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { APPLICATION_FIELDS, fieldKind } from '@/lib/data/homeCreditSchema';
import { zodIssuesToProblems } from '@/lib/api/fieldErrors';
import { APPLICATION_FIELD_SCHEMAS, numericRule, rawApplicationSchema } from '@/lib/api/schemas/applicationFields';
import { scoreRequestSchema } from '@/lib/api/schemas/scoring';

const store = getHomeCreditStore();

function problems(value: unknown, schema: z.ZodType = rawApplicationSchema) {
  const r = schema.safeParse(value);
  return r.success ? [] : zodIssuesToProblems(r.error.issues);
}

describe('raw application schema', () => {
  test('every numeric field has bounds', () => {
    for (const f of APPLICATION_FIELDS) if (fieldKind(f) === 'numeric') expect(() => numericRule(f)).not.toThrow();
  });

  test('the bounds hold for every stored value (both sets, 112,188 rows), so they never reject real data', () => {
    for (const f of APPLICATION_FIELDS) {
      const schema = APPLICATION_FIELD_SCHEMAS[f];
      for (const set of ['train', 'test'] as const) {
        const column = store.tableOf(set).table.byName.get(f);
        if (!column) throw new Error(`no column ${f}`);
        if (column.kind === 'categorical') {
          for (const c of column.categories) expect(schema.safeParse(c).success).toBe(true);
          continue;
        }
        const rule = numericRule(f);
        let min = Infinity;
        let max = -Infinity;
        const values = column.values;
        const { min: lo, max: hi, integer } = rule;
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v !== v) continue; // NaN = missing
          const inRange = v >= lo && v <= hi && (!integer || Math.floor(v) === v);
          if (!inRange && !rule.codes?.includes(v)) throw new Error(`${set} ${f} = ${v} is outside its rule`);
          if (inRange && v < min) min = v;
          if (inRange && v > max) max = v;
        }
        // The schema itself accepts the extremes (ties the rule to the schema).
        if (min <= max) expect([schema.safeParse(min).success, schema.safeParse(max).success]).toEqual([true, true]);
      }
    }
  });

  test('whole stored applications are valid raw applications (first 2,000 of each set)', () => {
    for (const set of ['train', 'test'] as const) {
      const t = store.tableOf(set);
      for (let row = 0; row < 2000; row++) {
        const app = store.get(t.ids[row]);
        const r = rawApplicationSchema.safeParse({ SK_ID_CURR: app?.id, ...app?.fields });
        if (!r.success) throw new Error(`${set} row ${row}: ${JSON.stringify(zodIssuesToProblems(r.error.issues))}`);
      }
    }
  });

  test('partial applications are valid: absent or null = missing', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ AMT_CREDIT: 100000, EXT_SOURCE_2: null })).toEqual([]);
    expect(problems({ DAYS_EMPLOYED: 365243 })).toEqual([]);
  });

  test('wrong types, bounds, unknown categories and unknown fields are named by path', () => {
    expect(problems({ AMT_CREDIT: '100000' })).toEqual([{ path: 'AMT_CREDIT', message: 'expected number' }]);
    expect(problems({ AMT_CREDIT: -1 })).toEqual([{ path: 'AMT_CREDIT', message: 'must be ≥ 0' }]);
    expect(problems({ AMT_CREDIT: 1e300 })).toEqual([{ path: 'AMT_CREDIT', message: 'must be ≤ 1000000000' }]);
    expect(problems({ CNT_CHILDREN: 1.5 })).toEqual([{ path: 'CNT_CHILDREN', message: 'must be an integer' }]);
    expect(problems({ EXT_SOURCE_1: 1.5 })).toEqual([{ path: 'EXT_SOURCE_1', message: 'must be ≤ 1' }]);
    expect(problems({ CODE_GENDER: 'Q' })).toEqual([{ path: 'CODE_GENDER', message: 'must be one of "F", "M", "XNA"' }]);
    expect(problems({ AMT_CREDITT: 1 })).toEqual([{ path: 'AMT_CREDITT', message: 'unknown field' }]);
    expect(problems({ NAME_CONTRACT_TYPE: { nested: true } })[0].path).toBe('NAME_CONTRACT_TYPE');
    expect(problems([1, 2])).toEqual([{ path: 'body', message: 'expected object' }]);
  });

  test('a score request is one application or an array of 1 to 1,000; item errors carry their index', () => {
    expect(problems({ AMT_CREDIT: 1 }, scoreRequestSchema)).toEqual([]);
    expect(problems([{}, { AMT_CREDIT: 'x' }, { FOO: 1 }], scoreRequestSchema)).toEqual([
      { path: '[1].AMT_CREDIT', message: 'expected number' },
      { path: '[2].FOO', message: 'unknown field' },
    ]);
    expect(problems([], scoreRequestSchema)).toEqual([{ path: 'body', message: 'at least 1 item' }]);
    expect(problems(Array.from({ length: 1001 }, () => ({})), scoreRequestSchema)).toEqual([{ path: 'body', message: 'at most 1000 items' }]);
    expect(problems('text', scoreRequestSchema)).toEqual([{ path: 'body', message: 'expected object or array' }]);
  });

  test('categorical fields accept exactly the categories of the data', () => {
    const schema = APPLICATION_FIELD_SCHEMAS.NAME_INCOME_TYPE;
    for (const c of store.column('NAME_INCOME_TYPE')?.categories ?? []) expect(schema.safeParse(c).success).toBe(true);
    expect(schema.safeParse('working').success).toBe(false);
  });
});
