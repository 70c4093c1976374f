import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { isSqliteBusy } from './errors';
import { migrateToLatest, type StoreKind } from './migrations';
import { retryWhile } from './retry';
import type { StoreSchema } from './schema';
import { openSqliteAppender, type SqliteAppender } from './sqliteAppender';

/**
 * One query layer (Kysely) over two back-ends with the same schema: the embedded SQLite file
 * (better-sqlite3, WAL, so that several processes — the workers of start:cluster — share it) by
 * default, PostgreSQL (node-postgres pool) when DATABASE_URL is set. Opening applies the pending
 * migrations. Drivers are loaded on demand, so the back-end that is not used is never required.
 */

export interface StoreConnection {
  readonly kind: StoreKind;
  readonly db: Kysely<StoreSchema>;
  /** Where the data lives, without credentials (`sqlite:/path` or `postgres://host:port/db`). */
  readonly location: string;
  /** The SQLite handle under the query layer (synchronous = FULL), for a bulk write run as one synchronous transaction. */
  readonly sqlite?: BetterSqlite3.Database;
  /** SQLite: the decision log's own handle, whose appends are made durable off the event loop (lib/store/sqliteAppender.ts). */
  readonly appender?: SqliteAppender;
  close(): Promise<void>;
}

export interface StoreTarget {
  /** PostgreSQL URL; when absent the SQLite file is used. */
  readonly databaseUrl?: string;
  readonly sqliteFile: string;
}

/** How long a writer waits for another process's lock on the SQLite file before giving up (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** How long opening a SQLite file retries while other processes open or migrate it at the same moment (ms). */
const SQLITE_OPEN_RETRY_MS = 30_000;

/** The pause between two tries of an opening step: 10 ms more each time, at most 200 ms, with jitter. */
const openingPause = (attempt: number) => Math.min(200, 10 * attempt) + Math.random() * 20;

async function openSqlite(file: string): Promise<StoreConnection> {
  const { default: Database } = await import('better-sqlite3');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  // Switching a new file to WAL while another process does the same can answer "database is locked"
  // at once, without waiting for the busy timeout: retried like the migrations below.
  try {
    await retryWhile(() => database.pragma('journal_mode = WAL'), isSqliteBusy, Date.now() + SQLITE_OPEN_RETRY_MS, openingPause);
  } catch (err) {
    database.close();
    throw err;
  }
  database.pragma('synchronous = FULL'); // an acknowledged decision survives a crash of the machine, not only of the process
  database.pragma('foreign_keys = ON');
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  return { kind: 'sqlite', db, location: `sqlite:${file}`, sqlite: database, close: () => db.destroy() };
}

function redacted(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

async function openPostgres(url: string): Promise<StoreConnection> {
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: url,
    max: 10,
    // A database that is down answers in bounded time: the request becomes a 503, not a hang.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
    query_timeout: 12_000,
  });
  // An idle client losing its connection (server restarted) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, location: redacted(url), close: () => db.destroy() };
}

/**
 * Kysely's SQLite adapter takes no migration lock (it assumes one connection): when several
 * processes open a new file at once (the workers of start:cluster), each applies the pending
 * migrations and all but one fail (`table "decisions" already exists`, or the file busy) and roll
 * back. Retrying until the one that applied them has committed finds nothing left to do.
 * PostgreSQL's adapter serialises migrations with an advisory lock.
 */
async function migrate(connection: StoreConnection): Promise<void> {
  if (connection.kind !== 'sqlite') {
    await migrateToLatest(connection.db, connection.kind);
    return;
  }
  await retryWhile(
    () => migrateToLatest(connection.db, connection.kind),
    () => true,
    Date.now() + SQLITE_OPEN_RETRY_MS,
    openingPause,
  );
}

/** SQLite: the connection with the decision log's appender, opened once the schema is there. */
async function withAppender(connection: StoreConnection, file: string): Promise<StoreConnection> {
  const { default: Database } = await import('better-sqlite3');
  const appender = openSqliteAppender(Database, file);
  return {
    ...connection,
    appender,
    async close() {
      await appender.close();
      await connection.close();
    },
  };
}

/** Opens the store and brings its schema to the latest migration. */
export async function openStore(target: StoreTarget): Promise<StoreConnection> {
  const connection = target.databaseUrl ? await openPostgres(target.databaseUrl) : await openSqlite(target.sqliteFile);
  try {
    await migrate(connection);
    return connection.kind === 'sqlite' ? await withAppender(connection, target.sqliteFile) : connection;
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw err;
  }
}
