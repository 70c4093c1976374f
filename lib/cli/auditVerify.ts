/**
 * npm run audit:verify — recomputes the decision log's hash chain (lib/store/auditChain.ts) on the
 * configured store (DATABASE_URL, else SQLITE_FILE) and exits 0 when every record holds, 1 naming
 * the first broken record, 2 when the store cannot be opened.
 */
import { exitOnInvalidConfig } from '../config/env';
import { openStore } from '../store/database';
import { verifyChain } from '../store/decisionLog';

async function main(): Promise<number> {
  const config = exitOnInvalidConfig();
  let store;
  try {
    store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  } catch (err) {
    console.error(`[audit:verify] cannot open the decision store: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  try {
    const started = performance.now();
    const report = await verifyChain(store);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (report.firstBreak) {
      const b = report.firstBreak;
      console.error(
        `[audit:verify] BROKEN at record seq ${b.seq} (id ${b.id ?? '?'}): ${b.problem}${b.problem === 'sequence-gap' ? ` (expected seq ${b.expected})` : ''}; ` +
          `${report.verified} records verified before it (${store.location}, ${seconds} s)`,
      );
      return 1;
    }
    console.log(`[audit:verify] chain intact: ${report.verified} records verified (${store.location}, ${seconds} s)`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[audit:verify] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
