/**
 * npm run start:cluster [-- server options, e.g. -p 8080 -H 0.0.0.0]
 *
 * Production start on every core: one production server process (lib/server/start.ts, what
 * `npm start` runs) per core (WEB_CONCURRENCY overrides the count), sharing the listening port
 * through Node's cluster module. A single Node process
 * uses one core for JavaScript; the API's 2-core target is measured this way (npm run bench:api
 * -- --workers=2 starts exactly this launcher).
 *
 * Each worker loads its own store, model and caches, and keeps its own rate-limit buckets: a key's
 * effective limit is API_RATE_LIMIT_RPS per worker it reaches (a shared limit needs a shared store
 * or the reverse proxy). A worker that dies is replaced; one that dies within START_GRACE_MS of
 * being started stops the whole server (a crash loop — a missing dataset, a port in use — must
 * not spin). SIGTERM or SIGINT stop the workers, then the launcher.
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import { exitOnInvalidConfig } from '../config/env';

const START_GRACE_MS = 15_000;

export function workerCount(env: Readonly<Record<string, string | undefined>> = process.env, cores: number = os.availableParallelism()): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (raw === undefined || raw === '') return Math.max(1, cores);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WEB_CONCURRENCY must be a positive integer, got "${raw}"`);
  return n;
}

function main(): void {
  // The configuration first (one `[config]` line and exit code 1 when invalid), before any worker is forked.
  exitOnInvalidConfig();
  const count = workerCount();
  const server = path.join(process.cwd(), 'lib', 'server', 'start.ts');
  cluster.setupPrimary({ exec: server, args: process.argv.slice(2), execArgv: ['--import', 'tsx'] });

  const startedAt = new Map<number, number>();
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(code);
    let left = workers.length;
    for (const w of workers) {
      w.once('exit', () => {
        if (--left === 0) process.exit(code);
      });
      w.process.kill('SIGTERM');
    }
    setTimeout(() => process.exit(code), 10_000).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    const why = signal ? `signal ${signal}` : `code ${code}`;
    if (lived < START_GRACE_MS) {
      console.error(`[cluster] worker ${worker.process.pid} exited (${why}) ${Math.round(lived / 1000)} s after its start: stopping`);
      stop(1);
      return;
    }
    console.error(`[cluster] worker ${worker.process.pid} exited (${why}); starting a replacement`);
    fork();
  });
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));

  console.log(`[cluster] ${count} worker${count > 1 ? 's' : ''} (npm start ${process.argv.slice(2).join(' ')})`.trimEnd());
  for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary && require.main === module) main();
