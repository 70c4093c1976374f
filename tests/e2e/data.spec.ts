import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, keepScreenshot, waitForCharts } from './dashboard-helpers';

test.describe('data page (« Données »)', () => {
  test('sizes, TARGET rate, provenance and the searchable column dictionary', async ({ page }, testInfo) => {
    await page.goto('/donnees');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données');
    const sizes = page.getByRole('table', { name: /Fichiers de données Home Credit/ });
    await expect(sizes).toContainText(/application_train\.csv.*63\s444.*122/s);
    await expect(sizes).toContainText(/application_test\.csv.*48\s744.*121/s);
    await expect(sizes).toContainText(/bureau_balance\.csv.*1\s207\s059/s);
    await expect(page.locator('figure#target-rate figcaption')).toContainText(
      /5\s059 prêts sur 63\s444 ont connu des difficultés de paiement, soit 7,97\s%/,
    );
    const provenance = page.getByRole('table', { name: /Provenance des 63\s444 prêts historiques/ });
    await expect(provenance).toContainText('gitadum/credit_risk_rating');
    await expect(provenance.locator('tbody tr')).toHaveCount(7);
    await waitForCharts(page);

    // The dictionary: 121 columns with label, description, type, missing rates and a preview.
    const dictionary = page.getByRole('table', { name: 'Dictionnaire des colonnes des demandes de crédit' });
    await expect(dictionary.locator('tbody tr')).toHaveCount(121);
    const search = page.getByRole('searchbox', { name: 'Rechercher une colonne' });
    await search.fill('EXT_SOURCE');
    await expect(dictionary.locator('tbody tr')).toHaveCount(3);
    await expect(page.getByRole('status').filter({ hasText: '3 colonnes sur 121' })).toBeVisible();
    const row = dictionary.locator('tbody tr').first();
    await expect(row).toContainText('Score externe 1');
    await expect(row).toContainText('Normalized score from external data source');
    await expect(row).toContainText(/56,\d\s% \/ 4\d,\d\s%/);
    await expect(row.getByRole('img')).toHaveAttribute('aria-label', /Histogramme de 0,\d+ à 0,\d+, médiane 0,\d+/);
    await search.fill('annuite');
    await expect(dictionary.locator('tbody tr')).toHaveCount(1);
    await expect(dictionary.locator('tbody tr').first()).toContainText('AMT_ANNUITY');
    await search.fill('zzz');
    await expect(page.getByRole('status').filter({ hasText: 'Aucune colonne ne correspond à « zzz ».' })).toBeVisible();
    await search.fill('');
    await expectNoSeriousA11yViolations(page, testInfo, 'data');
    await keepScreenshot(page, testInfo, 'data');
  });

  test('the dictionary search also works without JavaScript (?q=)', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/donnees?q=AMT_REQ_CREDIT');
    await expect(page.getByRole('table', { name: 'Dictionnaire des colonnes des demandes de crédit' }).locator('tbody tr')).toHaveCount(6);
    await context.close();
  });
});
