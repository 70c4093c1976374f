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
 * --read-cycles=15 (cycles of that measure: in one continuous run of reads, windows of --window-ms=2000 alone,
 * beside decisions written by this server, and beside the same decisions written by a second cluster on a
 * store of its own — the control, which shows the share of the machine that the load generator and the writes
 * take — in a rotation of their six orders; the reads of the --guard-ms=200 at either end of a window are not
 * counted), --page-rate=10 and --page-cycles=20 (the same measure for a client page, /dashboard/clients/{id}),
 * --reads-only (only that measure), --pin (the reading cluster on CPU 0; this process and the control on CPU 1).
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

/** Milliseconds since the epoch at sub-millisecond resolution: one clock for every thread of the process. */
const epochNow = () => performance.timeOrigin + performance.now();

/** Counts the answers of one load and sums them up. */
class Tally {
  /** Every request: when it was sent (epochNow), its answer's latency (ms) and status (0: no answer). */
  readonly answers: { sent: number; ms: number; status: number }[] = [];
  private readonly started = performance.now();

  /** Sends `request(i)` and counts its answer (or its failure). */
  async send(request: Request, i: number, agent: http.Agent): Promise<void> {
    const sent = epochNow();
    try {
      const a = await request(i, agent);
      this.answers.push({ sent, ms: a.ms, status: a.status });
    } catch {
      this.answers.push({ sent, ms: NaN, status: 0 });
    }
  }

  result(): LoadResult {
    const answered = this.answers.filter((a) => a.status !== 0);
    const sorted = answered.map((a) => a.ms).sort((x, y) => x - y);
    const ok = answered.filter((a) => a.status >= 200 && a.status < 300).length;
    return {
      count: sorted.length,
      ok,
      non2xx: answered.length - ok,
      s5xx: answered.filter((a) => a.status >= 500).length,
      errors: this.answers.length - answered.length,
      seconds: (performance.now() - this.started) / 1000,
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
/** A relative change (0.12 → "12 %"), and the change from `alone` to `loaded`. */
const change = (x: number) => `${(x * 100).toFixed(0)} %`;
const pct = (loaded: number, alone: number) => change(loaded / alone - 1);

/** Open loop: `rate` requests per second from `start` to `end` (epoch ms; at most `clients` in flight), whatever the answers' pace. */
async function pacedBetween(rate: number, clients: number, start: number, end: number, request: Request): Promise<Tally> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const tally = new Tally();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; start + (i * 1000) / rate < end; i++) {
    const wait = start + (i * 1000) / rate - epochNow();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= clients) await Promise.race(inFlight);
    const p: Promise<void> = tally.send(request, i, agent).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  agent.destroy();
  return tally;
}

/** `rate` requests per second for `seconds`, from now. */
async function paced(rate: number, clients: number, seconds: number, request: Request): Promise<LoadResult> {
  const start = epochNow();
  return (await pacedBetween(rate, clients, start, start + seconds * 1000, request)).result();
}

/**
 * The paced decisions of the paced-read measure, sent from a worker thread: latencies measured in
 * the bench's own event loop would otherwise include the time it spends sending the decisions.
 * It sends `rate` decisions/s (at most `clients` in flight) to a target during each of its windows
 * (epoch milliseconds, the clock of epochNow) and nothing between them. Plain JavaScript (eval),
 * with the requests prepared here.
 */
const PACED_THREAD = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { targets, key, rate, clients, windows, requests } = workerData;
const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: clients }));
const tallies = targets.map(() => ({ latencies: [], ok: 0, non2xx: 0, s5xx: 0, errors: 0 }));
const now = () => performance.timeOrigin + performance.now();
function send(t, r) {
  const { host, port } = targets[t];
  const tally = tallies[t];
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host, port, method: 'POST', path: r.path, agent: agents[t], timeout: 30000,
      headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) } }, (res) => {
      res.resume();
      res.on('end', () => {
        tally.latencies.push(performance.now() - started);
        if (res.statusCode >= 200 && res.statusCode < 300) tally.ok++; else tally.non2xx++;
        if (res.statusCode >= 500) tally.s5xx++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { tally.errors++; resolve(); });
    req.end(r.body);
  });
}
(async () => {
  const inFlight = new Set();
  let n = 0;
  for (const w of windows) {
    for (let i = 0; w.start + (i * 1000) / rate < w.end; i++) {
      const wait = w.start + (i * 1000) / rate - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= clients) await Promise.race(inFlight);
      const p = send(w.target, requests[n++ % requests.length]).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }
  await Promise.all(inFlight);
  for (const a of agents) a.destroy();
  parentPort.postMessage(tallies);
})();
`;

interface DecisionWindow {
  /** Index in the targets' list. */
  target: number;
  /** Epoch milliseconds (epochNow). */
  start: number;
  end: number;
}

/** Decisions at `rate`/s to `bases[w.target]` during each window, from a worker thread; one result per target. */
async function pacedDecisionsInThread(
  bases: readonly string[],
  windows: readonly DecisionWindow[],
  ids: readonly number[],
  rate: number,
  clients: number,
): Promise<LoadResult[]> {
  const requests = Array.from({ length: 300 }, (_, i) => ({
    path: `/api/v1/applications/${ids[i % ids.length]}/decisions`,
    body: JSON.stringify(decisionBody(i)),
  }));
  const targets = bases.map((b) => ({ host: new URL(b).hostname, port: new URL(b).port }));
  const worker = new Worker(PACED_THREAD, { eval: true, workerData: { targets, key: DECIDE_KEY, rate, clients, windows, requests } });
  const tallies = await new Promise<{ latencies: number[]; ok: number; non2xx: number; s5xx: number; errors: number }[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const seconds = windows.reduce((sum, w) => sum + (w.end - w.start) / 1000, 0);
  return tallies.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return { ...r, count: sorted.length, seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), latencies: sorted };
  });
}

/** Decisions per second of the "reads while decisions are written" measure at a steady pace (--paced-rate). */
const PACED_RATE = Number(arg('paced-rate') ?? 100);
/** Decisions per second of the sustained-rate measure (--sustained-rate): the target's 500/s. */
const SUSTAINED_RATE = Number(arg('sustained-rate') ?? 500);
/** Reads per second of the paced-read measure (--read-rate): a busy team's dashboards, well below saturation. */
const READ_RATE = Number(arg('read-rate') ?? 200);
/** Cycles of the paced-read measure (--read-cycles): each cycle is one window of each condition. */
const READ_CYCLES = Number(arg('read-cycles') ?? 15);
/** Client pages per second of the paced page measure (--page-rate) and its cycles (--page-cycles). */
const PAGE_RATE = Number(arg('page-rate') ?? 10);
const PAGE_CYCLES = Number(arg('page-cycles') ?? 20);
/** Length of a condition's window (--window-ms) and the margin at each of its ends whose reads are not counted (--guard-ms). */
const WINDOW_MS = Number(arg('window-ms') ?? 2000);
const GUARD_MS = Number(arg('guard-ms') ?? 200);
/** Only the paced-read measure (--reads-only): no saturating loads before it, no audit:verify after it. */
const READS_ONLY = process.argv.includes('--reads-only');
/**
 * The pinned layout (--pin): the reading cluster (primary and workers, every thread) on CPU 0; this
 * process (the reading client, the decisions' generator) and the control cluster on CPU 1 — as if the
 * clients ran on another machine and the server had one core of its own, which it shares between the
 * reads and the decisions it writes. The database server (PostgreSQL) is not pinned.
 */
const PIN = process.argv.includes('--pin');

/** Pins every thread of `pids` to `cpu` (taskset). */
function pin(pids: readonly number[], cpu: number): void {
  for (const pid of pids) execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

const CONDITIONS = ['alone', 'same', 'other'] as const;
type Condition = (typeof CONDITIONS)[number];
/** The six orders of the three conditions, cycled through so that each follows each other one as often. */
const ORDERS: readonly (readonly Condition[])[] = [
  ['alone', 'same', 'other'],
  ['same', 'other', 'alone'],
  ['other', 'alone', 'same'],
  ['other', 'same', 'alone'],
  ['same', 'alone', 'other'],
  ['alone', 'other', 'same'],
];

interface ConditionWindow {
  cycle: number;
  condition: Condition;
  start: number;
  end: number;
}

/** `cycles` × three windows of WINDOW_MS from `start` (epoch ms), the conditions in the ORDERS' rotation. */
function conditionWindows(cycles: number, start: number): ConditionWindow[] {
  const out: ConditionWindow[] = [];
  for (let cycle = 0; cycle < cycles; cycle++)
    for (const condition of ORDERS[cycle % ORDERS.length]) {
      const t = start + out.length * WINDOW_MS;
      out.push({ cycle, condition, start: t, end: t + WINDOW_MS });
    }
  return out;
}

const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

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

    if (!READS_ONLY) {
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
          `${(background.ok / background.seconds).toFixed(0)} decisions/s meanwhile); slowdown p50 ${pct(loaded.p50, alone.p50)}, ` +
          `p99 ${pct(loaded.p99, alone.p99)}; 5xx ${loaded.s5xx + background.s5xx}`,
      );
      // The same reads while decisions arrive at a steady pace (a busy team, not a saturating load).
      const alone2 = await load(READERS, READ_SECONDS, explain);
      const [steady, writes] = await Promise.all([load(READERS, READ_SECONDS, explain), paced(PACED_RATE, CLIENTS, READ_SECONDS, post)]);
      console.log(
        `explanation with ${PACED_RATE} decisions/s written (paced): p50 ${ms(steady.p50)} ms, p99 ${ms(steady.p99)} ms vs alone ${ms(alone2.p50)} / ${ms(alone2.p99)} ms; ` +
          `slowdown p50 ${pct(steady.p50, alone2.p50)}, p99 ${pct(steady.p99, alone2.p99)}; ` +
          `decisions p50 ${ms(writes.p50)} ms, p99 ${ms(writes.p99)} ms, ${writes.ok} recorded; 5xx ${steady.s5xx + writes.s5xx}`,
      );
    }
    // What a reader experiences: reads arriving at a steady pace (the closed loops above keep both
    // cores busy with reads, so any other work shows as a slowdown of the share each gets) under three
    // conditions — alone; beside decisions at a steady pace (sent from a worker thread) written by this
    // server; beside the same decisions written by a second cluster on a store of its own (the control:
    // the load generator, the writes and the cores they take, but nothing in the reading server).
    // The conditions alternate in windows of WINDOW_MS within one continuous run of reads, in a
    // rotation of their six orders, so that a drift of the machine (it moves the median of reads alone
    // by ±40 % between runs of a few seconds here) falls on every condition alike; the reads sent in
    // the GUARD_MS at either end of a window are not counted (decisions still in flight, a collection
    // they started). Figures: the pooled p50 / p99 of each condition, and the median over the cycles
    // of each cycle's own ratio of medians (a paired estimate).
    const control = await startDecisionCluster({ store: controlStore, workers: 2 });
    if (PIN) {
      pin([process.pid], 1);
      pin([control.primary.pid ?? NaN, ...control.workerPids()], 1);
      pin([cluster.primary.pid ?? NaN, ...cluster.workerPids()], 0);
      console.log(`pinned: this cluster on CPU 0; the bench (reading client, decisions' generator) and the control cluster on CPU 1`);
    }
    try {
      const warm = epochNow() + 50;
      await pacedDecisionsInThread([control.base], [{ target: 0, start: warm, end: warm + 2000 }], ids, PACED_RATE, CLIENTS); // the control's hot paths compiled
      const besideDecisions = async (what: string, rate: number, cycles: number, read: Request) => {
        const start = epochNow() + 200;
        const windows = conditionWindows(cycles, start);
        const bases = [cluster.base, control.base];
        const [reads, writes] = await Promise.all([
          pacedBetween(rate, READERS * 4, start, windows[windows.length - 1].end, read),
          pacedDecisionsInThread(
            bases,
            windows.filter((w) => w.condition !== 'alone').map((w) => ({ target: w.condition === 'same' ? 0 : 1, start: w.start, end: w.end })),
            ids,
            PACED_RATE,
            CLIENTS,
          ),
        ]);
        for (const [k, w] of writes.entries())
          if (w.ok !== w.count || w.errors > 0)
            throw new Error(`paced decisions (${k === 0 ? 'same' : 'other'}): ${w.ok} of ${w.count} recorded, ${w.errors} errors`);
        const { answers } = reads;
        const failed = answers.filter((a) => a.status < 200 || a.status >= 300).length;
        if (failed > 0) throw new Error(`${what}: ${failed} of ${answers.length} answers not 2xx`);
        const pooled: Record<Condition, number[]> = { alone: [], same: [], other: [] };
        const perCycle = Array.from({ length: cycles }, (): Record<Condition, number[]> => ({ alone: [], same: [], other: [] }));
        let w = 0;
        for (const a of [...answers].sort((x, y) => x.sent - y.sent)) {
          while (w < windows.length - 1 && a.sent >= windows[w].end) w++;
          const win = windows[w];
          if (a.sent < win.start + GUARD_MS || a.sent >= win.end - GUARD_MS) continue;
          pooled[win.condition].push(a.ms);
          perCycle[win.cycle][win.condition].push(a.ms);
        }
        const [alone, same, other] = CONDITIONS.map((c) => {
          const xs = pooled[c].sort((x, y) => x - y);
          return { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99) };
        });
        const paired = (c: Condition, ref: Condition) => median(perCycle.map((m) => median(m[c]) / median(m[ref]) - 1));
        console.log(
          `${what} at ${rate}/s, ${cycles} cycles of 3 × ${WINDOW_MS / 1000} s windows (${windows.length * (WINDOW_MS / 1000)} s; ${alone.n} / ${same.n} / ${other.n} reads counted): ` +
            `alone p50 ${ms2(alone.p50)} ms, p99 ${ms2(alone.p99)} ms; beside ${PACED_RATE} decisions/s written by this server p50 ${ms2(same.p50)} ms, p99 ${ms2(same.p99)} ms ` +
            `— slowdown p50 ${pct(same.p50, alone.p50)}, p99 ${pct(same.p99, alone.p99)}; paired (median of the cycles' ratios of medians) ${change(paired('same', 'alone'))}`,
        );
        console.log(
          `  control, the same decisions written by another server on the same cores: p50 ${ms2(other.p50)} ms, p99 ${ms2(other.p99)} ms (vs alone p50 ${pct(other.p50, alone.p50)}, p99 ${pct(other.p99, alone.p99)}, paired ${change(paired('other', 'alone'))}); ` +
            `this server's own share (same vs other): p50 ${pct(same.p50, other.p50)}, p99 ${pct(same.p99, other.p99)}, paired ${change(paired('same', 'other'))}; ` +
            `decisions p50 ${ms(writes[0].p50)} ms, p99 ${ms(writes[0].p99)} ms, ${writes[0].ok} + ${writes[1].ok} recorded`,
        );
      };
      await besideDecisions('explanation API', READ_RATE, READ_CYCLES, explain);
      // A client page as an analyst opens it (server-rendered, every section streamed; reading needs no sign-in by default).
      const clientPage = (i: number, agent: http.Agent) => send(cluster.base, 'GET', `/dashboard/clients/${ids[i % ids.length]}`, { agent });
      await load(4, 3, clientPage); // every section's code loaded and compiled
      await besideDecisions('client page', PAGE_RATE, PAGE_CYCLES, clientPage);
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

    if (!READS_ONLY) {
      console.log(`\n=== audit:verify on ${RECORDS.toLocaleString('en')} more records ===`);
      await benchVerify('SQLite', sqlite);
      if (pg) await benchVerify('PostgreSQL', { databaseUrl: pg.url });
    }
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
