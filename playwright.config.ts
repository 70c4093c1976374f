import { defineConfig } from '@playwright/test';

/**
 * Playwright runs the page and API tests against the production server (`npm start`: the
 * production build behind lib/server/start.ts, which answers the API routes directly), in
 * Debian's Chromium (never a downloaded browser).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node --import tsx lib/server/start.ts -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // Every request of the suite comes from 127.0.0.1: the per-address limit (100/s by default)
    // is raised out of the tests' way here; tests/e2e/hardening.spec.ts checks the limits on
    // servers of its own.
    // The decision store of the suite: a SQLite file of its own (tests/e2e/decisions.spec.ts adds accounts to it).
    env: {
      ...(process.env as Record<string, string>),
      API_RATE_LIMIT_RPS: process.env.API_RATE_LIMIT_RPS ?? '100000',
      SQLITE_FILE: process.env.E2E_SQLITE_FILE ?? 'data/tmp/e2e/insight.sqlite',
      DATABASE_URL: '',
    },
  },
});
