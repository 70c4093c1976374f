/**
 * Next.js start-up hook: validates the configuration (every environment variable, one schema in
 * lib/config/env.ts: an invalid value throws a ConfigError naming it), checks the datasets
 * before the server accepts requests, then warms the credit engine (model, store, population statistics) in the background so that the first
 * analyst or API request does not pay for loading them. A missing model is not an error here:
 * the pages and routes that need it say so.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { assertValidConfig } = await import('./lib/config/env');
  const config = assertValidConfig();
  const { assertDatasetsPresent } = await import('./lib/data/startupCheck');
  assertDatasetsPresent();
  if (!config.creditWarmup) return;
  const { warmCreditEngine } = await import('./lib/credit/engine');
  const started = performance.now();
  warmCreditEngine().then(
    () => console.log(`[startup] credit engine ready in ${Math.round(performance.now() - started)} ms`),
    (err: unknown) => console.warn(`[startup] credit engine not loaded: ${err instanceof Error ? err.message : String(err)}`),
  );
}
