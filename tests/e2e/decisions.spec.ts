import { expect, test } from '@playwright/test';
import { addUser, PASSWORD, signIn } from './account-helpers';
import { expectNoSeriousA11yViolations, keepScreenshot, pdfPageCount } from './dashboard-helpers';

/**
 * People deciding (issue #16): sign-in, the analyst's decision panel with its override rules, the
 * decision history, the applicant's notice, the supervisors' /audit page with the escalation
 * review, and roles. Accounts are added with `npm run users` to the suite's store (the webServer's
 * SQLITE_FILE, playwright.config.ts), under logins unique to this run.
 */

const run = Date.now().toString(36);
const ANALYST = `ana-${run}`;
const SUPERVISOR = `sup-${run}`;
const REFUSED = 100035; // refused by the model, and a smaller credit would flip it (dashboard.spec.ts)

test.describe('decisions by people (« Décision de l’analyste », /audit, notice)', () => {
  // The supervisor reviews what the analyst recorded: the tests run in order, a failure skips the rest.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    addUser(ANALYST, 'analyst', 'Anna Lyste');
    addUser(SUPERVISOR, 'supervisor', 'Sophie Viseur');
  });

  test('reading is open, deciding needs a signed-in person; the audit page is for supervisors', async ({ page, request }) => {
    await page.goto(`/dashboard/clients/${REFUSED}`);
    const panel = page.locator('#decision-analyste');
    await expect(panel.getByRole('heading', { name: 'Décision de l’analyste' })).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Connectez-vous pour enregistrer une décision.' })).toBeVisible();
    await expect(panel.locator('form')).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.locator('main').getByRole('alert')).toContainText('réservée aux superviseurs');
    expect((await request.get('/audit/export')).status()).toBe(403);
  });

  test('an analyst signs in, overrides with reasons, the history and the notice show it; an analyst cannot open /audit', async ({
    page,
    context,
  }, testInfo) => {
    await signIn(page, ANALYST, 'wrong password, surely');
    await expect(page.locator('main').getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
    await signIn(page, 'nobody-at-all', 'wrong password, surely');
    await expect(page.locator('main').getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
    await signIn(page, ANALYST, PASSWORD, `/dashboard/clients/${REFUSED}`);
    await page.waitForURL(`**/dashboard/clients/${REFUSED}`);
    await expect(page.locator('.site-header__person')).toContainText('Connecté : Anna Lyste (analyste)');
    const cookie = (await context.cookies()).find((c) => c.name === 'insight_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const panel = page.locator('#decision-analyste');
    await expect(panel).toContainText('Le modèle recommande : refuser.');
    await expect(panel.getByRole('radio', { name: 'Refuser' })).toBeChecked();
    // Going against the model without reasons is refused, naming what is missing.
    await panel.getByRole('radio', { name: 'Accorder' }).check();
    await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(panel.locator('.error-summary')).toContainText('choisissez au moins un motif de dérogation');
    await panel.getByRole('checkbox', { name: 'Revenus vérifiés' }).check();
    await panel.getByLabel(/Justification/).fill('Trois bulletins de salaire vérifiés, revenu confirmé par l’employeur.');
    await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.waitForURL(/\?decision=[0-9a-f-]{36}#decision-analyste$/);
    await expect(page.getByRole('status').filter({ hasText: 'Décision enregistrée' })).toBeVisible();
    const history = page.locator('#decision-history');
    await expect(history.locator('tbody tr').first()).toContainText('accordée');
    await expect(history.locator('tbody tr').first()).toContainText('oui — Revenus vérifiés');
    await expect(history.locator('tbody tr').first()).toContainText(`user:${ANALYST} (analyste)`);
    await expectNoSeriousA11yViolations(page, testInfo, 'decision-panel');
    await keepScreenshot(page, testInfo, '10-decision-panel');

    // The applicant's notice of that decision: approved after review, no model reasons, the right to human review.
    await history.locator('tbody tr').first().getByRole('link', { name: 'Lettre au demandeur' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notification de décision sur votre demande de crédit');
    await expect(page.locator('.notice-letter__outcome')).toHaveText(`Votre demande de crédit n° ${REFUSED} est acceptée.`);
    await expect(page.locator('.notice-letter')).toContainText('réexaminée par une personne');

    // Escalate another application; an analyst may not open the audit page.
    await page.goto('/dashboard/clients/100049');
    await page.locator('#decision-analyste').getByRole('radio', { name: 'Escalader vers un superviseur' }).check();
    await page.locator('#decision-analyste').getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.waitForURL(/\?decision=/);
    await expect(page.locator('#decision-history tbody tr').first()).toContainText('escaladée');
    await page.goto('/audit');
    await expect(page.locator('main').getByRole('alert')).toContainText('réservée aux superviseurs');
  });

  test('a supervisor reads the audit trail, reviews the escalation, exports CSV; a refusal notice gives coded reasons', async ({
    page,
  }, testInfo) => {
    await signIn(page, SUPERVISOR, PASSWORD, '/audit');
    await page.waitForURL('**/audit');
    // The chain is checked in the background: the first view may say it is being checked.
    await expect(async () => {
      await page.reload();
      await expect(page.locator('#chain-status')).toContainText(/Chaîne intacte : [\d\s ]+ enregistrements vérifiés/, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.locator('#override-rates')).toContainText(`user:${ANALYST}`);
    // The suite's store outlives a run (earlier runs may have left escalations of 100049): count them.
    const queued = page.locator('#escalation-queue li').filter({ hasText: '100049' });
    const queueItem = queued.first();
    await expect(queueItem).toBeVisible();
    const before = await queued.count();
    await expectNoSeriousA11yViolations(page, testInfo, 'audit');
    await keepScreenshot(page, testInfo, '11-audit');
    const csv = await page.request.get('/audit/export?override=true');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,id,created_at,actor_id,actor_role,application_id,input_hash,model_name,model_version,probability,threshold,recommendation,decision,override,override_reasons,justification,principal_reasons,refers_to,prev_hash,hash',
    );
    expect(lines.some((l) => l.includes(`user:${ANALYST}`) && l.includes('income-verified'))).toBe(true);

    // Review the escalation: confirm the model's recommendation.
    await queueItem.getByRole('link').click();
    const panel = page.locator('#decision-analyste');
    await expect(panel.getByRole('heading', { name: 'Escalade à examiner' })).toBeVisible();
    await expect(panel.getByRole('radio', { name: 'Escalader vers un superviseur' })).toHaveCount(0);
    await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.waitForURL(/\?decision=/);
    await expect(page.locator('#decision-history tbody tr').first()).toContainText('(superviseur)');
    await page.goto('/audit');
    await expect(page.locator('#escalation-queue li').filter({ hasText: '100049' })).toHaveCount(before - 1);

    // A refusal that follows the model: its notice lists the principal reasons with their codes, in French and in English.
    await page.goto(`/dashboard/clients/${REFUSED}`);
    await page.locator('#decision-analyste').getByRole('radio', { name: 'Refuser' }).check();
    await page.locator('#decision-analyste').getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.waitForURL(/\?decision=/);
    const id = new URL(page.url()).searchParams.get('decision');
    await page.goto(`/decisions/${id}/notice`);
    await expect(page.locator('.notice-letter__outcome')).toHaveText(`Votre demande de crédit n° ${REFUSED} est refusée.`);
    await expect(page.locator('.notice-letter__reasons li').first()).toContainText(/^R\d{2} /);
    await expect(page.locator('.notice-letter')).toContainText('La décision aurait pu être différente avec');
    await expectNoSeriousA11yViolations(page, testInfo, 'notice');
    await keepScreenshot(page, testInfo, '12-notice');
    // Printed, the letter is one A4 page (no header, no print button).
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdfPageCount(pdf)).toBe(1);
    await testInfo.attach('notice.pdf', { body: pdf, contentType: 'application/pdf' });
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`/decisions/${id}/notice?letter=en`);
    await expect(page.locator('.notice-letter__outcome')).toHaveText(`Your credit application no. ${REFUSED} is declined.`);
  });
});
