import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decisionRecordSchema } from '../../lib/api/schemas/decisions';
import { problemSchema } from '../../lib/api/schemas/common';
import { openStore } from '../../lib/store/database';
import { verifyChain } from '../../lib/store/decisionLog';
import {
  allDecisions,
  type Answer,
  applicationIds,
  auditVerify,
  decisionBody,
  type DecisionCluster,
  inFlight,
  send,
  startDecisionCluster,
} from '../support/decisionCluster';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres';

/**
 * The decision store under concurrency and failures, API only, on production clusters of its own
 * (`npm run start:cluster`, 2 workers sharing a port; the default build): 1,000 decisions posted 32 at
 * a time on SQLite (a temporary file) and on PostgreSQL (a throw-away cluster), a worker killed by
 * SIGKILL in the middle of a burst, and PostgreSQL stopped and started again under a running app.
 * Each time: every decision answered 201 is stored, the hash chain holds (`npm run audit:verify`),
 * no 5xx but the 503 of a store that is down. Throughput and latency are measured by
 * `npm run bench:decisions`, not here.
 */

const BURST = 1000;
const CONCURRENCY = 32;

test.describe.configure({ mode: 'serial' });

type Outcome = PromiseSettledResult<Answer>;

function statuses(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.status === 'fulfilled' ? String(o.value.status) : 'connection error';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Posts `count` decisions, `CONCURRENCY` in flight, over keep-alive connections; `onAnswer` sees each outcome as it comes. */
async function burst(
  cluster: DecisionCluster,
  ids: number[],
  count: number,
  onAnswer?: (done: number) => void,
  timeoutMs = 30_000,
): Promise<Outcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let done = 0;
  try {
    return await inFlight(count, CONCURRENCY, async (i) => {
      try {
        return await send(cluster.base, 'POST', `/api/v1/applications/${ids[i % ids.length]}/decisions`, { body: decisionBody(i), agent, timeoutMs });
      } finally {
        onAnswer?.(++done);
      }
    });
  } finally {
    agent.destroy();
  }
}

/** Every record read back is whole (its schema, a 64-hex hash) and the chain of the store holds, directly and through `npm run audit:verify`. */
/** BURST decisions 32 at a time: every one answered 201, and the store holds exactly those records, chained. */
async function expectBurstStored(c: DecisionCluster, store: { databaseUrl: string } | { sqliteFile: string }, ids: number[]): Promise<void> {
  const outcomes = await burst(c, ids, BURST);
  expect(statuses(outcomes), c.output()).toEqual({ '201': BURST });
  const answered = outcomes.map((o) => JSON.parse((o as PromiseFulfilledResult<Answer>).value.body) as { id: string });
  const records = await expectStoreIntact(c, store, BURST);
  expect(new Set(records.map((r) => r.id))).toEqual(new Set(answered.map((a) => a.id)));
}

async function expectStoreIntact(
  cluster: DecisionCluster,
  store: { databaseUrl: string } | { sqliteFile: string },
  expectedRecords: number,
): Promise<Record<string, unknown>[]> {
  const records = await allDecisions(cluster.base);
  for (const r of records) {
    const parsed = decisionRecordSchema.safeParse(r);
    expect(parsed.success, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(records.length).toBe(expectedRecords);
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  expect(records.map((r) => r.seq)).toEqual(Array.from({ length: records.length }, (_, i) => records.length - i)); // 1..n, no gap

  const connection = await openStore('databaseUrl' in store ? { databaseUrl: store.databaseUrl, sqliteFile: '' } : { sqliteFile: store.sqliteFile });
  try {
    const report = await verifyChain(connection);
    expect(report.firstBreak).toBeNull();
    expect(report.records).toBe(expectedRecords);
  } finally {
    await connection.close();
  }
  const audit = auditVerify(store);
  expect(audit.code, audit.output).toBe(0);
  expect(audit.output).toContain(`chain intact: ${expectedRecords} records verified`);
  return records;
}

async function expectStoreDownProblem(answer: Answer): Promise<void> {
  expect(answer.status, answer.body.slice(0, 300)).toBe(503);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  const problem = problemSchema.parse(JSON.parse(answer.body));
  expect(problem.status).toBe(503);
}

test.describe('decision store on SQLite (own 2-worker cluster, temporary file)', () => {
  let dir = '';
  let store: { sqliteFile: string };
  let cluster: DecisionCluster | undefined;
  let ids: number[] = [];
  let stored = 0;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-reliability-'));
    store = { sqliteFile: path.join(dir, 'decisions.sqlite') };
    cluster = await startDecisionCluster({ store });
    ids = await applicationIds(cluster.base);
  });

  test.afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('1,000 decisions posted 32 at a time across the two workers: 1,000 records, the chain intact, no 5xx', async () => {
    test.setTimeout(180_000);
    await expectBurstStored(cluster as DecisionCluster, store, ids);
    stored = BURST;
  });

  test('a worker killed by SIGKILL in the middle of a burst: every decision answered 201 is stored, no partial record, the chain holds', async () => {
    test.setTimeout(180_000);
    const c = cluster as DecisionCluster;
    // A worker that dies within 15 s of its start stops the whole cluster (crash-loop guard): wait until both are older.
    while ([...c.workerAges().values()].some((age) => age < 16)) await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    const readyBefore = c.readyCount();
    const [victim] = c.workerPids();
    expect(victim).toBeGreaterThan(0);
    let killed = false;
    // A connection that the cluster's primary was handing to the worker as it died is never
    // answered: the client gives up after 10 s (counted with the connection errors).
    const outcomes = await burst(
      c,
      ids,
      600,
      (done) => {
        if (!killed && done >= 150) {
          killed = true;
          process.kill(victim, 'SIGKILL');
        }
      },
      10_000,
    );
    expect(killed).toBe(true);
    const counts = statuses(outcomes);
    test.info().annotations.push({
      type: 'burst with a worker killed',
      description: `${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    });
    // Only 201s and the connection errors of requests in flight on the killed worker (never a 5xx).
    expect(
      Object.keys(counts).filter((k) => k !== '201' && k !== 'connection error'),
      JSON.stringify(counts),
    ).toEqual([]);
    const acknowledged = outcomes
      .filter((o): o is PromiseFulfilledResult<Answer> => o.status === 'fulfilled')
      .map((o) => (JSON.parse(o.value.body) as { id: string }).id);
    const lost = outcomes.length - acknowledged.length;
    expect(acknowledged.length).toBeGreaterThan(150);

    const records = await allDecisions(c.base);
    const storedIds = new Set(records.map((r) => r.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    // A request cut by the kill either committed before it (stored, its answer lost) or not at all.
    const added = records.length - stored;
    expect(added).toBeGreaterThanOrEqual(acknowledged.length);
    expect(added).toBeLessThanOrEqual(acknowledged.length + lost);
    await expectStoreIntact(c, store, records.length);
    stored = records.length;

    // The cluster replaced the killed worker, and both serve again.
    await expect.poll(() => c.readyCount(), { timeout: 90_000 }).toBe(readyBefore + 1);
    expect(c.workerPids().filter((p) => p !== victim)).toHaveLength(2);
    const after = await burst(c, ids, 40);
    expect(statuses(after), c.output()).toEqual({ '201': 40 });
    await expectStoreIntact(c, store, stored + 40);
  });
});

test.describe('decision store on PostgreSQL (own 2-worker cluster, throw-away PostgreSQL)', () => {
  let pg: ThrowawayPostgres | undefined;
  let cluster: DecisionCluster | undefined;
  let store: { databaseUrl: string };
  let ids: number[] = [];
  let stored = 0;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    pg = await startThrowawayPostgres();
    if (!pg) return;
    store = { databaseUrl: pg.url };
    cluster = await startDecisionCluster({ store });
    ids = await applicationIds(cluster.base);
  });

  test.afterAll(async () => {
    await cluster?.stop();
    pg?.stop();
  });

  test('1,000 decisions posted 32 at a time across the two workers: 1,000 records, the chain intact, no 5xx', async () => {
    test.skip(!pg, 'PostgreSQL is not installed here (bash .ci/install-system installs it)');
    test.setTimeout(180_000);
    await expectBurstStored(cluster as DecisionCluster, store, ids);
    stored = BURST;
  });

  test('PostgreSQL stopped under the running app: writes answer 503 with Retry-After, pages still 200; writes succeed again once it is back, without a restart', async () => {
    test.skip(!pg, 'PostgreSQL is not installed here (bash .ci/install-system installs it)');
    test.setTimeout(180_000);
    const c = cluster as DecisionCluster;
    const db = pg as ThrowawayPostgres;
    const workersBefore = c.workerPids().sort();
    const id = ids[0];

    db.pause(); // pg_ctl stop -m fast
    try {
      // Both workers (connections are spread over them), with and without an Idempotency-Key.
      for (let i = 0; i < 6; i++) {
        const headers: Record<string, string> = i % 2 === 0 ? { 'idempotency-key': `down-${i}` } : {};
        await expectStoreDownProblem(
          await send(c.base, 'POST', `/api/v1/applications/${id}/decisions`, { body: decisionBody(i), headers, agent: false }),
        );
      }
      await expectStoreDownProblem(await send(c.base, 'GET', '/api/v1/decisions?limit=5'));
      // What does not need the decision store keeps answering.
      for (let i = 0; i < 2; i++) {
        const score = await send(c.base, 'GET', `/api/v1/applications/${id}/score`);
        expect(score.status, score.body.slice(0, 300)).toBe(200);
        const page = await send(c.base, 'GET', '/dashboard');
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
      }
    } finally {
      db.resume(); // same port, same data folder
    }

    // Writes come back without restarting the app (each worker's pool reconnects).
    await expect
      .poll(
        async () =>
          (
            await send(c.base, 'POST', `/api/v1/applications/${id}/decisions`, {
              body: decisionBody(0),
              headers: { 'idempotency-key': 'after-restart' },
            })
          ).status,
        {
          timeout: 30_000,
          intervals: [250, 500, 1000],
        },
      )
      .toBe(201);
    const after = await burst(c, ids, 40);
    expect(statuses(after), c.output()).toEqual({ '201': 40 });
    // A decision refused with 503 left nothing behind: only the one retried key and the 40.
    await expectStoreIntact(c, store, stored + 1 + 40);
    expect(c.workerPids().sort()).toEqual(workersBefore);
  });
});
