import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { freePort } from '../bench/serverProcess';

/**
 * A production cluster of its own (`npm run start:cluster`: lib/cli/startCluster.ts, WEB_CONCURRENCY
 * workers sharing one port) on a given decision store, and a small HTTP client to load it: the
 * reliability spec (tests/e2e/decisions-reliability.spec.ts) and the decisions benchmark
 * (tests/bench/decisions.bench.ts) share these.
 */

export const DECIDE_KEY = 'reliability-key';

export interface DecisionCluster {
  readonly base: string;
  readonly port: number;
  readonly primary: ChildProcess;
  /** Pids of the current workers (children of the cluster's primary process). */
  workerPids(): number[];
  /** Seconds since each worker started (ps etimes), by pid. */
  workerAges(): Map<number, number>;
  /** How many "ready" lines the workers wrote so far (a replacement worker adds one). */
  readyCount(): number;
  /** Lines the cluster wrote (stdout and stderr), for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** DATABASE_URL (PostgreSQL) or SQLITE_FILE (SQLite). */
  readonly store: { readonly databaseUrl: string } | { readonly sqliteFile: string };
  readonly workers?: number;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

function children(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

/** Starts the cluster and waits until every worker wrote its "ready" line (up to `timeoutMs`). */
export async function startDecisionCluster(options: ClusterOptions, timeoutMs = 150_000): Promise<DecisionCluster> {
  const workers = options.workers ?? 2;
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    WEB_CONCURRENCY: String(workers),
    API_KEYS: `${DECIDE_KEY}:read+decide`,
    API_RATE_LIMIT_RPS: 'off',
    API_ACCESS_LOG: 'off',
    DATABASE_URL: 'databaseUrl' in options.store ? options.store.databaseUrl : '',
    SQLITE_FILE: 'sqliteFile' in options.store ? options.store.sqliteFile : undefined,
    ...options.env,
  };
  const primary = spawn(process.execPath, ['--import', 'tsx', path.join('lib', 'cli', 'startCluster.ts'), '-H', '127.0.0.1'], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ready = 0;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    out = (out + text).slice(-20_000);
    ready += (text.match(/\[server\] ready on/g) ?? []).length;
  };
  primary.stdout?.on('data', collect);
  primary.stderr?.on('data', collect);
  const cluster: DecisionCluster = {
    base: `http://127.0.0.1:${port}`,
    port,
    primary,
    workerPids: () => children(primary.pid as number),
    workerAges() {
      const ages = new Map<number, number>();
      for (const pid of children(primary.pid as number)) {
        try {
          ages.set(pid, Number(execFileSync('ps', ['-o', 'etimes=', '-p', String(pid)], { encoding: 'utf8' }).trim()));
        } catch {
          // gone
        }
      }
      return ages;
    },
    readyCount: () => ready,
    output: () => out,
    async stop() {
      if (primary.exitCode !== null || primary.signalCode !== null) return;
      const exited = new Promise((r) => primary.once('exit', r));
      primary.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (primary.exitCode === null && primary.signalCode === null) {
        for (const pid of children(primary.pid as number)) process.kill(pid, 'SIGKILL');
        primary.kill('SIGKILL');
      }
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (ready < workers) {
    if (primary.exitCode !== null) throw new Error(`the cluster exited with code ${primary.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      await cluster.stop();
      throw new Error(`the cluster was not ready within ${timeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return cluster;
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly ms: number;
}

/** One HTTP request with the decide key; rejects on a connection error (a worker killed under it). */
export function send(
  base: string,
  method: string,
  p: string,
  options: { body?: unknown; headers?: Record<string, string>; agent?: http.Agent | false; timeoutMs?: number } = {},
): Promise<Answer> {
  const url = new URL(p, base);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        agent: options.agent,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          authorization: `Bearer ${DECIDE_KEY}`,
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The body of the i-th decision of a load: escalations, and decisions carrying override reasons (valid whatever the model recommends). */
export function decisionBody(i: number): Record<string, unknown> {
  switch (i % 3) {
    case 0:
      return { decision: 'escalate' };
    case 1:
      return { decision: 'approve', overrideReasons: ['income-verified'], justification: `Payslips of the last three months checked (load ${i}).` };
    default:
      return { decision: 'refuse', overrideReasons: ['risk-not-captured'], justification: `Existing debts elsewhere not in the file (load ${i}).` };
  }
}

/** Ids of stored applications (the test set; at most 100, one page), for the decisions of a load. */
export async function applicationIds(base: string, count = 100): Promise<number[]> {
  const r = await send(base, 'GET', `/api/v1/applications?set=test&limit=${count}`);
  if (r.status !== 200) throw new Error(`GET /api/v1/applications → ${r.status} ${r.body.slice(0, 300)}`);
  return (JSON.parse(r.body) as { items: { id: number }[] }).items.map((a) => a.id);
}

/** Runs `count` tasks, `concurrency` at a time, in order of index; the outcomes in index order. */
export async function inFlight<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        try {
          results[i] = { status: 'fulfilled', value: await task(i) };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        }
      }
    }),
  );
  return results;
}

/** Every record of GET /api/v1/decisions, newest first, through its pages. */
export async function allDecisions(base: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const r = await send(base, 'GET', `/api/v1/decisions?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    if (r.status !== 200) throw new Error(`GET /api/v1/decisions → ${r.status} ${r.body.slice(0, 300)}`);
    const page = JSON.parse(r.body) as { items: Record<string, unknown>[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** `npm run audit:verify` on a store: its exit code and output. */
export function auditVerify(store: ClusterOptions['store']): { code: number; output: string } {
  const env = {
    ...process.env,
    DATABASE_URL: 'databaseUrl' in store ? store.databaseUrl : '',
    SQLITE_FILE: 'sqliteFile' in store ? store.sqliteFile : process.env.SQLITE_FILE,
  };
  try {
    const output = execFileSync('npm', ['run', '--silent', 'audit:verify'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
