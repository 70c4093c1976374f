import { expect, type Page, test } from '@playwright/test';
import { fieldLabel } from '../../lib/credit/fieldLabels';
import { expectNoSeriousA11yViolations, keepScreenshot, SP, waitForCharts } from './dashboard-helpers';

/**
 * The model monitoring page (« Surveillance du modèle ») on the production build with the real
 * data and the trained model: the two populations, the score PSI and its band in words, the most
 * shifted inputs, every input ranked by PSI, the back-testing by decile and by segment, text
 * equivalents of every chart, both languages, axe; and the client page's « Score moins fiable »
 * notice (input-quality flags of lib/monitoring/quality.ts), shown only when there is a flag.
 */

/** Clients whose flags were read from applicationQuality on the stored data. */
const OUT_OF_RANGE_CLIENT = 100067; // new application: credit 45 000 and goods price 45 000, below the training range
const MISSING_IMPORTANT_CLIENT = 100003; // historical loan: EXT_SOURCE_3 missing
const RELIABLE_CLIENT = 100001; // new application without any flag

const FIGURES = ['score-distribution', 'shifted-inputs', 'shifted-input-bins', 'backtest-deciles'];

/** A French or English decimal as a number (« 0,062 » / « 0.062 »). */
function decimal(text: string): number {
  return Number(
    text
      .trim()
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.'),
  );
}

async function openMonitoring(page: Page): Promise<void> {
  // The first request builds the reference and scores the 48,744 new applications (≈ 10 s).
  await page.goto('/surveillance', { timeout: 120_000 });
}

test.describe('model monitoring page (« Surveillance du modèle »)', () => {
  test('populations, score PSI in words, inputs ranked by PSI, back-testing, text equivalents, axe', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await openMonitoring(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Surveillance du modèle');
    await expect(page).toHaveTitle(/Surveillance du modèle/);
    for (const name of [
      'Les deux populations comparées',
      'Stabilité du score',
      'Stabilité des variables',
      'Toutes les variables, de la plus déplacée à la plus stable',
      'Back-testing sur les prêts historiques',
      'Par segment',
      'Distribution de la probabilité de défaut : prêts historiques et nouvelles demandes',
      /^Les \d+ variables qui ont le plus bougé$/,
      'Taux de défaut prédit et observé par décile de score',
    ]) {
      await expect(page.getByRole('heading', { name, exact: typeof name === 'string' })).toBeVisible();
    }
    // The nav marks the page as current.
    await expect(
      page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Surveillance', exact: true }),
    ).toHaveAttribute('aria-current', 'page');

    // Reference (63,444 historical loans, out-of-fold) against the 48,744 new applications.
    await expect(page.getByText(new RegExp(`les 63${SP}444 prêts historiques, avec leurs probabilités hors échantillon`))).toBeVisible();
    await expect(page.getByText(new RegExp(`les 48${SP}744 nouvelles demandes`))).toBeVisible();
    const summary = page.getByRole('table', { name: 'Résumé des deux populations' });
    await expect(summary.locator('tbody tr')).toHaveCount(5);
    for (const [row, cells] of [
      ['Nombre de demandes', [new RegExp(`^63${SP}444$`), new RegExp(`^48${SP}744$`)]],
      ['Taux d’accord au seuil', [new RegExp(`^\\d+,\\d${SP}%$`), new RegExp(`^\\d+,\\d${SP}%$`)]],
      ['Probabilité de défaut moyenne', [new RegExp(`^\\d+,\\d${SP}%$`), new RegExp(`^\\d+,\\d${SP}%$`)]],
      ['Part de valeurs manquantes (variables du modèle)', [new RegExp(`^\\d+,\\d${SP}%$`), new RegExp(`^\\d+,\\d${SP}%$`)]],
      ['Taux de défaut observé', [new RegExp(`^\\d+,\\d${SP}%$`), /^inconnu \(pas encore d’issue\)$/]],
    ] as const) {
      const tr = summary.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) });
      await expect(tr.locator('td')).toHaveText([...cells]);
    }

    // The score PSI with its band in words (and an icon), the bands said to be conventions.
    const facts = page.locator('#score-psi');
    await expect(facts.locator('dd').first()).toHaveText(/^\d,\d{3}$/);
    const scoreBand = facts.locator('.psi-band');
    await expect(scoreBand).toHaveText(/^(stable|à surveiller|à traiter)$/);
    await expect(scoreBand.locator('svg[aria-hidden="true"]')).toHaveCount(1);
    await expect(page.locator('#psi-bands-note')).toHaveText(/conventions.*moins de 0,1 stable, de 0,1 à 0,25 à surveiller, plus de 0,25 à traiter/);

    // Every chart is a figure with its message and a data table alternative.
    expect(await waitForCharts(page, 60_000)).toBe(FIGURES.length);
    for (const id of FIGURES) {
      const figure = page.locator(`figure#${id}`);
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      await expect(figure.locator('details table')).toHaveCount(1);
      await expect(figure.locator('details table tbody tr').first()).toBeAttached();
      await expect(figure.locator('.chart[role="img"]')).toHaveAttribute('aria-label', /.+/);
    }
    await expect(page.locator('figure#score-distribution figcaption')).toContainText(/PSI du score \d,\d{3} \((stable|à surveiller|à traiter)\)/);
    await expect(page.locator('figure#score-distribution details tbody tr')).toHaveCount(10);
    await expect(page.locator('figure#shifted-inputs details tbody tr')).toHaveCount(10);
    await expect(page.locator('figure#backtest-deciles details tbody tr')).toHaveCount(10);
    await expect(page.locator('figure#backtest-deciles details thead th')).toHaveText([
      'Décile de score',
      'Prêts',
      'Taux prédit',
      'Taux observé',
      'Écart (observé − prédit)',
      'Taux d’accord',
    ]);

    // The table of every input: all rows, ranked by PSI (largest first), band in words with an icon.
    const sentence = await page.getByText(/^Sur les \d+ variables du modèle/).textContent();
    const n = Number(/Sur les (\d+) variables/.exec(sentence ?? '')?.[1]);
    expect(n).toBeGreaterThanOrEqual(100);
    const inputs = page.getByRole('table', {
      name: new RegExp(`^PSI, niveau et part de valeurs manquantes de chaque variable du modèle \\(${n} variables\\)$`),
    });
    await expect(inputs.locator('thead th')).toHaveText([
      'Rang',
      'Variable',
      'Type',
      'PSI',
      'Niveau',
      'Manquants (historique)',
      'Manquants (nouvelles)',
    ]);
    const rows = inputs.locator('tbody tr');
    await expect(rows).toHaveCount(n);
    const ranks = await rows.locator('td:nth-child(1)').allTextContents();
    expect(ranks).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
    const psis = (await rows.locator('td:nth-child(4)').allTextContents()).map(decimal);
    expect(psis.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    for (let i = 1; i < psis.length; i++) expect(psis[i]).toBeLessThanOrEqual(psis[i - 1] + 0.0005);
    const words = await rows.locator('td:nth-child(5) .psi-band').allTextContents();
    expect(words).toHaveLength(n);
    words.forEach((w, i) => expect(w).toBe(psis[i] > 0.25 ? 'à traiter' : psis[i] >= 0.1 ? 'à surveiller' : 'stable'));
    await expect(rows.locator('td:nth-child(5) svg[aria-hidden="true"]')).toHaveCount(n);
    for (const col of [6, 7]) {
      const missing = await rows.locator(`td:nth-child(${col})`).allTextContents();
      for (const m of missing) expect(m).toMatch(new RegExp(`^\\d+,\\d${SP}%$`));
    }
    // The chart of the most shifted inputs lists the top of that table, in the same order.
    const top = await inputs.locator('tbody tr th').allTextContents();
    await expect(page.locator('figure#shifted-inputs details tbody th')).toHaveText(top.slice(0, 10));

    // Back-testing by segment: count, AUC, observed vs predicted, approval rate, and where the model is weak.
    await expect(page.locator('#backtest-weakness')).toHaveText(
      /^(Là où le modèle est le plus faible : .+\.|Aucun segment ne s’écarte nettement du modèle d’ensemble\.)$/,
    );
    const segments = page.getByRole('table', { name: /^Back-testing par segment de « .+ »$/ });
    expect(await segments.count()).toBeGreaterThanOrEqual(3);
    for (const table of await segments.all()) {
      await expect(table.locator('thead th')).toHaveText([
        'Segment',
        'Prêts',
        'AUC',
        'Taux observé',
        'Taux prédit',
        'Écart (observé − prédit)',
        'Taux d’accord',
        'Remarque',
      ]);
      expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    }
    await expect(page.getByRole('table', { name: 'Back-testing par segment de « Type de contrat »' })).toContainText('Crédit renouvelable');

    await expect(page.locator('.modebar')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, testInfo, 'surveillance');
    await keepScreenshot(page, testInfo, 'surveillance');
    await page.screenshot({ path: 'test-results/surveillance-page.png', fullPage: true });
  });

  test('in English (language switch)', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await openMonitoring(page);
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model monitoring');
    for (const name of ['The two populations compared', 'Score stability', 'Input stability', 'Back-testing on the historical loans', 'By segment']) {
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByText(/the 63,444 historical loans, with their out-of-fold/)).toBeVisible();
    await expect(page.locator('#score-psi dd').first()).toHaveText(/^\d\.\d{3}$/);
    await expect(page.locator('#score-psi .psi-band')).toHaveText(/^(stable|to watch|to act on)$/);
    await expect(page.locator('#psi-bands-note')).toHaveText(
      /industry conventions.*below 0\.1 stable, 0\.1 to 0\.25 to watch, above 0\.25 to act on/,
    );
    const inputs = page.getByRole('table', { name: /^PSI, level and share of missing values of every model input \(\d+ inputs\)$/ });
    const n = Number(/\((\d+) inputs\)/.exec((await inputs.locator('caption').textContent()) ?? '')?.[1]);
    await expect(inputs.locator('tbody tr')).toHaveCount(n);
    const words = await inputs.locator('tbody .psi-band').allTextContents();
    expect(words).toHaveLength(n);
    for (const w of words) expect(['stable', 'to watch', 'to act on']).toContain(w);
    await expect(page.getByRole('table', { name: 'Summary of the two populations' })).toContainText('unknown (no outcome yet)');
    await expect(page.locator('#backtest-weakness')).toHaveText(
      /^(Where the model is weakest: .+\.|No segment departs clearly from the overall model\.)$/,
    );
    await waitForCharts(page, 60_000);
    await expectNoSeriousA11yViolations(page, testInfo, 'surveillance-en');
    await keepScreenshot(page, testInfo, 'surveillance-en');
    await page.getByRole('button', { name: "Passer l'interface en français" }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Surveillance du modèle');
  });

  test('linked from the home page and the main navigation', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Surveillance du modèle', exact: true }).click();
    await page.waitForURL('**/surveillance', { timeout: 120_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Surveillance du modèle');
    await page.goto('/modele');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Surveillance', exact: true }).click();
    await page.waitForURL('**/surveillance', { timeout: 120_000 });
  });
});

test.describe('client page: « Score moins fiable » notice', () => {
  test('out-of-range values: the fields, the client’s value and the training range', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.goto(`/dashboard/clients/${OUT_OF_RANGE_CLIENT}`, { timeout: 90_000 });
    const notice = page.getByRole('complementary', { name: 'Score moins fiable' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { name: 'Score moins fiable' })).toBeVisible();
    const items = notice.getByRole('list', { name: 'Variables en cause' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toHaveText(
      new RegExp(
        `^${fieldLabel('AMT_CREDIT', 'fr')} — valeur 45${SP}000, hors de l’intervalle des prêts historiques \\(62${SP}859 à 2${SP}013${SP}840\\)$`,
      ),
    );
    await expect(items.nth(1)).toContainText(fieldLabel('AMT_GOODS_PRICE', 'fr'));
    // Right after the decision banner (near the probability).
    await expect(page.locator('#decision + aside.quality-notice')).toHaveCount(1);
    await expect(notice.getByRole('link', { name: 'Voir la page Surveillance du modèle' })).toHaveAttribute('href', '/surveillance');
    await waitForCharts(page, 45_000);
    await expectNoSeriousA11yViolations(page, testInfo, 'client-quality-notice');
    await keepScreenshot(page, testInfo, 'client-quality-notice');

    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    const en = page.getByRole('complementary', { name: 'Less reliable score' });
    await expect(en).toBeVisible();
    await expect(en.getByRole('listitem').first()).toHaveText(
      new RegExp(`^${fieldLabel('AMT_CREDIT', 'en')} — value 45,000, outside the range of the historical loans \\(62,859 to 2,013,840\\)$`),
    );
    await page.getByRole('button', { name: "Passer l'interface en français" }).click();
  });

  test('an important input missing', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/dashboard/clients/${MISSING_IMPORTANT_CLIENT}`, { timeout: 90_000 });
    const notice = page.getByRole('complementary', { name: 'Score moins fiable' });
    await expect(notice.getByRole('listitem')).toHaveText([
      `${fieldLabel('EXT_SOURCE_3', 'fr')} — valeur manquante, alors que cette variable compte parmi les plus importantes du modèle`,
    ]);
  });

  test('nothing shown when the score is reliable', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/dashboard/clients/${RELIABLE_CLIENT}`, { timeout: 90_000 });
    await expect(page.locator('#decision')).toContainText(/Crédit (refusé|accordé)/);
    await expect(page.getByRole('heading', { name: 'Score moins fiable' })).toHaveCount(0);
    await expect(page.locator('.quality-notice')).toHaveCount(0);
  });
});
