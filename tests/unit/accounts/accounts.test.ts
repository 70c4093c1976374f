import fs from 'node:fs';
import path from 'node:path';
import { addAccount, AccountError, disableAccount, hasRole, listAccounts, sessionPerson, signIn, signOut } from '@/lib/accounts/accounts';
import { hashPassword, verifyPassword } from '@/lib/accounts/passwords';
import { MAX_FAILURES, SignInLimiter, WINDOW_MS } from '@/lib/accounts/signInLimiter';
import { BACKENDS, withStore } from '../store/backends';

const PASSWORD = 'correct horse battery staple';

describe('passwords', () => {
  test('scrypt hashes: salted, verifiable, never the password', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$nope')).toBe(false);
  });
});

describe.each(BACKENDS.map((b) => [b.name, b] as const))('accounts and sessions on %s', (_name, backend) => {
  test('sign in, the session names the person, sign out ends it; unknown login and wrong password answer alike', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      await addAccount(store, { login: 'Alice', displayName: 'Alice Martin', role: 'analyst', password: PASSWORD });
      await expect(addAccount(store, { login: 'alice', role: 'admin', password: PASSWORD })).rejects.toThrow(AccountError);
      await expect(addAccount(store, { login: 'bob', role: 'analyst', password: 'short' })).rejects.toThrow(/at least 12/);
      const session = await signIn(store, ' ALICE ', PASSWORD);
      expect(session?.person).toEqual({ login: 'alice', displayName: 'Alice Martin', role: 'analyst' });
      expect(session?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await sessionPerson(store, session!.token)).toEqual(session?.person);
      expect(await signIn(store, 'alice', 'wrong password!!')).toBeNull();
      expect(await signIn(store, 'nobody', PASSWORD)).toBeNull();
      expect(await sessionPerson(store, 'x'.repeat(43))).toBeNull();
      await signOut(store, session!.token);
      expect(await sessionPerson(store, session!.token)).toBeNull();
    });
  });

  test('a disabled account cannot sign in and its sessions end; the store keeps the hash only', async () => {
    const target = await backend.target();
    await withStore(target, async (store) => {
      await addAccount(store, { login: 'carol', role: 'supervisor', password: PASSWORD });
      const session = await signIn(store, 'carol', PASSWORD);
      expect(await disableAccount(store, 'carol')).toBe(true);
      expect(await disableAccount(store, 'nobody')).toBe(false);
      expect(await sessionPerson(store, session!.token)).toBeNull();
      expect(await signIn(store, 'carol', PASSWORD)).toBeNull();
      expect((await listAccounts(store)).map((a) => [a.login, a.role, a.disabled])).toEqual([['carol', 'supervisor', true]]);
      const stored = await store.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(session!.token);
    });
  });
});

test('roles: admin ⊃ supervisor ⊃ analyst', () => {
  expect(hasRole({ role: 'admin' }, 'supervisor')).toBe(true);
  expect(hasRole({ role: 'supervisor' }, 'analyst')).toBe(true);
  expect(hasRole({ role: 'analyst' }, 'supervisor')).toBe(false);
});

test('sign-in limiter: five failures per key in 15 minutes, then refused until the window passes', () => {
  let now = 1_000_000;
  const limiter = new SignInLimiter(() => now);
  const keys = ['login:alice', 'ip:10.0.0.1'];
  for (let i = 0; i < MAX_FAILURES; i++) {
    expect(limiter.retryAfterSeconds(keys)).toBe(0);
    limiter.recordFailure(keys);
  }
  expect(limiter.retryAfterSeconds(keys)).toBe(WINDOW_MS / 1000);
  expect(limiter.retryAfterSeconds(['login:other', 'ip:10.0.0.1'])).toBeGreaterThan(0); // same address
  now += WINDOW_MS + 1;
  expect(limiter.retryAfterSeconds(keys)).toBe(0);
});

test('every page asks requireReader (AUTH_REQUIRED), except the sign-in page', () => {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'page.tsx') pages.push(p);
    }
  };
  walk(path.join(process.cwd(), 'app'));
  expect(pages.length).toBeGreaterThan(10);
  const unguarded = pages.filter((p) => !p.includes(`${path.sep}connexion${path.sep}`) && !/await requireReader\(/.test(fs.readFileSync(p, 'utf8')));
  expect(unguarded).toEqual([]);
});
