import fs from 'node:fs';

/**
 * Reader of the binary containers written by training/credit/trees.py (write_blocks): 8-byte
 * magic, u32 little-endian header length, JSON header whose `blocks` maps a name to its offset
 * (from the 8-aligned data start), dtype and shape, then the little-endian arrays.
 */

export type BlockArray = Float32Array | Float64Array | Int32Array | Uint8Array;

interface BlockInfo {
  readonly offset: number;
  readonly dtype: 'float32' | 'float64' | 'int32' | 'uint8';
  readonly shape: readonly number[];
}

export interface BlockFile<H> {
  readonly header: H;
  readonly blocks: ReadonlyMap<string, BlockArray>;
}

const align8 = (n: number): number => (n + 7) & ~7;

const CONSTRUCTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array } as const;

export function readBlockFile<H>(file: string, magic: string): BlockFile<H> {
  const raw = fs.readFileSync(file);
  if (raw.length < 12 || raw.toString('latin1', 0, 8) !== magic) throw new Error(`${file}: not a ${magic} file`);
  const length = raw.readUInt32LE(8);
  const header = JSON.parse(raw.toString('utf8', 12, 12 + length)) as H & { blocks: Record<string, BlockInfo> };
  const start = align8(12 + length);
  const blocks = new Map<string, BlockArray>();
  for (const [name, info] of Object.entries(header.blocks)) {
    const Ctor = CONSTRUCTORS[info.dtype];
    if (!Ctor) throw new Error(`${file}: block ${name} has unsupported dtype ${info.dtype}`);
    const count = info.shape.reduce((a, b) => a * b, 1);
    const begin = start + info.offset;
    const bytes = raw.subarray(begin, begin + count * Ctor.BYTES_PER_ELEMENT);
    if (bytes.length !== count * Ctor.BYTES_PER_ELEMENT) throw new Error(`${file}: block ${name} is truncated`);
    const buffer = new ArrayBuffer(bytes.length); // aligned copy
    new Uint8Array(buffer).set(bytes);
    blocks.set(name, new Ctor(buffer));
  }
  return { header, blocks };
}

export function block<T extends BlockArray>(file: BlockFile<unknown>, name: string, ctor: { new (n: number): T }): T {
  const b = file.blocks.get(name);
  if (!b || !(b instanceof ctor)) throw new Error(`missing or mistyped block ${name}`);
  return b as T;
}
