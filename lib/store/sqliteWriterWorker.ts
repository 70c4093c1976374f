/**
 * Thread of the SQLite appends (started by sqliteWriter.ts): its own connection to the file, with
 * the same settings as the store's, writes each batch it is sent in one IMMEDIATE transaction
 * (appendBatchSqlite) and answers after the commit. Waiting for another process's write lock is
 * SQLite's busy handler here (5 s, then SQLITE_BUSY: the store is unavailable): it blocks this
 * thread only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteHandle } from './database';
import { appendBatchSqlite } from './decisionLog';
import { IdempotencyConflictError } from './errors';
import type { FromWriter, ToWriter, WireOutcome } from './sqliteWriter';

const port = parentPort;
if (!port) throw new Error('sqliteWriterWorker runs in a worker thread');
const opened = openSqliteHandle((workerData as { file: string }).file);

port.on('message', ({ id, batch }: ToWriter) => {
  opened.then(
    (sqlite) => {
      let answer: FromWriter;
      try {
        const outcomes = appendBatchSqlite(sqlite, batch).map((o): WireOutcome => (o instanceof IdempotencyConflictError ? { conflict: true } : o));
        answer = { id, outcomes };
      } catch (err) {
        const e = err as { message?: unknown; code?: unknown };
        answer = { id, error: { message: String(e.message ?? err), ...(typeof e.code === 'string' ? { code: e.code } : {}) } };
      }
      port.postMessage(answer);
    },
    (err: unknown) => port.postMessage({ id, error: { message: String((err as Error).message ?? err), code: 'SQLITE_IOERR' } } satisfies FromWriter),
  );
});
