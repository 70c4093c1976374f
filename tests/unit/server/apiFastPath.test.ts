import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { setLogSink } from '@/lib/api/accessLog';
import { requireCreditEngine } from '@/lib/api/creditEngine';
import { API_OPERATIONS, OPERATIONS } from '@/lib/api/operations';
import { type PathHandlers, ROUTE_METHODS, type RouteHandler } from '@/lib/api/route';
import { API_NOT_FOUND, API_ROUTES, type ApiRoutePath } from '@/lib/api/routes';
import { acceptsGzip, compileRoutes, createApiFastPath, GZIP_MIN_BYTES, matchRoute } from '@/lib/server/apiFastPath';
import { compileHeaderRules, loadConfigHeaderRules } from '@/lib/server/configHeaders';
import { parseServerArgs } from '@/lib/server/start';

/**
 * The production server's direct API path (lib/server): route matching, the headers of
 * next.config.js, gzip negotiation, its options — and, end to end on a real node:http server,
 * that it answers exactly what the routes' own handlers answer, and leaves every other request
 * to Next.js.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('route table', () => {
  function routeFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
    });
  }

  it('has exactly one entry per app/api/v1 route file, which re-exports the one of an operation whose path is where the file stands', () => {
    const files = routeFiles(path.join(ROOT, 'app', 'api', 'v1'));
    const templates = files.map((f) =>
      `/${path.relative(path.join(ROOT, 'app'), path.dirname(f)).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}'),
    );
    expect([...templates].sort()).toEqual(Object.keys(API_ROUTES).sort());
    files.forEach((file, i) => {
      const operationId = /API_ROUTES\[op\.(\w+)\.path\]/.exec(fs.readFileSync(file, 'utf8'))?.[1];
      expect(API_OPERATIONS[operationId as keyof typeof API_OPERATIONS]?.path).toBe(templates[i]);
    });
  });

  it('is built from the operation catalogue: one entry per path, allowing the methods of its operations', async () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual([...new Set(OPERATIONS.map((op) => op.path))].sort());
    for (const op of OPERATIONS) {
      const res = await API_ROUTES[op.path as ApiRoutePath].OPTIONS(new Request(`http://localhost${op.path}`, { method: 'OPTIONS' }), {
        params: Promise.resolve({}),
      });
      expect(res.headers.get('allow')?.split(', ')).toContain(op.method);
    }
  });

  it('matches a path exactly, decodes its parameters, and leaves anything else to Next.js', () => {
    const routes = compileRoutes(API_ROUTES);
    expect(matchRoute(routes, '/api/v1/health')?.template).toBe('/api/v1/health');
    expect(matchRoute(routes, '/api/v1/applications/100002/explanation')).toMatchObject({
      template: '/api/v1/applications/{id}/explanation',
      params: { id: '100002' },
    });
    expect(matchRoute(routes, '/api/v1/applications/a%20b')?.params).toEqual({ id: 'a b' });
    expect(matchRoute(routes, '/api/v1/openapi.json')?.template).toBe('/api/v1/openapi.json');
    for (const other of [
      '/api/v1/health/',
      '/api/v1/openapiXjson',
      '/api/v1/applications/1/2/score',
      '/api/v1/applications/%E0%A4%A',
      '/api/v2/health',
      '/api/v1',
    ]) {
      expect(matchRoute(routes, other)).toBeUndefined();
    }
  });
});

describe('headers of next.config.js', () => {
  it('gives API responses the API policy and every common security header, pages the page policy', async () => {
    const headersFor = compileHeaderRules(await loadConfigHeaderRules(ROOT));
    const api = new Map(headersFor('/api/v1/health'));
    expect(api.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(api.get('x-content-type-options')).toBe('nosniff');
    expect(api.get('referrer-policy')).toBe('no-referrer');
    expect(api.get('x-frame-options')).toBe('DENY');
    const page = new Map(headersFor('/dashboard'));
    expect(page.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(new Map(headersFor('/apix')).get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses rule forms it cannot evaluate, so the two servers cannot drift silently', () => {
    expect(() => compileHeaderRules([{ source: '/blog/:slug', headers: [] }])).toThrow('unsupported source');
    expect(() => compileHeaderRules([{ source: '/(.*)', headers: [] }])).toThrow('unsupported source');
    expect(() => compileHeaderRules([{ source: '/:path*', headers: [], has: [{ type: 'header', key: 'x' }] }])).toThrow(
      'unsupported rule options has',
    );
    const h = compileHeaderRules([
      { source: '/:path*', headers: [{ key: 'X-A', value: '1' }] },
      { source: '/api/:path*', headers: [{ key: 'X-A', value: '2' }] },
      { source: '/exact', headers: [{ key: 'X-B', value: '3' }] },
    ]);
    expect(h('/api/x')).toEqual([['x-a', '2']]);
    expect(h('/exact')).toEqual([
      ['x-a', '1'],
      ['x-b', '3'],
    ]);
  });
});

describe('gzip negotiation and server options', () => {
  it('accepts gzip only when the client does, with a non-zero quality', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*;q=1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('reads -p/--port, -H/--hostname and PORT, and names a bad option', () => {
    expect(parseServerArgs([], {})).toEqual({ port: 3000, hostname: undefined });
    expect(parseServerArgs([], { PORT: '4000' })).toEqual({ port: 4000, hostname: undefined });
    expect(parseServerArgs(['-p', '0', '-H', '127.0.0.1'], { PORT: '4000' })).toEqual({ port: 0, hostname: '127.0.0.1' });
    expect(parseServerArgs(['--port=8080', '--hostname', '::'], {})).toEqual({ port: 8080, hostname: '::' });
    expect(() => parseServerArgs(['-p'], {})).toThrow('-p needs a value');
    expect(() => parseServerArgs(['-p', 'http'], {})).toThrow('the port must be an integer between 0 and 65535, got "http"');
    expect(() => parseServerArgs(['--turbo'], {})).toThrow('unknown option --turbo');
  });
});

describe('the direct API path on a node:http server', () => {
  let server: http.Server;
  let base: string;
  let restoreLog: () => void;
  const fellThrough: string[] = [];

  beforeAll(async () => {
    restoreLog = setLogSink(() => undefined);
    // The store and the model load once, here (on a clean clone the data caches are built first):
    // the comparisons below then measure answers, not the first load.
    await requireCreditEngine();
    const headersFor = compileHeaderRules(await loadConfigHeaderRules(ROOT));
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    const fastPath = createApiFastPath({ routes: API_ROUTES, headersFor, port });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (fastPath(req, res)) return;
      fellThrough.push(`${req.method} ${req.url}`);
      res.statusCode = 299; // stands for Next.js
      res.end('next');
    });
  }, 240_000);

  afterAll(async () => {
    restoreLog();
    await new Promise((resolve) => server.close(resolve));
  });

  /** What the route's own handler answers for the same request (what Next.js would call). */
  async function direct(
    template: ApiRoutePath,
    method: 'GET' | 'POST',
    pathAndQuery: string,
    params: Record<string, string>,
    init: RequestInit = {},
  ) {
    const headers = new Headers(init.headers);
    headers.set('x-request-id', 'parity-1');
    const res = await API_ROUTES[template][method](new Request(`${base}${pathAndQuery}`, { ...init, method, headers }), {
      params: Promise.resolve(params),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }

  async function viaServer(pathAndQuery: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('x-request-id', 'parity-1');
    const res = await fetch(`${base}${pathAndQuery}`, { ...init, headers });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text(), headers: res.headers };
  }

  it('answers what the handlers answer: stored score and explanation, a 404, a 400, a scored body, a 422, a 415', async () => {
    const cases: [ApiRoutePath, 'GET' | 'POST', string, Record<string, string>, RequestInit?][] = [
      ['/api/v1/applications/{id}/score', 'GET', '/api/v1/applications/100002/score', { id: '100002' }],
      ['/api/v1/applications/{id}/explanation', 'GET', '/api/v1/applications/100002/explanation?top=4&lang=en', { id: '100002' }],
      ['/api/v1/applications/{id}/score', 'GET', '/api/v1/applications/99/score', { id: '99' }],
      ['/api/v1/applications/{id}/explanation', 'GET', '/api/v1/applications/100002/explanation?top=0', { id: '100002' }],
      [
        '/api/v1/score',
        'POST',
        '/api/v1/score?top=2',
        {},
        {
          body: JSON.stringify({ AMT_CREDIT: 500000, AMT_ANNUITY: 25000, AMT_INCOME_TOTAL: 150000 }),
          headers: { 'content-type': 'application/json' },
        },
      ],
      [
        '/api/v1/score',
        'POST',
        '/api/v1/score',
        {},
        { body: JSON.stringify({ AMT_CREDIT: 'lots' }), headers: { 'content-type': 'application/json' } },
      ],
      ['/api/v1/score', 'POST', '/api/v1/score', {}, { body: 'AMT_CREDIT', headers: { 'content-type': 'text/plain' } }],
    ];
    const statuses: number[] = [];
    for (const [template, method, url, params, init] of cases) {
      const a = await direct(template, method, url, params, init);
      const b = await viaServer(url, { ...init, method });
      expect({ url, status: b.status, type: b.type, body: JSON.parse(b.body) }).toEqual({
        url,
        status: a.status,
        type: a.type,
        body: JSON.parse(a.body),
      });
      statuses.push(b.status);
    }
    expect(statuses).toEqual([200, 200, 404, 400, 200, 422, 415]);
    expect(fellThrough).toEqual([]);
  });

  it('adds the security headers of next.config.js and the route headers', async () => {
    const r = await viaServer('/api/v1/applications/100002/score');
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-request-id')).toBe('parity-1');
    expect(r.headers.get('ratelimit-limit')).not.toBeNull();
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('gzips a large body for a client that accepts it, and only then', async () => {
    const url = `${base}/api/v1/applications/100002/explanation?top=10`;
    const plain = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve) => http.get(url, (res) => collect(res, resolve)));
    const zipped = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve) =>
      http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => collect(res, resolve)),
    );
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThanOrEqual(GZIP_MIN_BYTES);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(JSON.parse(zlib.gunzipSync(zipped.body).toString('utf8')).id).toBe(100002);
    expect(JSON.parse(zlib.gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });

  it('HEAD runs GET without a body, OPTIONS lists the methods, any other method is a 405 problem', async () => {
    const head = await fetch(`${base}/api/v1/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await fetch(`${base}/api/v1/score`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
    for (const method of ['TRACE', 'PROPFIND', 'DELETE']) {
      const res = await new Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve) => {
        const req = http.request(`${base}/api/v1/health`, { method }, (r) => collect(r, (x) => resolve({ status: r.statusCode, ...x })));
        req.end();
      });
      expect({ method, status: res.status }).toEqual({ method, status: 405 });
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(JSON.parse(res.body.toString('utf8')).detail).toBe(`${method} is not allowed on /api/v1/health; use GET.`);
    }
  });

  it('answers 413 to an oversized body without resetting the connection, which then serves the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, p: string, body?: Buffer, headers: Record<string, string> = {}) =>
      new Promise<{ status?: number; body: Buffer; socket: unknown }>((resolve, reject) => {
        const req = http.request(`${base}${p}`, { method, agent, headers }, (r) =>
          collect(r, (x) => resolve({ status: r.statusCode, body: x.body, socket: req.socket })),
        );
        req.on('error', reject);
        req.end(body);
      });
    const big = Buffer.from(`[{}${' '.repeat(5 * 1024 * 1024)}]`);
    // Declared length over the limit (refused before reading), then a chunked body that grows over it.
    const declared = await send('POST', '/api/v1/score', big, { 'content-type': 'application/json', 'content-length': String(big.length) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString('utf8')).type).toBe('/api-docs#problem-payload-too-large');
    const chunked = await send('POST', '/api/v1/score', big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    const after = await send('GET', '/api/v1/applications/100002/score');
    expect(after.status).toBe(200);
    expect(after.socket).toBe(chunked.socket); // the same kept-alive connection
    agent.destroy();
  });

  it("gives the handler the client's signal: aborted when the client goes away before the answer", async () => {
    const seen: { aborted: boolean; bodyRead: string }[] = [];
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const waitForAbort: RouteHandler = async (request) => {
      const record = { aborted: false, bodyRead: await request.text() };
      seen.push(record);
      entered();
      await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
      record.aborted = request.signal.aborted;
      return new Response('late');
    };
    const handlers = Object.fromEntries([...ROUTE_METHODS, 'otherMethod'].map((m) => [m, waitForAbort])) as unknown as PathHandlers;
    const own = http.createServer();
    const fast = createApiFastPath({ routes: { '/api/v1/wait': handlers }, headersFor: () => [], port: 0 });
    own.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void fast(req, res));
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    try {
      const req = http.request(`http://127.0.0.1:${(own.address() as AddressInfo).port}/api/v1/wait`, { method: 'POST' });
      req.on('error', () => undefined);
      req.end('body read through the stream');
      await inHandler;
      expect(seen[0]).toEqual({ aborted: false, bodyRead: 'body read through the stream' });
      req.destroy(); // the client leaves
      for (let i = 0; i < 100 && !seen[0].aborted; i++) await new Promise((r) => setTimeout(r, 10));
      expect(seen[0].aborted).toBe(true);
    } finally {
      own.closeAllConnections();
      await new Promise((resolve) => own.close(resolve));
    }
  });

  it('leaves pages, trailing slashes, unknown API paths and bad escapes to Next.js', async () => {
    fellThrough.length = 0;
    for (const p of ['/', '/dashboard?lang=en', '/api/v1/health/', '/api/v1/nope', '/api/v1/applications/%E0%A4%A/score', '/_next/static/x.js']) {
      const r = await fetch(`${base}${p}`);
      expect({ p, status: r.status }).toEqual({ p, status: 299 });
    }
    expect(fellThrough).toHaveLength(6);
  });

  it('the not-found handlers that Next.js serves for unknown API paths are problem documents', async () => {
    const res = await API_NOT_FOUND.GET(new Request(`${base}/api/v1/nope`), { params: Promise.resolve({}) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

function collect(res: http.IncomingMessage, done: (x: { headers: http.IncomingHttpHeaders; body: Buffer }) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
}
