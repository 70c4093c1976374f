import fs from 'node:fs';
import path from 'node:path';
import type { FeatureSpec } from './featureSpec';

/**
 * Binary feature-matrix file handed to the Python trainer (training/credit/matrix.py reads it).
 * Layout: 8-byte magic "PADFMX01", u32 little-endian header length, UTF-8 JSON header, zero
 * padding to a multiple of 8, then the blocks the header lists (offsets from the data start):
 * the row-major float32 matrix (NaN = missing), SK_ID_CURR as float64, TARGET as float64
 * (NaN for applications without outcome).
 */

export const MATRIX_MAGIC = 'PADFMX01';

export interface MatrixBlock {
  readonly offset: number;
  readonly dtype: 'float32' | 'float64';
  readonly shape: readonly number[];
}

export interface MatrixHeader {
  readonly version: 1;
  readonly set: string;
  readonly rows: number;
  readonly cols: number;
  readonly spec: FeatureSpec;
  readonly source: { readonly file: string; readonly size: number; readonly sha256: string };
  readonly createdAt: string;
  readonly blocks: { readonly matrix: MatrixBlock; readonly ids: MatrixBlock; readonly target: MatrixBlock };
}

export interface MatrixContent {
  readonly set: string;
  readonly spec: FeatureSpec;
  readonly source: MatrixHeader['source'];
  readonly matrix: Float32Array;
  readonly ids: Float64Array;
  readonly target: Float64Array;
}

const align8 = (n: number): number => (n + 7) & ~7;

const bytesOf = (a: Float32Array | Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function writeMatrixFile(target: string, content: MatrixContent): MatrixHeader {
  const rows = content.ids.length;
  const cols = content.spec.features.length;
  if (content.matrix.length !== rows * cols) throw new Error(`matrix has ${content.matrix.length} cells, expected ${rows}×${cols}`);
  if (content.target.length !== rows) throw new Error(`target has ${content.target.length} values, expected ${rows}`);
  const matrixOffset = 0;
  const idsOffset = align8(matrixOffset + content.matrix.byteLength);
  const targetOffset = idsOffset + content.ids.byteLength;
  const header: MatrixHeader = {
    version: 1,
    set: content.set,
    rows,
    cols,
    spec: content.spec,
    source: content.source,
    createdAt: new Date().toISOString(),
    blocks: {
      matrix: { offset: matrixOffset, dtype: 'float32', shape: [rows, cols] },
      ids: { offset: idsOffset, dtype: 'float64', shape: [rows] },
      target: { offset: targetOffset, dtype: 'float64', shape: [rows] },
    },
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(8 + 4 + json.length);
  const out = Buffer.alloc(dataStart + targetOffset + content.target.byteLength);
  out.write(MATRIX_MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  out.set(bytesOf(content.matrix), dataStart + matrixOffset);
  out.set(bytesOf(content.ids), dataStart + idsOffset);
  out.set(bytesOf(content.target), dataStart + targetOffset);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, out);
  fs.renameSync(tmp, target);
  return header;
}

export function readMatrixFile(file: string): MatrixContent & { header: MatrixHeader } {
  const raw = fs.readFileSync(file);
  if (raw.toString('latin1', 0, 8) !== MATRIX_MAGIC) throw new Error(`${file} is not a feature-matrix file`);
  const length = raw.readUInt32LE(8);
  const header = JSON.parse(raw.toString('utf8', 12, 12 + length)) as MatrixHeader;
  const dataStart = align8(12 + length);
  const copy = (b: MatrixBlock, n: number) => {
    const start = dataStart + b.offset;
    const bytes = raw.subarray(start, start + n * (b.dtype === 'float32' ? 4 : 8));
    const buf = new ArrayBuffer(bytes.length);
    new Uint8Array(buf).set(bytes);
    return b.dtype === 'float32' ? new Float32Array(buf) : new Float64Array(buf);
  };
  return {
    header,
    set: header.set,
    spec: header.spec,
    source: header.source,
    matrix: copy(header.blocks.matrix, header.rows * header.cols) as Float32Array,
    ids: copy(header.blocks.ids, header.rows) as Float64Array,
    target: copy(header.blocks.target, header.rows) as Float64Array,
  };
}
