import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { datasetsDir } from '@/lib/config';
import { CsvLineReader, plainDecimal } from '@/lib/credit/csvBytes';
import { type CsvChunk, csvChunks, endsLinesWithCrAlone } from '@/lib/credit/csvChunks';
import { type CsvLayout, type CsvRowCheck, parseCsvHeader, readCsvRow } from '@/lib/credit/csvRows';
import type { RawValue } from '@/lib/data/columnarTable';
import { prng } from '../../support/prng';

/**
 * The byte-level CSV reader of the monitoring workers must answer exactly as the reference path
 * (papaparse, then readCsvRow): same values (to the bit), same errors, same line numbers.
 */

interface Line {
  readonly check: CsvRowCheck;
  readonly line: number;
  readonly values: RawValue[];
}

/** The reference: papaparse over the whole text, line numbers counted as csvStream counts them. */
function referenceLines(layout: CsvLayout, text: string, firstLine: number, newline: '\n' | '\r\n'): Line[] {
  const out: Line[] = [];
  let line = firstLine;
  const values = new Array<RawValue>(layout.columns.length).fill(null);
  for (const cells of Papa.parse<string[]>(text, { delimiter: ',', newline, skipEmptyLines: false }).data) {
    const start = line;
    for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++;
    line++;
    if (cells.length === 1 && cells[0] === '') continue;
    const check = readCsvRow(layout, cells, values);
    out.push({ check, line: start, values: [...values] });
  }
  return out;
}

function byteLines(layout: CsvLayout, bytes: Buffer, firstLine: number, newline: '\n' | '\r\n', max = 7): Line[] {
  const out: Line[] = [];
  const values = new Array<RawValue>(layout.columns.length).fill(null);
  const reader = new CsvLineReader(layout, bytes, firstLine, newline, values);
  // a few lines at a time, as the worker reads a batch at a time
  while (reader.read(max, (check, line) => out.push({ check, line, values: [...values] })));
  return out;
}

/** Same answers, line numbers and values (Object.is: -0 is not 0), the mismatches listed at once. */
const expectSame = (actual: Line[], expected: Line[]) => {
  expect(actual.length).toBe(expected.length);
  const mismatches: string[] = [];
  actual.forEach((a, i) => {
    const e = expected[i];
    if (a.line !== e.line || JSON.stringify(a.check) !== JSON.stringify(e.check))
      mismatches.push(`#${i}: ${JSON.stringify(a)} vs ${JSON.stringify(e)}`);
    else if (a.check.ok && a.values.some((v, c) => !Object.is(v, e.values[c]))) mismatches.push(`#${i} line ${a.line}: values differ`);
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
};

describe('plainDecimal', () => {
  test('equals Number() to the bit on plain decimals, NaN on anything else', () => {
    const next = prng(7);
    for (let k = 0; k < 20_000; k++) {
      const intDigits = 1 + Math.floor(next() * 8);
      const fracDigits = Math.floor(next() * 8);
      let text = next() < 0.3 ? '-' : '';
      for (let i = 0; i < intDigits; i++) text += Math.floor(next() * 10);
      if (fracDigits > 0) text += '.';
      for (let i = 0; i < fracDigits; i++) text += Math.floor(next() * 10);
      const value = plainDecimal(Buffer.from(text), 0, text.length);
      expect(Object.is(value, Number(text))).toBe(true);
    }
    for (const text of ['', '-', '.', '1.', '.5', '-.5', '1e3', ' 1', '1 ', '+1', '1,5', 'NaN', '0x10', '1234567890123456'])
      expect(plainDecimal(Buffer.from(text), 0, text.length)).toBeNaN();
    expect(Object.is(plainDecimal(Buffer.from('-0'), 0, 2), -0)).toBe(true);
    expect(plainDecimal(Buffer.from('x0.1x'), 1, 4)).toBe(0.1);
  });
});

describe('CsvLineReader', () => {
  const header = ['SK_ID_CURR', 'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'NAME_TYPE_SUITE', 'EXT_SOURCE_2', 'TARGET'];
  // categories read as they are (the monitor's reader), and checked against the known ones (the score CLI's)
  const layout = parseCsvHeader(header, 'any');
  const knownLayout = parseCsvHeader(header);

  /** A random cell of each kind, well or badly formed. */
  function cell(next: () => number, column: string): string {
    const r = next();
    if (column === 'NAME_TYPE_SUITE') {
      const choices = ['Unaccompanied', 'Spouse, partner', 'Family', '', 'He said "hi"', 'Two\nlines', 'Élodie', ' padded '];
      return choices[Math.floor(r * choices.length)];
    }
    if (r < 0.08) return '';
    if (r < 0.12) return 'lots';
    if (r < 0.15) return ' 12.5 ';
    if (r < 0.18) return '1e5';
    if (r < 0.2) return column === 'EXT_SOURCE_2' ? '0.52614490603174831' : '526144.90603174831';
    if (r < 0.22) return '-0';
    if (r < 0.24) return 'Infinity';
    if (r < 0.26) return '0x10';
    if (r < 0.28) return '-5'; // out of every field's bounds here
    // valid values (EXT_SOURCE_2 is a share), written with 0 to 5 decimals
    const value = column === 'EXT_SOURCE_2' ? next() : 1 + next() * 1e6;
    return value.toFixed(Math.floor(next() * 6));
  }

  const quote = (text: string, next: () => number) => (/[",\n\r]/.test(text) || next() < 0.05 ? `"${text.replace(/"/g, '""')}"` : text);

  function generated(seed: number, newline: '\n' | '\r\n'): string {
    const next = prng(seed);
    const lines: string[] = [];
    for (let k = 0; k < 400; k++) {
      const r = next();
      if (r < 0.03) {
        lines.push(''); // blank line
        continue;
      }
      let cells = header.map((c) => (c === 'SK_ID_CURR' ? (next() < 0.03 ? 'x12' : String(100000 + k)) : cell(next, c)));
      if (r < 0.06) cells = cells.slice(0, 4); // truncated
      if (r > 0.97) cells = [...cells, '9']; // too many
      lines.push(cells.map((c) => quote(c, next)).join(','));
    }
    return lines.join(newline) + newline;
  }

  test.each([
    [1, '\n'],
    [2, '\n'],
    [3, '\r\n'],
    [4, '\r\n'],
  ] as const)('generated lines (seed %i, %j line breaks): the same answers as papaparse + readCsvRow', (seed, newline) => {
    const text = generated(seed, newline);
    const expected = referenceLines(layout, text, 2, newline);
    expect(expected.filter((l) => l.check.ok).length).toBeGreaterThan(50);
    expect(expected.filter((l) => !l.check.ok).length).toBeGreaterThan(50);
    expectSame(byteLines(layout, Buffer.from(text, 'utf8'), 2, newline), expected);
    const known = referenceLines(knownLayout, text, 2, newline);
    expect(known.filter((l) => !l.check.ok).length).toBeGreaterThan(expected.filter((l) => !l.check.ok).length);
    expectSame(byteLines(knownLayout, Buffer.from(text, 'utf8'), 2, newline), known);
  });

  test.each([
    ['a stray quote inside an unquoted cell', ['1,10,20,3,5" screen,0.5,0', '2,10,20,3,ok,0.5,0', '3,10,20,3,x,0.5,0', '']],
    ['an unclosed quote (the rest of the text is one cell)', ['1,10,20,3,ok,0.5,0', '2,10,20,3,"open,0.5,0', '3,10,20,3,x,0.5,0', '']],
  ])('%s: read as papaparse reads it', (_, lines) => {
    const text = lines.join('\n');
    expectSame(byteLines(layout, Buffer.from(text), 2, '\n'), referenceLines(layout, text, 2, '\n'));
  });

  test('text after a closing quote: that line is refused and the next one read (papaparse would read on to a later quote)', () => {
    const lines = byteLines(layout, Buffer.from('1,10,20,3,"a"b,0.5,0\n2,10,20,3,x,0.5,0\n'), 2, '\n');
    expect(lines.map((l) => [l.line, l.check.ok])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  test('the first 5,000 lines of the real new applications file: the same values', () => {
    const file = path.join(datasetsDir(), 'home-credit', 'application_test.csv');
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    const text = buf.subarray(0, n).toString('utf8');
    const headerEnd = text.indexOf('\n') + 1;
    let end = headerEnd;
    for (let k = 0; k < 5000; k++) end = text.indexOf('\n', end) + 1;
    const realLayout = parseCsvHeader(Papa.parse<string[]>(text.slice(0, headerEnd - 1)).data[0]);
    const body = text.slice(headerEnd, end);
    const expected = referenceLines(realLayout, body, 2, '\n');
    expect(expected).toHaveLength(5000);
    expectSame(byteLines(realLayout, Buffer.from(body), 2, '\n', 2048), expected);
  });
});

describe('csvChunks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-chunks-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function collect(file: string, chunkBytes: number): Promise<CsvChunk[]> {
    const out: CsvChunk[] = [];
    for await (const c of csvChunks(file, chunkBytes)) out.push({ ...c, bytes: Buffer.from(c.bytes) });
    return out;
  }

  test('whole records, never cut inside a quoted cell, with the line number of their first line', async () => {
    const records = ['\n', '\n', 'a,b\n']; // blank lines before the header
    for (let k = 0; k < 300; k++) records.push(k % 7 === 0 ? `${k},"two\nlines, ""quoted"""\n` : `${k},x\n`);
    records.push('300,last'); // no final line break
    const file = path.join(dir, 'quoted.csv');
    fs.writeFileSync(file, records.join(''));
    for (const size of [5, 64, 1000, 1 << 20]) {
      const chunks = await collect(file, size);
      expect(chunks[0].bytes.toString()).toBe('a,b\n');
      expect(chunks[0].firstLine).toBe(3);
      expect(Buffer.concat(chunks.map((c) => c.bytes)).toString()).toBe(records.slice(2).join(''));
      const text = fs.readFileSync(file, 'utf8');
      for (const c of chunks) {
        // each chunk starts a record: its first line number is the count of line breaks before it, plus one
        const before = text.slice(0, c.end - c.bytes.length);
        expect(c.firstLine).toBe(before.split('\n').length);
        expect(c.bytes.toString()).toMatch(/^(?:\d+,(?:x|"two\nlines, ""quoted""")\n)*(?:300,last)?$|^a,b\n$/);
      }
      expect(chunks[chunks.length - 1].end).toBe(Buffer.byteLength(text));
    }
  });

  test('an empty file yields nothing; lines ended by "\\r" alone are told apart', async () => {
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    expect(await collect(empty, 64)).toEqual([]);
    const mac = path.join(dir, 'mac.csv');
    fs.writeFileSync(mac, 'a,b\r1,2\r');
    expect(endsLinesWithCrAlone(mac)).toBe(true);
    const dos = path.join(dir, 'dos.csv');
    fs.writeFileSync(dos, 'a,b\r\n1,2\r\n');
    expect(endsLinesWithCrAlone(dos)).toBe(false);
  });
});
