import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTableCached } from '@/lib/data/binaryCache';
import { cellValue } from '@/lib/data/columnarTable';
import { parseCsvFile } from '@/lib/data/csvColumns';
import { DatasetError } from '@/lib/data/errors';

/** Fixtures are generated here, in a fresh temporary folder per test. */
function fixture(name: string, content: string): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return { file, dir };
}

const schema = {
  header: ['ID', 'AMOUNT', 'KIND'],
  kindOf: (c: string) => (c === 'KIND' ? ('categorical' as const) : ('numeric' as const)),
};

describe('CSV parsing', () => {
  test('typed columns, missing kept as NaN / -1, sorted categories, CRLF accepted', () => {
    const { file } = fixture('ok.csv', 'ID,AMOUNT,KIND\r\n1,10.5,b\r\n2,,a\r\n3,0,\r\n');
    const t = parseCsvFile(file, schema);
    expect(t.rowCount).toBe(3);
    const amount = t.byName.get('AMOUNT');
    const kind = t.byName.get('KIND');
    if (amount?.kind !== 'numeric' || kind?.kind !== 'categorical') throw new Error('wrong kinds');
    expect(Array.from(amount.values)).toEqual([10.5, NaN, 0]);
    expect(kind.categories).toEqual(['a', 'b']);
    expect(Array.from(kind.codes)).toEqual([1, 0, -1]);
    expect(cellValue(kind, 2)).toBeNull();
  });

  test('inferred kinds without a schema; quoted fields with commas and line breaks', () => {
    const { file } = fixture('infer.csv', 'A,B,C\n1,"x, ""y""\nz",2.5\n2,w,\n');
    const t = parseCsvFile(file);
    expect(t.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'numeric']);
    expect(cellValue(t.columns[1], 0)).toBe('x, "y"\nz');
  });

  test('wrong header fails on line 1 naming the column', () => {
    const { file } = fixture('bad-header.csv', 'ID,AMOUNTS,KIND\n1,2,a\n');
    expect(() => parseCsvFile(file, schema)).toThrow(
      new DatasetError('bad-header.csv', 'wrong header: column 2 should be "AMOUNT" but is "AMOUNTS" (expected 3 columns, found 3)', 1),
    );
  });

  test('a truncated last row fails with file and line', () => {
    const { file } = fixture('truncated.csv', 'ID,AMOUNT,KIND\n1,10,a\n2,20,b\n3,3');
    expect(() => parseCsvFile(file, schema)).toThrow(/^truncated\.csv:4: expected 3 fields but found 2/);
  });

  test('a line count that accounts for quoted line breaks', () => {
    const { file } = fixture('lines.csv', 'A,B\n1,"two\nlines"\n2\n');
    expect(() => parseCsvFile(file)).toThrow(/^lines\.csv:4: expected 2 fields but found 1/);
  });

  test('an unterminated quote fails with file and line', () => {
    const { file } = fixture('quote.csv', 'ID,AMOUNT,KIND\n1,10,a\n2,20,"b\n');
    expect(() => parseCsvFile(file, schema)).toThrow(/^quote\.csv:3: unterminated quoted field/);
  });

  test('a non-numeric value in a numeric column fails with file, line and column', () => {
    const { file } = fixture('nan.csv', 'ID,AMOUNT,KIND\n1,10,a\n2,abc,b\n');
    expect(() => parseCsvFile(file, schema)).toThrow(/^nan\.csv:3: column AMOUNT: "abc" is not a number/);
  });

  test('an empty file fails clearly', () => {
    const { file } = fixture('empty.csv', '');
    expect(() => parseCsvFile(file, schema)).toThrow(/^empty\.csv:1: the file is empty/);
  });
});

describe('binary cache', () => {
  test('parse once, then load from cache with identical content', () => {
    const { file, dir } = fixture('c.csv', 'ID,AMOUNT,KIND\n1,10.5,b\n2,,a\n');
    const cache = path.join(dir, 'cache');
    const cold = loadTableCached(file, cache, schema);
    const warm = loadTableCached(file, cache, schema);
    expect(cold.fromCache).toBe(false);
    expect(warm.fromCache).toBe(true);
    expect(warm.fingerprint).toEqual(cold.fingerprint);
    expect(warm.table.columns.map((c) => [0, 1].map((r) => cellValue(c, r)))).toEqual(
      cold.table.columns.map((c) => [0, 1].map((r) => cellValue(c, r))),
    );
    expect(fs.readdirSync(cache)).toHaveLength(1);
  });

  test('a changed source (same size) rebuilds the cache and drops the stale file', () => {
    const { file, dir } = fixture('c.csv', 'ID,AMOUNT,KIND\n1,10.5,b\n');
    const cache = path.join(dir, 'cache');
    loadTableCached(file, cache, schema);
    fs.writeFileSync(file, 'ID,AMOUNT,KIND\n1,99.5,b\n');
    const after = loadTableCached(file, cache, schema);
    expect(after.fromCache).toBe(false);
    expect(cellValue(after.table.columns[1], 0)).toBe(99.5);
    expect(fs.readdirSync(cache)).toHaveLength(1);
    expect(loadTableCached(file, cache, schema).fromCache).toBe(true);
  });

  test('a corrupted cache file is ignored and rebuilt', () => {
    const { file, dir } = fixture('c.csv', 'ID,AMOUNT,KIND\n1,10.5,b\n');
    const cache = path.join(dir, 'cache');
    loadTableCached(file, cache, schema);
    const [cached] = fs.readdirSync(cache);
    fs.writeFileSync(path.join(cache, cached), 'garbage');
    const again = loadTableCached(file, cache, schema);
    expect(again.fromCache).toBe(false);
    expect(cellValue(again.table.columns[1], 0)).toBe(10.5);
  });
});
