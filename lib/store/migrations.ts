import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Versioned migrations of the decision store, applied at start (openStore) by Kysely's Migrator,
 * which records them in `kysely_migration` and takes a lock so that two workers starting at once
 * apply each migration once. Never edit a migration that has shipped: add the next one.
 */

export type StoreKind = 'sqlite' | 'postgres';

/** The append-only rule, enforced by the database itself: UPDATE and DELETE on decisions fail. */
function appendOnlyTriggers(kind: StoreKind): string[] {
  if (kind === 'sqlite') {
    return [
      `CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only: add a record that refers to this one'); END`,
      `CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only: records are never deleted'); END`,
    ];
  }
  return [
    `CREATE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'decisions are append-only: % refused', TG_OP; END $$`,
    `CREATE TRIGGER decisions_no_update BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_append_only()`,
    `CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only()`,
  ];
}

function migrations(kind: StoreKind): Record<string, Migration> {
  const real = kind === 'sqlite' ? 'real' : 'double precision';
  return {
    '0001_decisions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('decisions')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_role', 'text', (c) => c.notNull())
          .addColumn('application_id', 'integer', (c) => c.notNull())
          .addColumn('input_hash', 'text', (c) => c.notNull())
          .addColumn('model_name', 'text', (c) => c.notNull())
          .addColumn('model_version', 'text', (c) => c.notNull())
          .addColumn('probability', sql.raw(real), (c) => c.notNull())
          .addColumn('threshold', sql.raw(real), (c) => c.notNull())
          .addColumn('recommendation', 'text', (c) => c.notNull().check(sql`recommendation in ('approve', 'refuse')`))
          .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approve', 'refuse', 'escalate')`))
          .addColumn('override', 'integer', (c) => c.notNull().check(sql`override in (0, 1)`))
          .addColumn('override_reasons', 'text', (c) => c.notNull())
          .addColumn('justification', 'text')
          .addColumn('principal_reasons', 'text', (c) => c.notNull())
          .addColumn('refers_to', 'text', (c) => c.references('decisions.id'))
          .addColumn('idempotency_key', 'text', (c) => c.unique())
          .addColumn('request_hash', 'text')
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull().unique())
          .execute();
        await db.schema.createIndex('decisions_application').on('decisions').columns(['application_id', 'seq']).execute();
        await db.schema.createIndex('decisions_actor').on('decisions').columns(['actor_id', 'seq']).execute();
        await db.schema.createIndex('decisions_created').on('decisions').columns(['created_at']).execute();
        for (const statement of appendOnlyTriggers(kind)) await sql.raw(statement).execute(db);
      },
    },
    '0002_accounts_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('accounts')
          .addColumn('login', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('analyst', 'supervisor', 'admin')`))
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) =>
            c
              .notNull()
              .defaultTo(0)
              .check(sql`disabled in (0, 1)`),
          )
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('login', 'text', (c) => c.notNull().references('accounts.login'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_login').on('sessions').column('login').execute();
      },
    },
    '0003_review_indexes': {
      async up(db: Kysely<unknown>) {
        // The escalation queue looks up, for each escalation, a record that refers to it.
        await db.schema.createIndex('decisions_refers_to').on('decisions').column('refers_to').execute();
        await db.schema.createIndex('decisions_decision').on('decisions').columns(['decision', 'seq']).execute();
      },
    },
  };
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly kind: StoreKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.kind);
  }
}

/** Applies every pending migration; throws with the failing migration's name. Returns the names applied now. */
export async function migrateToLatest<DB>(db: Kysely<DB>, kind: StoreKind): Promise<string[]> {
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider: new InCodeMigrations(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`decision store migration ${failed?.migrationName ?? ''} failed: ${why}`.replace(/\s+/g, ' '));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
