/** Next.js start-up hook: checks the datasets before the server accepts requests. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { assertDatasetsPresent } = await import('./lib/data/startupCheck');
    assertDatasetsPresent();
  }
}
