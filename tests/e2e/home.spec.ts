import { expect, test } from '@playwright/test';

test.describe('home page (production build)', () => {
  test('renders in French with the navigation and the real dataset sizes', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prêt à dépenser Insight');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    for (const label of ['Tableau de bord', 'Modèle', 'Données', 'Veille', 'API']) {
      await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
    }
    // Figures come from the shared datasets (63,444 / 48,744 / 1,050), formatted in French.
    const figures = page.locator('.figures');
    await expect(figures).toContainText(/63\s444/);
    await expect(figures).toContainText(/48\s744/);
    await expect(figures).toContainText(/1\s050/);
  });

  test('the language switch turns the interface into English and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await page.getByRole('button', { name: "Passer l'interface en français" }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('?lang=en in a link opens the page in English and is remembered; ?lang=fr switches back', async ({ page }) => {
    await page.goto('/modele?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/?lang=fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.goto('/donnees');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu principal' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });
});
