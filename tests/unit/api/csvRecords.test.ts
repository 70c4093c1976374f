import { CsvRecordSplitter, CsvSyntaxError } from '@/lib/api/csvRecords';
import { csvToApplications, readCsvApplications } from '@/lib/api/csvApplications';
import { ApiError } from '@/lib/api/errors';
import { rawApplicationSchema } from '@/lib/api/schemas/applicationFields';

/** The incremental CSV splitter and the streamed application reader built on it. */

function split(chunks: readonly string[]): string[][] {
  const s = new CsvRecordSplitter();
  const out: string[][] = [];
  for (const c of chunks) s.push(c, (cells) => out.push(cells));
  s.end((cells) => out.push(cells));
  return out;
}

/** Every way of cutting `text` in two chunks gives the same records as the whole text. */
function sameWhateverTheCut(text: string): string[][] {
  const whole = split([text]);
  for (let i = 0; i <= text.length; i++) expect(split([text.slice(0, i), text.slice(i)])).toEqual(whole);
  expect(split([...text])).toEqual(whole); // one character at a time
  return whole;
}

function streamOf(chunks: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else controller.close();
    },
  });
}

describe('CSV record splitter', () => {
  test('quoted fields, "" escapes, separators and line ends inside quotes, CRLF, blank lines, no final newline', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",\n\n"multi\nline",2,"3"\n , ,\n4,5,6';
    expect(sameWhateverTheCut(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', ''],
      ['multi\nline', '2', '3'],
      [' ', ' ', ''],
      ['4', '5', '6'],
    ]);
  });

  test('an empty quoted field is a record; an unterminated quote is a syntax error', () => {
    expect(split(['""\n'])).toEqual([['']]);
    expect(() => split(['a\n"open'])).toThrow(CsvSyntaxError);
  });

  test('a record limit stops the splitting at once: the rest of a huge body is never looked at', () => {
    const s = new CsvRecordSplitter();
    let seen = 0;
    const huge = 'x\n'.repeat(1_000_000);
    expect(() =>
      s.push(huge, () => {
        if (++seen > 10) throw new Error('limit');
      }),
    ).toThrow('limit');
    expect(seen).toBe(11);
  });
});

describe('streamed CSV applications', () => {
  const header = 'SK_ID_CURR,AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL,NAME_CONTRACT_TYPE';

  test('records cut anywhere across chunks are read and validated as they arrive', async () => {
    const text = `${header}\n1,100000,9000,150000,Cash loans\n2,"200000",12000,90000,"Revolving loans"\n`;
    const chunks = text.match(/.{1,7}/gs) ?? [];
    const apps = await readCsvApplications(streamOf(chunks), { maxBytes: 1e6, maxRecords: 10, recordSchema: rawApplicationSchema });
    expect(apps).toEqual([
      { SK_ID_CURR: 1, AMT_CREDIT: 100000, AMT_ANNUITY: 9000, AMT_INCOME_TOTAL: 150000, NAME_CONTRACT_TYPE: 'Cash loans' },
      { SK_ID_CURR: 2, AMT_CREDIT: 200000, AMT_ANNUITY: 12000, AMT_INCOME_TOTAL: 90000, NAME_CONTRACT_TYPE: 'Revolving loans' },
    ]);
  });

  test('1,000,000 records against a limit of 50,000: refused at record 50,001, without reading the rest', async () => {
    let pulled = 0;
    const encoder = new TextEncoder();
    const block = encoder.encode('1\n'.repeat(32 * 1024)); // 64 KB of records per chunk
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled++ < 31)
          controller.enqueue(block); // ≈ 1,000,000 records, 2 MB
        else controller.close();
      },
    });
    const err = await readCsvApplications(new Response(`AMT_CREDIT\n`).body, { maxBytes: 1, maxRecords: 1 }).catch((e: unknown) => e);
    expect((err as ApiError).slug).toBe('payload-too-large'); // the byte limit, counted as the body arrives
    const limited = await readCsvApplications(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(encoder.encode('AMT_CREDIT\n'));
        },
        pull: async (c) => {
          const reader = body.getReader();
          const r = await reader.read();
          reader.releaseLock();
          if (r.done) c.close();
          else c.enqueue(r.value);
        },
      }),
      { maxBytes: 20 * 1024 * 1024, maxRecords: 50_000 },
    ).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ApiError);
    expect((limited as ApiError).slug).toBe('payload-too-large');
    expect((limited as ApiError).message).toMatch(/more than 50000 records/);
    expect(pulled).toBeLessThan(5); // ≈ 100 KB read of the 2 MB
  });

  test('an aborted request stops reading', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readCsvApplications(streamOf([`${header}\n`]), { maxBytes: 1e6, maxRecords: 10, signal: controller.signal })).rejects.toThrow(
      /client closed/,
    );
  });

  test('invalid records are all named by index; at least one record when asked', async () => {
    const err = (await readCsvApplications(streamOf([`${header}\n1,x,9000,150000,\n2,100,,150000,\n`]), {
      maxBytes: 1e6,
      maxRecords: 10,
      recordSchema: rawApplicationSchema,
    }).catch((e: unknown) => e)) as ApiError;
    expect(err.slug).toBe('validation-failed');
    expect(err.errors).toEqual([
      { path: '[0].AMT_CREDIT', message: 'expected number' },
      { path: '[1].AMT_ANNUITY', message: 'required: the model does not decide without it' },
    ]);
    const empty = (await readCsvApplications(streamOf([`${header}\n`]), { maxBytes: 1e6, maxRecords: 10, minRecords: 1 }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(empty.errors).toEqual([{ path: 'body', message: 'at least 1 record after the header' }]);
  });

  test('invalid UTF-8 is a 400', async () => {
    const bad = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x41, 0x0a, 0xff, 0x0a]));
        c.close();
      },
    });
    expect(((await readCsvApplications(bad, { maxBytes: 1e6, maxRecords: 10 }).catch((e: unknown) => e)) as ApiError).slug).toBe('malformed-request');
  });

  test('csvToApplications reads a text through the same reader', async () => {
    expect(await csvToApplications('AMT_CREDIT\n5')).toEqual([{ AMT_CREDIT: 5 }]);
  });
});
