/**
 * npm run bench:decisions — the decision store under load, on the production cluster
 * (`npm run start:cluster`, 2 workers sharing a port), once on SQLite (a temporary file, WAL) and
 * once on PostgreSQL (a throw-away cluster, tests/support/postgres.js):
 *
 *   1. 16 concurrent clients post decisions (POST /api/v1/applications/{id}/decisions) for 10 s:
 *      decisions/s, p50 / p99 latency, non-201 answers; then decisions at a steady 500/s (at most 16 in
 *      flight) for 10 s: their p50 / p99;
 *   2. GET /api/v1/applications/{id}/explanation (stored, top 10, cached answers) by 4 clients for
 *      5 s, alone and then with the 16 posting clients at the same time: p50 / p99 and the slowdown;
 *   3. a store filled with 100,000 chained records (one bulk insert computing the same chain as
 *      appendDecision) and `npm run audit:verify` timed on it (wall time, tsx start included, and
 *      the verification time it prints itself).
 *
 * Options: --seconds=10 (decision load), --read-seconds=5, --clients=16, --records=100000, --paced-rate=100
 * (decisions/s of the steady load under which the reads are measured a second time), --read-rate=200 (reads/s
 * of the paced reads, measured alone and beside the paced decisions sent from a worker thread),
 * --read-rounds=6 (rounds of that measure: alone, beside decisions written by this server, and beside the same
 * decisions written by a second cluster on a store of its own — the control, which shows the share of the
 * machine that the load generator and the writes take — in a balanced order; the rounds' samples are pooled),
 * --page-rate=10 and --page-rounds=4 (the same measure for a client page, /dashboard/clients/{id}).
 * The load generator runs on the same machine as the server: on 2 cores it takes part of them.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chainHash, GENESIS_HASH } from '../../lib/store/auditChain';
import { openStore, type StoreConnection } from '../../lib/store/database';
import { chainedFields } from '../../lib/store/decisionLog';
import type { DecisionsTable } from '../../lib/store/schema';
import { Worker } from 'node:worker_threads';
import { applicationIds, DECIDE_KEY, decisionBody, type DecisionCluster, send, startDecisionCluster } from '../support/decisionCluster';
import { startThrowawayPostgres } from '../support/postgres';

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}
const SECONDS = Number(arg('seconds') ?? 10);
const READ_SECONDS = Number(arg('read-seconds') ?? 5);
const CLIENTS = Number(arg('clients') ?? 16);
const READERS = 4;
const RECORDS = Number(arg('records') ?? 100_000);

type Store = { databaseUrl: string } | { sqliteFile: string };

interface LoadResult {
  count: number;
  ok: number;
  non2xx: number;
  s5xx: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Every answer's latency (ms), ascending: samples of several runs can be pooled. */
  latencies: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

type Request = (i: number, agent: http.Agent) => Promise<{ status: number; ms: number }>;

/** Counts the answers of one load and sums them up. */
class Tally {
  private readonly latencies: number[] = [];
  private ok = 0;
  private non2xx = 0;
  private s5xx = 0;
  private errors = 0;
  private readonly started = performance.now();

  /** Sends `request(i)` and counts its answer (or its failure). */
  async send(request: Request, i: number, agent: http.Agent): Promise<void> {
    try {
      const a = await request(i, agent);
      this.latencies.push(a.ms);
      if (a.status >= 200 && a.status < 300) this.ok++;
      else this.non2xx++;
      if (a.status >= 500) this.s5xx++;
    } catch {
      this.errors++;
    }
  }

  result(): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const seconds = (performance.now() - this.started) / 1000;
    return {
      count: sorted.length,
      ok: this.ok,
      non2xx: this.non2xx,
      s5xx: this.s5xx,
      errors: this.errors,
      seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      latencies: sorted,
    };
  }
}

/** Closed loop: `clients` loops sending `request(i)` for `seconds`; latencies of the answers. */
async function load(clients: number, seconds: number, request: Request): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const tally = new Tally();
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) await tally.send(request, next++, agent);
    }),
  );
  agent.destroy();
  return tally.result();
}

const ms = (x: number) => x.toFixed(1);
/** Sub-millisecond reads: two decimals. */
const ms2 = (x: number) => x.toFixed(2);
const pct = (loaded: number, alone: number) => `${(((loaded - alone) / alone) * 100).toFixed(0)} %`;

/** Open loop: `rate` requests per second for `seconds` (at most `clients` in flight), whatever the answers' pace. */
async function paced(rate: number, clients: number, seconds: number, request: Request): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const tally = new Tally();
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= clients) await Promise.race(inFlight);
    const p: Promise<void> = tally.send(request, i, agent).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  agent.destroy();
  return tally.result();
}

/**
 * The paced decisions of the paced-read measure, sent from a worker thread: latencies measured in
 * the bench's own event loop would otherwise include the time it spends sending the decisions.
 * Plain JavaScript (eval), with the requests prepared here.
 */
const PACED_THREAD = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { host, port, key, rate, clients, seconds, requests } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let ok = 0, non2xx = 0, s5xx = 0, errors = 0;
function send(r) {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host, port, method: 'POST', path: r.path, agent, timeout: 30000,
      headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - started);
        if (res.statusCode >= 200 && res.statusCode < 300) ok++; else non2xx++;
        if (res.statusCode >= 500) s5xx++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { errors++; resolve(); });
    req.end(r.body);
  });
}
(async () => {
  const started = performance.now();
  const inFlight = new Set();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= clients) await Promise.race(inFlight);
    const p = send(requests[i % requests.length]).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  agent.destroy();
  parentPort.postMessage({ latencies, ok, non2xx, s5xx, errors, seconds: (performance.now() - started) / 1000 });
})();
`;

async function pacedDecisionsInThread(base: string, ids: readonly number[], rate: number, clients: number, seconds: number): Promise<LoadResult> {
  const url = new URL(base);
  const requests = Array.from({ length: 300 }, (_, i) => ({
    path: `/api/v1/applications/${ids[i % ids.length]}/decisions`,
    body: JSON.stringify(decisionBody(i)),
  }));
  const worker = new Worker(PACED_THREAD, {
    eval: true,
    workerData: { host: url.hostname, port: url.port, key: DECIDE_KEY, rate, clients, seconds, requests },
  });
  const r = await new Promise<{ latencies: number[]; ok: number; non2xx: number; s5xx: number; errors: number; seconds: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    ok: r.ok,
    non2xx: r.non2xx,
    s5xx: r.s5xx,
    errors: r.errors,
    seconds: r.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    latencies: sorted,
  };
}

/** Decisions per second of the "reads while decisions are written" measure at a steady pace (--paced-rate). */
const PACED_RATE = Number(arg('paced-rate') ?? 100);
/** Decisions per second of the sustained-rate measure (--sustained-rate): the target's 500/s. */
const SUSTAINED_RATE = Number(arg('sustained-rate') ?? 500);
/** Reads per second of the paced-read measure (--read-rate): a busy team's dashboards, well below saturation. */
const READ_RATE = Number(arg('read-rate') ?? 200);
/** Alternations of the paced-read measure (--read-rounds). */
const READ_ROUNDS = Number(arg('read-rounds') ?? 6);
/** Client pages per second of the paced page measure (--page-rate) and its rounds (--page-rounds). */
const PAGE_RATE = Number(arg('page-rate') ?? 10);
const PAGE_ROUNDS = Number(arg('page-rounds') ?? 4);

async function benchBackend(label: string, store: Store, controlStore: Store): Promise<void> {
  console.log(`\n=== ${label} ===`);
  const cluster: DecisionCluster = await startDecisionCluster({ store, workers: 2 });
  try {
    const ids = await applicationIds(cluster.base);
    const post = (i: number, agent: http.Agent) =>
      send(cluster.base, 'POST', `/api/v1/applications/${ids[i % ids.length]}/decisions`, { body: decisionBody(i), agent });
    const explain = (i: number, agent: http.Agent) =>
      send(cluster.base, 'GET', `/api/v1/applications/${ids[i % ids.length]}/explanation?top=10&lang=fr`, { agent });
    // Warm-up: both workers' explanation caches for every id, the store opened, the hot paths compiled.
    await load(8, 3, explain);
    await load(8, 2, post);

    const decisions = await load(CLIENTS, SECONDS, post);
    console.log(
      `decisions: ${CLIENTS} clients × ${decisions.seconds.toFixed(1)} s: ${decisions.ok} recorded, ${(decisions.ok / decisions.seconds).toFixed(0)} decisions/s, ` +
        `p50 ${ms(decisions.p50)} ms, p99 ${ms(decisions.p99)} ms; non-201 ${decisions.non2xx} (5xx ${decisions.s5xx}), connection errors ${decisions.errors}`,
    );

    // The target's pair (≥ 500 decisions/s sustained, p99 ≤ 50 ms) read as an SLO: the latency of 16
    // clients when decisions arrive at that rate (the closed loop above measures it at saturation).
    const sustained = await paced(SUSTAINED_RATE, CLIENTS, SECONDS, post);
    console.log(
      `decisions at ${SUSTAINED_RATE}/s (paced, ≤ ${CLIENTS} in flight) for ${sustained.seconds.toFixed(1)} s: ${sustained.ok} recorded (${(sustained.ok / sustained.seconds).toFixed(0)}/s), ` +
        `p50 ${ms(sustained.p50)} ms, p99 ${ms(sustained.p99)} ms; non-201 ${sustained.non2xx} (5xx ${sustained.s5xx}), connection errors ${sustained.errors}`,
    );

    const alone = await load(READERS, READ_SECONDS, explain);
    const [loaded, background] = await Promise.all([load(READERS, READ_SECONDS, explain), load(CLIENTS, READ_SECONDS, post)]);
    console.log(
      `explanation (GET, ${READERS} clients): alone p50 ${ms(alone.p50)} ms, p99 ${ms(alone.p99)} ms (${(alone.count / alone.seconds).toFixed(0)} req/s)`,
    );
    console.log(
      `explanation with ${CLIENTS} clients posting decisions: p50 ${ms(loaded.p50)} ms, p99 ${ms(loaded.p99)} ms (${(loaded.count / loaded.seconds).toFixed(0)} req/s; ` +
        `${(background.ok / background.seconds).toFixed(0)} decisions/s meanwhile); slowdown p50 ${(((loaded.p50 - alone.p50) / alone.p50) * 100).toFixed(0)} %, ` +
        `p99 ${(((loaded.p99 - alone.p99) / alone.p99) * 100).toFixed(0)} %; 5xx ${loaded.s5xx + background.s5xx}`,
    );
    // The same reads while decisions arrive at a steady pace (a busy team, not a saturating load).
    const alone2 = await load(READERS, READ_SECONDS, explain);
    const [steady, writes] = await Promise.all([load(READERS, READ_SECONDS, explain), paced(PACED_RATE, CLIENTS, READ_SECONDS, post)]);
    console.log(
      `explanation with ${PACED_RATE} decisions/s written (paced): p50 ${ms(steady.p50)} ms, p99 ${ms(steady.p99)} ms vs alone ${ms(alone2.p50)} / ${ms(alone2.p99)} ms; ` +
        `slowdown p50 ${(((steady.p50 - alone2.p50) / alone2.p50) * 100).toFixed(0)} %, p99 ${(((steady.p99 - alone2.p99) / alone2.p99) * 100).toFixed(0)} %; ` +
        `decisions p50 ${ms(writes.p50)} ms, p99 ${ms(writes.p99)} ms, ${writes.ok} recorded; 5xx ${steady.s5xx + writes.s5xx}`,
    );
    // What a reader experiences: reads arriving at a steady pace (the closed loops above keep both
    // cores busy with reads, so any other work shows as a slowdown of the share each gets), alone,
    // beside decisions at a steady pace (sent from a worker thread) written by this server, and
    // beside the same decisions written by a second cluster on a store of its own (the control: the
    // load generator, the writes and the cores they take, but nothing in the reading server). The
    // three conditions run in a balanced order (alone, same, other; then other, same, alone) so that
    // a drift of the machine — a collection settling after the saturating phases — falls on every
    // condition alike; the rounds' samples are pooled.
    const control = await startDecisionCluster({ store: controlStore, workers: 2 });
    try {
      await pacedDecisionsInThread(control.base, ids, PACED_RATE, CLIENTS, 2); // the control's hot paths compiled
      const besideDecisions = async (what: string, rate: number, rounds: number, read: Request) => {
        const conditions = ['alone', 'same', 'other'] as const;
        type Condition = (typeof conditions)[number];
        const pooled: Record<Condition, number[]> = { alone: [], same: [], other: [] };
        const run = async (c: Condition): Promise<LoadResult> => {
          if (c === 'alone') return paced(rate, READERS * 4, READ_SECONDS, read);
          const [reads, writes] = await Promise.all([
            paced(rate, READERS * 4, READ_SECONDS, read),
            pacedDecisionsInThread(c === 'same' ? cluster.base : control.base, ids, PACED_RATE, CLIENTS, READ_SECONDS),
          ]);
          if (writes.ok !== writes.count || writes.errors > 0)
            throw new Error(`paced decisions (${c}): ${writes.ok} of ${writes.count} recorded, ${writes.errors} errors`);
          return reads;
        };
        for (let round = 1; round <= rounds; round++) {
          const order = round % 2 === 1 ? conditions : ([...conditions].reverse() as Condition[]);
          const parts: string[] = [];
          for (const c of order) {
            const r = await run(c);
            if (r.ok !== r.count) throw new Error(`${what} (${c}): ${r.count - r.ok} answers not 2xx`);
            pooled[c].push(...r.latencies);
            parts.push(`${c} p50 ${ms2(r.p50)} / p99 ${ms2(r.p99)} ms`);
          }
          console.log(
            `${what} at ${rate}/s (paced, round ${round}; ${PACED_RATE} decisions/s on this server = same, on another = other): ${parts.join('; ')}`,
          );
        }
        const [a, same, other] = conditions.map((c) => {
          const xs = pooled[c].sort((x, y) => x - y);
          return { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99) };
        });
        console.log(
          `${what} at ${rate}/s, ${rounds} rounds pooled (${a.n} reads each): alone p50 ${ms2(a.p50)} ms, p99 ${ms2(a.p99)} ms; ` +
            `beside ${PACED_RATE} decisions/s written by this server p50 ${ms2(same.p50)} ms, p99 ${ms2(same.p99)} ms — slowdown p50 ${pct(same.p50, a.p50)}, p99 ${pct(same.p99, a.p99)}`,
        );
        console.log(
          `  control, the same decisions written by another server on the same cores: p50 ${ms2(other.p50)} ms, p99 ${ms2(other.p99)} ms (vs alone p50 ${pct(other.p50, a.p50)}, p99 ${pct(other.p99, a.p99)}); ` +
            `this server's own share (same vs other): p50 ${pct(same.p50, other.p50)}, p99 ${pct(same.p99, other.p99)}`,
        );
      };
      await besideDecisions('explanation API', READ_RATE, READ_ROUNDS, explain);
      // A client page as an analyst opens it (server-rendered, every section streamed; reading needs no sign-in by default).
      const clientPage = (i: number, agent: http.Agent) => send(cluster.base, 'GET', `/dashboard/clients/${ids[i % ids.length]}`, { agent });
      await load(4, 3, clientPage); // every section's code loaded and compiled
      await besideDecisions('client page', PAGE_RATE, PAGE_ROUNDS, clientPage);
    } finally {
      await control.stop();
    }
  } finally {
    await cluster.stop();
  }
}

/** Appends `count` chained records in bulk (the same fields and hashes as appendDecision), after the store's last record. */
async function fill(connection: StoreConnection, count: number): Promise<void> {
  const last = await connection.db.selectFrom('decisions').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const batch = (n: number): DecisionsTable[] => {
    const rows: DecisionsTable[] = [];
    for (let k = 0; k < n; k++) {
      seq++;
      const body = decisionBody(seq);
      const base = {
        seq,
        id: crypto.randomUUID(),
        created_at: new Date().toISOString(),
        actor_id: 'key:bench000',
        actor_role: 'api-key',
        application_id: 100001 + (seq % 1000),
        input_hash: 'a'.repeat(64),
        model_name: 'credit-risk',
        model_version: 'bench',
        probability: 0.05 + (seq % 100) / 1000,
        threshold: 0.0823,
        recommendation: 'approve',
        decision: String(body.decision),
        override: body.decision === 'refuse' ? 1 : 0,
        override_reasons: JSON.stringify(body.overrideReasons ?? []),
        justification: typeof body.justification === 'string' ? body.justification : null,
        principal_reasons: JSON.stringify([{ code: 'EXT_SOURCE_3_LOW', field: 'EXT_SOURCE_3' }]),
        refers_to: null,
        idempotency_key: null,
        request_hash: null,
      };
      const hash = chainHash(prev, chainedFields(base));
      rows.push({ ...base, prev_hash: prev, hash });
      prev = hash;
    }
    return rows;
  };
  const BATCH = 1000;
  if (connection.sqlite) {
    const sqlite = connection.sqlite;
    sqlite.transaction(() => {
      let insert: { run(...values: unknown[]): unknown } | undefined;
      for (let done = 0; done < count; done += BATCH) {
        for (const row of batch(Math.min(BATCH, count - done))) {
          const keys = Object.keys(row) as (keyof DecisionsTable)[];
          insert ??= sqlite.prepare<unknown[]>(`INSERT INTO decisions (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
          insert.run(...keys.map((k) => row[k]));
        }
      }
    })();
    return;
  }
  await connection.db.transaction().execute(async (trx) => {
    for (let done = 0; done < count; done += BATCH)
      await trx
        .insertInto('decisions')
        .values(batch(Math.min(BATCH, count - done)))
        .execute();
  });
}

function timeAuditVerify(store: Store): string {
  const env = {
    ...process.env,
    DATABASE_URL: 'databaseUrl' in store ? store.databaseUrl : '',
    SQLITE_FILE: 'sqliteFile' in store ? store.sqliteFile : '',
  };
  const started = performance.now();
  const out = execFileSync('npm', ['run', '--silent', 'audit:verify'], { env, encoding: 'utf8' }).trim();
  return `${((performance.now() - started) / 1000).toFixed(2)} s wall (npm + tsx start included); it printed: ${out}`;
}

async function benchVerify(label: string, store: Store): Promise<void> {
  const connection = await openStore('databaseUrl' in store ? { databaseUrl: store.databaseUrl, sqliteFile: '' } : { sqliteFile: store.sqliteFile });
  try {
    const started = performance.now();
    await fill(connection, RECORDS);
    const total = await connection.db
      .selectFrom('decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `${label}: ${RECORDS.toLocaleString('en')} records appended in bulk in ${((performance.now() - started) / 1000).toFixed(1)} s (store now ${Number(total.n).toLocaleString('en')} records)`,
    );
    // The /audit page's data (first page of records, override rates, escalation queue; the chain check runs in the background).
    const { auditPageModel } = await import('../../lib/dashboard/auditPage');
    const times: number[] = [];
    for (const query of [{}, {}, { override: true }, { decision: 'escalate' as const }]) {
      const t0 = performance.now();
      await auditPageModel(connection, query, 'fr');
      times.push(performance.now() - t0);
    }
    console.log(
      `${label}: /audit first page model ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')} (first view, again, override=true, escalations)`,
    );
  } finally {
    await connection.close();
  }
  console.log(`${label}: npm run audit:verify ${timeAuditVerify(store)}`);
}

async function main(): Promise<void> {
  console.log(
    `bench:decisions on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; dist ${process.env.NEXT_DIST_DIR || '.next'}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-bench-decisions-'));
  const sqlite = { sqliteFile: path.join(dir, 'decisions.sqlite') };
  const pg = await startThrowawayPostgres();
  try {
    await benchBackend('SQLite (WAL; each acknowledged append flushed to the disk)', sqlite, { sqliteFile: path.join(dir, 'control.sqlite') });
    if (pg) {
      // The control cluster's store: a second database on the same server.
      execFileSync(path.join(pg.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', 'control']);
      await benchBackend('PostgreSQL 15 (local, fsync off)', { databaseUrl: pg.url }, { databaseUrl: pg.url.replace(/\/postgres$/, '/control') });
    } else console.log('\nPostgreSQL is not installed here: its half is skipped');

    console.log(`\n=== audit:verify on ${RECORDS.toLocaleString('en')} more records ===`);
    await benchVerify('SQLite', sqlite);
    if (pg) await benchVerify('PostgreSQL', { databaseUrl: pg.url });
    console.log(`\nload average now: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  } finally {
    pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
