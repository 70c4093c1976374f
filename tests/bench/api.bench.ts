/**
 * npm run bench:api — load benchmark of the public API against the production server (`npm start`,
 * lib/server/start.ts) on localhost.
 *
 * Builds if needed (tests/e2e/ensure-build.mjs, honouring NEXT_DIST_DIR), starts its own server on
 * a free port, then runs autocannon at 1, 16 and 64 connections on:
 *   - GET /api/v1/applications/{id}             (store only: the framework + wrapper baseline)
 *   - GET /api/v1/applications/{id}/score       (stored clients, ids rotating)
 *   - GET /api/v1/applications/{id}/explanation (stored clients, ids rotating, top=10, lang=fr)
 *   - POST /api/v1/score with 100 applications  (real applications of the test set, all fields)
 * printing requests/s, p50 and p99 latency, non-2xx and 5xx counts; then a soak (5 minutes by
 * default) on the explanation route printing the server's resident memory (VmRSS of its process
 * tree) at the start and the end, and, sampled every 5 s, the lowest and median readings of its first
 * and last minute (V8's collections make RSS a sawtooth of about a minute under load: the lowest
 * reading of a window is what a collection leaves).
 *
 * Options: --duration=<s per run> (10), --connections=1,16,64, --soak-seconds=<s> (300, 0 = none),
 * --soak-connections=<n> (64), --soak-warmup-seconds=<s> (120: the soak's load runs this long before
 * its start is recorded, because V8 first grows its heap to the load — RSS at the first second of load is printed too), --ids=<n rotating ids> (2000), --only=<text in scenario names>,
 * --client-nice=<0..19> (lower the priority of this process — autocannon — once the server has
 * started at normal priority, so the load generator takes the CPU the server leaves, as a client
 * on another machine would; default 0 = same priority), --no-build (use the existing build as it is), --workers=<n> (default: one per core; 1: one server process, `npm start`; n > 1: `npm run
 * start:cluster` with n workers — n server processes sharing the port, to use n cores).
 *
 * --rate-limit-rps=<n> sets the server's API_RATE_LIMIT_RPS (default 1,000,000: the token bucket is still
 * consulted on every request, but the single client address of the load generator is never answered
 * 429 — with the production default of 5,000 per address and per process, one process serving more
 * than 5,000 req/s to one address would answer part of the load with cheap 429s).
 *
 * --server-node-options=<flags> sets the server's NODE_OPTIONS only (the load generator keeps its own),
 * e.g. `--server-node-options=--max-old-space-size=512`: a heap limit keeps RSS flat from the first
 * second of load but costs CPU per request (more frequent collections; measured p99 108–151 ms instead
 * of 62–92 ms at 64 connections on 2 workers), so the documented deployment keeps V8's default heap,
 * which grows to its working size in the first ~2 minutes of load and then stays flat (hence the
 * soak's warm-up). The forced-GC memory figure needs a single process (--workers=1).
 * Each row also gives the server's CPU time per request, which does not depend on how busy the
 * machine is: one core serves about 1000 / (cpu ms/req) requests per second. The load generator runs on the same
 * machine as the server: on 2 cores it takes a share of the CPU the server would otherwise have.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, treeCpuMs, treeRssMb, waitForHealth } from './serverProcess';
import { openHomeCreditStore } from '../../lib/data/homeCreditStore';

interface Options {
  duration: number;
  connections: number[];
  soakSeconds: number;
  soakConnections: number;
  /** Seconds of the soak's load run before its start is recorded (V8 sizes its heap to the load first). */
  soakWarmupSeconds: number;
  ids: number;
  /** Only the scenarios whose name contains this text (all when absent). */
  only: string | undefined;
  build: boolean;
  /** Server processes: 1 = `npm start` (one process); N > 1 = N workers behind Node's cluster module (`npm run start:cluster`). */
  workers: number;
  /** Niceness of the load generator (this process) once the server runs; 0 = same priority as the server. */
  clientNice: number;
  /** NODE_OPTIONS of the server only (e.g. a heap limit), without touching the load generator's. */
  serverNodeOptions: string | undefined;
  /** The server's API_RATE_LIMIT_RPS: high by default so that the limiter runs but never answers 429 to the load generator. */
  rateLimitRps: number;
}

function options(): Options {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return {
    duration: Number(arg('duration') ?? 10),
    connections: (arg('connections') ?? '1,16,64').split(',').map(Number),
    soakSeconds: Number(arg('soak-seconds') ?? 300),
    soakConnections: Number(arg('soak-connections') ?? 64),
    soakWarmupSeconds: Number(arg('soak-warmup-seconds') ?? 120),
    ids: Number(arg('ids') ?? 2000),
    only: arg('only'),
    build: !process.argv.includes('--no-build'),
    workers: Math.max(1, Number(arg('workers') ?? os.availableParallelism())),
    clientNice: Math.min(19, Math.max(0, Number(arg('client-nice') ?? 0))),
    serverNodeOptions: arg('server-node-options'),
    rateLimitRps: Number(arg('rate-limit-rps') ?? 1_000_000),
  };
}

/**
 * The server's memory right after two forced garbage collections (through its inspector; needs a
 * Node with --experimental-websocket, run as a child process). Undefined when unavailable.
 */
function memoryAfterGc(inspectPort: number | undefined): Record<string, number> | undefined {
  if (inspectPort === undefined) return undefined;
  const script = `
const list = await (await fetch('http://127.0.0.1:' + process.argv[1] + '/json/list')).json();
const ws = new WebSocket(list[0].webSocketDebuggerUrl);
let id = 0; const pending = new Map();
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); } };
await new Promise((r) => (ws.onopen = r));
const call = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
await call('HeapProfiler.collectGarbage'); await call('HeapProfiler.collectGarbage');
const r = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
console.log(r.result.result.value); ws.close();`;
  try {
    const out = execFileSync(
      process.execPath,
      ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', script, String(inspectPort)],
      { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const m = JSON.parse(out.trim()) as Record<string, number>;
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v / 2 ** 20]));
  } catch {
    return undefined;
  }
}

/** Seeded sample of stored ids (both sets) and of raw applications of the test set. */
function sampleData(n: number) {
  const store = openHomeCreditStore();
  let seed = 20251125;
  const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const all = [...store.train.ids, ...store.test.ids];
  const ids = Array.from({ length: n }, () => all[Math.floor(next() * all.length)]);
  const bodies = Array.from({ length: 10 }, () =>
    JSON.stringify(
      Array.from({ length: 100 }, () => {
        // Applications the model can decide (a few new applications have no annuity: they are refused).
        let app = store.get(store.test.ids[Math.floor(next() * store.test.ids.length)]);
        while (app?.fields.AMT_ANNUITY === null) app = store.get(store.test.ids[Math.floor(next() * store.test.ids.length)]);
        return { SK_ID_CURR: app?.id, ...app?.fields };
      }),
    ),
  );
  return { ids, bodies };
}

/**
 * A scenario is a fixed list of requests that every connection walks through in a loop. autocannon
 * serialises each one once, before the run, so the load generator spends no JavaScript per request
 * (a per-request `setupRequest` callback costs the client — on the same 2 cores as the server — a
 * share of the CPU the server needs, and shows up in the measured tail).
 */
interface Scenario {
  name: string;
  requests: autocannon.Request[];
}

interface Row {
  scenario: string;
  connections: number;
  rps: number;
  /** Server CPU time per request (ms): what one core can serve is 1000 / this. */
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  non2xx: number;
  s5xx: number;
  errors: number;
}

function fiveXx(result: autocannon.Result): number {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .filter(([code]) => code.startsWith('5'))
    .reduce((a, [, v]) => a + v.count, 0);
}

async function run(base: string, scenario: Scenario, connections: number, duration: number, pid: number): Promise<Row> {
  const cpuBefore = treeCpuMs(pid);
  const result = await autocannon({
    url: base,
    connections,
    duration,
    pipelining: 1,
    timeout: 30,
    // autocannon keeps its serialised buffers on the request objects: give each run its own copies.
    requests: scenario.requests.map((r) => ({ ...r })),
  });
  const cpu = treeCpuMs(pid) - cpuBefore;
  return {
    scenario: scenario.name,
    connections,
    rps: result.requests.average,
    cpuMsPerRequest: result.requests.total > 0 ? cpu / result.requests.total : NaN,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    s5xx: fiveXx(result),
    errors: result.errors + result.timeouts,
  };
}

function printRows(rows: Row[]): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\n${'scenario'.padEnd(34)}${pad('conn', 6)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('cpu ms/req', 12)}${pad('non-2xx', 9)}${pad('5xx', 6)}${pad('errors', 8)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(34)}${pad(r.connections, 6)}${pad(r.rps.toFixed(0), 10)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.cpuMsPerRequest.toFixed(2), 12)}${pad(r.non2xx, 9)}${pad(r.s5xx, 6)}${pad(r.errors, 8)}`,
    );
  }
}

/** Relative change from a to b, in percent with one decimal. */
function pct(a: number, b: number): string {
  return (((b - a) / a) * 100).toFixed(1);
}

async function main(): Promise<void> {
  const opts = options();
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (opts.build) execFileSync(process.execPath, [path.join('tests', 'e2e', 'ensure-build.mjs')], { stdio: 'inherit', env: process.env });
  const { ids, bodies } = sampleData(opts.ids);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startArgs = ['-p', String(port), '-H', '127.0.0.1'];
  // N workers: the production launcher (npm run start:cluster), one server process per worker sharing the port.
  // One process: an inspector port lets the soak read the memory left after a forced GC (what is really retained).
  const inspectPort = opts.workers > 1 ? undefined : await freePort();
  const serverArgs =
    opts.workers > 1
      ? ['--import', 'tsx', path.join('lib', 'cli', 'startCluster.ts'), ...startArgs]
      : ['--import', 'tsx', `--inspect=127.0.0.1:${inspectPort}`, path.join('lib', 'server', 'start.ts'), ...startArgs];
  const server = spawn(process.execPath, serverArgs, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      WEB_CONCURRENCY: String(opts.workers),
      API_RATE_LIMIT_RPS: String(opts.rateLimitRps),
      ...(opts.serverNodeOptions !== undefined ? { NODE_OPTIONS: opts.serverNodeOptions } : {}),
    },
    stdio: ['ignore', 'ignore', 'ignore'], // access log lines are written (as in production) and discarded
  });
  const stop = () => server.kill('SIGTERM');
  if (opts.clientNice > 0) {
    os.setPriority(process.pid, opts.clientNice); // the server (already spawned) keeps the normal priority
    console.log(`load generator niceness ${opts.clientNice} (server at normal priority)`);
  }
  process.on('exit', stop);
  try {
    const health = await waitForHealth(base, server);
    const pid = server.pid as number;
    console.log(
      `server pid ${pid} on ${base} (dist ${distDir}, ${opts.workers} process${opts.workers > 1 ? 'es (cluster)' : ''}); RSS after start ${treeRssMb(pid).toFixed(0)} MB; API_RATE_LIMIT_RPS ${opts.rateLimitRps}`,
    );
    console.log(`health: ${JSON.stringify(health)}`);

    const get = (pathOf: (id: number) => string): autocannon.Request[] => ids.map((id) => ({ method: 'GET', path: pathOf(id) }));
    const scenarios: Scenario[] = [
      { name: 'GET profile (store only)', requests: get((id) => `/api/v1/applications/${id}`) },
      { name: 'GET score (stored)', requests: get((id) => `/api/v1/applications/${id}/score`) },
      { name: 'GET explanation (stored)', requests: get((id) => `/api/v1/applications/${id}/explanation?top=10&lang=fr`) },
      {
        name: 'POST score ×100 applications',
        requests: bodies.map((body) => ({
          method: 'POST',
          path: '/api/v1/score?top=5&lang=fr',
          headers: { 'content-type': 'application/json' },
          body,
        })),
      },
    ];

    // Warm-up: load the store and the model, JIT the hot paths, then one pass over every rotating id
    // (score and explanation), so that the caches of stored answers are full before anything is measured.
    const gcBefore = memoryAfterGc(inspectPort);
    for (const s of scenarios) await run(base, s, 8, 3, pid);
    const warmPaths = ids.flatMap((id) => [`/api/v1/applications/${id}/score`, `/api/v1/applications/${id}/explanation?top=10&lang=fr`]);
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let k = w; k < warmPaths.length; k += 8) await (await fetch(base + warmPaths[k])).arrayBuffer();
      }),
    );
    const gcAfter = memoryAfterGc(inspectPort);
    if (gcBefore && gcAfter) {
      console.log(
        `warm-up of ${ids.length} clients: JS heap after GC ${gcBefore.heapUsed.toFixed(1)} → ${gcAfter.heapUsed.toFixed(1)} MB, RSS after GC ${gcBefore.rss.toFixed(0)} → ${gcAfter.rss.toFixed(0)} MB (model, population statistics, caches of stored answers)`,
      );
    }
    for (const s of scenarios) {
      const r = s.requests[0];
      const res = await fetch(base + (r.path ?? '/'), {
        method: r.method,
        headers: r.headers as Record<string, string> | undefined,
        body: typeof r.body === 'string' ? r.body : undefined,
      });
      if (res.status !== 200) console.warn(`warning: ${s.name} answers ${res.status} (model not available?)`);
    }

    console.log(
      `load average before the runs: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${os.cpus().length} cores)`,
    );
    const rows: Row[] = [];
    for (const s of scenarios.filter((x) => opts.only === undefined || x.name.includes(opts.only))) {
      for (const c of opts.connections) {
        const row = await run(base, s, c, opts.duration, pid);
        rows.push(row);
        printRows([row]);
      }
    }
    console.log(`\n=== summary === (load average now: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
    printRows(rows);

    if (opts.soakSeconds > 0) {
      const soak = scenarios[2];
      if (opts.soakWarmupSeconds > 0) {
        const before = treeRssMb(pid);
        const warm = await run(base, soak, opts.soakConnections, opts.soakWarmupSeconds, pid);
        console.log(
          `\nsoak warm-up: ${opts.soakWarmupSeconds} s at the soak's load (${warm.rps.toFixed(0)} req/s, p99 ${warm.p99} ms); RSS ${before.toFixed(1)} → ${treeRssMb(pid).toFixed(1)} MB`,
        );
      }
      const start = treeRssMb(pid);
      const gcStart = memoryAfterGc(inspectPort);
      console.log(`\nsoak: ${soak.name}, ${opts.soakConnections} connections, ${opts.soakSeconds} s; RSS at start ${start.toFixed(1)} MB`);
      const samples: { t: number; mb: number }[] = [{ t: 0, mb: start }];
      const t0 = Date.now();
      const timer = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, mb: treeRssMb(pid) }), 5_000);
      const row = await run(base, soak, opts.soakConnections, opts.soakSeconds, pid);
      clearInterval(timer);
      const end = treeRssMb(pid);
      samples.push({ t: (Date.now() - t0) / 1000, mb: end });
      const gcEnd = memoryAfterGc(inspectPort);
      printRows([row]);
      console.log(
        `RSS every 30 s (MB): ${samples
          .filter((_, i) => i % 6 === 0 || i === samples.length - 1)
          .map((x) => x.mb.toFixed(0))
          .join(' ')}`,
      );
      console.log(`RSS start ${start.toFixed(1)} MB, end ${end.toFixed(1)} MB, growth ${pct(start, end)} %`);
      // Under load V8 lets garbage pile up in the old generation and frees it at each full collection
      // (a sawtooth of about a minute), so two single readings depend on where in the cycle they fall.
      // The lowest reading of a window (every 5 s) is the memory left after a collection: compare those.
      const windowSeconds = Math.min(60, opts.soakSeconds / 3);
      const first = samples.filter((x) => x.t <= windowSeconds).map((x) => x.mb);
      const last = samples.filter((x) => x.t >= samples[samples.length - 1].t - windowSeconds).map((x) => x.mb);
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      const [lowFirst, lowLast] = [Math.min(...first), Math.min(...last)];
      const [medFirst, medLast] = [median(first), median(last)];
      const all = samples.map((x) => x.mb);
      console.log(
        `RSS sampled every 5 s, first vs last ${windowSeconds.toFixed(0)} s: lowest ${lowFirst.toFixed(1)} → ${lowLast.toFixed(1)} MB (growth ${pct(lowFirst, lowLast)} %), ` +
          `median ${medFirst.toFixed(1)} → ${medLast.toFixed(1)} MB (${pct(medFirst, medLast)} %); range over the soak ${Math.min(...all).toFixed(0)}–${Math.max(...all).toFixed(0)} MB`,
      );
      if (gcStart && gcEnd) {
        const f = (m: Record<string, number>) =>
          `RSS ${m.rss.toFixed(1)} MB (JS heap used ${m.heapUsed.toFixed(1)}, external ${m.external.toFixed(1)})`;
        console.log(
          `after a forced GC: start ${f(gcStart)}, end ${f(gcEnd)}; retained growth ${pct(gcStart.rss, gcEnd.rss)} % (RSS), ${pct(gcStart.heapUsed, gcEnd.heapUsed)} % (JS heap)`,
        );
      }
    }
    const total5xx = rows.reduce((a, r) => a + r.s5xx, 0);
    console.log(`\n5xx responses over all runs: ${total5xx}`);
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
