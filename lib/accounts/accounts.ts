import crypto from 'node:crypto';
import type { StoreConnection } from '../store/database';
import { guarded } from '../store/errors';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';

/**
 * People who sign in: accounts (login, display name, role, scrypt hash) and server-side sessions
 * in the store. A session token is 32 random bytes given to the browser in an HttpOnly cookie;
 * the store keeps only its SHA-256, so a copy of the database does not let anyone sign in.
 *
 * Roles: an analyst decides; a supervisor also reviews escalations and reads the audit trail; an
 * admin also manages accounts.
 */

export const ROLES = ['analyst', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface Account extends Person {
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** How long a session lasts without signing in again. */
export const SESSION_HOURS = 12;

const LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export class AccountError extends Error {
  override readonly name = 'AccountError';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `person` may do what `role` may (admin ⊃ supervisor ⊃ analyst). */
export function hasRole(person: Pick<Person, 'role'>, role: Role): boolean {
  return ROLES.indexOf(person.role) >= ROLES.indexOf(role);
}

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function addAccount(
  store: StoreConnection,
  input: { login: string; displayName?: string; role: Role; password: string },
): Promise<Account> {
  const login = normaliseLogin(input.login);
  if (!LOGIN.test(login))
    throw new AccountError('login: 2 to 40 characters, lower-case letters, digits, dot, dash or underscore, starting with a letter or digit');
  if (!isRole(input.role)) throw new AccountError(`role: one of ${ROLES.join(', ')}`);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  const account = {
    login,
    display_name: (input.displayName ?? login).trim() || login,
    role: input.role,
    password_hash: await hashPassword(input.password),
    disabled: 0,
    created_at: new Date().toISOString(),
  };
  await guarded(async () => {
    const existing = await store.db.selectFrom('accounts').select('login').where('login', '=', login).executeTakeFirst();
    if (existing) throw new AccountError(`login: "${login}" already exists`);
    await store.db.insertInto('accounts').values(account).execute();
  });
  return { login, displayName: account.display_name, role: input.role, disabled: false, createdAt: account.created_at };
}

export async function listAccounts(store: StoreConnection): Promise<Account[]> {
  const rows = await guarded(() => store.db.selectFrom('accounts').selectAll().orderBy('login').execute());
  return rows.map((r) => ({
    login: r.login,
    displayName: r.display_name,
    role: r.role as Role,
    disabled: Number(r.disabled) === 1,
    createdAt: r.created_at,
  }));
}

/** Disables an account and ends its sessions; false when there is no such login. */
export async function disableAccount(store: StoreConnection, loginRaw: string): Promise<boolean> {
  const login = normaliseLogin(loginRaw);
  return guarded(async () => {
    const result = await store.db.updateTable('accounts').set({ disabled: 1 }).where('login', '=', login).executeTakeFirst();
    await store.db.deleteFrom('sessions').where('login', '=', login).execute();
    return Number(result.numUpdatedRows) > 0;
  });
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Checks a login and password; on success opens a session and returns its token. An unknown
 * login, a disabled account and a wrong password all answer null after the same work (a scrypt
 * verification), so the answer and its timing do not tell which.
 */
export async function signIn(
  store: StoreConnection,
  loginRaw: string,
  password: string,
): Promise<{ token: string; person: Person; expiresAt: Date } | null> {
  const login = normaliseLogin(loginRaw);
  const row = LOGIN.test(login)
    ? await guarded(() => store.db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst())
    : undefined;
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok || Number(row.disabled) === 1) return null;
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await guarded(() =>
    store.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash(token), login, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .execute(),
  );
  return { token, person: { login, displayName: row.display_name, role: row.role as Role }, expiresAt };
}

/** The person of a session token, or null (unknown, expired, or the account disabled). */
export async function sessionPerson(store: StoreConnection, token: string): Promise<Person | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await guarded(() =>
    store.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.login', 'sessions.login')
      .select(['accounts.login', 'accounts.display_name', 'accounts.role', 'accounts.disabled', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash(token))
      .executeTakeFirst(),
  );
  if (!row || Number(row.disabled) === 1 || row.expires_at <= new Date().toISOString()) return null;
  return { login: row.login, displayName: row.display_name, role: row.role as Role };
}

export async function signOut(store: StoreConnection, token: string): Promise<void> {
  await guarded(() => store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute());
}
