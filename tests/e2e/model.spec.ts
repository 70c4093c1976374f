import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, keepScreenshot, SP, waitForCharts } from './dashboard-helpers';

test.describe('model page (« Modèle »)', () => {
  test('global importance, SHAP summary, ROC, PR, reliability, cost vs threshold, confusion matrix and metrics', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto('/modele');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modèle');
    expect(await waitForCharts(page, 45_000)).toBe(10); // 7 + the approval rate by sex, age band and marital status
    for (const name of [
      /Les 15 variables les plus influentes/,
      /Valeurs de Shapley sur un échantillon de 400 clients/,
      'Courbe ROC',
      'Courbe précision-rappel',
      'Calibration (courbe de fiabilité)',
      'Coût selon le seuil',
      'Matrice de confusion au seuil',
    ]) {
      await expect(page.getByRole('heading', { name })).toBeVisible();
    }
    // Every chart is a figure with a caption stating its message and a data table alternative.
    const figures = page.locator('figure.chart-figure');
    await expect(figures).toHaveCount(10);
    for (const figure of await figures.all()) {
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      await expect(figure.locator('details table')).toHaveCount(1);
      await expect(figure.locator('.chart[role="img"]')).toHaveAttribute('aria-label', /.+/);
    }
    await expect(page.locator('figure#roc figcaption')).toContainText(/Aire sous la courbe \(AUC\) : 0,\d{3}/);
    await expect(page.locator('figure#cost figcaption')).toContainText(new RegExp(`Le coût attendu est minimal au seuil de \\d+,\\d${SP}%`));
    await expect(page.locator('figure#confusion figcaption')).toContainText(/défauts sur 5\s059 sont détectés/);
    const metrics = page.getByRole('table', { name: 'Métriques du modèle sur les données de validation' });
    await expect(metrics).toContainText('Aire sous la courbe ROC (AUC)');
    await expect(metrics).toContainText(/63\s444 \(5\s059\)/);
    // Fairness (fairness.json of the committed model) and limits.
    await expect(page.getByRole('heading', { level: 2, name: 'Équité' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Limites' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Choix de la calibration' })).toBeVisible();
    for (const name of ['Sexe', 'Tranche d’âge', 'Situation familiale', 'Prix de l’équité', 'Substituts (proxies)']) {
      await expect(page.getByRole('heading', { level: 3, name })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: /^Tranche d’âge — Modèle actuel/ })).toContainText('moins de 25 ans');
    await expect(page.getByRole('table', { name: 'Performances en validation croisée par variante du modèle' })).toBeVisible();
    // The mode bar of Plotly is hidden everywhere.
    await expect(page.locator('.modebar')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, testInfo, 'model');
    await keepScreenshot(page, testInfo, 'model');
  });

  test('in English', async ({ page }, testInfo) => {
    await page.goto('/modele');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model');
    await expect(page.getByRole('heading', { name: 'Cost versus threshold' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Fairness' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Limits' })).toBeVisible();
    await waitForCharts(page, 45_000);
    await expectNoSeriousA11yViolations(page, testInfo, 'model-en');
    await page.getByRole('button', { name: "Passer l'interface en français" }).click();
  });
});
