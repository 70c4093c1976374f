import { z } from 'zod';
import { setLogSink } from '@/lib/api/accessLog';
import { readStreamText } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { defineOperation } from '@/lib/api/operation';
import { apiRoute, handle, type RouteContext } from '@/lib/api/route';

/** The route wrapper, end to end on Web Requests, with operations made for the test. */

const echo = defineOperation({
  operationId: 'echo',
  method: 'POST',
  path: '/api/v1/things/{id}',
  tag: 'Test',
  scope: 'score',
  params: z.object({ id: z.string().regex(/^\d+$/, 'must be a positive integer').transform(Number) }),
  query: z.strictObject({ top: z.coerce.number().int().min(1).max(10).default(3) }),
  body: {
    schema: z.union([z.strictObject({ amount: z.number() }), z.array(z.strictObject({ amount: z.number() })).max(3)]),
    schemaId: 'Echo',
    json: { maxBytes: 256 },
    csv: {
      maxBytes: 64,
      read: async (body, { maxBytes }) =>
        (await readStreamText(body, maxBytes))
          .split('\n')
          .slice(1)
          .map((l) => ({ amount: Number(l) })),
    },
  },
  response: { schema: z.object({ id: z.number(), top: z.number(), body: z.unknown() }), schemaId: 'EchoResult' },
  problems: [],
});

const read = defineOperation({
  operationId: 'read',
  method: 'GET',
  path: '/api/v1/things/{id}',
  tag: 'Test',
  scope: 'read',
  params: echo.params,
  response: { schema: z.object({ id: z.number() }), schemaId: 'Thing' },
  problems: [],
});

const handlers = apiRoute(
  handle(echo, ({ params, query, body }) => ({ id: params.id, top: query.top, body })),
  handle(read, ({ params }) => {
    if (params.id === 404) throw new ApiError('not-found', 'No such thing.');
    if (params.id === 500) throw new Error('boom with client value 123456');
    return { id: params.id };
  }),
);

const ctx = (id: string): RouteContext => ({ params: Promise.resolve({ id }) });

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }, query = '') {
  return new Request(`http://localhost/api/v1/things/7${query}`, { method: 'POST', body, headers });
}

let logLines: string[] = [];
let restoreLog: () => void;
const savedEnv = { ...process.env };

beforeEach(() => {
  logLines = [];
  restoreLog = setLogSink((line) => logLines.push(line));
  delete process.env.API_KEYS;
  process.env.API_RATE_LIMIT_RPS = 'off';
});

afterEach(() => {
  restoreLog();
  process.env = { ...savedEnv };
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const doc = await res.json();
  expect(doc).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^\/api-docs#problem-/),
      title: expect.any(String),
      status: res.status,
      detail: expect.any(String),
    }),
  );
  expect(JSON.stringify(doc)).not.toMatch(/\bat .*\.(ts|js):\d+/); // never a stack trace
  return doc;
}

describe('route wrapper', () => {
  test('valid request: 200 JSON, parsed path/query/body, request id and no-store', async () => {
    const res = await handlers.POST(post(JSON.stringify([{ amount: 1 }, { amount: 2 }]), undefined, '?top=5'), ctx('7'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ id: 7, top: 5, body: [{ amount: 1 }, { amount: 2 }] });
  });

  test('a client X-Request-Id is echoed when it is safe, replaced otherwise', async () => {
    const ok = await handlers.GET(new Request('http://localhost/x', { headers: { 'x-request-id': 'batch-42.7' } }), ctx('1'));
    expect(ok.headers.get('x-request-id')).toBe('batch-42.7');
    const bad = await handlers.GET(new Request('http://localhost/x', { headers: { 'x-request-id': 'a b<script>' } }), ctx('1'));
    expect(bad.headers.get('x-request-id')).not.toContain('script');
  });

  test('400 for invalid path and query parameters, naming them', async () => {
    const doc = await problem(await handlers.GET(new Request('http://localhost/x'), ctx('abc')));
    expect(doc).toMatchObject({ status: 400, errors: [{ path: 'path.id', message: 'must be a positive integer' }] });
    const q = await problem(await handlers.POST(post('{"amount":1}', undefined, '?top=0&foo=1'), ctx('7')));
    expect(q.status).toBe(400);
    expect(q.errors).toEqual(
      expect.arrayContaining([
        { path: 'query.top', message: 'must be ≥ 1' },
        { path: 'query.foo', message: 'unknown parameter' },
      ]),
    );
  });

  test('400 for malformed JSON, 415 for a wrong content type, 413 for an oversized body', async () => {
    expect((await problem(await handlers.POST(post('{"amount":'), ctx('7')))).status).toBe(400);
    const wrongType = await handlers.POST(post('amount=1', { 'content-type': 'application/x-www-form-urlencoded' }), ctx('7'));
    expect(wrongType.headers.get('accept-post')).toBe('application/json, text/csv');
    expect((await problem(wrongType)).status).toBe(415);
    expect((await problem(await handlers.POST(post('{}', {}), ctx('7')))).status).toBe(415);
    const big = JSON.stringify([{ amount: 1 }]).padEnd(300, ' ');
    expect((await problem(await handlers.POST(post(big), ctx('7')))).status).toBe(413);
    // CSV has its own limit.
    const csv = `amount\n${'1\n'.repeat(40)}`;
    expect((await problem(await handlers.POST(post(csv, { 'content-type': 'text/csv' }), ctx('7')))).status).toBe(413);
  });

  test('422 with the path of every invalid field; the same schema validates CSV bodies', async () => {
    const doc = await problem(await handlers.POST(post(JSON.stringify([{ amount: 1 }, { amount: 'x' }, { amount: 2, other: 3 }])), ctx('7')));
    expect(doc.status).toBe(422);
    expect(doc.errors).toEqual([
      { path: '[1].amount', message: 'expected number' },
      { path: '[2].other', message: 'unknown field' },
    ]);
    const one = await problem(await handlers.POST(post('{"amount": null}'), ctx('7')));
    expect(one.errors).toEqual([{ path: 'amount', message: 'expected number' }]);
    const scalar = await problem(await handlers.POST(post('42'), ctx('7')));
    expect(scalar.errors).toEqual([{ path: 'body', message: 'expected object or array' }]);
    const csv = await handlers.POST(post('amount\n5', { 'content-type': 'text/csv' }), ctx('7'));
    expect(await csv.json()).toMatchObject({ body: [{ amount: 5 }] });
  });

  test('405 with Allow for a method the path does not have', async () => {
    const res = await handlers.DELETE(new Request('http://localhost/x', { method: 'DELETE' }), ctx('7'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    await problem(res);
  });

  test('domain errors become their problem; unexpected errors a 500 without details, logged without the message', async () => {
    expect((await problem(await handlers.GET(new Request('http://localhost/x'), ctx('404')))).status).toBe(404);
    const prev = process.env.NODE_ENV;
    Object.assign(process.env, { NODE_ENV: 'production' });
    const res = await handlers.GET(new Request('http://localhost/x'), ctx('500'));
    Object.assign(process.env, { NODE_ENV: prev });
    const doc = await problem(res);
    expect(doc.status).toBe(500);
    expect(JSON.stringify(doc)).not.toContain('boom');
    const errorLine = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unexpected error');
    expect(errorLine).toMatchObject({ level: 'error', error: 'Error', route: '/api/v1/things/{id}' });
    expect(JSON.stringify(errorLine)).not.toContain('123456');
  });

  test('one JSON access-log line per request: template route, status, latency — no ids, query or body', async () => {
    await handlers.POST(post(JSON.stringify({ amount: 987654 }), undefined, '?top=4'), ctx('424242'));
    await handlers.GET(new Request('http://localhost/x'), ctx('404'));
    const entries = logLines.map((l) => JSON.parse(l));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      ts: expect.any(String),
      level: 'info',
      msg: 'access',
      method: 'POST',
      route: '/api/v1/things/{id}',
      status: 200,
      ms: expect.any(Number),
      requestId: expect.any(String),
    });
    expect(entries[1]).toMatchObject({ status: 404, problem: 'not-found' });
    const all = logLines.join('');
    for (const secret of ['424242', '987654', 'top=4']) expect(all).not.toContain(secret);
    process.env.API_ACCESS_LOG = 'off';
    await handlers.GET(new Request('http://localhost/x'), ctx('1'));
    expect(logLines).toHaveLength(2);
  });

  test('API keys: 401 without, 403 without the scope, 200 with; the log names the key by its label only', async () => {
    process.env.API_KEYS = 'full-key,read-only:read';
    expect((await problem(await handlers.GET(new Request('http://localhost/x'), ctx('1')))).status).toBe(401);
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    expect((await handlers.GET(new Request('http://localhost/x', { headers: auth('full-key') }), ctx('1'))).status).toBe(200);
    expect((await handlers.GET(new Request('http://localhost/x', { headers: auth('read-only') }), ctx('1'))).status).toBe(200);
    const forbidden = await handlers.POST(post('{"amount":1}', { ...auth('read-only'), 'content-type': 'application/json' }), ctx('7'));
    expect((await problem(forbidden)).status).toBe(403);
    expect(logLines.join('')).not.toContain('full-key');
    expect(JSON.parse(logLines[1]).client).toMatch(/^key:[0-9a-f]{8}$/);
  });

  test('rate limit: RateLimit headers on every response, 429 with Retry-After beyond the burst, per key', async () => {
    process.env.API_KEYS = 'k1,k2';
    process.env.API_RATE_LIMIT_RPS = '1';
    process.env.API_RATE_LIMIT_BURST = '2';
    const get = (key: string) => handlers.GET(new Request('http://localhost/x', { headers: { authorization: `Bearer ${key}` } }), ctx('1'));
    const first = await get('k1');
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await get('k1')).status).toBe(200);
    const limited = await get('k1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await problem(limited);
    expect((await get('k2')).status).toBe(200);
    // Failed authentications are limited per address too.
    const noKey = () => handlers.GET(new Request('http://localhost/x', { headers: { 'x-forwarded-for': '10.1.1.1' } }), ctx('1'));
    expect((await noKey()).status).toBe(401);
    expect((await noKey()).status).toBe(401);
    expect((await noKey()).status).toBe(429);
  });
});

describe('field paths', () => {
  test('plain keys as they are, odd keys quoted and cut, array items by index', async () => {
    const { formatPath } = await import('@/lib/api/fieldErrors');
    expect(formatPath([3, 'AMT_CREDIT'])).toBe('[3].AMT_CREDIT');
    expect(formatPath(['top'], 'query')).toBe('query.top');
    expect(formatPath(['changes', 'AMT_CREDIT'])).toBe('changes.AMT_CREDIT');
    expect(formatPath([''])).toBe('[""]');
    expect(formatPath([0, '日本語'])).toBe('[0]["日本語"]');
    expect(formatPath(['x'.repeat(100)])).toBe(`["${'x'.repeat(40)}…"]`);
    expect(formatPath([])).toBe('body');
  });
});

describe('routes without query parameters', () => {
  test('refuse unknown query parameters with 400', async () => {
    const res = await handlers.GET(new Request('http://localhost/x?verbose=1'), ctx('1'));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ path: 'query.verbose', message: 'unknown parameter' }]);
  });
});

describe('large array bodies', () => {
  test('are validated in slices with the same paths, and their length bound checked first', async () => {
    const { validateBody, VALIDATION_SLICE } = await import('@/lib/api/route');
    const schema = z
      .array(z.strictObject({ amount: z.number() }))
      .min(1)
      .max(3000);
    const items = Array.from({ length: 2 * VALIDATION_SLICE + 7 }, (_, i) => ({ amount: i }));
    expect(await validateBody(schema, items)).toEqual(items);
    const bad = items.map((x, i) => (i === VALIDATION_SLICE + 3 ? { amount: 'x' } : i === 2 * VALIDATION_SLICE + 1 ? { ...x, more: 1 } : x));
    await expect(validateBody(schema, bad)).rejects.toMatchObject({
      slug: 'validation-failed',
      errors: [
        { path: `[${VALIDATION_SLICE + 3}].amount`, message: 'expected number' },
        { path: `[${2 * VALIDATION_SLICE + 1}].more`, message: 'unknown field' },
      ],
    });
    await expect(
      validateBody(
        schema,
        Array.from({ length: 3001 }, () => ({ amount: 1 })),
      ),
    ).rejects.toMatchObject({
      errors: [{ path: 'body', message: 'at most 3000 items' }],
    });
  });
});

describe('OPTIONS', () => {
  test('lists the methods the path really has', async () => {
    const res = await handlers.OPTIONS(new Request('http://localhost/x', { method: 'OPTIONS' }), ctx('1'));
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
  });
});
