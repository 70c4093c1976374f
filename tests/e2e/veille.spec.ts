import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, waitForCharts } from './dashboard-helpers';
import { requireServedModels } from './veille-helpers';

/** The technology watch page (/veille) and its methodology note (/veille/note), in French. */

test.describe('/veille', () => {
  test.beforeEach(async ({ request }) => requireServedModels(request));

  test('renders every section in French, with results read from the models folder', async ({ page }) => {
    const res = await page.goto('/veille');
    expect(res?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Veille technique : RoBERTa ou BERT pour classer nos produits ?');
    for (const h of ['1. Les concepts', '2. Les données', '3. Les résultats', '4. Démonstration', '5. Limites et conclusion']) {
      await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible();
    }
    // Concepts: the papers cited, the live attention map, the paper's tables.
    const concepts = page.locator('#concepts');
    await expect(concepts).toContainText('Vaswani et al., 2017');
    await expect(concepts).toContainText('arXiv:1907.11692');
    await expect(concepts.getByRole('heading', { name: /^Attention de (RoBERTa|BERT), couche \d+, moyenne des têtes$/ })).toBeVisible();
    for (const n of ['Tableau 1', 'Tableau 2', 'Tableau 3', 'Tableau 5']) await expect(concepts.locator('caption', { hasText: n })).toHaveCount(1);
    await expect(concepts.locator('#table-paper-glue')).toContainText('96,4');
    // Data: 7 categories of 150.
    await expect(page.locator('#table-categories tbody tr')).toHaveCount(7);
    // Results: one comparison table, three confusion matrices, pretraining curves, ablation.
    const table = page.locator('#table-comparison');
    await expect(table.locator('thead th')).toHaveText(['Mesure', 'TF-IDF', 'BERT', 'RoBERTa']);
    await expect(table).toContainText('Macro-F1, nom + description (moyenne ± écart-type)');
    await expect(page.locator('[id^="confusion-"][id$="-title"]')).toHaveCount(3);
    await expect(page.getByRole('heading', { name: 'Perte MLM sur les textes mis de côté' })).toBeVisible();
    await expect(page.locator('#table-ablation')).toBeVisible();
    await expect(page.locator('#conclusion .recommendation')).not.toBeEmpty();
    await waitForCharts(page);
  });

  test('demo: pick a real product, see the three predictions, the word attributions and the attention map', async ({ page }) => {
    await page.goto('/veille#demo');
    const demo = page.locator('#demo');
    const picker = demo.getByLabel('Ou choisir un produit réel');
    await picker.selectOption({ index: 13 });
    const text = demo.getByLabel('Texte du produit (nom et description, en anglais)');
    await expect(text).not.toHaveValue('');
    await demo.getByRole('button', { name: 'Classer' }).click();
    const results = page.getByTestId('demo-results');
    await expect(results).toBeVisible({ timeout: 30_000 });
    for (const m of ['TF-IDF', 'BERT', 'RoBERTa']) {
      const card = results.getByRole('article', { name: m, exact: true });
      await expect(card).toContainText('Catégorie prédite');
      await expect(card.locator('.prob-table tbody tr')).toHaveCount(7);
      await expect(card).toContainText(/Latence : [\d,]+\s(ms|s)/);
    }
    // Attributions: the annotated text and the table of the most influential words, for each model.
    await expect(results.locator('.top-words tbody tr').first()).toBeVisible({ timeout: 60_000 });
    await expect(results.locator('.annotated .attr').first()).toBeVisible();
    await results.getByRole('radio', { name: 'RoBERTa' }).check();
    await expect(results.locator('.top-words caption')).toContainText('RoBERTa', { timeout: 60_000 });
    // Attention map: layer and head selectors redraw it.
    const attention = page.getByTestId('demo-attention');
    await expect(attention.locator('[data-chart]')).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
    await results.getByLabel('Tête', { exact: true }).selectOption({ label: 'Tête 1' });
    await expect(attention.getByRole('heading', { level: 4 })).toContainText('tête 1');
    await results.getByLabel('Couche', { exact: true }).selectOption({ index: 0 });
    await expect(attention.getByRole('heading', { level: 4 })).toContainText('couche 1');
    await results.getByLabel('Encodeur', { exact: true }).selectOption({ label: 'BERT' });
    await expect(attention.getByRole('heading', { level: 4 })).toContainText('Attention de BERT', { timeout: 30_000 });
  });

  test('demo: each answer says how confident it is; a name gets a note (the models also learned on names), a text shorter than the names a warning, and a disagreement is said', async ({
    page,
  }) => {
    await page.goto('/veille#demo');
    const demo = page.locator('#demo');
    await expect(demo).toContainText('entraînés sur le nom suivi de la description');
    await demo.getByLabel('Texte du produit (nom et description, en anglais)').fill('Sonata analog watch for men');
    await demo.getByRole('button', { name: 'Classer' }).click();
    const results = page.getByTestId('demo-results');
    await expect(results).toBeVisible({ timeout: 30_000 });
    const labels: string[] = [];
    for (const m of ['TF-IDF', 'BERT', 'RoBERTa']) {
      const card = results.getByRole('article', { name: m, exact: true });
      await expect(card.locator('.prediction__confidence')).toHaveText(/^Confiance du modèle : confiance (élevée|moyenne|faible)$/);
      labels.push(((await card.locator('.prob-table__top th').textContent()) ?? '').trim());
    }
    await expect(results.locator('[data-note="name-like"]')).toContainText('Texte aussi court qu’un nom de produit (5 mots');
    await expect(results.locator('[data-warning="short-input"]')).toHaveCount(0);
    await expect(results.locator('[data-warning="disagreement"]')).toHaveCount(new Set(labels).size > 1 ? 1 : 0);

    // shorter than 90 % of the names the models learned on: a warning
    await demo.getByLabel('Texte du produit (nom et description, en anglais)').fill('Rockmantra mug');
    await demo.getByRole('button', { name: 'Classer' }).click();
    await expect(results.getByTestId('demo-warnings').locator('[data-warning="short-input"]')).toContainText('Texte très court : 2 mots', {
      timeout: 30_000,
    });
    await expect(results.locator('[data-note="name-like"]')).toHaveCount(0);

    // a real product's name and description: no warning about its length
    await demo.getByLabel('Ou choisir un produit réel').selectOption({ index: 13 });
    await demo.getByRole('button', { name: 'Classer' }).click();
    await expect(results.locator('[data-warning="short-input"]')).toHaveCount(0, { timeout: 30_000 });
    await expect(results.locator('[data-note="name-like"]')).toHaveCount(0);
  });

  test('demo: an empty text is refused with a message tied to the field, from the keyboard', async ({ page }) => {
    await page.goto('/veille#demo');
    const text = page.getByLabel('Texte du produit (nom et description, en anglais)');
    await text.focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Classer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#demo').getByRole('alert')).toHaveText('Saisissez un texte à classer.');
    await expect(text).toHaveAttribute('aria-invalid', 'true');
  });

  test('has no serious or critical accessibility violation (with the demo results shown)', async ({ page }, testInfo) => {
    await page.goto('/veille');
    await waitForCharts(page);
    await expectNoSeriousA11yViolations(page, testInfo, 'veille');
    await page.locator('#demo').getByLabel('Ou choisir un produit réel').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Classer' }).click();
    await expect(page.locator('.top-words tbody tr').first()).toBeVisible({ timeout: 60_000 });
    await waitForCharts(page);
    await expectNoSeriousA11yViolations(page, testInfo, 'veille-demo');
  });
});

test.describe('/veille/note', () => {
  test.beforeEach(async ({ request }) => requireServedModels(request));

  test('is a methodology note with every section, accessible', async ({ page }, testInfo) => {
    await page.goto('/veille');
    await page.getByRole('link', { name: 'Lire la note méthodologique (imprimable)' }).click();
    await expect(page).toHaveURL(/\/veille\/note$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Note méthodologique');
    for (const h of [
      '1. Données',
      '2. Prétraitement',
      '3. Modèles',
      '4. Protocole d’entraînement',
      '5. Évaluation',
      '6. Résultats',
      '7. Interprétabilité',
      '8. Limites',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible();
    }
    await expect(page.locator('#table-comparison')).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'veille-note');
  });

  test('prints to a clean A4 PDF', async ({ page }) => {
    await page.goto('/veille/note');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeHidden();
    await expect(page.getByRole('heading', { level: 2, name: '6. Résultats' })).toBeVisible();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });
});
