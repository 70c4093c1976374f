import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Column, type ColumnarTable, makeTable } from './columnarTable';
import { type CsvSchema, parseCsvFile } from './csvColumns';

/**
 * Binary cache of parsed CSV tables. A cache file is named after the source file's size and
 * SHA-256 (and the schema), so a changed source rebuilds it.
 *
 * Layout (format 4):
 *   bytes 0-7    magic "PADCOL04"
 *   bytes 8-11   u32 LE: length H of the JSON header
 *   bytes 12-15  u32 LE: CRC-32 of the whole file except these 4 bytes (magic, header length,
 *                header, padding and data), so a changed bit anywhere is detected
 *   bytes 16-    JSON header (CacheHeader), zero-padded to an 8-byte boundary
 *   then         data section: each column's typed array at an 8-byte aligned offset;
 *                the file ends exactly at dataStart + header.dataLength.
 *
 * A cache that is truncated, garbled or fails its checksum is rebuilt from the CSV with one
 * `[cache]` warning; a cache folder that cannot be written leaves the table parsed in memory.
 * Files of older formats have another name (".v3.col") and are removed after a rebuild.
 */

const MAGIC = 'PADCOL04';
const FORMAT_VERSION = 4;
/** Magic, header length, checksum. */
const PREFIX_BYTES = 16;
/** A temp file whose writer is still alive is left alone unless it is older than this. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export interface SourceFingerprint {
  readonly size: number;
  readonly sha256: string;
}

export interface LoadedTable {
  readonly table: ColumnarTable;
  readonly fingerprint: SourceFingerprint;
  readonly fromCache: boolean;
  readonly ms: number;
}

interface ColumnHeader {
  name: string;
  kind: 'numeric' | 'categorical';
  categories?: string[];
  offset: number;
  length: number;
}

interface CacheHeader {
  version: number;
  schemaKey: string;
  source: SourceFingerprint;
  rowCount: number;
  dataLength: number;
  columns: ColumnHeader[];
}

/** Outcome of reading a cache file: a table, no file at all, or a file that cannot be used. */
export type CacheRead =
  | { readonly status: 'ok'; readonly table: ColumnarTable }
  | { readonly status: 'missing' }
  | { readonly status: 'corrupt'; readonly reason: string };

export function fingerprint(filePath: string): SourceFingerprint {
  const data = fs.readFileSync(filePath);
  return { size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') };
}

function schemaKey(schema: CsvSchema | undefined): string {
  if (!schema) return 'inferred';
  const text = schema.header.map((h) => `${h}:${schema.kindOf(h)}`).join(',');
  return crypto.createHash('sha1').update(text).digest('hex').slice(0, 12);
}

function cachePath(dir: string, filePath: string, fp: SourceFingerprint, key: string): string {
  return path.join(dir, `${path.basename(filePath)}.${fp.size}.${fp.sha256.slice(0, 16)}.${key}.v${FORMAT_VERSION}.col`);
}

const align8 = (n: number): number => (n + 7) & ~7;

// ---------------------------------------------------------------------------------------------
// Checksum: CRC-32 (zlib's, hardware accelerated, several GB/s); a table-driven fallback keeps
// the same values on Node versions without zlib.crc32.

let crcTable: Uint32Array | undefined;

function crc32Fallback(data: Uint8Array, value: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

const zlibCrc32: ((data: Uint8Array, value?: number) => number) | undefined =
  typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;

function crc32(data: Uint8Array, value = 0): number {
  return zlibCrc32 ? zlibCrc32(data, value) >>> 0 : crc32Fallback(data, value);
}

/** CRC-32 of the file without its checksum field (bytes 12-15). */
function fileChecksum(raw: Uint8Array): number {
  return crc32(raw.subarray(PREFIX_BYTES), crc32(raw.subarray(0, 12)));
}

// ---------------------------------------------------------------------------------------------
// Header validation: every field is checked before use, so a malformed file can only end up in
// the "corrupt" outcome, never in an exception.

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const bad = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: `bad header: ${reason}` });

function checkColumn(v: unknown, index: number, rowCount: number, dataLength: number): Checked<ColumnHeader> {
  const where = `column ${index}`;
  if (!isRecord(v)) return bad(`${where} is not an object`);
  const { name, kind, categories, offset, length } = v;
  if (typeof name !== 'string' || name === '') return bad(`${where} has no name`);
  if (kind !== 'numeric' && kind !== 'categorical') return bad(`${where} has unknown kind ${JSON.stringify(kind)}`);
  if (!isCount(offset) || offset % 8 !== 0) return bad(`${where} has offset ${String(offset)}`);
  const width = kind === 'numeric' ? 8 : 4;
  if (length !== rowCount * width) return bad(`${where} has length ${String(length)} for ${rowCount} rows`);
  if (offset + length > dataLength) return bad(`${where} ends beyond the data section`);
  if (kind === 'numeric') {
    if (categories !== undefined) return bad(`numeric ${where} has categories`);
    return { ok: true, value: { name, kind, offset, length } };
  }
  if (!Array.isArray(categories) || !categories.every((c): c is string => typeof c === 'string')) {
    return bad(`categorical ${where} has no list of categories`);
  }
  return { ok: true, value: { name, kind, categories, offset, length } };
}

function checkHeader(v: unknown): Checked<CacheHeader> {
  if (!isRecord(v)) return bad('not an object');
  const { version, schemaKey: key, source, rowCount, dataLength, columns } = v;
  if (version !== FORMAT_VERSION) return bad(`version ${String(version)}`);
  if (typeof key !== 'string') return bad('schema key');
  if (!isRecord(source) || !isCount(source.size) || typeof source.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(source.sha256)) {
    return bad('source fingerprint');
  }
  if (!isCount(rowCount)) return bad(`row count ${String(rowCount)}`);
  if (!isCount(dataLength)) return bad(`data length ${String(dataLength)}`);
  if (!Array.isArray(columns)) return bad('no column list');
  const checked: ColumnHeader[] = [];
  const names = new Set<string>();
  let end = 0;
  for (let i = 0; i < columns.length; i++) {
    const column = checkColumn(columns[i], i, rowCount, dataLength);
    if (!column.ok) return column;
    if (column.value.offset < end) return bad(`column ${i} overlaps the previous one`);
    if (names.has(column.value.name)) return bad(`duplicate column ${column.value.name}`);
    names.add(column.value.name);
    end = column.value.offset + column.value.length;
    checked.push(column.value);
  }
  return {
    ok: true,
    value: { version, schemaKey: key, source: { size: source.size, sha256: source.sha256 }, rowCount, dataLength, columns: checked },
  };
}

function parseJson(text: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'header is not valid JSON' };
  }
}

// Duck-typed rather than `instanceof Error`: fs errors may come from another realm (jest's VM).
const errorMessage = (err: unknown): string => (isRecord(err) && typeof err.message === 'string' ? err.message : String(err));
const errorCode = (err: unknown): string | undefined =>
  isRecord(err) && typeof err.code === 'string' ? err.code : undefined;

/** Decodes and verifies a cache file's bytes against the expected source and schema key. */
function decodeCache(raw: Buffer, expected: SourceFingerprint, key: string): CacheRead {
  const corrupt = (reason: string): CacheRead => ({ status: 'corrupt', reason });
  if (raw.length < PREFIX_BYTES) return corrupt(`truncated: ${raw.length} bytes`);
  if (raw.toString('latin1', 0, 8) !== MAGIC) return corrupt('bad magic');
  const headerLength = raw.readUInt32LE(8);
  if (PREFIX_BYTES + headerLength > raw.length) {
    return corrupt(`truncated or bad header length: ${headerLength} header bytes in a ${raw.length}-byte file`);
  }
  const json = parseJson(raw.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerLength));
  if (!json.ok) return corrupt(json.reason);
  const checked = checkHeader(json.value);
  if (!checked.ok) return corrupt(checked.reason);
  const header = checked.value;
  const dataStart = align8(PREFIX_BYTES + headerLength);
  const expectedLength = dataStart + header.dataLength;
  if (raw.length < expectedLength) return corrupt(`truncated: ${raw.length} of ${expectedLength} bytes`);
  if (raw.length > expectedLength) return corrupt(`${raw.length - expectedLength} trailing bytes`);
  if (fileChecksum(raw) !== raw.readUInt32LE(12)) return corrupt('checksum mismatch');
  if (header.schemaKey !== key || header.source.size !== expected.size || header.source.sha256 !== expected.sha256) {
    return corrupt('header does not match the source file');
  }
  // Typed-array views need an 8-byte aligned base; copy once if the Buffer is pooled.
  const base = raw.byteOffset % 8 === 0 ? raw : Buffer.from(raw);
  const start = base.byteOffset + dataStart;
  const columns: Column[] = [];
  for (const c of header.columns) {
    if (c.kind === 'numeric') {
      columns.push({ kind: 'numeric', name: c.name, values: new Float64Array(base.buffer, start + c.offset, c.length / 8) });
      continue;
    }
    const categories = c.categories ?? [];
    const codes = new Int32Array(base.buffer, start + c.offset, c.length / 4);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] < -1 || codes[i] >= categories.length) return corrupt(`column ${c.name}: code ${codes[i]} out of range`);
    }
    columns.push({ kind: 'categorical', name: c.name, codes, categories });
  }
  return { status: 'ok', table: makeTable(header.rowCount, columns) };
}

/** Reads a cache file: its table, 'missing' when absent, or 'corrupt' with the reason. Never throws. */
export function readCache(target: string, expected: SourceFingerprint, key: string): CacheRead {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(target);
  } catch (err) {
    // ENOTDIR: the cache folder is not a folder, so there is no file either (the write reports it).
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    return { status: 'corrupt', reason: `unreadable: ${errorMessage(err)}` };
  }
  return decodeCache(raw, expected, key);
}

/** Serialises a table into the cache format (checksum included). */
export function encodeCache(table: ColumnarTable, source: SourceFingerprint, key: string): Buffer {
  const columns: ColumnHeader[] = [];
  const buffers: Uint8Array[] = [];
  let offset = 0;
  for (const column of table.columns) {
    const bytes =
      column.kind === 'numeric'
        ? new Uint8Array(column.values.buffer, column.values.byteOffset, column.values.byteLength)
        : new Uint8Array(column.codes.buffer, column.codes.byteOffset, column.codes.byteLength);
    columns.push({
      name: column.name,
      kind: column.kind,
      ...(column.kind === 'categorical' ? { categories: [...column.categories] } : {}),
      offset,
      length: bytes.byteLength,
    });
    buffers.push(bytes);
    offset = align8(offset + bytes.byteLength);
  }
  const header: CacheHeader = {
    version: FORMAT_VERSION,
    schemaKey: key,
    source,
    rowCount: table.rowCount,
    dataLength: offset,
    columns,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(PREFIX_BYTES + headerBytes.length);
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, PREFIX_BYTES);
  columns.forEach((c, i) => out.set(buffers[i], dataStart + c.offset));
  out.writeUInt32LE(fileChecksum(out), 12);
  return out;
}

/**
 * Writes a cache file atomically: a unique temp file in the same folder, fsync, rename.
 * On any failure the temp file is removed and the error rethrown.
 */
export function writeCache(target: string, table: ColumnarTable, source: SourceFingerprint, key: string): void {
  const out = encodeCache(table, source, key);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    created = true;
    let written = 0;
    while (written < out.length) written += fs.writeSync(fd, out, written, out.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    if (created) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing more can be done; a later load removes it as a stale leftover
      }
    }
    throw err;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/** `<target>.<pid>.tmp` (format 3) or `<target>.<pid>.<random>.tmp` (format 4). */
const TEMP_SUFFIX = /\.col\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/;

/**
 * Best-effort clean-up of this source's cache folder: temp files left by a crashed writer (its
 * process is gone, or the file is older than STALE_TEMP_MS) and, when `keep` is given, cache
 * files of other versions of the source or of older formats.
 */
function removeLeftovers(dir: string, filePath: string, keep?: string): void {
  const prefix = `${path.basename(filePath)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(dir, name);
    try {
      const temp = TEMP_SUFFIX.exec(name);
      if (temp) {
        if (!isAlive(Number(temp[1])) || now - fs.statSync(full).mtimeMs > STALE_TEMP_MS) fs.rmSync(full, { force: true });
      } else if (keep !== undefined && name.endsWith('.col') && full !== keep) {
        fs.rmSync(full, { force: true });
      }
    } catch {
      // another process may be cleaning up too
    }
  }
}

/** A path as printed in warnings: relative to the working folder when inside it. */
function shown(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
}

/** "Cannot write" warnings already printed, by folder and error code: one line per cause, not per table. */
const writeWarnings = new Set<string>();

/**
 * Loads a CSV through the binary cache: parse once, then read the cache while the file is unchanged.
 * Never fails because of the cache: a corrupt file is rebuilt, an unwritable folder only costs the
 * warm path. Each problem prints one `[cache]` line on stderr.
 */
export function loadTableCached(filePath: string, dir: string, schema?: CsvSchema): LoadedTable {
  const started = performance.now();
  const fp = fingerprint(filePath);
  const key = schemaKey(schema);
  const target = cachePath(dir, filePath, fp, key);
  removeLeftovers(dir, filePath);
  const cached = readCache(target, fp, key);
  if (cached.status === 'ok') return { table: cached.table, fingerprint: fp, fromCache: true, ms: performance.now() - started };

  const table = parseCsvFile(filePath, schema);
  const source = path.basename(filePath);
  if (cached.status === 'corrupt') {
    // Frees its space before the new file is written; the rename would replace it anyway.
    try {
      fs.rmSync(target, { force: true });
    } catch {
      // left for the rename, or for the next start
    }
  }
  let writeError: unknown;
  let written = false;
  try {
    writeCache(target, table, fp, key);
    written = true;
  } catch (err) {
    writeError = err;
  }
  if (written) removeLeftovers(dir, filePath, target);

  if (cached.status === 'corrupt') {
    console.warn(
      written
        ? `[cache] ${shown(target)} is corrupt (${cached.reason}): rebuilt from ${source}`
        : `[cache] ${shown(target)} is corrupt (${cached.reason}): ${source} parsed in memory, the cache could not be rewritten (${errorMessage(writeError)})`,
    );
  } else if (!written) {
    const cause = `${path.resolve(dir)}\0${errorCode(writeError) ?? errorMessage(writeError)}`;
    if (!writeWarnings.has(cause)) {
      writeWarnings.add(cause);
      console.warn(
        `[cache] could not write ${shown(target)} (${errorMessage(writeError)}): ${source} parsed in memory, without a cache`,
      );
    }
  }
  return { table, fingerprint: fp, fromCache: false, ms: performance.now() - started };
}
