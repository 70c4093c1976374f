/**
 * npm run bench:ui — speed of the analyst's client page on the production build:
 *  1. server time: full HTML response of /dashboard/clients/<id> for distinct clients (half new
 *     applications, half historical loans), first view and repeated view, after a warm-up;
 *  2. full draw in headless Chromium: navigation start → every chart drawn (data-drawn="true"),
 *     in a fresh browser context (cold HTTP cache) and in a used one (scripts cached);
 *  3. JavaScript weight: the Plotly chunk is loaded by chart pages only, and is a partial bundle.
 *
 * Uses BENCH_URL when a server is already running, else starts the production server (`npm start`) on UI_BENCH_PORT
 * (default 3102) from NEXT_DIST_DIR (default .next; run `npm run build` first). Targets: server
 * p50 ≤ 300 ms, full draw p50 ≤ 2 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { openHomeCreditStore } from '../../lib/data/homeCreditStore';

const SERVER_CLIENTS = Number(process.env.UI_BENCH_CLIENTS ?? 60);
const BROWSER_CLIENTS = Number(process.env.UI_BENCH_BROWSER_CLIENTS ?? 12);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function summary(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1] };
}

const fmt = (x: number) => `${x.toFixed(0)} ms`;

/** Deterministic spread of ids: every k-th id of each set. */
function benchIds(n: number): number[] {
  const store = openHomeCreditStore();
  const pick = (ids: Float64Array, k: number, offset: number) =>
    Array.from({ length: k }, (_, i) => ids[(offset + i * Math.floor(ids.length / k)) % ids.length]);
  const half = Math.ceil(n / 2);
  const out: number[] = [];
  const a = pick(store.test.ids, half, 17);
  const b = pick(store.train.ids, n - half, 29);
  for (let i = 0; i < half; i++) {
    out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not start in ${timeoutMs} ms`);
}

async function startServer(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL.replace(/\/$/, '') };
  const port = Number(process.env.UI_BENCH_PORT ?? 3102);
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`no production build in ${distDir}: run npm run build (or set NEXT_DIST_DIR)`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('lib', 'server', 'start.ts'), '-p', String(port)], {
    env: { ...process.env, NEXT_DIST_DIR: distDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url, 60_000);
  return { url, child };
}

async function timeFetch(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const r = await fetch(url);
  const body = await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status, bytes: body.byteLength };
}

async function main(): Promise<void> {
  const { url, child } = await startServer();
  try {
    const ids = benchIds(SERVER_CLIENTS);
    // Warm-up: model load, population scores and statistics, caches (reported, not counted).
    const warm = await timeFetch(`${url}/dashboard/clients/100002`);
    if (warm.status !== 200) throw new Error(`warm-up returned ${warm.status}`);
    await timeFetch(`${url}/dashboard/clients/100003`);

    // 1. Server time.
    const first: number[] = [];
    let bytes = 0;
    for (const id of ids) {
      const r = await timeFetch(`${url}/dashboard/clients/${id}`);
      if (r.status !== 200) throw new Error(`client ${id}: HTTP ${r.status}`);
      first.push(r.ms);
      bytes += r.bytes;
    }
    const repeat: number[] = [];
    for (const id of ids) repeat.push((await timeFetch(`${url}/dashboard/clients/${id}`)).ms);

    // 2. Full draw in headless Chromium, 3. JavaScript weight.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const drawCold: number[] = [];
    const drawWarm: number[] = [];
    const browserIds = benchIds(BROWSER_CLIENTS * 2).slice(BROWSER_CLIENTS);
    const measure = async (page: import('@playwright/test').Page, id: number): Promise<number> => {
      await page.goto(`${url}/dashboard/clients/${id}`, { waitUntil: 'commit' });
      // A string, not a function: tsx would inject its __name helper into a serialised function.
      return page.evaluate<number>(`new Promise((resolve) => {
        const check = () => {
          const charts = [...document.querySelectorAll('[data-chart]')];
          if (charts.length > 0 && charts.every((c) => c.getAttribute('data-drawn') === 'true')) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      })`);
    };
    let scripts = { chartPage: 0, searchPage: 0, plotlyChunk: 0 };
    for (const id of browserIds) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      drawCold.push(await measure(page, id));
      drawWarm.push(await measure(page, ids[(browserIds.indexOf(id) * 3) % ids.length]));
      await context.close();
    }
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes = new Map<string, number>();
      page.on('response', async (r) => {
        if (r.url().endsWith('.js')) sizes.set(r.url(), (await r.body().catch(() => Buffer.alloc(0))).length);
      });
      await page.goto(`${url}/dashboard`, { waitUntil: 'networkidle' });
      const searchJs = [...sizes.values()].reduce((a, b) => a + b, 0);
      sizes.clear();
      await page.goto(`${url}/dashboard/clients/100002`, { waitUntil: 'networkidle' });
      const chartJs = [...sizes.values()].reduce((a, b) => a + b, 0);
      scripts = { searchPage: searchJs, chartPage: chartJs, plotlyChunk: Math.max(...sizes.values()) };
      await context.close();
    }
    await browser.close();

    const server = summary(first);
    const serverRepeat = summary(repeat);
    const cold = summary(drawCold);
    const warmDraw = summary(drawWarm);
    const fullPlotly = fs.statSync(require.resolve('plotly.js/dist/plotly.min.js')).size;
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(`UI benchmark on ${url} (${os.cpus().length} CPUs, load average ${load})`);
    console.log(`warm-up (model + population scores, first request of the process): ${fmt(warm.ms)}`);
    console.log('');
    console.log('| measure | n | p50 | p95 | p99 | max | target |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(
      `| server time, client page, first view | ${server.n} | ${fmt(server.p50)} | ${fmt(server.p95)} | ${fmt(server.p99)} | ${fmt(server.max)} | p50 ≤ 300 ms |`,
    );
    console.log(
      `| server time, client page, repeated view | ${serverRepeat.n} | ${fmt(serverRepeat.p50)} | ${fmt(serverRepeat.p95)} | ${fmt(serverRepeat.p99)} | ${fmt(serverRepeat.max)} | |`,
    );
    console.log(
      `| full draw in Chromium, fresh context (cold cache) | ${cold.n} | ${fmt(cold.p50)} | ${fmt(cold.p95)} | ${fmt(cold.p99)} | ${fmt(cold.max)} | p50 ≤ 2 s |`,
    );
    console.log(
      `| full draw in Chromium, scripts cached | ${warmDraw.n} | ${fmt(warmDraw.p50)} | ${fmt(warmDraw.p95)} | ${fmt(warmDraw.p99)} | ${fmt(warmDraw.max)} | |`,
    );
    console.log('');
    console.log(`HTML of a client page: ${(bytes / ids.length / 1024).toFixed(0)} KiB on average (uncompressed)`);
    console.log(
      `JavaScript: search page ${(scripts.searchPage / 1024).toFixed(0)} KiB, client page ${(scripts.chartPage / 1024).toFixed(0)} KiB ` +
        `(largest chunk, the partial Plotly bundle: ${(scripts.plotlyChunk / 1024).toFixed(0)} KiB; full plotly.min.js: ${(fullPlotly / 1024).toFixed(0)} KiB)`,
    );
    console.log(JSON.stringify({ server, serverRepeat, drawCold: cold, drawWarm: warmDraw, warmUpMs: warm.ms, scripts, load }));
    const ok = server.p50 <= 300 && cold.p50 <= 2000;
    console.log(ok ? 'targets met' : 'TARGETS MISSED');
  } finally {
    child?.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
