import { spawnSync } from 'node:child_process';
import { openStore } from '@/lib/store/database';
import {
  appendDecision,
  chainedFields,
  type DecisionDraft,
  getDecision,
  listDecisions,
  pendingEscalations,
  verifyChain,
} from '@/lib/store/decisionLog';
import { chainHash, GENESIS_HASH } from '@/lib/store/auditChain';
import { AlreadyReviewedError, IdempotencyConflictError, StoreUnavailableError } from '@/lib/store/errors';
import { BACKENDS, postgresMissing, sqliteBackend, withStore } from './backends';

const draft = (i: number, over: Partial<DecisionDraft> = {}): DecisionDraft => ({
  actorId: i % 2 === 0 ? 'user:alice' : 'key:0a1b2c3d',
  actorRole: i % 2 === 0 ? 'analyst' : 'api-key',
  applicationId: 100000 + (i % 7),
  inputHash: 'ab'.repeat(32),
  modelName: 'credit-risk',
  modelVersion: '20261206-160545',
  probability: 0.0123456789 * ((i % 9) + 1),
  threshold: 0.08233498237341004,
  recommendation: i % 3 === 0 ? 'refuse' : 'approve',
  decision: i % 5 === 0 ? 'escalate' : 'approve',
  override: i % 3 === 0 && i % 5 !== 0,
  overrideReasons: i % 3 === 0 && i % 5 !== 0 ? ['income-verified'] : [],
  justification: i % 3 === 0 && i % 5 !== 0 ? 'Payslips checked, income confirmed by the employer.' : null,
  principalReasons: [
    { code: 'R01', field: 'EXT_SOURCES_MEAN' },
    { code: 'R07', field: 'ANNUITY_INCOME_RATIO' },
  ],
  refersTo: null,
  ...over,
});

if (postgresMissing) {
  test.skip(`PostgreSQL store: ${postgresMissing}`, () => undefined);
}

describe.each(BACKENDS.map((b) => [b.name, b] as const))('decision log on %s', (_name, backend) => {
  test('migrations apply once, also when opened again', async () => {
    const target = await backend.target();
    await withStore(target, async () => undefined);
    await withStore(target, async (store) => {
      const { records } = await verifyChain(store);
      expect(records).toBe(0);
    });
  });

  test('records chain by hash, read back identically, list newest first with a cursor and filters', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      const written = [];
      for (let i = 1; i <= 12; i++) written.push((await appendDecision(store, draft(i))).record);
      expect(written.map((r) => r.seq)).toEqual([...Array(12).keys()].map((k) => k + 1));
      expect(written[0].prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < written.length; i++) expect(written[i].prevHash).toBe(written[i - 1].hash);
      const back = await getDecision(store, written[4].id);
      expect(back).toEqual(written[4]);
      expect(back?.probability).toBe(draft(5).probability); // doubles survive the round trip exactly
      const page1 = await listDecisions(store, { limit: 5 });
      expect(page1.items.map((r) => r.seq)).toEqual([12, 11, 10, 9, 8]);
      const page2 = await listDecisions(store, { limit: 5, beforeSeq: page1.nextBeforeSeq ?? undefined });
      expect(page2.items.map((r) => r.seq)).toEqual([7, 6, 5, 4, 3]);
      const last = await listDecisions(store, { limit: 5, beforeSeq: page2.nextBeforeSeq ?? undefined });
      expect(last.items.map((r) => r.seq)).toEqual([2, 1]);
      expect(last.nextBeforeSeq).toBeNull();
      const overrides = await listDecisions(store, { limit: 50, override: true });
      expect(overrides.items.map((r) => r.seq)).toEqual([12, 9, 6, 3]);
      const alice = await listDecisions(store, { limit: 50, actorId: 'user:alice', decision: 'escalate' });
      expect(alice.items.map((r) => r.seq)).toEqual([10]);
      const app = await listDecisions(store, { limit: 50, applicationId: 100003 });
      expect(app.items.every((r) => r.applicationId === 100003)).toBe(true);
      const period = await listDecisions(store, { limit: 50, from: written[3].createdAt, to: written[5].createdAt });
      expect(period.items.map((r) => r.seq)).toEqual(expect.arrayContaining([6, 5, 4]));
      expect(await verifyChain(store)).toMatchObject({ records: 12, verified: 12, firstBreak: null });
    });
  });

  test('pending escalations: those no record reviews, oldest first, of one application however many records followed', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      const escalate = (applicationId: number) => appendDecision(store, draft(5, { applicationId, decision: 'escalate' })).then((a) => a.record);
      const e1 = await escalate(200001);
      const e2 = await escalate(200002);
      const e3 = await escalate(200001);
      for (let i = 1; i <= 55; i++) await appendDecision(store, draft(1, { applicationId: 200001, decision: 'approve' }));
      await appendDecision(store, draft(1, { applicationId: 200001, decision: 'refuse', refersTo: e1.id }));
      expect((await pendingEscalations(store, 10)).map((r) => r.id)).toEqual([e2.id, e3.id]);
      expect((await pendingEscalations(store, 10, 200001)).map((r) => r.id)).toEqual([e3.id]);
      expect((await pendingEscalations(store, 10, 200002)).map((r) => r.id)).toEqual([e2.id]);
      expect(await pendingEscalations(store, 10, 200003)).toEqual([]);
      // The client page's history (its 50 newest records) no longer holds the pending escalation.
      expect((await listDecisions(store, { applicationId: 200001, limit: 50 })).items.map((r) => r.id)).not.toContain(e3.id);
    });
  });

  test('an escalation is reviewed once: of two reviews sent at once one is stored, a later one is refused too, a retried one replays', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      const escalation = (await appendDecision(store, draft(5, { decision: 'escalate' }))).record;
      const review = (decision: 'approve' | 'refuse', key: string) =>
        appendDecision(store, draft(2, { actorRole: 'supervisor', decision, refersTo: escalation.id }), { key, requestHash: `h-${key}` });
      const both = await Promise.allSettled([review('approve', 'k1'), review('refuse', 'k2')]);
      expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      const first = (both[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof review>>>).value.record;
      const refused = (both[1] as PromiseRejectedResult).reason;
      expect(refused).toBeInstanceOf(AlreadyReviewedError);
      expect(refused).toMatchObject({ refersTo: escalation.id, reviewedBy: first.id });
      await expect(review('refuse', 'k3')).rejects.toMatchObject({ name: 'AlreadyReviewedError', reviewedBy: first.id });
      // The first review's retry (same key, same request) is its record again, not a refusal.
      expect(await review('approve', 'k1')).toEqual({ record: first, replayed: true });
      const stored = await listDecisions(store, { limit: 10 });
      expect(stored.items.filter((r) => r.refersTo === escalation.id).map((r) => r.id)).toEqual([first.id]);
      expect(await pendingEscalations(store, 10)).toEqual([]);
      expect((await verifyChain(store)).firstBreak).toBeNull();
    });
  });

  test('an Idempotency-Key returns the first record for the same request and refuses another request', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      const first = await appendDecision(store, draft(1), { key: 'key:0a1b2c3d:abc', requestHash: 'h1' });
      const again = await appendDecision(store, draft(1), { key: 'key:0a1b2c3d:abc', requestHash: 'h1' });
      expect(again).toEqual({ record: first.record, replayed: true });
      await expect(appendDecision(store, draft(2), { key: 'key:0a1b2c3d:abc', requestHash: 'h2' })).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect((await verifyChain(store)).records).toBe(1);
    });
  });

  test('appends arriving together are written in one commit, each answered with its own outcome', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      const settled = await Promise.allSettled([
        appendDecision(store, draft(1), { key: 'k:same', requestHash: 'h' }),
        appendDecision(store, draft(2)),
        appendDecision(store, draft(1), { key: 'k:same', requestHash: 'h' }), // a retry inside the same batch
        appendDecision(store, draft(3), { key: 'k:same', requestHash: 'other' }), // the key reused for another request
        appendDecision(store, draft(4)),
      ]);
      expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const value = (i: number) => (settled[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof appendDecision>>>).value;
      expect(value(2)).toEqual({ record: value(0).record, replayed: true });
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
      expect([value(0), value(1), value(4)].map((v) => v.record.seq)).toEqual([1, 2, 3]);
      expect(value(1).record.prevHash).toBe(value(0).record.hash);
      expect(await verifyChain(store)).toMatchObject({ records: 3, verified: 3, firstBreak: null });
    });
  });

  test('two writers appending at once (two connections, as two workers): every record stored once, the chain intact', async () => {
    const target = await backend.target();
    await withStore(target, async () => undefined); // migrate once
    const [a, b] = await Promise.all([openStore(target), openStore(target)]);
    try {
      const n = 150;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => appendDecision(i % 2 === 0 ? a : b, draft(i + 1), { key: `k:${i}`, requestHash: `h${i}` })),
      );
      expect(new Set(results.map((r) => r.record.seq)).size).toBe(n);
      const report = await verifyChain(a);
      expect(report).toMatchObject({ records: n, verified: n, firstBreak: null });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('the database refuses UPDATE and DELETE on decisions', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      await appendDecision(store, draft(1));
    });
    // Matched on the message: better-sqlite3's native error class belongs to the first test file's realm that loaded it.
    const refused = { message: expect.stringMatching(/append-only/) };
    await expect(backend.raw(target, ["UPDATE decisions SET decision = 'refuse' WHERE seq = 1"])).rejects.toMatchObject(refused);
    await expect(backend.raw(target, ['DELETE FROM decisions WHERE seq = 1'])).rejects.toMatchObject(refused);
    await withStore(target, async (store) => expect((await verifyChain(store)).verified).toBe(1));
  });

  test('a record changed by hand (triggers dropped) is reported as the first break', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      for (let i = 1; i <= 5; i++) await appendDecision(store, draft(i));
    });
    const bypass =
      backend.name === 'sqlite'
        ? ['DROP TRIGGER decisions_no_update', "UPDATE decisions SET decision = 'refuse', override = 1 WHERE seq = 3"]
        : ['ALTER TABLE decisions DISABLE TRIGGER decisions_no_update', "UPDATE decisions SET decision = 'refuse', override = 1 WHERE seq = 3"];
    await backend.raw(target, bypass);
    await withStore(target, async (store) => {
      const report = await verifyChain(store);
      expect(report.firstBreak).toMatchObject({ seq: 3, problem: 'hash-mismatch' });
      expect(report.verified).toBe(2);
    });
  });
});

test('the chained fields cover every column but the hashes', () => {
  const fields = chainedFields({
    seq: 1,
    id: 'x',
    created_at: 't',
    actor_id: 'a',
    actor_role: 'r',
    application_id: 1,
    input_hash: 'i',
    model_name: 'm',
    model_version: 'v',
    probability: 0.5,
    threshold: 0.1,
    recommendation: 'approve',
    decision: 'approve',
    override: 0,
    override_reasons: '[]',
    justification: null,
    principal_reasons: '[]',
    refers_to: null,
    idempotency_key: null,
    request_hash: null,
  });
  expect(Object.keys(fields)).toHaveLength(20);
  // Changing any field changes the hash.
  const base = chainHash(GENESIS_HASH, fields);
  for (const k of Object.keys(fields)) {
    const changed = { ...fields, [k]: k === 'probability' ? 0.5000000001 : `${String(fields[k])}!` };
    expect(chainHash(GENESIS_HASH, changed)).not.toBe(base);
  }
});

test('an unreachable PostgreSQL is StoreUnavailableError, in bounded time', async () => {
  const started = Date.now();
  await expect(openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', sqliteFile: '' })).rejects.toThrow();
  const { sharedStore } = await import('@/lib/store/sharedStore');
  process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
  try {
    await expect(sharedStore()).rejects.toBeInstanceOf(StoreUnavailableError);
  } finally {
    delete process.env.DATABASE_URL;
  }
  expect(Date.now() - started).toBeLessThan(15_000);
});

test("SQLite: an append waits for another writer's lock without stopping the event loop, and is written once the lock is free", async () => {
  const target = await sqliteBackend.target();
  await withStore(target, async (store) => {
    await appendDecision(store, draft(1));
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(target.sqliteFile, { timeout: 5000 }); // another worker, holding the write lock
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const pending = appendDecision(store, draft(2));
      // SQLite's busy handler would sleep inside the call: no timer would fire, and the lock
      // held by this same thread would never be released (SQLITE_BUSY after the timeout).
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(ticks).toBeGreaterThanOrEqual(10);
      other.exec('COMMIT');
      const { record } = await pending;
      expect(record.seq).toBe(2);
    } finally {
      clearInterval(timer);
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    expect((await verifyChain(store)).records).toBe(2);
  });
});

test('SQLite: an append is answered only after its commit was flushed to the disk, the flush off the event loop; a failed flush is a 503', async () => {
  const target = await sqliteBackend.target();
  await withStore(target, async (store) => {
    const appender = store.appender;
    if (!appender) throw new Error('a SQLite store has an appender');
    // The appender commits without waiting for the disk and flushes itself; the other writes keep FULL.
    expect(appender.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.sqlite?.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await appendDecision(store, draft(1)); // the real flush
    let release: () => void = () => undefined;
    const flush = jest.spyOn(appender, 'durable').mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));
    let answered = false;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const pending = appendDecision(store, draft(2)).then((r) => ((answered = true), r));
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(flush).toHaveBeenCalledTimes(1);
      expect(ticks).toBeGreaterThanOrEqual(5); // the event loop runs while the flush is pending
      expect(answered).toBe(false);
      expect((await verifyChain(store)).records).toBe(2); // committed, not yet acknowledged
      release();
      expect((await pending).record.seq).toBe(2);
    } finally {
      clearInterval(timer);
    }
    flush.mockImplementationOnce(() => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    await expect(appendDecision(store, draft(3))).rejects.toBeInstanceOf(StoreUnavailableError);
    flush.mockRestore();
    expect((await appendDecision(store, draft(4))).record.seq).toBe(4);
    expect(await verifyChain(store)).toMatchObject({ records: 4, firstBreak: null });
  });
});

describe('npm run audit:verify', () => {
  const verify = (sqliteFile: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/auditVerify.ts'], {
      env: { ...process.env, SQLITE_FILE: sqliteFile, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  test('exits 0 on an intact chain and 1 naming the first broken record', async () => {
    const target = await BACKENDS[0].target();
    await withStore(target, async (store) => {
      for (let i = 1; i <= 4; i++) await appendDecision(store, draft(i));
    });
    const ok = verify(target.sqliteFile);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/chain intact: 4 records verified/);
    await BACKENDS[0].raw(target, ['DROP TRIGGER decisions_no_update', 'UPDATE decisions SET probability = 0.5 WHERE seq = 2']);
    const broken = verify(target.sqliteFile);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN at record seq 2 \(id [0-9a-f-]{36}\): hash-mismatch; 1 records verified before it/);
  });
});
