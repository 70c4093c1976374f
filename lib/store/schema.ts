/**
 * The decision store's tables as Kysely sees them. The same schema on SQLite and PostgreSQL:
 * integers for ids, flags (0/1) and sequence numbers, TEXT for ISO-8601 UTC times and JSON
 * arrays, double precision for probabilities — so a record reads back identically on both and
 * its chained hash (lib/store/auditChain.ts) does not depend on the back-end.
 */

export interface DecisionsTable {
  /** 1, 2, 3… in the order records were written: the chain's order. */
  seq: number;
  /** Public id (UUID). */
  id: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** `user:<login>` or `key:<8 hex>` (an API key's label, never the key). */
  actor_id: string;
  actor_role: string;
  application_id: number;
  /** SHA-256 of the canonical JSON of the application's fields as scored. */
  input_hash: string;
  model_name: string;
  model_version: string;
  probability: number;
  threshold: number;
  /** The model's recommendation at the threshold: approve | refuse. */
  recommendation: string;
  /** approve | refuse | escalate. */
  decision: string;
  /** 1 when the decision goes against the model's recommendation. */
  override: number;
  /** JSON array of override reason codes. */
  override_reasons: string;
  justification: string | null;
  /** JSON array of the principal reasons shown: { code, field, text }. */
  principal_reasons: string;
  /** The record this one reviews (an escalation) or corrects; null otherwise. */
  refers_to: string | null;
  /** `<actor>:<Idempotency-Key>` when the request carried one; unique. */
  idempotency_key: string | null;
  /** SHA-256 of the canonical request, to tell a retry from a reused key. */
  request_hash: string | null;
  prev_hash: string;
  hash: string;
}

export interface AccountsTable {
  /** Lower-case login: letters, digits, dot, dash, underscore. */
  login: string;
  display_name: string;
  /** analyst | supervisor | admin. */
  role: string;
  /** scrypt hash (lib/accounts/passwords.ts); never the password. */
  password_hash: string;
  /** 1 = may no longer sign in (accounts are disabled, never deleted: decisions name them). */
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session token (the token itself is only in the person's cookie). */
  token_hash: string;
  login: string;
  created_at: string;
  expires_at: string;
}

export interface StoreSchema {
  decisions: DecisionsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
}
