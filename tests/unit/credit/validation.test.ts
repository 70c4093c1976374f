import { parseCsvHeader, parseCsvRow } from '@/lib/credit/csvRows';
import { parseApplication, REQUIRED_FIELD_MESSAGE } from '@/lib/credit/validation';

describe('parseApplication: the validation boundary', () => {
  const MIN = { AMT_CREDIT: 500000, AMT_ANNUITY: 25000, AMT_INCOME_TOTAL: 150000 };

  test('a complete or partial application is accepted; missing fields stay missing', () => {
    const r = parseApplication({ ...MIN, CODE_GENDER: 'F', EXT_SOURCE_2: null, SK_ID_CURR: 1, TARGET: 0 });
    expect(r).toEqual({ ok: true, application: { ...MIN, CODE_GENDER: 'F', EXT_SOURCE_2: null } });
  });

  test('credit, annuity and income are required: an empty or partial application is refused naming them', () => {
    const required = (paths: string[]) => paths.map((path) => ({ path, message: REQUIRED_FIELD_MESSAGE }));
    expect(parseApplication({})).toEqual({ ok: false, errors: required(['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL']) });
    expect(parseApplication({ AMT_CREDIT: 1000 })).toEqual({ ok: false, errors: required(['AMT_ANNUITY', 'AMT_INCOME_TOTAL']) });
    expect(parseApplication({ ...MIN, AMT_INCOME_TOTAL: null })).toEqual({ ok: false, errors: required(['AMT_INCOME_TOTAL']) });
    // A field already wrong is named once, for what is wrong with it.
    expect(parseApplication({ ...MIN, AMT_CREDIT: 'x' })).toEqual({
      ok: false,
      errors: [{ path: 'AMT_CREDIT', message: 'expected number' }],
    });
  });

  test('unknown fields are rejected by name, with a suggestion for typos', () => {
    const r = parseApplication({ ...MIN, AMT_CREDITS: 1, FAVOURITE_COLOUR: 'blue' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['AMT_CREDITS', 'FAVOURITE_COLOUR']);
    expect(r.errors[0].message).toContain('did you mean AMT_CREDIT?');
    expect(r.errors[1].message).toContain('unknown field "FAVOURITE_COLOUR"');
  });

  test('wrong types are rejected naming the field', () => {
    const r = parseApplication({ ...MIN, AMT_CREDIT: '500000', DAYS_BIRTH: Number.NaN, CNT_CHILDREN: Infinity, CODE_GENDER: 1, FLAG_MOBIL: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    // worded as the API words them, without echoing the value (it may be client data)
    expect(byPath).toEqual({
      AMT_CREDIT: 'expected number',
      DAYS_BIRTH: 'expected number',
      CNT_CHILDREN: 'expected number',
      CODE_GENDER: 'expected string',
      FLAG_MOBIL: 'expected number',
    });
  });

  test("each numeric field's rule (fieldRules.ts): bounds, integer, special codes", () => {
    const errorsOf = (patch: Record<string, unknown>) => {
      const r = parseApplication({ ...MIN, ...patch });
      return r.ok ? [] : r.errors;
    };
    expect(errorsOf({ CNT_CHILDREN: 51 })).toEqual([{ path: 'CNT_CHILDREN', message: 'must be ≤ 50' }]);
    expect(errorsOf({ CNT_CHILDREN: 2.5 })).toEqual([{ path: 'CNT_CHILDREN', message: 'must be an integer' }]);
    expect(errorsOf({ AMT_CREDIT: 0 })).toEqual([{ path: 'AMT_CREDIT', message: 'must be > 0' }]);
    expect(errorsOf({ EXT_SOURCE_2: -0.1 })).toEqual([{ path: 'EXT_SOURCE_2', message: 'must be ≥ 0' }]);
    expect(errorsOf({ DAYS_BIRTH: -20 * 365 })).toEqual([]);
    expect(errorsOf({ DAYS_BIRTH: -17 * 365 })).toEqual([{ path: 'DAYS_BIRTH', message: 'must be ≤ -6575' }]);
    expect(errorsOf({ DAYS_EMPLOYED: 365243 })).toEqual([]); // the « no employment » code
    expect(errorsOf({ DAYS_EMPLOYED: 10 })).toEqual([{ path: 'DAYS_EMPLOYED', message: 'must be ≤ 0' }]);
  });

  test('numbers as text only where allowed (CSV), with a path prefix for batches', () => {
    expect(parseApplication({ ...MIN, AMT_CREDIT: ' 1.5e5 ' }, { numericStrings: true })).toEqual({
      ok: true,
      application: { ...MIN, AMT_CREDIT: 150000 },
    });
    const r = parseApplication({ ...MIN, AMT_CREDIT: 'abc' }, { numericStrings: true, pathPrefix: '[3]' });
    expect(r).toEqual({ ok: false, errors: [{ path: '[3].AMT_CREDIT', message: 'expected number' }] });
    // a hexadecimal or « Infinity » is not a number written in a CSV cell
    for (const text of ['0x10', 'Infinity', '1_000'])
      expect(parseApplication({ ...MIN, AMT_GOODS_PRICE: text }, { numericStrings: true }).ok).toBe(false);
  });

  test('non-objects are rejected', () => {
    for (const input of [null, 42, 'x', [1, 2]]) {
      const r = parseApplication(input);
      expect(r.ok).toBe(false);
    }
  });
});

describe('CSV rows', () => {
  const layout = parseCsvHeader(['\uFEFFSK_ID_CURR', 'TARGET', 'AMT_CREDIT', 'CODE_GENDER', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL']);

  test('header: any subset of fields, SK_ID_CURR optional (as in the API); unknown or duplicate columns are fatal', () => {
    expect(layout.columns[0]).toBe('SK_ID_CURR');
    expect(() => parseCsvHeader(['SK_ID_CURR', 'AMT_CREDIT', 'COLOUR'])).toThrow(/column "COLOUR": unknown field/);
    expect(() => parseCsvHeader(['SK_ID_CURR', 'AMT_CREDIT', 'AMT_CREDIT'])).toThrow(/appears twice/);
    const noId = parseCsvHeader(['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL']);
    expect(noId.idColumn).toBe(-1);
    expect(parseCsvRow(noId, ['1000', '100', '2000'])).toEqual({
      ok: true,
      id: null,
      application: { AMT_CREDIT: 1000, AMT_ANNUITY: 100, AMT_INCOME_TOTAL: 2000 },
    });
    // an empty id cell is no id; a cell that is not an integer is refused
    expect(parseCsvRow(layout, ['', '', '1000', '', '100', '2000'])).toMatchObject({ ok: true, id: null });
    expect(parseCsvRow(layout, ['7.5', '', '1000', '', '100', '2000'])).toMatchObject({ ok: false, errors: [{ path: 'SK_ID_CURR' }] });
  });

  test('rows: numbers as text, empty cells missing, bad cells and truncated rows reported', () => {
    expect(parseCsvRow(layout, ['7', '1', '1000.5', '', '100', '2000'])).toEqual({
      ok: true,
      id: 7,
      application: { AMT_CREDIT: 1000.5, AMT_ANNUITY: 100, AMT_INCOME_TOTAL: 2000 },
    });
    const bad = parseCsvRow(layout, ['x8', '0', 'lots', 'F', '100', '2000']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path)).toEqual(['SK_ID_CURR', 'AMT_CREDIT']);
    const short = parseCsvRow(layout, ['9', '0']);
    expect(short).toMatchObject({ ok: false, errors: [{ path: '(row)', message: expect.stringMatching(/expected 6 fields but found 2/) }] });
  });

  test('rows without credit, annuity or income are reported naming the missing fields (also when the file has no such column)', () => {
    expect(parseCsvRow(layout, ['7', '', '1000.5', '', '', '2000'])).toEqual({
      ok: false,
      id: '7',
      errors: [{ path: 'AMT_ANNUITY', message: REQUIRED_FIELD_MESSAGE }],
    });
    const narrow = parseCsvHeader(['SK_ID_CURR', 'AMT_CREDIT']);
    expect(parseCsvRow(narrow, ['7', '1000'])).toEqual({
      ok: false,
      id: '7',
      errors: [
        { path: 'AMT_ANNUITY', message: REQUIRED_FIELD_MESSAGE },
        { path: 'AMT_INCOME_TOTAL', message: REQUIRED_FIELD_MESSAGE },
      ],
    });
  });
});
