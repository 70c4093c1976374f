/**
 * npm run bench:hardening — what abusive requests cost the production server (`npm start`,
 * lib/server/start.ts, one process, default configuration but the rate limit raised out of the way:
 * every request comes from 127.0.0.1). Prints, for each case, the answer, its time, and the server's
 * CPU (its own /proc counters) in the seconds after the answer or the disconnection:
 *
 *   1. CSV bodies of 1,000,000 rows (6 MB), of 20 MB of short rows, and of 20 MB declared: refused,
 *      and how fast the CPU is idle again;
 *   2. a client that disconnects 1 s into a batch of 5,000 real applications with explanations
 *      (top 2): how long the server's CPU keeps working after the disconnection;
 *   3. 16 concurrent worst-case requests while /api/v1/health is polled every 20 ms — the largest
 *      explained batch (2,000 real applications × top 5 = the explanation budget; and 200 × top 50)
 *      and the largest body (8 MB, 10,000 real applications, explain=false): health p50 / p99 /
 *      max, the server's peak RSS, the statuses of the 16.
 *
 * Options: --no-build (use the existing build as it is).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { datasetsDir } from '../../lib/config';
import { freePort, treeCpuMs, treeRssMb, waitForHealth } from './serverProcess';

const MB = 1024 * 1024;
/**
 * Keep-alive connections: a server that refuses a body before reading it (413) then drains the rest,
 * and the client reads its answer; on a `Connection: close` request it would close under the upload
 * instead, and Node.js's client reports the broken pipe rather than the answer.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  status: number;
  ms: number;
  bytes: number;
}

function post(port: number, p: string, body: Buffer, signal?: AbortSignal): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: p, headers: { 'content-type': 'text/csv', 'content-length': body.length }, signal, agent },
      (res) => {
        answered = true;
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }));
        res.on('error', reject);
      },
    );
    // A server that answers before reading the whole body (a 413) closes the connection under the
    // rest of the upload: the answer counts, not the broken pipe.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (answered) return;
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') setTimeout(() => (answered ? undefined : reject(err)), 1_000);
      else reject(err);
    });
    req.end(body);
  });
}

function get(port: number, p: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes: 0 }));
      })
      .on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds after now until the server's CPU use over a 100 ms window falls under 10 % (up to `maxMs`). */
async function msUntilIdle(pid: number, maxMs = 10_000): Promise<number> {
  const started = performance.now();
  let before = treeCpuMs(pid);
  for (;;) {
    await sleep(100);
    const now = treeCpuMs(pid);
    if (now - before <= 10) return Math.max(0, performance.now() - started - 100);
    before = now;
    if (performance.now() - started > maxMs) return Infinity;
  }
}

/** Real new applications (application_test.csv) the model can decide: header + `n` rows with an annuity, repeated if needed. */
function realApplications(n: number): { header: string; rows: string[] } {
  const text = fs.readFileSync(path.join(datasetsDir(), 'home-credit', 'application_test.csv'), 'utf8');
  const lines = text.split('\n');
  const header = lines[0].replace(/\r$/, '');
  const annuity = header.split(',').indexOf('AMT_ANNUITY');
  const usable = lines.slice(1).filter((l) => l.trim() !== '' && !l.includes('"') && l.split(',')[annuity] !== '');
  return { header, rows: Array.from({ length: n }, (_, i) => usable[i % usable.length].replace(/\r$/, '')) };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, ['tests/e2e/ensure-build.mjs'], { stdio: 'inherit' });
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('lib', 'server', 'start.ts'), '-p', String(port), '-H', '127.0.0.1'],
    {
      env: { ...process.env, API_RATE_LIMIT_RPS: 'off', API_ACCESS_LOG: 'off' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const pid = server.pid as number;
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, server);
    // Warm the model (the first score loads it).
    const small = realApplications(50);
    await post(port, '/api/v1/score', Buffer.from(`${small.header}\n${small.rows.join('\n')}\n`));
    await msUntilIdle(pid);
    console.log(
      `server pid ${pid}, RSS ${treeRssMb(pid).toFixed(0)} MB after warm-up; ${new Date().toISOString()}, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );

    console.log('\n1. Oversized bodies');
    const bodies: [string, Buffer][] = [
      ['1,000,000 rows (6 MB)', Buffer.from(`AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL\n${'1,1,1\n'.repeat(1_000_000)}`)],
      [
        '20 MB of short rows (3.5 M rows)',
        Buffer.concat([Buffer.from('AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL\n'), Buffer.alloc(20 * MB - 40, '1,1,1\n')]),
      ],
      ['20 MB declared (the limit is 8 MB)', Buffer.alloc(20 * MB, '1\n')],
    ];
    for (const [name, body] of bodies) {
      const cpuBefore = treeCpuMs(pid);
      const answer = await post(port, '/api/v1/score?explain=false', body);
      const idle = await msUntilIdle(pid);
      console.log(
        `  ${name}: ${answer.status} in ${answer.ms.toFixed(0)} ms, server CPU ${treeCpuMs(pid) - cpuBefore} ms, idle ${idle.toFixed(0)} ms after the answer`,
      );
    }

    console.log('\n2. A client that disconnects 1 s into a batch of 5,000 applications with explanations (top 2)');
    const five = realApplications(5_000);
    const batch = Buffer.from(`${five.header}\n${five.rows.join('\n')}\n`);
    const whole = await post(port, '/api/v1/score?top=2', batch);
    console.log(`  whole answer for reference: ${whole.status}, ${(whole.bytes / MB).toFixed(1)} MB in ${whole.ms.toFixed(0)} ms`);
    await msUntilIdle(pid);
    for (let run = 0; run < 3; run++) {
      const controller = new AbortController();
      const pending = post(port, '/api/v1/score?top=2', batch, controller.signal).catch(() => undefined);
      await sleep(1_000);
      controller.abort();
      await pending;
      const idle = await msUntilIdle(pid);
      console.log(`  run ${run + 1}: server CPU idle ${idle.toFixed(0)} ms after the disconnection`);
    }

    console.log('\n3. 16 concurrent worst-case requests while /api/v1/health is polled every 20 ms');
    const two = realApplications(2_000);
    const explained = Buffer.from(`${two.header}\n${two.rows.join('\n')}\n`);
    const twoHundred = Buffer.from(`${two.header}\n${two.rows.slice(0, 200).join('\n')}\n`);
    const ten = realApplications(10_000);
    const largest = Buffer.from(`${ten.header}\n${ten.rows.join('\n')}\n`);
    const cases: [string, string, Buffer][] = [
      ['2,000 applications × top 5 (explained)', '/api/v1/score?top=5', explained],
      ['200 applications × top 50 (explained)', '/api/v1/score?top=50', twoHundred],
      [`${(largest.length / MB).toFixed(1)} MB CSV, 10,000 applications, explain=false`, '/api/v1/score?explain=false', largest],
    ];
    for (const [name, p, body] of cases) {
      let polling = true;
      const health: number[] = [];
      const healthStatuses = new Map<number, number>();
      let peakRss = treeRssMb(pid);
      const poller = (async () => {
        while (polling) {
          const h = await get(port, '/api/v1/health');
          health.push(h.ms);
          healthStatuses.set(h.status, (healthStatuses.get(h.status) ?? 0) + 1);
          peakRss = Math.max(peakRss, treeRssMb(pid));
          await sleep(20);
        }
      })();
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 16 }, () => post(port, p, body)));
      const seconds = (performance.now() - started) / 1000;
      polling = false;
      await poller;
      const sorted = [...health].sort((a, b) => a - b);
      const statuses = new Map<number, number>();
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      console.log(`  ${name}: 16 answered in ${seconds.toFixed(1)} s, statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(' ')}`);
      console.log(
        `    health (${health.length} polls, ${[...healthStatuses].map(([s, c]) => `${s}×${c}`).join(' ')}): p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; server peak RSS ${peakRss.toFixed(0)} MB`,
      );
      await msUntilIdle(pid);
    }
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
