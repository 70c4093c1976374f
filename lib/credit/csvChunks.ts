import fs from 'node:fs';

/**
 * A CSV file cut into chunks of whole records, for readers that parse chunks side by side (the
 * worker threads of `npm run monitor`): the header record first, alone, then chunks of about
 * `chunkBytes` that each end on a line break outside quotes (a quoted cell may hold line breaks,
 * RFC 4180), with the line number their first line has in the file. Bytes are not decoded here: a
 * cut after "\n" never splits a UTF-8 character. Memory is one chunk and the record it cuts.
 */

export interface CsvChunk {
  /** Whole records, each with its line break (the file's last may have none). */
  readonly bytes: Buffer;
  /** 1-based line number, in the file, of the chunk's first line. */
  readonly firstLine: number;
  /** Bytes of the file up to the end of this chunk. */
  readonly end: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A record longer than this is not an application: the file is refused rather than held in memory. */
export const MAX_RECORD_BYTES = 64 << 20;

export class CsvChunkError extends Error {}

/** Line breaks outside quotes, found incrementally over bytes that arrive in pieces. */
export class RecordBoundaries {
  private inQuotes = false;

  /** Scans buf[from, to): the offset just after its last record-ending "\n" (-1 when none). */
  last(buf: Buffer, from: number, to: number): number {
    // no quote at all in the new bytes, outside a quoted cell: the last "\n" ends a record
    if (!this.inQuotes) {
      const q = buf.indexOf(QUOTE, from);
      if (q < 0 || q >= to) {
        const n = buf.lastIndexOf(LF, to - 1);
        return n >= from ? n + 1 : -1;
      }
    }
    let last = -1;
    let inQuotes = this.inQuotes;
    for (let i = from; i < to; i++) {
      const b = buf[i];
      if (b === QUOTE)
        inQuotes = !inQuotes; // "" inside a quoted cell toggles twice
      else if (b === LF && !inQuotes) last = i + 1;
    }
    this.inQuotes = inQuotes;
    return last;
  }

  /** Scans buf[from, to) up to its first record-ending "\n": the offset after it (-1 when none, everything scanned). */
  first(buf: Buffer, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const b = buf[i];
      if (b === QUOTE) this.inQuotes = !this.inQuotes;
      else if (b === LF && !this.inQuotes) return i + 1;
    }
    return -1;
  }
}

function countLineBreaks(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(LF); i >= 0; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/** A record holding nothing but its line break (a blank line). */
function isBlank(record: Buffer): boolean {
  let end = record.length;
  if (end > 0 && record[end - 1] === LF) end--;
  if (end > 0 && record[end - 1] === CR) end--;
  return end === 0;
}

/**
 * Whether the file's lines end with "\r" alone (old Mac files): its records cannot be cut on "\n",
 * so it must be read by the sequential reader. Looks at the first 64 KiB only.
 */
export function endsLinesWithCrAlone(input: string): boolean {
  const fd = fs.openSync(input, 'r');
  try {
    const buf = Buffer.alloc(64 << 10);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const cr = buf.subarray(0, n).indexOf(CR);
    return cr >= 0 && (cr + 1 < n ? buf[cr + 1] !== LF : false) && buf.subarray(0, n).indexOf(LF) < 0;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file's header record (blank lines before it skipped), then its data records in chunks.
 * Yields nothing for an empty file. Reads only as the consumer asks (backpressure).
 */
export async function* csvChunks(input: string, chunkBytes = 1 << 20): AsyncGenerator<CsvChunk> {
  const file = await fs.promises.open(input, 'r');
  try {
    const boundaries = new RecordBoundaries();
    let pending = Buffer.alloc(0);
    let scanned = 0; // bytes of `pending` already scanned by `boundaries`
    let consumed = 0; // bytes of the file before `pending`
    let line = 1;
    let header = false;
    let eof = false;
    const take = (length: number): CsvChunk => {
      const bytes = pending.subarray(0, length);
      const chunk = { bytes, firstLine: line, end: consumed + length };
      line += countLineBreaks(bytes);
      consumed += length;
      pending = pending.subarray(length);
      scanned -= length;
      return chunk;
    };
    while (!eof || pending.length > 0) {
      if (!eof) {
        const buf = Buffer.allocUnsafe(chunkBytes);
        const { bytesRead } = await file.read(buf, 0, chunkBytes, null);
        if (bytesRead === 0) eof = true;
        else pending = pending.length === 0 ? buf.subarray(0, bytesRead) : Buffer.concat([pending, buf.subarray(0, bytesRead)]);
      }
      while (!header && pending.length > 0) {
        const end = boundaries.first(pending, scanned, pending.length);
        if (end < 0 && !eof) {
          scanned = pending.length;
          break;
        }
        scanned = end < 0 ? pending.length : end;
        const record = take(end < 0 ? pending.length : end);
        if (isBlank(record.bytes)) continue;
        header = true;
        yield record;
      }
      if (!header) continue;
      if (eof) {
        if (pending.length > 0) yield take(pending.length);
        continue;
      }
      const cut = boundaries.last(pending, scanned, pending.length);
      scanned = pending.length;
      if (cut > 0) yield take(cut);
      else if (pending.length > MAX_RECORD_BYTES)
        throw new CsvChunkError(`line ${line}: a record longer than ${MAX_RECORD_BYTES >> 20} MiB (an unclosed quote?)`);
    }
  } finally {
    await file.close();
  }
}
