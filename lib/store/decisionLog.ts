import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type ChainBreak, chainHash, ChainVerifier, GENESIS_HASH } from './auditChain';
import type { StoreConnection } from './database';
import { AlreadyReviewedError, guarded, IdempotencyConflictError, isSqliteBusy } from './errors';
import { retryWhile } from './retry';
import type { DecisionsTable, StoreSchema } from './schema';
import type { SqliteAppender } from './sqliteAppender';

/**
 * The decision log: append-only records chained by hash. Appends are serialised across every
 * process that shares the database — an IMMEDIATE transaction on SQLite (the file's write lock,
 * run synchronously on the appender's better-sqlite3 handle), a transaction-scoped advisory lock
 * on PostgreSQL — so that each record reads its predecessor's hash and takes the next sequence
 * number without a race; the appends waiting in a process are written together (group commit)
 * and each is acknowledged only after the transaction that holds it committed and is on the disk
 * (SQLite: the WAL file flushed off the event loop, lib/store/sqliteAppender.ts).
 * Reads go through the one query layer (Kysely) on both back-ends.
 */

export type DecisionKind = 'approve' | 'refuse' | 'escalate';
export type Recommendation = 'approve' | 'refuse';

export interface PrincipalReasonRef {
  readonly code: string;
  readonly field: string;
}

/** What the caller decides; the log adds seq, id, time and the chain. */
export interface DecisionDraft {
  readonly actorId: string;
  readonly actorRole: string;
  readonly applicationId: number;
  readonly inputHash: string;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly probability: number;
  readonly threshold: number;
  readonly recommendation: Recommendation;
  readonly decision: DecisionKind;
  readonly override: boolean;
  readonly overrideReasons: readonly string[];
  readonly justification: string | null;
  readonly principalReasons: readonly PrincipalReasonRef[];
  readonly refersTo: string | null;
}

export interface DecisionRecord extends DecisionDraft {
  readonly seq: number;
  readonly id: string;
  readonly createdAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface IdempotencyRequest {
  /** Already scoped to the actor (`<actor>:<key>`). */
  readonly key: string;
  readonly requestHash: string;
}

/** Key of the PostgreSQL advisory lock that serialises appends (any constant shared by all writers). */
const APPEND_LOCK = 7_215_002;

type Row = DecisionsTable;

/** Every column of the decisions table, in the order of the schema (inserts list them in this order). */
export const DECISION_COLUMNS = [
  'seq',
  'id',
  'created_at',
  'actor_id',
  'actor_role',
  'application_id',
  'input_hash',
  'model_name',
  'model_version',
  'probability',
  'threshold',
  'recommendation',
  'decision',
  'override',
  'override_reasons',
  'justification',
  'principal_reasons',
  'refers_to',
  'idempotency_key',
  'request_hash',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof Row)[];

type ChainedColumn = Exclude<(typeof DECISION_COLUMNS)[number], 'hash' | 'prev_hash'>;

/** The columns a record's hash covers: every column but the hash itself and the previous hash (chained separately). */
const CHAINED_COLUMNS = DECISION_COLUMNS.filter((c): c is ChainedColumn => c !== 'hash' && c !== 'prev_hash');

/** The fields a record's hash covers, by column name (canonical JSON sorts them: the order does not matter). */
export function chainedFields(r: Omit<Row, 'hash' | 'prev_hash'>): Record<string, string | number | null> {
  return Object.fromEntries(CHAINED_COLUMNS.map((c) => [c, r[c]]));
}

function toRecord(r: Row): DecisionRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    createdAt: r.created_at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    applicationId: Number(r.application_id),
    inputHash: r.input_hash,
    modelName: r.model_name,
    modelVersion: r.model_version,
    probability: Number(r.probability),
    threshold: Number(r.threshold),
    recommendation: r.recommendation as Recommendation,
    decision: r.decision as DecisionKind,
    override: Number(r.override) === 1,
    overrideReasons: JSON.parse(r.override_reasons) as string[],
    justification: r.justification,
    principalReasons: JSON.parse(r.principal_reasons) as PrincipalReasonRef[],
    refersTo: r.refers_to,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A row as read back, with the driver's types normalised (PostgreSQL may return integers as strings). */
function normalised(r: Row): Row {
  return {
    ...r,
    seq: Number(r.seq),
    application_id: Number(r.application_id),
    override: Number(r.override),
    probability: Number(r.probability),
    threshold: Number(r.threshold),
  };
}

/** The chain's last record (its seq and hash), undefined while the log is empty. */
type Tail = { seq: number; hash: string } | undefined;

function nextRow(draft: DecisionDraft, last: Tail, idempotency: IdempotencyRequest | undefined): Row {
  const base: Omit<Row, 'hash' | 'prev_hash'> = {
    seq: last ? Number(last.seq) + 1 : 1,
    id: crypto.randomUUID(),
    created_at: new Date().toISOString(),
    actor_id: draft.actorId,
    actor_role: draft.actorRole,
    application_id: draft.applicationId,
    input_hash: draft.inputHash,
    model_name: draft.modelName,
    model_version: draft.modelVersion,
    probability: draft.probability,
    threshold: draft.threshold,
    recommendation: draft.recommendation,
    decision: draft.decision,
    override: draft.override ? 1 : 0,
    override_reasons: JSON.stringify(draft.overrideReasons),
    justification: draft.justification,
    principal_reasons: JSON.stringify(draft.principalReasons.map((r) => ({ code: r.code, field: r.field }))),
    refers_to: draft.refersTo,
    idempotency_key: idempotency?.key ?? null,
    request_hash: idempotency?.requestHash ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  return { ...base, prev_hash: prevHash, hash: chainHash(prevHash, chainedFields(base)) };
}

/** What one queued append becomes: its record (new or replayed), or the error that refuses it alone. */
type Outcome = { record: DecisionRecord; replayed: boolean } | IdempotencyConflictError | AlreadyReviewedError;

interface QueuedAppend {
  readonly draft: DecisionDraft;
  readonly idempotency?: IdempotencyRequest;
}

/**
 * Chains a batch of appends after `last`: an idempotency key already stored (`earlier`) or used
 * earlier in the same batch replays that record (or is a conflict for another request); a record
 * that refers to one already referred to (`referred`: refers_to → the id of the record referring to
 * it, stored or earlier in the batch) is refused — an escalation is reviewed once; the others become
 * new rows, in order. Pure: the caller reads `earlier`, `referred` and `last` and inserts `rows` under the lock.
 */
function chainBatch(
  batch: readonly QueuedAppend[],
  earlier: ReadonlyMap<string, Row>,
  referred: ReadonlyMap<string, string>,
  last: Tail,
): { outcomes: Outcome[]; rows: Row[] } {
  const byKey = new Map(earlier);
  const byRef = new Map(referred);
  const rows: Row[] = [];
  let tail = last;
  const outcomes = batch.map(({ draft, idempotency }): Outcome => {
    const seen = idempotency ? byKey.get(idempotency.key) : undefined;
    if (seen && idempotency) {
      if (seen.request_hash !== idempotency.requestHash) return new IdempotencyConflictError();
      return { record: toRecord(normalised(seen)), replayed: true };
    }
    const first = draft.refersTo === null ? undefined : byRef.get(draft.refersTo);
    if (draft.refersTo !== null && first !== undefined) return new AlreadyReviewedError(draft.refersTo, first);
    const row = nextRow(draft, tail, idempotency);
    rows.push(row);
    tail = { seq: row.seq, hash: row.hash };
    if (idempotency) byKey.set(idempotency.key, row);
    if (draft.refersTo !== null) byRef.set(draft.refersTo, row.id);
    return { record: toRecord(row), replayed: false };
  });
  return { outcomes, rows };
}

const keysOf = (batch: readonly QueuedAppend[]) => [...new Set(batch.flatMap((b) => (b.idempotency ? [b.idempotency.key] : [])))];
const refsOf = (batch: readonly QueuedAppend[]) => [...new Set(batch.flatMap((b) => (b.draft.refersTo === null ? [] : [b.draft.refersTo])))];

/** How long an append waits for another process's write lock on the SQLite file before the store is unavailable (ms). */
const SQLITE_LOCK_WAIT_MS = 5000;

/** The appender's statements, prepared once per handle. */
interface AppendStatements {
  readonly byKey: BetterSqlite3.Statement<[string], Row>;
  readonly byRef: BetterSqlite3.Statement<[string], { id: string }>;
  readonly tail: BetterSqlite3.Statement<[], Tail>;
  readonly insert: BetterSqlite3.Statement<unknown[]>;
}
const prepared = new WeakMap<BetterSqlite3.Database, AppendStatements>();

function statementsOf(sqlite: BetterSqlite3.Database): AppendStatements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      byKey: sqlite.prepare<[string], Row>('SELECT * FROM decisions WHERE idempotency_key = ?'),
      byRef: sqlite.prepare<[string], { id: string }>('SELECT id FROM decisions WHERE refers_to = ? ORDER BY seq LIMIT 1'),
      tail: sqlite.prepare<[], Tail>('SELECT seq, hash FROM decisions ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare<unknown[]>(
        `INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`,
      ),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * SQLite: the batch's transaction on the appender's handle, then its flush to the disk. The
 * attempt does not wait for the file's write lock (the appender's busy timeout is 0): SQLite's own
 * busy handler sleeps inside the call — 1, 2, 5, 10… up to 100 ms at a time — which would stop
 * this process's event loop (every other request of the worker) and sleep long past the moment
 * the lock is free. Here the wait is a timer between attempts (1 ms, then up to 4 ms), so the
 * process serves its other requests meanwhile; past SQLITE_LOCK_WAIT_MS the SQLITE_BUSY error
 * goes up (the store is unavailable: 503). The outcomes are returned only once the WAL file is
 * on the disk (`durable()`, off the event loop).
 */
async function appendBatchSqliteWhenFree(appender: SqliteAppender, batch: readonly QueuedAppend[]): Promise<Outcome[]> {
  const outcomes = await retryWhile(
    () => appendBatchSqlite(appender.db, batch),
    isSqliteBusy,
    Date.now() + SQLITE_LOCK_WAIT_MS,
    (attempt) => Math.min(4, attempt),
  );
  await appender.durable();
  return outcomes;
}

/** SQLite: one synchronous IMMEDIATE transaction for the whole batch (the file's write lock, one commit). */
function appendBatchSqlite(sqlite: BetterSqlite3.Database, batch: readonly QueuedAppend[]): Outcome[] {
  const { byKey, byRef, tail, insert } = statementsOf(sqlite);
  const run = sqlite.transaction(() => {
    const earlier = new Map<string, Row>();
    for (const key of keysOf(batch)) {
      const found = byKey.get(key);
      if (found) earlier.set(key, found);
    }
    const referred = new Map<string, string>();
    for (const ref of refsOf(batch)) {
      const found = byRef.get(ref);
      if (found) referred.set(ref, found.id);
    }
    const { outcomes, rows } = chainBatch(batch, earlier, referred, tail.get());
    for (const row of rows) insert.run(...DECISION_COLUMNS.map((c) => row[c]));
    return outcomes;
  });
  return run.immediate();
}

/** PostgreSQL: one transaction for the whole batch, holding an advisory lock shared by every writer. */
async function appendBatchPostgres(db: Kysely<StoreSchema>, batch: readonly QueuedAppend[]): Promise<Outcome[]> {
  return db.transaction().execute(async (trx: Transaction<StoreSchema>) => {
    await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
    const keys = keysOf(batch);
    const earlier = new Map<string, Row>();
    if (keys.length > 0) {
      for (const r of await trx.selectFrom('decisions').selectAll().where('idempotency_key', 'in', keys).execute())
        earlier.set(r.idempotency_key as string, r);
    }
    const refs = refsOf(batch);
    const referred = new Map<string, string>();
    if (refs.length > 0) {
      for (const r of await trx.selectFrom('decisions').select(['id', 'refers_to']).where('refers_to', 'in', refs).orderBy('seq', 'desc').execute())
        referred.set(r.refers_to as string, r.id);
    }
    const last = await trx.selectFrom('decisions').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const { outcomes, rows } = chainBatch(batch, earlier, referred, last);
    if (rows.length > 0) await trx.insertInto('decisions').values(rows).execute();
    return outcomes;
  });
}

/** Most appends written in one transaction (PostgreSQL's 65,535 parameters allow ≈ 2,900 rows of 22 columns). */
const MAX_BATCH = 256;

/**
 * Group commit: the appends that arrive while a transaction is being written wait for the next
 * one, which writes them all under one lock and one commit (one fsync) — instead of one
 * transaction each. Every append is answered only after the commit that holds it; a batch that
 * fails fails all its appends (none of them is stored), an idempotency conflict refuses its own append only.
 */
class AppendQueue {
  private readonly waiting: {
    item: QueuedAppend;
    resolve: (o: { record: DecisionRecord; replayed: boolean }) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private writing = false;

  constructor(private readonly store: StoreConnection) {}

  push(item: QueuedAppend): Promise<{ record: DecisionRecord; replayed: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      const items = batch.map((b) => b.item);
      try {
        const outcomes = await guarded(async () =>
          this.store.appender ? appendBatchSqliteWhenFree(this.store.appender, items) : appendBatchPostgres(this.store.db, items),
        );
        outcomes.forEach((o, i) => (o instanceof Error ? batch[i].reject(o) : batch[i].resolve(o)));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = false;
  }
}

const queues = new WeakMap<StoreConnection, AppendQueue>();

/**
 * Appends a decision. With `idempotency`, a request already recorded under the same key returns
 * that record (`replayed: true`) instead of a second one; the same key with another request is an
 * IdempotencyConflictError. A draft that refers to a record another one already refers to (a second
 * review of an escalation, even one sent at the same moment) is an AlreadyReviewedError.
 */
export function appendDecision(
  store: StoreConnection,
  draft: DecisionDraft,
  idempotency?: IdempotencyRequest,
): Promise<{ record: DecisionRecord; replayed: boolean }> {
  let queue = queues.get(store);
  if (!queue) {
    queue = new AppendQueue(store);
    queues.set(store, queue);
  }
  return queue.push({ draft, idempotency });
}

export async function getDecision(store: StoreConnection, id: string): Promise<DecisionRecord | undefined> {
  return guarded(async () => {
    const row = await store.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(normalised(row)) : undefined;
  });
}

export interface DecisionFilter {
  readonly applicationId?: number;
  readonly actorId?: string;
  readonly override?: boolean;
  readonly decision?: DecisionKind;
  /** ISO times, inclusive bounds on created_at. */
  readonly from?: string;
  readonly to?: string;
  /** Only records with seq below this (the cursor of the previous page). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

function filtered(store: StoreConnection, f: Omit<DecisionFilter, 'limit' | 'beforeSeq'>) {
  let q = store.db.selectFrom('decisions');
  if (f.applicationId !== undefined) q = q.where('application_id', '=', f.applicationId);
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.override !== undefined) q = q.where('override', '=', f.override ? 1 : 0);
  if (f.decision !== undefined) q = q.where('decision', '=', f.decision);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<=', f.to);
  return q;
}

export interface ActorStats {
  readonly actorId: string;
  /** Decisions that approve or refuse (escalations are not decisions yet). */
  readonly decisions: number;
  readonly overrides: number;
}

/** Decisions and overrides per actor over the filtered records (override rate = overrides / decisions). */
export async function actorStats(store: StoreConnection, f: Omit<DecisionFilter, 'limit' | 'beforeSeq'>): Promise<ActorStats[]> {
  return guarded(async () => {
    const rows = await filtered(store, f)
      .where('decision', '!=', 'escalate')
      .select((eb) => ['actor_id', eb.fn.countAll<number>().as('decisions'), eb.fn.sum<number>('override').as('overrides')])
      .groupBy('actor_id')
      .orderBy('actor_id')
      .execute();
    return rows.map((r) => ({ actorId: r.actor_id, decisions: Number(r.decisions), overrides: Number(r.overrides ?? 0) }));
  });
}

/** Escalations no record reviews yet, oldest first; with `applicationId`, only that application's. */
export async function pendingEscalations(store: StoreConnection, limit: number, applicationId?: number): Promise<DecisionRecord[]> {
  return guarded(async () => {
    let q = store.db
      .selectFrom('decisions as d')
      .selectAll('d')
      .where('d.decision', '=', 'escalate')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('decisions as r').select('r.seq').whereRef('r.refers_to', '=', 'd.id'))));
    if (applicationId !== undefined) q = q.where('d.application_id', '=', applicationId);
    const rows = await q.orderBy('d.seq', 'asc').limit(limit).execute();
    return rows.map((r) => toRecord(normalised(r)));
  });
}

/** Newest first; `nextBeforeSeq` is the cursor of the next page, null on the last. */
export async function listDecisions(store: StoreConnection, f: DecisionFilter): Promise<{ items: DecisionRecord[]; nextBeforeSeq: number | null }> {
  return guarded(async () => {
    let q = filtered(store, f).selectAll();
    if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(f.limit + 1)
      .execute();
    const items = rows.slice(0, f.limit).map((r) => toRecord(normalised(r)));
    return { items, nextBeforeSeq: rows.length > f.limit ? items[items.length - 1].seq : null };
  });
}

export interface ChainReport {
  readonly records: number;
  readonly verified: number;
  readonly firstBreak: (ChainBreak & { readonly id: string | null }) | null;
  /** The last record verified: where an incremental check goes on from. */
  readonly position: { readonly seq: number; readonly hash: string };
}

/**
 * Recomputes the chain in pages (constant memory) and reports the first broken record; from the
 * start, or after `after` (a position an earlier check verified) to check only what was added since.
 */
export async function verifyChain(store: StoreConnection, pageSize = 5000, after?: { seq: number; hash: string }): Promise<ChainReport> {
  return guarded(async () => {
    const verifier = new ChainVerifier<Row & { seq: number; prevHash: string }>((r) => chainedFields(r), after);
    let afterSeq = after?.seq ?? 0;
    let records = 0;
    for (;;) {
      const rows = await store.db.selectFrom('decisions').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(pageSize).execute();
      for (const raw of rows) {
        const r = normalised(raw);
        records++;
        const broken = verifier.next({ ...r, prevHash: r.prev_hash });
        if (broken) return { records, verified: verifier.verified, firstBreak: { ...broken, id: r.id }, position: verifier.position };
      }
      if (rows.length < pageSize) break;
      afterSeq = Number(rows[rows.length - 1].seq);
    }
    return { records, verified: verifier.verified, firstBreak: null, position: verifier.position };
  });
}
