import { ApiError } from '@/lib/api/errors';
import { csvToApplications } from '@/lib/api/csvApplications';

async function slugOf(f: () => Promise<unknown>) {
  try {
    await f();
  } catch (e) {
    return e instanceof ApiError ? { slug: e.slug, errors: e.errors } : { slug: String(e) };
  }
  return undefined;
}

describe('CSV bodies', () => {
  test('header of field names in any order; empty cells missing; numeric cells become numbers', async () => {
    const text = '\ufeffSK_ID_CURR,AMT_CREDIT,NAME_CONTRACT_TYPE,EXT_SOURCE_2\r\n1,406597.5,Cash loans,\r\n2,,"Revolving loans",0.5\r\n\r\n';
    expect(await csvToApplications(text)).toEqual([
      { SK_ID_CURR: 1, AMT_CREDIT: 406597.5, NAME_CONTRACT_TYPE: 'Cash loans', EXT_SOURCE_2: null },
      { SK_ID_CURR: 2, AMT_CREDIT: null, NAME_CONTRACT_TYPE: 'Revolving loans', EXT_SOURCE_2: 0.5 },
    ]);
  });

  test('a numeric cell that is not a number stays text, for the schema to name', async () => {
    expect(await csvToApplications('AMT_CREDIT\n12abc\n0x10\nInfinity')).toEqual([
      { AMT_CREDIT: '12abc' },
      { AMT_CREDIT: '0x10' },
      { AMT_CREDIT: 'Infinity' },
    ]);
  });

  test('unknown or duplicate columns, and a record without one cell per column, are 422 naming them; structural errors are 400', async () => {
    expect(await slugOf(() => csvToApplications('AMT_CREDIT,FOO,AMT_CREDIT\n1,2,3'))).toEqual({
      slug: 'validation-failed',
      errors: [
        { path: 'header[1]', message: 'unknown field "FOO"' },
        { path: 'header[2]', message: 'duplicate field "AMT_CREDIT"' },
      ],
    });
    // worded as the CLI words it (one input boundary)
    expect(await slugOf(() => csvToApplications('AMT_CREDIT,AMT_ANNUITY\n1'))).toEqual({
      slug: 'validation-failed',
      errors: [{ path: '[0]', message: 'expected 2 fields but found 1 (truncated or malformed row)' }],
    });
    expect((await slugOf(() => csvToApplications('AMT_CREDIT\n"unterminated')))?.slug).toBe('malformed-request');
    expect((await slugOf(() => csvToApplications('  \n')))?.slug).toBe('malformed-request');
    expect(await csvToApplications('AMT_CREDIT\n')).toEqual([]); // the schema then requires at least one record
  });

  test('a large file is read whole, in slices', async () => {
    const text = `AMT_CREDIT,CODE_GENDER\n${Array.from({ length: 2345 }, (_, i) => `${i},F`).join('\n')}`;
    const apps = await csvToApplications(text);
    expect(apps).toHaveLength(2345);
    expect(apps[2344]).toEqual({ AMT_CREDIT: 2344, CODE_GENDER: 'F' });
    expect(await slugOf(() => csvToApplications(`${text}\n1,F,extra`))).toEqual({
      slug: 'validation-failed',
      errors: [{ path: '[2345]', message: 'expected 2 fields but found 3 (too many fields)' }],
    });
  });
});
