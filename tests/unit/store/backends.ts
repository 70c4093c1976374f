import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openStore, type StoreConnection, type StoreTarget } from '@/lib/store/database';

/**
 * The two back-ends of the decision store for the tests: a fresh SQLite file, and a fresh
 * database on the throw-away PostgreSQL server that tests/support/postgres.js starts
 * (TEST_DATABASE_URL). Each `target()` is a new, empty store.
 */

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty store location. */
  target(): Promise<StoreTarget>;
  /** Runs raw SQL as the owner, bypassing the application (to tamper with records). */
  raw(target: StoreTarget, statements: readonly string[]): Promise<void>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async target() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-store-'));
    return { sqliteFile: path.join(dir, 'insight.sqlite') };
  },
  async raw(target, statements) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(target.sqliteFile, { timeout: 5000 });
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  },
};

export const postgresUrl = process.env.TEST_DATABASE_URL;
/** Why the PostgreSQL half is skipped (never in CI, which installs PostgreSQL). */
export const postgresMissing = postgresUrl ? undefined : (process.env.TEST_POSTGRES_MISSING ?? 'TEST_DATABASE_URL is not set');
if (postgresMissing && process.env.CI) throw new Error(`CI must test the PostgreSQL store: ${postgresMissing}`);

export const postgresBackend: Backend = {
  name: 'postgres',
  async target() {
    const name = `insight_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(postgresUrl as string);
    url.pathname = `/${name}`;
    return { databaseUrl: url.toString(), sqliteFile: '/nonexistent/unused.sqlite' };
  },
  async raw(target, statements) {
    const client = new Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  },
};

/** The back-ends to run: SQLite always, PostgreSQL when a server is available. */
export const BACKENDS: readonly Backend[] = postgresMissing ? [sqliteBackend] : [sqliteBackend, postgresBackend];

export async function withStore<T>(target: StoreTarget, work: (store: StoreConnection) => Promise<T>): Promise<T> {
  const store = await openStore(target);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
