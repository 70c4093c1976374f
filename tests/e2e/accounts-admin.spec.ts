import { expect, type Page, test } from '@playwright/test';
import { addUser, PASSWORD, signIn } from './account-helpers';
import { expectNoSeriousA11yViolations, keepScreenshot } from './dashboard-helpers';

/**
 * The admins' /comptes page (issue #16 point 2): an admin adds an analyst, sees them in the table,
 * disables them (their session ends, they can no longer sign in), re-enables them and changes their
 * role; the form names a refused input next to it; analysts and visitors get the page's refusal; the
 * « Comptes » link is in the header for admins only. The admin and a first analyst are added with
 * `npm run users` to the suite's store (the webServer's SQLITE_FILE, playwright.config.ts), under
 * logins unique to this run.
 */

const run = Date.now().toString(36);
const ADMIN = `adm-${run}`;
const ANALYST = `ana-acc-${run}`;
const NEWCOMER = `new-${run}`;
const NEW_PASSWORD = 'another long password';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });
const row = (page: Page, login: string) => page.locator(`#accounts tbody tr[data-login="${login}"]`);

test.describe('accounts managed by admins (/comptes)', () => {
  // The admin's steps build on each other: the tests run in order, a failure skips the rest.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    addUser(ADMIN, 'admin', 'Ada Min');
    addUser(ANALYST, 'analyst', 'Alain Lyste');
  });

  test('a visitor and an analyst get the refusal with a sign-in link, and no « Comptes » link', async ({ page }) => {
    await page.goto('/comptes');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comptes');
    await expect(page.locator('main').getByRole('alert')).toHaveText(
      'Cette page est réservée aux administrateurs. Connectez-vous avec un compte administrateur.',
    );
    await expect(page.locator('main').getByRole('link', { name: 'Se connecter' })).toHaveAttribute('href', '/connexion?next=/comptes');
    await expect(page.locator('#accounts')).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'Comptes', exact: true })).toHaveCount(0);

    await signIn(page, ANALYST, PASSWORD, '/comptes');
    await page.waitForURL('**/comptes');
    await expect(page.locator('.site-header__person')).toContainText('Alain Lyste (analyste)');
    await expect(page.locator('main').getByRole('alert')).toContainText('réservée aux administrateurs');
    await expect(page.locator('#accounts')).toHaveCount(0);
    await expect(page.locator('form.account-form')).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'Comptes', exact: true })).toHaveCount(0);
  });

  test('an admin adds an analyst: a too-short password is named next to its field, then the account is added and listed', async ({
    page,
  }, testInfo) => {
    await signIn(page, ADMIN, PASSWORD);
    await page.waitForURL('**/dashboard');
    await nav(page).getByRole('link', { name: 'Comptes', exact: true }).click();
    await page.waitForURL('**/comptes');
    await expect(nav(page).getByRole('link', { name: 'Comptes', exact: true })).toHaveAttribute('aria-current', 'page');
    const table = page.locator('#accounts');
    await expect(table.locator('caption')).toHaveText('Comptes, par identifiant');
    await expect(table.getByRole('columnheader', { name: 'Identifiant' })).toBeVisible();
    // The admin's own row: listed, with no control to disable it or change its role.
    await expect(row(page, ADMIN)).toContainText('Ada Min (vous)');
    await expect(row(page, ADMIN).getByRole('button')).toHaveCount(0);
    await expect(row(page, ANALYST)).toContainText('analyste');

    const form = page.locator('form.account-form');
    await form.getByLabel('Identifiant', { exact: true }).fill(NEWCOMER);
    await form.getByLabel('Nom affiché (facultatif)').fill('Nina Veau');
    await expect(form.getByRole('group', { name: 'Rôle' }).getByRole('radio', { name: 'analyste', exact: true })).toBeChecked();
    await form.getByLabel('Mot de passe initial').fill('short');
    await form.getByLabel('Confirmer le mot de passe').fill('short');
    await form.getByRole('button', { name: 'Ajouter le compte' }).click();
    const summary = form.getByRole('alert');
    await expect(summary).toContainText('Le compte n’a pas été ajouté :');
    await expect(summary.getByRole('link', { name: 'Le mot de passe doit faire au moins 12 caractères.' })).toHaveAttribute(
      'href',
      '#account-password',
    );
    await expect(summary).toBeFocused();
    const password = form.getByLabel('Mot de passe initial');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/Le mot de passe doit faire au moins 12 caractères\./);
    await expect(password).toHaveValue('');
    // What was typed (passwords excepted) stays; nothing was added.
    await expect(form.getByLabel('Identifiant', { exact: true })).toHaveValue(NEWCOMER);
    await expect(form.getByLabel('Identifiant', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await expect(row(page, NEWCOMER)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, testInfo, 'accounts-error');

    await form.getByLabel('Mot de passe initial').fill(NEW_PASSWORD);
    await form.getByLabel('Confirmer le mot de passe').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Ajouter le compte' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Compte ${NEWCOMER} ajouté (analyste).` })).toBeVisible();
    await expect(row(page, NEWCOMER)).toContainText('Nina Veau');
    await expect(row(page, NEWCOMER)).toContainText('analyste');
    await expect(row(page, NEWCOMER)).toContainText('actif');
    // The same login again is refused by the store, next to the login.
    await form.getByLabel('Identifiant', { exact: true }).fill(NEWCOMER.toUpperCase());
    await form.getByLabel('Mot de passe initial').fill(NEW_PASSWORD);
    await form.getByLabel('Confirmer le mot de passe').fill(`${NEW_PASSWORD}!`);
    await form.getByRole('button', { name: 'Ajouter le compte' }).click();
    await expect(form.getByRole('alert')).toContainText('La confirmation ne correspond pas au mot de passe.');
    await expect(form.getByLabel('Confirmer le mot de passe')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Mot de passe initial').fill(NEW_PASSWORD);
    await form.getByLabel('Confirmer le mot de passe').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Ajouter le compte' }).click();
    await expect(form.getByRole('alert')).toContainText('Cet identifiant existe déjà.');
    await expect(form.getByLabel('Identifiant', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page, testInfo, 'accounts');
    await keepScreenshot(page, testInfo, '12-accounts');
  });

  test('the admin disables the analyst: their session ends and they can no longer sign in; re-enabled, with another role, they can', async ({
    page,
    browser,
  }) => {
    const other = await browser.newContext();
    const newcomer = await other.newPage();
    await signIn(newcomer, NEWCOMER, NEW_PASSWORD);
    await newcomer.waitForURL('**/dashboard');
    await expect(newcomer.locator('.site-header__person')).toContainText('Nina Veau (analyste)');

    await signIn(page, ADMIN, PASSWORD, '/comptes');
    await page.waitForURL('**/comptes');
    await row(page, NEWCOMER)
      .getByRole('button', { name: `Désactiver le compte ${NEWCOMER}` })
      .click();
    await expect(row(page, NEWCOMER).getByRole('status')).toHaveText(`Compte ${NEWCOMER} désactivé ; ses sessions sont fermées.`);
    await expect(row(page, NEWCOMER)).toContainText('désactivé');
    await expect(row(page, NEWCOMER).getByRole('button', { name: `Réactiver le compte ${NEWCOMER}` })).toBeVisible();

    await newcomer.reload();
    await expect(newcomer.locator('.site-header__person')).toHaveText('Se connecter');
    await signIn(newcomer, NEWCOMER, NEW_PASSWORD);
    await expect(newcomer.locator('main').getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');

    await row(page, NEWCOMER)
      .getByRole('button', { name: `Réactiver le compte ${NEWCOMER}` })
      .click();
    await expect(row(page, NEWCOMER).getByRole('status')).toHaveText(`Compte ${NEWCOMER} réactivé.`);
    await expect(row(page, NEWCOMER)).toContainText('actif');
    await row(page, NEWCOMER).getByLabel(`Nouveau rôle de ${NEWCOMER}`).selectOption('supervisor');
    await row(page, NEWCOMER)
      .getByRole('button', { name: `Changer le rôle de ${NEWCOMER}` })
      .click();
    await expect(row(page, NEWCOMER).getByRole('status')).toHaveText(`Rôle de ${NEWCOMER} : superviseur.`);
    await expect(row(page, NEWCOMER)).toContainText('superviseur');

    await signIn(newcomer, NEWCOMER, NEW_PASSWORD);
    await newcomer.waitForURL('**/dashboard');
    await expect(newcomer.locator('.site-header__person')).toContainText('Nina Veau (superviseur)');
    await other.close();
  });
});
