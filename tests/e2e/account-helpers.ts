import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

/**
 * People for the page tests: accounts added with `npm run users` to the suite's store (the
 * webServer's SQLITE_FILE, playwright.config.ts), and signing in through /connexion.
 */

export const SQLITE_FILE = process.env.E2E_SQLITE_FILE ?? 'data/tmp/e2e/insight.sqlite';

/** The password of every account a spec adds (unless it says another). */
export const PASSWORD = 'a long enough password';

export function addUser(login: string, role: string, name: string, password = PASSWORD): void {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/users.ts', 'add', login, '--role', role, '--name', name], {
    input: `${password}\n`,
    env: { ...process.env, SQLITE_FILE, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  expect(out).toContain(`${login} added as ${role}`);
}

export async function signIn(page: Page, login: string, password = PASSWORD, next = '/dashboard'): Promise<void> {
  await page.goto(`/connexion?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}
