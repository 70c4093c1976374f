import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, keepScreenshot, pdfPageCount, SP, waitForCharts } from './dashboard-helpers';

/**
 * The analyst's journeys on the production build with the real data and the trained model:
 * search → client → explanation → comparison → what-if → counterfactual → print view, plus the
 * historical/new distinctions, 404s, search filters, keyboard use and the language switch.
 */

test.describe('analyst dashboard', () => {
  test('journey: search → client → explanation → comparison → similar → what-if → counterfactual → print', async ({ page, context }, testInfo) => {
    test.setTimeout(120_000);
    // 1. Search with the type-ahead, keyboard only.
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord crédit');
    await expectNoSeriousA11yViolations(page, testInfo, 'search');
    const combo = page.getByRole('combobox', { name: 'Identifiant client (SK_ID_CURR)' });
    await combo.focus();
    await page.keyboard.type('10003');
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await expect(options.first()).toBeVisible();
    await expect(combo).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('status').filter({ hasText: /suggestions disponibles/ })).toHaveCount(1);
    await keepScreenshot(page, testInfo, '01-search-typeahead');
    // 100030, 100031, 100032, 100033, 100035 … (100034 does not exist): the third suggestion is 100032.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(combo).toHaveAttribute('aria-activedescendant', /opt-2$/);
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(2)).toContainText('100032');
    // On to 100035, a refused historical loan that a smaller credit would flip (step 7).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(4)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(4)).toContainText('100035');
    await page.keyboard.press('Enter');

    // 2. The client page: decision banner with icon + words, probability, threshold, gauge.
    await page.waitForURL('**/dashboard/clients/100035');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Client 100035');
    // Gauge, waterfall, comparison and bivariate view.
    expect(await waitForCharts(page)).toBe(4);
    const banner = page.locator('#decision');
    await expect(banner).toContainText(/Crédit (refusé|accordé)/);
    await expect(banner.locator('svg.decision__icon')).toHaveCount(1);
    await expect(banner).toContainText(new RegExp(`Probabilité de défaut\\s*\\d+,\\d${SP}%`));
    await expect(banner).toContainText(new RegExp(`Seuil de décision\\s*\\d+,\\d${SP}%`));
    await expect(banner).toContainText(/pts (au-dessus du|sous le) seuil — décision/);
    await expect(banner.getByRole('img', { name: /Jauge de probabilité/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'client');
    await keepScreenshot(page, testInfo, '02-client');

    // The sticky header keeps the decision visible while scrolling.
    await page.locator('#historique').scrollIntoViewIfNeeded();
    const headerStatus = page.locator('#site-header-status');
    await expect(headerStatus).toBeInViewport();
    await expect(headerStatus).toContainText(/(Refusé|Accordé)\s*Client 100035/);

    // 3. Explanation: reasons in plain language and an adjustable waterfall.
    const explanation = page.locator('#explication');
    await expect(explanation.getByRole('heading', { name: 'Ce qui pèse vers le refus' })).toBeVisible();
    await expect(explanation.locator('.reasons li').first()).toContainText(/médiane des clients|des clients/);
    await expect(explanation.getByRole('heading', { name: 'Les 10 facteurs qui pèsent le plus' })).toBeVisible();
    await explanation.getByLabel('Nombre de facteurs affichés').selectOption('5');
    await expect(explanation.getByRole('heading', { name: 'Les 5 facteurs qui pèsent le plus' })).toBeVisible();
    await expect(page).toHaveURL(/\?n=5/);
    // The accessible data table alternative, opened with the keyboard.
    const summary = explanation.locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const table = explanation.locator('table');
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(5 + 3); // 5 factors, the others, base, score
    await expect(table.locator('thead')).toContainText('Valeur du client');

    // 4. Comparison with other clients: any variable, all loans or similar clients only.
    const comparison = page.locator('#comparaison');
    await comparison.getByLabel('Variable', { exact: true }).selectOption('DAYS_BIRTH');
    await expect(comparison.getByRole('heading', { name: 'Âge : distribution par issue' })).toBeVisible();
    await expect(comparison.locator('figcaption')).toContainText(
      /Parmi tous les prêts historiques \(63\s444\), le client \(\d+,\d\s+ans\) se situe au \d+e centile/,
    );
    await comparison.getByRole('switch', { name: 'Comparer uniquement avec les clients similaires' }).check();
    await expect(comparison.locator('figcaption')).toContainText(/Parmi les 500 prêts historiques les plus proches du client/);
    await comparison.getByLabel('Variable', { exact: true }).selectOption('NAME_EDUCATION_TYPE');
    await expect(comparison.getByRole('heading', { name: /fréquence et taux de défaut par modalité/ })).toBeVisible();
    await waitForCharts(page);
    await keepScreenshot(page, testInfo, '03-comparison');

    // 5. Similar clients with their actual outcomes and default rate.
    const similar = page.locator('#similaires');
    await expect(similar.locator('tbody tr')).toHaveCount(10);
    await expect(similar).toContainText(/sur 10 ont eu des difficultés de paiement, soit \d+\s%, pour une probabilité de défaut du client de/);

    // Bivariate view.
    await expect(page.locator('#vue-croisee').getByRole('img', { name: /Nuage de points/ })).toBeVisible();

    // 6. What-if: change actionable fields, see the new probability, decision and explanation.
    const whatIf = page.locator('#simulation');
    await whatIf.getByLabel('Montant du crédit', { exact: true }).fill('150 000');
    await whatIf.getByLabel('Revenu', { exact: true }).fill('300000');
    await whatIf.getByRole('button', { name: 'Recalculer' }).click();
    await expect(whatIf.getByRole('heading', { name: 'Résultat de la simulation' })).toBeFocused();
    await expect(whatIf.locator('.whatif-result')).toContainText(/Probabilité de défaut : \d+,\d\s%\s→\s\d+,\d\s%/);
    await expect(whatIf.getByRole('table', { name: 'Effet de la simulation' })).toContainText('Montant du crédit');
    await expect(whatIf.getByRole('img', { name: /Graphique en cascade/ })).toBeVisible();
    // Invalid input is reported next to a link to the field.
    await whatIf.getByLabel('Montant du crédit', { exact: true }).fill('beaucoup');
    await whatIf.getByRole('button', { name: 'Recalculer' }).click();
    await expect(whatIf.locator('.error-summary')).toContainText('Montant du crédit : nombre attendu');
    // Reset restores the application's values.
    await whatIf.getByRole('button', { name: 'Rétablir les valeurs du dossier' }).click();
    await expect(whatIf.getByLabel('Montant du crédit', { exact: true })).toHaveValue(/^665\s892$/);
    await expect(whatIf.locator('.whatif-result')).toHaveCount(0);

    // 7. Nearest counterfactual, computed by the server, tried in the simulation.
    const counterfactual = page.locator('#contrefactuel');
    await expect(counterfactual.locator('.cf-summary')).toContainText(/Accord possible avec : .+ de [\d\s]+ au lieu de [\d\s]+ \(−\d+,\d\s%\)/);
    await counterfactual.getByRole('button', { name: 'Essayer dans la simulation' }).first().click();
    await expect(whatIf.locator('.whatif-result')).toContainText('La décision change : Refusé → Accordé.');
    await expectNoSeriousA11yViolations(page, testInfo, 'client-after-simulation');
    await keepScreenshot(page, testInfo, '04-what-if-counterfactual');

    // 8. Print view: one A4 page with the decision, reasons, explanation chart, date and model version.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.print-only').first()).toBeVisible();
    await expect(page.locator('.print-only').first()).toContainText(/Synthèse éditée le \d+ \S+ \d{4} · Version du modèle : \d{8}-\d{6}/);
    await expect(page.locator('#decision')).toBeVisible();
    await expect(page.locator('#explication .reasons')).toBeVisible();
    await expect(page.locator('#explication [data-chart]')).toBeVisible();
    for (const hidden of ['#comparaison', '#similaires', '#simulation', '.site-header', '.client-toc'])
      await expect(page.locator(hidden)).toBeHidden();
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await testInfo.attach('client-100035.pdf', { body: pdf, contentType: 'application/pdf' });
    expect(pdfPageCount(pdf)).toBe(1);
    await keepScreenshot(page, testInfo, '05-print');
    await context.close();
  });

  test('a historical loan shows its actual outcome apart, and its credit history', async ({ page }, testInfo) => {
    await page.goto('/dashboard/clients/100002');
    const outcome = page.getByRole('complementary', { name: 'Issue réelle (prêt historique)' });
    await expect(outcome).toContainText('Difficultés de paiement (défaut)');
    await expect(outcome).toContainText('ne sert pas à la décision');
    // its probability is the out-of-fold one, and the page says so
    await expect(page.locator('#score-provenance')).toContainText(/Probabilité hors échantillon .*modèle de validation croisée n° [1-5]/);
    const history = page.locator('#historique');
    await expect(history.getByRole('heading', { name: 'Crédits déclarés par d’autres établissements' })).toBeVisible();
    await expect(history).toContainText(`8 crédits, dont 2 en cours`);
    await expect(history.getByRole('table', { name: 'Demandes antérieures les plus récentes' })).toBeVisible();
    const profile = page.locator('#profil');
    await expect(profile).toContainText(/Âge\s*25,9\s+ans/);
    await expect(profile).toContainText(/Montant du crédit\s*406\s598/);
    await waitForCharts(page);
    await expectNoSeriousA11yViolations(page, testInfo, 'historical-client');
  });

  test('a new application has no actual outcome and may have no history', async ({ page }) => {
    await page.goto('/dashboard/clients/456250');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Client 456250');
    await expect(page.locator('.badge').first()).toHaveText('Nouvelle demande');
    await expect(page.getByRole('complementary', { name: /Issue réelle/ })).toHaveCount(0);
    await expect(page.locator('#historique')).toContainText('Aucun historique disponible');
    await expect(page.locator('#score-provenance')).toHaveCount(0); // the final model scores new applications
  });

  for (const bad of ['abc', '1', '12345678901', '-5', '100002x']) {
    test(`/dashboard/clients/${bad} is a 404 page, not a 500`, async ({ page }) => {
      const response = await page.goto(`/dashboard/clients/${bad}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Client introuvable');
      await expect(page.getByRole('link', { name: 'Aller à la recherche' })).toBeVisible();
    });
  }

  test('search filters by set, decision and probability band (server-side, works without JavaScript)', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.getByLabel('Ensemble').selectOption('test');
    await page.getByLabel('Décision').selectOption('refuse');
    await page.getByLabel('Probabilité de défaut').selectOption('20to40');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await expect(page).toHaveURL(/set=test/);
    const rows = page.locator('table tbody tr');
    await expect(rows).toHaveCount(25);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('Nouvelle demande');
      expect(text).toContain('Refusé');
      const p = Number(/(\d+,\d)\s%/.exec(text)?.[1].replace(',', '.'));
      expect(p).toBeGreaterThanOrEqual(20);
      expect(p).toBeLessThan(40);
    }
    await expect(page.locator('#score-note')).toContainText('Prêts historiques : probabilité hors échantillon');
    // axe needs JavaScript: check the same filtered page in a normal context.
    const filteredUrl = page.url();
    const withJs = await browser.newContext();
    const checked = await withJs.newPage();
    await checked.goto(filteredUrl);
    await expectNoSeriousA11yViolations(checked, testInfo, 'search-filtered');
    await withJs.close();
    // Without JavaScript the id form opens an exact id directly.
    await page.goto('/dashboard');
    await page.getByRole('combobox', { name: 'Identifiant client (SK_ID_CURR)' }).fill('100002');
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await expect(page).toHaveURL(/\/dashboard\/clients\/100002$/);
    await context.close();
  });

  test('recently viewed clients are listed on the search page', async ({ page }) => {
    // the page records the visit once hydrated (the decision itself is server-rendered earlier)
    const remembered = () => page.evaluate(() => Object.values(localStorage).join(' '));
    await page.goto('/dashboard/clients/100002');
    await expect(page.locator('#decision')).toBeVisible();
    await expect.poll(remembered).toContain('100002');
    await page.goto('/dashboard/clients/100003');
    await expect(page.locator('#decision')).toBeVisible();
    await expect.poll(remembered).toContain('100003');
    await page.goto('/dashboard');
    const recent = page.getByRole('region', { name: 'Clients consultés récemment' });
    await expect(recent.getByRole('link')).toHaveCount(2);
    await expect(recent.getByRole('link').first()).toContainText('Client 100003');
    await recent.getByRole('button', { name: 'Effacer la liste' }).click();
    await expect(recent).toContainText('Aucun client consulté récemment');
  });

  test('keyboard: skip link, visible focus, every control reachable', async ({ page }) => {
    await page.goto('/dashboard/clients/100002');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu principal' })).toBeFocused();
    // Tab through the page; every focused element shows a visible focus indicator.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'none';
        const s = getComputedStyle(el);
        return `${s.outlineStyle} ${s.outlineWidth}`;
      });
      expect(outline).not.toMatch(/^none|^\S+ 0px/);
    }
  });

  test('the language switch turns the client page into English', async ({ page }, testInfo) => {
    await page.goto('/dashboard/clients/100002');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#decision')).toContainText(/Credit (refused|accepted)/);
    await expect(page.getByRole('heading', { name: 'Why this decision' })).toBeVisible();
    await expect(page.locator('#profil')).toContainText(/406,598/);
    await expect(page.locator('#decision')).toContainText(/Default probability\s*\d+\.\d%/);
    await waitForCharts(page);
    await expectNoSeriousA11yViolations(page, testInfo, 'client-en');
    await keepScreenshot(page, testInfo, 'client-en');
    await page.getByRole('button', { name: "Passer l'interface en français" }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});
