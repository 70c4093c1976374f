import { appConfig } from '../config';
import { openStore, type StoreConnection } from './database';
import { guarded } from './errors';

/**
 * The process's decision store, opened on first use from the configuration (DATABASE_URL, else
 * SQLITE_FILE) and shared by pages, API routes and CLIs. A failed opening (PostgreSQL down at
 * start) is not remembered: the next call tries again, so the application recovers without a
 * restart once the database is back.
 */

let opening: Promise<StoreConnection> | undefined;

export function sharedStore(): Promise<StoreConnection> {
  if (!opening) {
    const { databaseUrl, sqliteFile } = appConfig();
    opening = guarded(() => openStore({ databaseUrl, sqliteFile }));
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
}

/** Closes the shared store (tests, CLI exit). */
export async function closeSharedStore(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}
