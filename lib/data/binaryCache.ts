import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Column, type ColumnarTable, makeTable } from './columnarTable';
import { type CsvSchema, parseCsvFile } from './csvColumns';

/**
 * Binary cache of parsed CSV tables. A cache file is keyed by the source file's size and
 * SHA-256, so a changed source rebuilds it. Layout: 8-byte magic, u32 header length, JSON
 * header, then each column's typed array at an 8-byte aligned offset.
 */

const MAGIC = 'PADCOL03';
const FORMAT_VERSION = 3;

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
  columns: ColumnHeader[];
}

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

export function writeCache(target: string, table: ColumnarTable, source: SourceFingerprint, key: string): void {
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
  const header: CacheHeader = { version: FORMAT_VERSION, schemaKey: key, source, rowCount: table.rowCount, columns };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(8 + 4 + headerBytes.length);
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  columns.forEach((c, i) => out.set(buffers[i], dataStart + c.offset));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, out);
  fs.renameSync(tmp, target);
}

/** Reads a cache file; returns undefined when it is absent, foreign or does not match. */
export function readCache(target: string, expected: SourceFingerprint, key: string): ColumnarTable | undefined {
  if (!fs.existsSync(target)) return undefined;
  const raw = fs.readFileSync(target);
  if (raw.length < 12 || raw.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const headerLength = raw.readUInt32LE(8);
  const header = JSON.parse(raw.toString('utf8', 12, 12 + headerLength)) as CacheHeader;
  if (
    header.version !== FORMAT_VERSION ||
    header.schemaKey !== key ||
    header.source.size !== expected.size ||
    header.source.sha256 !== expected.sha256
  ) {
    return undefined;
  }
  // Typed-array views need an 8-byte aligned base; copy once if the Buffer is pooled.
  const base = raw.byteOffset % 8 === 0 ? raw : Buffer.from(raw);
  const dataStart = base.byteOffset + align8(12 + headerLength);
  const columns = header.columns.map((c): Column => {
    if (c.kind === 'numeric') {
      return { kind: 'numeric', name: c.name, values: new Float64Array(base.buffer, dataStart + c.offset, c.length / 8) };
    }
    return {
      kind: 'categorical',
      name: c.name,
      codes: new Int32Array(base.buffer, dataStart + c.offset, c.length / 4),
      categories: c.categories ?? [],
    };
  });
  return makeTable(header.rowCount, columns);
}

function removeStaleCaches(dir: string, filePath: string, keep: string): void {
  const prefix = `${path.basename(filePath)}.`;
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.startsWith(prefix) && name.endsWith('.col') && full !== keep) fs.rmSync(full, { force: true });
  }
}

/** Loads a CSV through the binary cache: parse once, then read the cache while the file is unchanged. */
export function loadTableCached(filePath: string, dir: string, schema?: CsvSchema): LoadedTable {
  const started = performance.now();
  const fp = fingerprint(filePath);
  const key = schemaKey(schema);
  const target = cachePath(dir, filePath, fp, key);
  const cached = readCache(target, fp, key);
  if (cached) return { table: cached, fingerprint: fp, fromCache: true, ms: performance.now() - started };
  const table = parseCsvFile(filePath, schema);
  try {
    writeCache(target, table, fp, key);
    removeStaleCaches(dir, filePath, target);
  } catch (err) {
    // A read-only checkout still works, only without the warm path.
    console.warn(`[data] could not write cache ${target}: ${(err as Error).message}`);
  }
  return { table, fingerprint: fp, fromCache: false, ms: performance.now() - started };
}
