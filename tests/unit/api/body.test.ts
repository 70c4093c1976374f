import { ApiError } from '@/lib/api/errors';
import { acceptedMediaType, jsonDepthExceeds, MAX_JSON_DEPTH, mediaTypeOf, parseJsonText, readBodyText } from '@/lib/api/body';

function slugOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? e.slug : `not an ApiError: ${String(e)}`;
  }
  return undefined;
}

async function slugOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof ApiError ? e.slug : `not an ApiError: ${String(e)}`;
  }
  return undefined;
}

/** A request whose body stream produces `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamingRequest(chunks: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) {
        controller.close();
        return;
      }
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const request = new Request('http://x/api', { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('request bodies', () => {
  test('media types: JSON (+json suffixes), CSV; parameters ignored; other types and charsets refused with 415', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(acceptedMediaType('application/json', ['application/json'])).toBe('application/json');
    expect(acceptedMediaType('application/merge-patch+json', ['application/json'])).toBe('application/json');
    expect(acceptedMediaType('text/csv; charset=UTF-8', ['application/json', 'text/csv'])).toBe('text/csv');
    expect(slugOf(() => acceptedMediaType('text/csv', ['application/json']))).toBe('unsupported-media-type');
    expect(slugOf(() => acceptedMediaType(null, ['application/json']))).toBe('unsupported-media-type');
    expect(slugOf(() => acceptedMediaType('application/json; charset=latin1', ['application/json']))).toBe('unsupported-media-type');
    try {
      acceptedMediaType('text/plain', ['application/json', 'text/csv']);
    } catch (e) {
      expect((e as ApiError).headers).toEqual({ 'accept-post': 'application/json, text/csv' });
    }
  });

  test('a declared Content-Length above the limit is refused before reading anything', async () => {
    const { request, pulled } = streamingRequest(100, 1024, { 'content-length': String(100 * 1024) });
    expect(await slugOfAsync(readBodyText(request, 10 * 1024))).toBe('payload-too-large');
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  test('an undeclared body is abandoned as soon as it exceeds the limit (never buffered whole)', async () => {
    const { request, pulled } = streamingRequest(10_000, 1024); // 10 MB offered
    expect(await slugOfAsync(readBodyText(request, 64 * 1024))).toBe('payload-too-large');
    expect(pulled()).toBeLessThan(70);
  });

  test('a body within the limit is read whole; invalid UTF-8 is a 400', async () => {
    expect(await readBodyText(new Request('http://x', { method: 'POST', body: '{"a":"é"}' }), 100)).toBe('{"a":"é"}');
    const bad = new Request('http://x', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(await slugOfAsync(readBodyText(bad, 100))).toBe('malformed-request');
  });

  test('JSON: syntax errors, empty bodies and deep nesting are 400 without echoing the body', () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
    expect(parseJsonText('1e999')).toBe(Infinity); // left to the schema, which refuses non-finite numbers
    for (const text of ['', '   ', '{', "{'a':1}", 'NaN', '{"a": Infinity}', '[1,]', 'secret-client-value']) {
      expect(slugOf(() => parseJsonText(text))).toBe('malformed-request');
    }
    try {
      parseJsonText('secret-client-value');
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(jsonDepthExceeds(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(slugOf(() => parseJsonText(deep))).toBe('malformed-request');
    expect(slugOf(() => parseJsonText('['.repeat(500_000)))).toBe('malformed-request');
    // Brackets inside strings do not count.
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"' }), MAX_JSON_DEPTH)).toBe(false);
  });
});
