import { ApiError, malformed } from './errors';

/**
 * Request bodies: media-type check, size limit enforced while the stream is read (the
 * declared Content-Length is checked first; a body that exceeds the limit is abandoned as
 * soon as it does, never buffered whole), strict UTF-8, and JSON with a nesting limit.
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;

export type BodyMediaType = 'application/json' | 'text/csv';

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaTypeOf(contentType: string | null): string | undefined {
  if (!contentType) return undefined;
  const semi = contentType.indexOf(';');
  const type = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type.length > 0 ? type : undefined;
}

/** Accepts `application/json`, any `application/*+json`, and `text/csv`; charset must be UTF-8 when given. */
export function acceptedMediaType(contentType: string | null, accepted: readonly BodyMediaType[]): BodyMediaType {
  const type = mediaTypeOf(contentType);
  const normalised: string | undefined = type !== undefined && /^application\/[a-z0-9.+-]+\+json$/.test(type) ? 'application/json' : type;
  const match = accepted.find((a) => a === normalised);
  if (!match) {
    throw new ApiError(
      'unsupported-media-type',
      type === undefined
        ? `A Content-Type header is required; send ${accepted.join(' or ')}.`
        : `Content-Type ${safeToken(type)} is not accepted here; send ${accepted.join(' or ')}.`,
      undefined,
      { 'accept-post': accepted.join(', ') },
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('unsupported-media-type', 'Only the UTF-8 charset is accepted.', undefined, {
      'accept-post': accepted.join(', '),
    });
  }
  return match;
}

/** A media type echoed in a message: only token characters, bounded length. */
function safeToken(type: string): string {
  const clean = type.replace(/[^a-z0-9!#$&^_.+\-/]/gi, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

export function tooLarge(limit: number): ApiError {
  return new ApiError('payload-too-large', `The request body exceeds the limit of ${formatBytes(limit)}.`);
}

export function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MB`;
  if (n >= KIB && n % KIB === 0) return `${n / KIB} kB`;
  return `${n} bytes`;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** 413 at once when the declared Content-Length is over `limit`. */
export function checkDeclaredLength(request: Request, limit: number): void {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (Number.isFinite(n) && n > limit) throw tooLarge(limit);
  }
}

/** Reads the whole body as UTF-8 text, refusing (413) as soon as it exceeds `limit` bytes. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  checkDeclaredLength(request, limit);
  return readStreamText(request.body, limit);
}

/** Reads a body stream whole as UTF-8 text, refusing (413) as soon as it exceeds `limit` bytes. */
export async function readStreamText(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      throw malformed('The request body could not be read (connection closed or aborted).');
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(result.value);
  }
  const bytes = chunks.length === 1 ? chunks[0] : concat(chunks, total);
  try {
    return decoder.decode(bytes);
  } catch {
    throw malformed('The request body is not valid UTF-8.');
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export const MAX_JSON_DEPTH = 32;

/** Nesting depth of a JSON text (brackets outside strings); stops early once above `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** Parses JSON, with 400 problems for empty bodies, syntax errors and excessive nesting. */
export function parseJsonText(text: string): unknown {
  if (text.trim().length === 0) throw malformed('The request body is empty; send a JSON document.');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw malformed(`The JSON document is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // V8's message gives the position ("... in JSON at position 12"); the text itself is not echoed.
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw malformed(`The request body is not valid JSON${position ? ` (syntax error at position ${position})` : ''}.`);
  }
}
