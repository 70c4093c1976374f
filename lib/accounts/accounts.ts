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
 * admin also manages accounts (`npm run users`, the /comptes page).
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

/** What was refused, for a caller that words it (the /comptes page); the message stays the CLI's English. */
export type AccountProblem = 'login-invalid' | 'login-taken' | 'unknown-login' | 'role-invalid' | 'password-short' | 'own-account' | 'forbidden';

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    readonly problem: AccountProblem,
    message: string,
  ) {
    super(message);
  }

  /** The input the problem is about (null: the person acting, not an input). */
  get field(): 'login' | 'role' | 'password' | null {
    return accountProblemField(this.problem);
  }
}

/** The input an account problem is about (null: the person acting, not an input). */
export function accountProblemField(problem: AccountProblem): 'login' | 'role' | 'password' | null {
  if (problem === 'role-invalid') return 'role';
  if (problem === 'password-short') return 'password';
  return problem === 'forbidden' ? null : 'login';
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

const INPUT_MESSAGES = {
  'login-invalid': 'login: 2 to 40 characters, lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
  'role-invalid': `role: one of ${ROLES.join(', ')}`,
  'password-short': `password: at least ${MIN_PASSWORD_LENGTH} characters`,
} as const;

/**
 * Every problem of a new account's input, in the order of the fields (none: addAccount takes it,
 * unless the login already exists). A form shows them all at once; addAccount refuses on the first.
 */
export function newAccountProblems(input: {
  readonly login: string;
  readonly role: string;
  readonly password: string;
}): (keyof typeof INPUT_MESSAGES)[] {
  const problems: (keyof typeof INPUT_MESSAGES)[] = [];
  if (!LOGIN.test(normaliseLogin(input.login))) problems.push('login-invalid');
  if (!isRole(input.role)) problems.push('role-invalid');
  if (input.password.length < MIN_PASSWORD_LENGTH) problems.push('password-short');
  return problems;
}

export async function addAccount(
  store: StoreConnection,
  input: { login: string; displayName?: string; role: Role; password: string },
): Promise<Account> {
  const login = normaliseLogin(input.login);
  const [problem] = newAccountProblems(input);
  if (problem) throw new AccountError(problem, INPUT_MESSAGES[problem]);
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
    if (existing) throw new AccountError('login-taken', `login: "${login}" already exists`);
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

/** Enables a disabled account again (its person signs in anew); false when there is no such login. */
export async function enableAccount(store: StoreConnection, loginRaw: string): Promise<boolean> {
  const login = normaliseLogin(loginRaw);
  const result = await guarded(() => store.db.updateTable('accounts').set({ disabled: 0 }).where('login', '=', login).executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

/** Gives an account another role, effective on its sessions' next request; false when there is no such login. */
export async function setAccountRole(store: StoreConnection, loginRaw: string, role: Role): Promise<boolean> {
  if (!isRole(role)) throw new AccountError('role-invalid', INPUT_MESSAGES['role-invalid']);
  const login = normaliseLogin(loginRaw);
  const result = await guarded(() => store.db.updateTable('accounts').set({ role }).where('login', '=', login).executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

export type AccountChange = { readonly action: 'disable' } | { readonly action: 'enable' } | { readonly action: 'role'; readonly role: Role };

/**
 * An admin's change to someone else's account (the /comptes page): only an admin may, and never on
 * their own account — an admin cannot disable themself nor drop their own role, so the person
 * acting always remains an active admin. Refusals are AccountError (`forbidden`, `own-account`,
 * `unknown-login`, `role-invalid`).
 */
export async function changeAccount(store: StoreConnection, actor: Person, loginRaw: string, change: AccountChange): Promise<void> {
  if (!hasRole(actor, 'admin')) throw new AccountError('forbidden', 'only an admin manages accounts');
  const login = normaliseLogin(loginRaw);
  if (login === normaliseLogin(actor.login)) throw new AccountError('own-account', 'login: an admin cannot disable or re-role their own account');
  const found =
    change.action === 'disable'
      ? await disableAccount(store, login)
      : change.action === 'enable'
        ? await enableAccount(store, login)
        : await setAccountRole(store, login, change.role);
  if (!found) throw new AccountError('unknown-login', `login: no account "${login}"`);
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
