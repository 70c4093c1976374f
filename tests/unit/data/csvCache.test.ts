import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadTableCached } from '@/lib/data/binaryCache';
import { type ColumnarTable, cellValue } from '@/lib/data/columnarTable';
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
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { file, dir } = fixture('c.csv', 'ID,AMOUNT,KIND\n1,10.5,b\n');
      const cache = path.join(dir, 'cache');
      loadTableCached(file, cache, schema);
      const [cached] = fs.readdirSync(cache);
      fs.writeFileSync(path.join(cache, cached), 'garbage');
      const again = loadTableCached(file, cache, schema);
      expect(again.fromCache).toBe(false);
      expect(cellValue(again.table.columns[1], 0)).toBe(10.5);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('binary cache: self-healing and atomic writes', () => {
  /** A few hundred rows with missing values in both kinds of column. */
  function generatedCsv(): string {
    const kinds = ['alpha', 'beta', 'gamma', ''];
    const lines = ['ID,AMOUNT,KIND'];
    for (let i = 0; i < 300; i++) lines.push(`${100000 + i},${i % 7 === 0 ? '' : (i * 1.25 - 40).toString()},${kinds[i % 4]}`);
    return `${lines.join('\n')}\n`;
  }

  /** Exact content of a table: every column's bytes (NaN bit patterns included) and categories. */
  function contentOf(table: ColumnarTable): unknown {
    return {
      rowCount: table.rowCount,
      columns: table.columns.map((c) => {
        const view = c.kind === 'numeric' ? c.values : c.codes;
        return {
          name: c.name,
          kind: c.kind,
          bytes: Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64'),
          categories: c.kind === 'categorical' ? [...c.categories] : undefined,
        };
      }),
    };
  }

  interface Setup {
    file: string;
    cache: string;
    cacheFile: string;
    cold: unknown;
  }

  /** A CSV in a fresh folder, its cold parse, and a cache built from it. */
  function setup(): Setup {
    const { file, dir } = fixture('gen.csv', generatedCsv());
    const cache = path.join(dir, 'cache');
    const cold = contentOf(parseCsvFile(file, schema));
    expect(loadTableCached(file, cache, schema).fromCache).toBe(false);
    const names = fs.readdirSync(cache);
    expect(names).toHaveLength(1);
    return { file, cache, cacheFile: path.join(cache, names[0]), cold };
  }

  /** Rewrites a cache file's JSON header and recomputes its CRC, so that only header validation can catch it. */
  function rewriteHeader(cacheFile: string, edit: (header: Record<string, unknown>) => void): void {
    const raw = fs.readFileSync(cacheFile);
    const headerLength = raw.readUInt32LE(8);
    const header = JSON.parse(raw.toString('utf8', 16, 16 + headerLength)) as Record<string, unknown>;
    const dataStart = (16 + headerLength + 7) & ~7;
    edit(header);
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const newStart = (16 + headerBytes.length + 7) & ~7;
    const out = Buffer.alloc(newStart + raw.length - dataStart);
    raw.copy(out, 0, 0, 8);
    out.writeUInt32LE(headerBytes.length, 8);
    headerBytes.copy(out, 16);
    raw.copy(out, newStart, dataStart);
    withChecksum(out);
    fs.writeFileSync(cacheFile, out);
  }

  function withChecksum(out: Buffer): void {
    out.writeUInt32LE(zlib.crc32(out.subarray(16), zlib.crc32(out.subarray(0, 12))) >>> 0, 12);
  }

  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Loads again: rebuilt from the CSV, identical to a cold parse, exactly one warning; then warm again. */
  function expectRebuilt(s: Setup, reason: RegExp): void {
    const again = loadTableCached(s.file, s.cache, schema);
    expect(again.fromCache).toBe(false);
    expect(contentOf(again.table)).toEqual(s.cold);
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0][0]);
    expect(line).toMatch(/^\[cache\] \S+\.v4\.col is corrupt \(.+\): rebuilt from gen\.csv$/);
    expect(line).toContain(path.basename(s.cacheFile));
    expect(line).toMatch(reason);
    const warm = loadTableCached(s.file, s.cache, schema);
    expect(warm.fromCache).toBe(true);
    expect(contentOf(warm.table)).toEqual(s.cold);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(fs.readdirSync(s.cache)).toEqual([path.basename(s.cacheFile)]);
  }

  test('format 4: magic, checksum over header and data, warm load identical to a cold parse, no warning', () => {
    const s = setup();
    const raw = fs.readFileSync(s.cacheFile);
    expect(raw.toString('latin1', 0, 8)).toBe('PADCOL04');
    expect(s.cacheFile).toMatch(/\.v4\.col$/);
    expect(raw.readUInt32LE(12)).toBe(zlib.crc32(raw.subarray(16), zlib.crc32(raw.subarray(0, 12))) >>> 0);
    const warm = loadTableCached(s.file, s.cache, schema);
    expect(warm.fromCache).toBe(true);
    expect(contentOf(warm.table)).toEqual(s.cold);
    expect(warn).not.toHaveBeenCalled();
  });

  test.each([
    ['in the data section', (n: number) => n - 100],
    ['inside the header', () => 40],
    ['before the header', () => 10],
    ['to nothing', () => 0],
  ])('a truncated cache file (%s) is rebuilt', (_label, size) => {
    const s = setup();
    const raw = fs.readFileSync(s.cacheFile);
    fs.writeFileSync(s.cacheFile, raw.subarray(0, size(raw.length)));
    expectRebuilt(s, /truncated/);
  });

  test('one flipped bit in the data section is caught by the checksum', () => {
    const s = setup();
    const raw = fs.readFileSync(s.cacheFile);
    raw[raw.length - 2000] ^= 0x10;
    fs.writeFileSync(s.cacheFile, raw);
    expectRebuilt(s, /\(checksum mismatch\)/);
  });

  test('one flipped bit in the header (a category name, still valid JSON) is caught by the checksum', () => {
    const s = setup();
    const raw = fs.readFileSync(s.cacheFile);
    raw[raw.indexOf('"alpha"') + 2] ^= 0x01; // "alpha" -> "ampha": valid JSON, valid header, wrong data
    fs.writeFileSync(s.cacheFile, raw);
    expectRebuilt(s, /\(checksum mismatch\)/);
  });

  test.each([
    ['bad magic', (raw: Buffer) => raw.write('PADCOL03', 0, 'latin1'), /bad magic/],
    ['header length beyond the file', (raw: Buffer) => raw.writeUInt32LE(0xfffffff0, 8), /header length/],
    ['header not JSON', (raw: Buffer) => raw.write('#', 16, 'latin1'), /not valid JSON/],
    ['checksum field garbled', (raw: Buffer) => raw.writeUInt32LE((raw.readUInt32LE(12) ^ 1) >>> 0, 12), /checksum mismatch/],
    ['trailing bytes', (raw: Buffer) => raw, /trailing bytes/],
  ])('a garbled cache file (%s) is rebuilt', (label, garble, reason) => {
    const s = setup();
    let raw = fs.readFileSync(s.cacheFile);
    if (label === 'trailing bytes') raw = Buffer.concat([raw, Buffer.alloc(8)]);
    garble(raw);
    fs.writeFileSync(s.cacheFile, raw);
    expectRebuilt(s, reason);
  });

  type Columns = Record<string, unknown>[];
  const columnsOf = (h: Record<string, unknown>): Columns => h.columns as Columns;

  test.each<[string, (h: Record<string, unknown>) => void]>([
    ['header is an array', (h) => Object.keys(h).forEach((k) => delete h[k])],
    ['unknown version', (h) => (h.version = 5)],
    ['negative row count', (h) => (h.rowCount = -1)],
    ['row count inconsistent with column lengths', (h) => (h.rowCount = 301)],
    ['fractional data length', (h) => (h.dataLength = 10.5)],
    ['columns not a list', (h) => (h.columns = { 0: 'ID' })],
    ['unknown column kind', (h) => (columnsOf(h)[1].kind = 'text')],
    ['offset beyond the data section', (h) => (columnsOf(h)[2].offset = 1 << 20)],
    ['misaligned offset', (h) => (columnsOf(h)[1].offset = (columnsOf(h)[1].offset as number) + 4)],
    ['overlapping columns', (h) => (columnsOf(h)[1].offset = 0)],
    ['length out of range', (h) => (columnsOf(h)[0].length = -8)],
    ['categories not an array', (h) => (columnsOf(h)[2].categories = 'alpha')],
    ['categories not strings', (h) => (columnsOf(h)[2].categories = [1, 2, 3])],
    ['too few categories for the codes', (h) => (columnsOf(h)[2].categories = ['alpha'])],
    ['duplicate column names', (h) => (columnsOf(h)[1].name = 'ID')],
    ['source fingerprint', (h) => (h.source = { size: 'big' })],
    ['another source', (h) => (h.source = { size: 1, sha256: '0'.repeat(64) })],
    ['another schema', (h) => (h.schemaKey = 'inferred')],
  ])('a header field out of range (%s) is caught before use, even with a valid checksum', (label, edit) => {
    const s = setup();
    rewriteHeader(s.cacheFile, label === 'header is an array' ? () => undefined : edit);
    if (label === 'header is an array') {
      const raw = fs.readFileSync(s.cacheFile);
      const headerLength = raw.readUInt32LE(8);
      raw.write('['.padEnd(headerLength - 1, ' ') + ']', 16, 'utf8');
      withChecksum(raw);
      fs.writeFileSync(s.cacheFile, raw);
    }
    expectRebuilt(s, /bad header|out of range|does not match the source/);
  });

  test('a cache folder that cannot be created: parsed in memory, one warning for all tables', () => {
    const { file, dir } = fixture('gen.csv', generatedCsv());
    fs.writeFileSync(path.join(dir, 'file.txt'), 'not a folder');
    const cache = path.join(dir, 'file.txt', 'cache');
    const cold = contentOf(parseCsvFile(file, schema));
    const first = loadTableCached(file, cache, schema);
    expect(first.fromCache).toBe(false);
    expect(contentOf(first.table)).toEqual(cold);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^\[cache\] could not write \S+\.v4\.col \(ENOTDIR.*\): gen\.csv parsed in memory/);
    // The same cause for another table (or a second start in this process) is not repeated.
    const second = loadTableCached(file, cache);
    expect(second.fromCache).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test.each([
    ['rename', 'renameSync', 'EXDEV'],
    ['write', 'writeSync', 'ENOSPC'],
    ['fsync', 'fsyncSync', 'EIO'],
  ] as const)('a failed write (%s) leaves no temp file, the table is used, one warning', (_label, method, code) => {
    const { file, dir } = fixture('gen.csv', generatedCsv());
    const cache = path.join(dir, 'cache');
    const cold = contentOf(parseCsvFile(file, schema));
    jest.spyOn(fs, method).mockImplementationOnce(() => {
      throw Object.assign(new Error(`${code}: simulated failure`), { code });
    });
    const loaded = loadTableCached(file, cache, schema);
    expect(loaded.fromCache).toBe(false);
    expect(contentOf(loaded.table)).toEqual(cold);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(new RegExp(`^\\[cache\\] could not write \\S+\\.v4\\.col \\(${code}: simulated failure\\)`));
    // Next time the write succeeds.
    expect(loadTableCached(file, cache, schema).fromCache).toBe(false);
    expect(loadTableCached(file, cache, schema).fromCache).toBe(true);
    expect(fs.readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test('a corrupt cache that cannot be rewritten: one combined warning', () => {
    const s = setup();
    fs.writeFileSync(s.cacheFile, 'garbage');
    jest.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EROFS: simulated read-only file system'), { code: 'EROFS' });
    });
    const loaded = loadTableCached(s.file, s.cache, schema);
    expect(contentOf(loaded.table)).toEqual(s.cold);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/is corrupt \(.+\): gen\.csv parsed in memory, the cache could not be rewritten \(EROFS/);
    expect(fs.readdirSync(s.cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('stale temp files and old-format caches are removed; a live writer\'s temp file is kept', () => {
    const s = setup();
    const base = path.basename(s.cacheFile);
    const oldFormat = base.replace(/\.v4\.col$/, '.v3.col');
    const deadPid = path.join(s.cache, `${base}.999999999.0badf00d.tmp`);
    const oldLeftover = path.join(s.cache, `${oldFormat}.${process.pid}.tmp`);
    const live = path.join(s.cache, `${base}.${process.pid}.12345678.tmp`);
    const otherFile = path.join(s.cache, 'other.csv.1.0000000000000000.inferred.v4.col.999999999.tmp');
    for (const f of [deadPid, oldLeftover, live, otherFile]) fs.writeFileSync(f, 'partial');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(oldLeftover, hourAgo, hourAgo);
    expect(loadTableCached(s.file, s.cache, schema).fromCache).toBe(true);
    expect(fs.readdirSync(s.cache).sort()).toEqual([base, path.basename(live), path.basename(otherFile)].sort());

    // An old-format cache file is ignored (another name), then replaced by a rebuild.
    fs.rmSync(s.cacheFile);
    fs.writeFileSync(path.join(s.cache, oldFormat), 'PADCOL03 old content');
    const rebuilt = loadTableCached(s.file, s.cache, schema);
    expect(rebuilt.fromCache).toBe(false);
    expect(contentOf(rebuilt.table)).toEqual(s.cold);
    expect(fs.readdirSync(s.cache)).not.toContain(oldFormat);
    expect(warn).not.toHaveBeenCalled();
  });
});
