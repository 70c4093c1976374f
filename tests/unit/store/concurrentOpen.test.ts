import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Several processes opening a new SQLite store at the same moment (the workers of start:cluster
 * on a fresh SQLITE_FILE) all succeed, and each migration is applied once: Kysely's SQLite
 * adapter takes no lock across processes, so openStore retries the migrations that lost the race
 * (before, all but one failed with `table "decisions" already exists` or a busy file: a 500 or a
 * 503 on the cluster's first decisions), and the switch of the new file to WAL, which SQLite may
 * refuse as "database is locked" while another process holds the file (before, now and then one
 * worker failed to start).
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');

function openAt(file: string, at: number, script: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, file, String(at)], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve(err ? `process failed: ${stderr || err.message}` : stdout.trim()),
    );
  });
}

test('three processes opening a new SQLite file at once all open it; each migration is applied once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-open-race-'));
  try {
    const script = path.join(dir, 'open.ts');
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(path.join(ROOT, 'lib', 'store', 'database'))};
const [file, at] = process.argv.slice(2);
setTimeout(async () => {
  try {
    const store = await openStore({ sqliteFile: file });
    await store.close();
    console.log('ok');
  } catch (err) {
    console.log('failed: ' + (err instanceof Error ? err.message : String(err)));
  }
}, Math.max(0, Number(at) - Date.now()));
`,
    );
    for (let round = 0; round < 2; round++) {
      const file = path.join(dir, `store-${round}.sqlite`);
      const at = Date.now() + 3000; // after every process has loaded its modules
      const outcomes = await Promise.all([0, 1, 2].map(() => openAt(file, at, script)));
      expect(outcomes).toEqual(['ok', 'ok', 'ok']);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(file, { readonly: true });
      try {
        const names = (db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
        expect(names.length).toBeGreaterThan(0);
        expect(new Set(names).size).toBe(names.length);
        expect(names[0]).toBe('0001_decisions');
      } finally {
        db.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('opening waits out another process that holds the new file locked longer than the busy timeout (5 s)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-open-locked-'));
  const file = path.join(dir, 'store.sqlite');
  // Another process creates the file (rollback journal, as a brand-new file is) and keeps it
  // exclusively locked for 6.5 s: switching it to WAL fails with SQLITE_BUSY once the 5-s busy
  // timeout has passed, and is tried again until the lock is gone.
  const holder = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
db.exec('CREATE TABLE held (x)'); db.exec('BEGIN EXCLUSIVE'); console.log('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 6500);`;
  const child = execFile(process.execPath, ['-e', holder], { cwd: ROOT });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
    });
    const { openStore } = await import('@/lib/store/database');
    const started = Date.now();
    const store = await openStore({ sqliteFile: file });
    const waited = Date.now() - started;
    try {
      expect(store.sqlite?.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(waited).toBeGreaterThan(5000); // it did meet the lock, and got through once it was released
    } finally {
      await store.close();
    }
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
