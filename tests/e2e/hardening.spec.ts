import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The production server under abuse, on a server of its own started with a low rate limit
 * (API_RATE_LIMIT_RPS=5, burst 5) and 127.0.0.2 as its only trusted proxy: a client connecting
 * from 127.0.0.1 is direct, one connecting from 127.0.0.2 is "the proxy". Timings are measured by
 * `npm run bench:hardening`, not here; the 35 s below is the protocol deadline under test.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

let server: ChildProcess | undefined;
let port = 0;

function send(
  method: string,
  p: string,
  options: { body?: string | Buffer; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: p, headers: options.headers, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test.describe('hardening (own server: API_RATE_LIMIT_RPS=5, TRUSTED_PROXIES=127.0.0.2)', () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', path.join('lib', 'server', 'start.ts'), '-p', String(port), '-H', '127.0.0.1'], {
      env: {
        ...process.env,
        API_RATE_LIMIT_RPS: '5',
        API_RATE_LIMIT_BURST: '',
        TRUSTED_PROXIES: '127.0.0.2',
        API_ACCESS_LOG: 'off',
        CREDIT_WARMUP: 'off',
      },
      stdio: 'ignore',
    });
    for (let i = 0; ; i++) {
      const up = await send('GET', '/api/v1/openapi.json', { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': `192.0.2.${i % 250}` } }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (i > 200) throw new Error('the hardening server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
  });

  test('a direct client cannot escape its rate limit by rotating X-Forwarded-For; through the trusted proxy each forwarded address has its own', async () => {
    const direct: number[] = [];
    for (let i = 0; i < 30; i++) direct.push((await send('GET', '/api/v1/health', { headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status);
    expect(direct.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    const proxied: number[] = [];
    for (let i = 0; i < 30; i++) {
      proxied.push((await send('GET', '/api/v1/health', { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
    }
    expect(proxied.filter((s) => s === 429)).toEqual([]);
    // A client that forges a trusted proxy's address in the header gains nothing either.
    const forged: number[] = [];
    for (let i = 0; i < 12; i++)
      forged.push((await send('GET', '/api/v1/health', { headers: { 'x-forwarded-for': `203.0.113.${i}, 127.0.0.2` } })).status);
    expect(forged.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
  });

  test('a body trickled 2 bytes every 5 s is answered 408 (a problem document) and the connection closed by the 30 s deadline', async () => {
    test.setTimeout(60_000);
    const started = Date.now();
    const outcome = await new Promise<{ status: number; type: string | undefined; closedAfterMs: number }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/score',
        localAddress: '127.0.0.2',
        headers: { 'content-type': 'text/csv', 'content-length': '100000', 'x-forwarded-for': '198.51.100.200' },
        agent: false,
      });
      let status = 0;
      let type: string | undefined;
      const timer = setInterval(() => req.write('1\n'), 5_000);
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        type = res.headers['content-type'];
        res.resume();
        res.on('close', () => {
          clearInterval(timer);
          resolve({ status, type, closedAfterMs: Date.now() - started });
        });
      });
      req.on('error', (err) => {
        clearInterval(timer);
        if (status) resolve({ status, type, closedAfterMs: Date.now() - started });
        else reject(err);
      });
      req.write('AMT_CREDIT\n');
    });
    console.log(`trickling client: ${outcome.status} after ${(outcome.closedAfterMs / 1000).toFixed(1)} s`);
    expect(outcome.status).toBe(408);
    expect(outcome.type).toBe('application/problem+json');
    expect(outcome.closedAfterMs).toBeLessThan(35_000);
  });
});

test.describe('hardening (the suite server)', () => {
  test('a 1,000,000-row CSV is refused at the record limit (413); a 20 MB body by its declared length', async ({ request }) => {
    const rows = await request.post('/api/v1/score?explain=false', {
      headers: { 'content-type': 'text/csv' },
      data: Buffer.from(`AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL\n${'1,1,1\n'.repeat(1_000_000)}`),
    });
    expect(rows.status()).toBe(413);
    expect((await rows.json()).detail).toMatch(/at most 10000 applications/);
    const explained = await request.post('/api/v1/score?top=50', {
      headers: { 'content-type': 'text/csv' },
      data: Buffer.from(`AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL\n${'1,1,1\n'.repeat(300)}`),
    });
    expect(explained.status()).toBe(413);
    expect((await explained.json()).detail).toMatch(/at most 200 applications \(applications × top ≤ 10000\)/);
    const big = await request.post('/api/v1/score', { headers: { 'content-type': 'text/csv' }, data: Buffer.alloc(20 * 1024 * 1024, 0x31) });
    expect(big.status()).toBe(413);
    // Invalid records are not counted forever either: reading stops at the 1,000th problem.
    const invalid = await request.post('/api/v1/score', {
      headers: { 'content-type': 'text/csv' },
      data: Buffer.from(`AMT_CREDIT\n${'1\n'.repeat(1_000_000)}`),
    });
    expect(invalid.status()).toBe(422);
  });

  test('a streamed batch answer (gzip) is complete and in request order', async ({ request }) => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${i + 1},${100000 + i},${9000 + i},150000`).join('\n');
    const res = await request.post('/api/v1/score?top=2', {
      headers: { 'content-type': 'text/csv', 'accept-encoding': 'gzip' },
      data: Buffer.from(`SK_ID_CURR,AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL\n${rows}\n`),
    });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-encoding']).toBe('gzip');
    const body = (await res.json()) as { results: { index: number; id: number; explanation?: unknown }[] };
    expect(body.results).toHaveLength(1200);
    expect(body.results.map((r) => r.id)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(body.results[1199].explanation).toBeDefined();
  });

  test('server actions refused for their origin or size answer 403 / 413 problems, not 500', async ({ request }) => {
    const self = new URL(String(test.info().project.use.baseURL)).origin;
    const foreign = await request.post('/veille', {
      headers: { 'next-action': '0123456789abcdef', origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      data: '[]',
    });
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()['content-type']).toBe('application/problem+json');
    const large = await request.post('/veille', {
      headers: { 'next-action': '0123456789abcdef', origin: self, 'content-type': 'text/plain;charset=UTF-8' },
      data: Buffer.alloc(1024 * 1024 + 1, 0x20),
    });
    expect(large.status()).toBe(413);
  });

  test('per-client answers are not stored: type-ahead suggestions carry Cache-Control: no-store', async ({ request }) => {
    const res = await request.get('/dashboard/suggestions?q=10000');
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-store');
  });
});
