import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { expectProblem, expectSecurityHeaders } from './api-helpers';

/**
 * Security of the API and pages: headers on every kind of response, a Content-Security-Policy
 * that the pages (Next.js runtime, Plotly charts) run under without violations, the /api-docs
 * page, and — against a second server started here with API_KEYS and a low rate limit — API
 * keys (401/403) and per-key rate limiting (429 with Retry-After).
 */

test.describe('security headers and CSP', () => {
  test('every response carries the security headers: pages, API JSON, API problems, static files', async ({ request, page }) => {
    for (const url of ['/', '/api-docs']) {
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      expectSecurityHeaders(res.headers(), 'page');
    }
    for (const url of ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/nope', '/api/v1/applications/abc']) {
      expectSecurityHeaders((await request.get(url)).headers(), 'api');
    }
    await page.goto('/');
    const script = await page.locator('script[src*="/_next/static/"]').first().getAttribute('src');
    expect(script).toBeTruthy();
    expectSecurityHeaders((await request.get(script as string)).headers(), 'page');
  });

  test('pages run under the CSP without a single violation (Next.js runtime, Plotly charts)', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const url of ['/', '/api-docs', '/dashboard', '/dashboard/clients/100002', '/donnees', '/modele', '/veille']) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBeLessThan(500);
      await page.waitForLoadState('networkidle');
    }
    // The data page draws Plotly charts: they must actually render under the policy.
    await page.goto('/donnees');
    const plots = page.locator('.js-plotly-plot');
    if ((await plots.count()) > 0) await expect(plots.first().locator('svg.main-svg').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('framing is refused (frame-ancestors none)', async ({ page, baseURL }) => {
    await page.setContent(`<iframe id="f" src="${baseURL}/api-docs"></iframe>`);
    await page.waitForTimeout(1000);
    const frame = page.frames().find((f) => f.url().includes('/api-docs'));
    const heading = frame
      ? await frame
          .locator('h1')
          .count()
          .catch(() => 0)
      : 0;
    expect(heading).toBe(0);
  });
});

test.describe('/api-docs page', () => {
  test('documents every route with examples and curl, every problem type with its anchor; accessible', async ({ page, request }) => {
    await page.goto('/api-docs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API de scoring');
    const doc = await (await request.get('/api/v1/openapi.json')).json();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)) {
      for (const op of Object.values(ops)) {
        const article = page.locator(`#op-${op.operationId}`);
        await expect(article).toContainText(p);
        await expect(article.locator('pre', { hasText: 'curl -sS' })).toHaveCount(1);
      }
    }
    for (const slug of ['validation-failed', 'unauthorized', 'rate-limited', 'payload-too-large']) {
      await expect(page.locator(`#problem-${slug}`)).toBeVisible();
    }
    const problem = await (await request.get('/api/v1/nope')).json();
    await expect(page.locator(problem.type.replace('/api-docs', ''))).toBeVisible(); // the type URI resolves to its anchor
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
});

// --- a second server with API keys and a low rate limit ---

const KEYS = { full: 'e2e-full-key-0123456789', read: 'e2e-read-key-0123456789', other: 'e2e-other-key-0123456789' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

test.describe('API keys and rate limits (server started with API_KEYS)', () => {
  let server: ChildProcess | undefined;
  let api: APIRequestContext;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', path.join('lib', 'server', 'start.ts'), '-p', String(port), '-H', '127.0.0.1'], {
      env: {
        ...process.env,
        API_KEYS: `${KEYS.full},${KEYS.read}:read,${KEYS.other}`,
        API_RATE_LIMIT_RPS: '0.5',
        API_RATE_LIMIT_BURST: '6',
        API_ACCESS_LOG: 'off',
        // The tests stand for the proxy: each gives itself a client address with X-Forwarded-For.
        TRUSTED_PROXIES: '127.0.0.1,::1',
      },
      stdio: 'ignore',
    });
    api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${port}` });
    for (let i = 0; ; i++) {
      // Every /api/v1 route needs a key once API_KEYS is set: health answers 401 until then.
      const ok = await api.get('/api/v1/health').then(
        (r) => r.status() === 401,
        () => false,
      );
      if (ok) break;
      if (i > 200) throw new Error('the secured server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test.afterAll(async () => {
    await api?.dispose();
    server?.kill('SIGTERM');
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  test('401 without a key or with a wrong one, on every route including health and the OpenAPI document', async () => {
    // Unauthenticated requests are limited per client address: give this test its own.
    const from = { 'x-forwarded-for': '10.0.0.1' };
    const none = await api.get('/api/v1/applications/100002', { headers: from });
    expect(none.headers()['www-authenticate']).toBe('Bearer realm="api"');
    await expectProblem(none, 401);
    const wrong = await api.get('/api/v1/applications/100002', { headers: { ...from, ...bearer('not-a-key') } });
    expect(wrong.headers()['www-authenticate']).toContain('invalid_token');
    await expectProblem(wrong, 401);
    await expectProblem(await api.get('/api/v1/applications/100002', { headers: { ...from, authorization: `Basic ${KEYS.full}` } }), 401);
    expect((await api.get('/api/v1/applications/100002', { headers: bearer(KEYS.full) })).status()).toBe(200);
    await expectProblem(await api.get('/api/v1/health', { headers: from }), 401);
    await expectProblem(await api.get('/api/v1/openapi.json', { headers: from }), 401);
    expect((await api.get('/api/v1/health', { headers: bearer(KEYS.read) })).status()).toBe(200);
    expect((await api.get('/api/v1/openapi.json', { headers: bearer(KEYS.read) })).status()).toBe(200);
  });

  test('403 when the key lacks the scope: a read-only key cannot score', async () => {
    expect((await api.get('/api/v1/applications/100002', { headers: bearer(KEYS.read) })).status()).toBe(200);
    const res = await api.post('/api/v1/score', { headers: bearer(KEYS.read), data: {} });
    await expectProblem(res, 403);
  });

  test('per-key rate limit: a burst, then 429 with Retry-After; another key is not affected', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<APIRequestContext['get']>> | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await api.get('/api/v1/applications?limit=1', { headers: bearer(KEYS.other) });
      statuses.push(r.status());
      expect(r.headers()['ratelimit-limit']).toBe('6');
      if (r.status() === 429) limited = r;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(6);
    expect(statuses).toContain(429);
    expect(Number(limited?.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    await expectProblem(limited as NonNullable<typeof limited>, 429);
    expect((await api.get('/api/v1/applications?limit=1', { headers: bearer(KEYS.full) })).status()).toBe(200);
  });
});
