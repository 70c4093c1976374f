import {
  AccountError,
  addAccount,
  changeAccount,
  enableAccount,
  listAccounts,
  newAccountProblems,
  type Person,
  sessionPerson,
  setAccountRole,
  signIn,
} from '@/lib/accounts/accounts';
import { accountsView } from '@/lib/dashboard/accountsPage';
import { BACKENDS, withStore } from '../store/backends';

/** What an admin does on /comptes: re-enable, change a role, and never to their own account (issue #16 point 2). */

const PASSWORD = 'correct horse battery staple';
const ADMIN: Person = { login: 'root', displayName: 'Root', role: 'admin' };

/** The AccountError a promise rejects with (its problem and field). */
async function refusal(p: Promise<unknown>): Promise<{ problem: string; field: string | null }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AccountError) return { problem: err.problem, field: err.field };
    throw err;
  }
  throw new Error('expected an AccountError');
}

test('a new account’s input: every problem at once, in the order of the fields', () => {
  expect(newAccountProblems({ login: 'Alice', role: 'analyst', password: PASSWORD })).toEqual([]);
  expect(newAccountProblems({ login: '-x', role: 'boss', password: 'short' })).toEqual(['login-invalid', 'role-invalid', 'password-short']);
  expect(newAccountProblems({ login: 'bob', role: 'analyst', password: 'x'.repeat(11) })).toEqual(['password-short']);
});

test('an AccountError names its problem and the field it is about; the message stays the CLI’s', async () => {
  const err = new AccountError('password-short', 'password: at least 12 characters');
  expect([err.problem, err.field, err.message]).toEqual(['password-short', 'password', 'password: at least 12 characters']);
  expect(new AccountError('role-invalid', 'x').field).toBe('role');
  expect(new AccountError('login-taken', 'x').field).toBe('login');
  expect(new AccountError('own-account', 'x').field).toBe('login');
  expect(new AccountError('forbidden', 'x').field).toBeNull();
});

describe.each(BACKENDS.map((b) => [b.name, b] as const))('account management on %s', (_name, backend) => {
  test('addAccount refuses with the problem named: invalid login, taken login, short password', async () => {
    await withStore(await backend.target(), async (store) => {
      await addAccount(store, { login: 'alice', role: 'analyst', password: PASSWORD });
      expect(await refusal(addAccount(store, { login: 'ALICE', role: 'admin', password: PASSWORD }))).toEqual({
        problem: 'login-taken',
        field: 'login',
      });
      expect(await refusal(addAccount(store, { login: 'a', role: 'admin', password: PASSWORD }))).toEqual({
        problem: 'login-invalid',
        field: 'login',
      });
      expect(await refusal(addAccount(store, { login: 'bob', role: 'analyst', password: 'short' }))).toEqual({
        problem: 'password-short',
        field: 'password',
      });
      expect((await listAccounts(store)).map((a) => a.login)).toEqual(['alice']);
    });
  });

  test('re-enabling lets the person sign in again; a role change applies to open sessions; unknown logins answer false', async () => {
    await withStore(await backend.target(), async (store) => {
      await addAccount(store, { login: 'carol', displayName: 'Carol', role: 'analyst', password: PASSWORD });
      const session = await signIn(store, 'carol', PASSWORD);
      expect(await setAccountRole(store, ' Carol ', 'supervisor')).toBe(true);
      expect(await sessionPerson(store, session!.token)).toEqual({ login: 'carol', displayName: 'Carol', role: 'supervisor' });
      await changeAccount(store, ADMIN, 'carol', { action: 'disable' });
      expect(await sessionPerson(store, session!.token)).toBeNull();
      expect(await signIn(store, 'carol', PASSWORD)).toBeNull();
      expect(await enableAccount(store, 'carol')).toBe(true);
      expect((await signIn(store, 'carol', PASSWORD))?.person.role).toBe('supervisor');
      expect(await enableAccount(store, 'nobody')).toBe(false);
      expect(await setAccountRole(store, 'nobody', 'admin')).toBe(false);
      expect(await refusal(setAccountRole(store, 'carol', 'boss' as never))).toEqual({ problem: 'role-invalid', field: 'role' });
    });
  });

  test('changeAccount: admins only, never on one’s own account, an unknown login is refused', async () => {
    await withStore(await backend.target(), async (store) => {
      await addAccount(store, { login: 'root', role: 'admin', password: PASSWORD });
      await addAccount(store, { login: 'dave', role: 'analyst', password: PASSWORD });
      const supervisor: Person = { login: 'sup', displayName: 'Sup', role: 'supervisor' };
      expect(await refusal(changeAccount(store, supervisor, 'dave', { action: 'disable' }))).toEqual({ problem: 'forbidden', field: null });
      expect(await refusal(changeAccount(store, ADMIN, 'ROOT', { action: 'disable' }))).toEqual({ problem: 'own-account', field: 'login' });
      expect(await refusal(changeAccount(store, ADMIN, 'root', { action: 'role', role: 'analyst' }))).toEqual({
        problem: 'own-account',
        field: 'login',
      });
      expect(await refusal(changeAccount(store, ADMIN, 'nobody', { action: 'enable' }))).toEqual({ problem: 'unknown-login', field: 'login' });
      // Nothing changed by the refusals.
      expect((await listAccounts(store)).map((a) => [a.login, a.role, a.disabled])).toEqual([
        ['dave', 'analyst', false],
        ['root', 'admin', false],
      ]);
      await changeAccount(store, ADMIN, 'dave', { action: 'role', role: 'admin' });
      await changeAccount(store, ADMIN, 'dave', { action: 'disable' });
      expect((await listAccounts(store)).find((a) => a.login === 'dave')).toMatchObject({ role: 'admin', disabled: true });
      await changeAccount(store, ADMIN, 'dave', { action: 'enable' });
      expect((await listAccounts(store)).find((a) => a.login === 'dave')).toMatchObject({ role: 'admin', disabled: false });
    });
  });
});

test('the /comptes view: one row per account in both languages, the viewer’s own marked', () => {
  const accounts = [
    { login: 'ana', displayName: 'Anna Lyste', role: 'analyst', disabled: true, createdAt: '2025-11-25T09:41:12.345Z' },
    { login: 'root', displayName: 'Root', role: 'admin', disabled: false, createdAt: '2025-11-24T08:00:00.000Z' },
  ] as const;
  const fr = accountsView(accounts, { login: 'root' }, 'fr');
  expect(fr.columns).toEqual(['Identifiant', 'Nom affiché', 'Rôle', 'État', 'Créé le (UTC)', 'Actions']);
  expect(fr.rows.map((r) => [r.login, r.own, ...r.cells])).toEqual([
    ['ana', false, 'Anna Lyste', 'analyste', 'désactivé', '2025-11-25 09:41'],
    ['root', true, 'Root (vous)', 'administrateur', 'actif', '2025-11-24 08:00'],
  ]);
  expect(fr.roles.map((r) => r.value)).toEqual(['analyst', 'supervisor', 'admin']);
  const en = accountsView(accounts, { login: 'root' }, 'en');
  expect(en.rows[0].cells).toEqual(['Anna Lyste', 'analyst', 'disabled', '2025-11-25 09:41']);
  expect(en.roles[2]).toEqual({ value: 'admin', label: 'administrator', hint: 'also manages accounts' });
});
