import type { z } from 'zod';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { APPLICATION_FIELDS, fieldKind } from '@/lib/data/homeCreditSchema';
import { zodIssuesToProblems } from '@/lib/api/fieldErrors';
import { REQUIRED_FIELD_MESSAGE as REQUIRED } from '@/lib/credit/validation';
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

  test('whole stored applications are valid raw applications (first 2,000 of each set), except for a missing required field', () => {
    let missingAnnuity = 0;
    for (const set of ['train', 'test'] as const) {
      const t = store.tableOf(set);
      for (let row = 0; row < 2000; row++) {
        const app = store.get(t.ids[row]);
        const r = rawApplicationSchema.safeParse({ SK_ID_CURR: app?.id, ...app?.fields });
        if (r.success) continue;
        const found = zodIssuesToProblems(r.error.issues);
        // A few new applications have no annuity: they are refused for exactly that, nothing else.
        if (JSON.stringify(found) === JSON.stringify([{ path: 'AMT_ANNUITY', message: REQUIRED }])) missingAnnuity++;
        else throw new Error(`${set} row ${row}: ${JSON.stringify(found)}`);
      }
    }
    expect(missingAnnuity).toBeLessThan(5);
  });

  const MIN = { AMT_CREDIT: 100000, AMT_ANNUITY: 9000, AMT_INCOME_TOTAL: 150000 };

  test('partial applications are valid: absent or null = missing, except the fields a decision requires', () => {
    expect(problems(MIN)).toEqual([]);
    expect(problems({ ...MIN, EXT_SOURCE_2: null })).toEqual([]);
    expect(problems({ ...MIN, DAYS_EMPLOYED: 365243 })).toEqual([]);
  });

  test('an empty application, or one without credit, annuity or income, is refused naming each missing field', () => {
    const required = (fields: string[]) => fields.map((path) => ({ path, message: REQUIRED }));
    expect(problems({})).toEqual(required(['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY']));
    expect(problems({ AMT_CREDIT: 1000 })).toEqual(required(['AMT_INCOME_TOTAL', 'AMT_ANNUITY']));
    expect(problems({ ...MIN, AMT_INCOME_TOTAL: null })).toEqual(required(['AMT_INCOME_TOTAL']));
  });

  test('impossible values are refused: zero income, credit or annuity; an age under 18', () => {
    expect(problems({ ...MIN, AMT_INCOME_TOTAL: 0 })).toEqual([{ path: 'AMT_INCOME_TOTAL', message: 'must be > 0' }]);
    expect(problems({ ...MIN, AMT_ANNUITY: 0 })).toEqual([{ path: 'AMT_ANNUITY', message: 'must be > 0' }]);
    expect(problems({ ...MIN, DAYS_BIRTH: 0 })).toEqual([{ path: 'DAYS_BIRTH', message: 'must be ≤ -6575' }]);
    expect(problems({ ...MIN, DAYS_BIRTH: -7000 })).toEqual([]);
  });

  test('wrong types, bounds, unknown categories and unknown fields are named by path', () => {
    expect(problems({ ...MIN, AMT_CREDIT: '100000' })).toEqual([{ path: 'AMT_CREDIT', message: 'expected number' }]);
    expect(problems({ ...MIN, AMT_CREDIT: -1 })).toEqual([{ path: 'AMT_CREDIT', message: 'must be > 0' }]);
    expect(problems({ ...MIN, AMT_CREDIT: 1e300 })).toEqual([{ path: 'AMT_CREDIT', message: 'must be ≤ 1000000000' }]);
    expect(problems({ ...MIN, CNT_CHILDREN: 1.5 })).toEqual([{ path: 'CNT_CHILDREN', message: 'must be an integer' }]);
    expect(problems({ ...MIN, EXT_SOURCE_1: 1.5 })).toEqual([{ path: 'EXT_SOURCE_1', message: 'must be ≤ 1' }]);
    expect(problems({ ...MIN, CODE_GENDER: 'Q' })).toEqual([{ path: 'CODE_GENDER', message: 'must be one of "F", "M", "XNA"' }]);
    expect(problems({ ...MIN, AMT_CREDITT: 1 })).toEqual([{ path: 'AMT_CREDITT', message: 'unknown field' }]);
    expect(problems({ ...MIN, NAME_CONTRACT_TYPE: { nested: true } })[0].path).toBe('NAME_CONTRACT_TYPE');
    expect(problems([1, 2])).toEqual([{ path: 'body', message: 'expected object' }]);
  });

  test('a score request is one application or an array of 1 to 1,000; item errors carry their index', () => {
    expect(problems(MIN, scoreRequestSchema)).toEqual([]);
    expect(problems([MIN, { ...MIN, AMT_CREDIT: 'x' }, { ...MIN, FOO: 1 }], scoreRequestSchema)).toEqual([
      { path: '[1].AMT_CREDIT', message: 'expected number' },
      { path: '[2].FOO', message: 'unknown field' },
    ]);
    expect(problems([], scoreRequestSchema)).toEqual([{ path: 'body', message: 'at least 1 item' }]);
    expect(
      problems(
        Array.from({ length: 1001 }, () => MIN),
        scoreRequestSchema,
      ),
    ).toEqual([{ path: 'body', message: 'at most 1000 items' }]);
    expect(problems('text', scoreRequestSchema)).toEqual([{ path: 'body', message: 'expected object or array' }]);
  });

  test('categorical fields accept exactly the categories of the data', () => {
    const schema = APPLICATION_FIELD_SCHEMAS.NAME_INCOME_TYPE;
    for (const c of store.column('NAME_INCOME_TYPE')?.categories ?? []) expect(schema.safeParse(c).success).toBe(true);
    expect(schema.safeParse('working').success).toBe(false);
  });
});
