import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DecisionRecord, QueuedAppend } from './decisionLog';

/**
 * The SQLite appends of a process, written on a thread of their own (sqliteWriterWorker.ts, its
 * own connection to the file). A commit with synchronous=FULL waits for the disk (fsync: 0.3 ms
 * typically, 1–15 ms at times on this machine, longer when a WAL checkpoint runs), and
 * better-sqlite3 waits synchronously: on the request thread every page and API read of the worker
 * process would wait with it. Here the request thread only posts the batch and is answered after
 * the commit, so an acknowledged decision is still on disk. Where the thread cannot start (the
 * worker file is not beside the code, as in a bundled page), the caller writes in-process.
 */

/** A batch's outcome as it crosses the thread boundary: the record, or an idempotency conflict. */
export type WireOutcome = { record: DecisionRecord; replayed: boolean } | { conflict: true };

export type ToWriter = { readonly id: number; readonly batch: readonly QueuedAppend[] };
export type FromWriter =
  | { readonly id: number; readonly outcomes: readonly WireOutcome[] }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

export interface SqliteWriter {
  append(batch: readonly QueuedAppend[]): Promise<readonly WireOutcome[]>;
  close(): Promise<void>;
}

/** The worker's entry and the loader its TypeScript needs, or undefined where neither is found. */
function workerEntry(): { entry: string; loader?: string } | undefined {
  for (const dir of [__dirname, path.join(process.cwd(), 'lib', 'store')]) {
    for (const ext of ['.js', '.ts']) {
      const entry = path.join(dir, `sqliteWriterWorker${ext}`);
      if (!fs.existsSync(entry)) continue;
      if (ext === '.js') return { entry };
      try {
        return { entry, loader: createRequire(path.join(process.cwd(), 'package.json')).resolve('tsx/cjs') };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const BOOT = "const { workerData } = require('node:worker_threads'); if (workerData.loader) require(workerData.loader); require(workerData.entry);";

/** A writer thread for `file`, started on the first append; undefined where the worker cannot be found. */
export function sqliteWriter(file: string): SqliteWriter | undefined {
  const found = workerEntry();
  if (!found) return undefined;
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (o: readonly WireOutcome[]) => void; reject: (e: unknown) => void }>();
  const failAll = (err: unknown) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined; // the next append starts a new thread
  };
  const start = (): Worker => {
    const w = new Worker(BOOT, { eval: true, workerData: { ...found, file } });
    w.unref(); // an idle writer never keeps the process alive
    w.on('message', (m: FromWriter) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if ('outcomes' in m) p.resolve(m.outcomes);
      else p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(Object.assign(new Error(`the SQLite writer thread stopped (exit code ${code})`), { code: 'SQLITE_IOERR' })));
    return w;
  };
  return {
    append(batch) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref(); // an append in flight keeps the process alive until it is answered
        w.postMessage({ id, batch } satisfies ToWriter);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
}
