/**
 * A function answering `build()`'s promise, built once per process: kept on globalThis under `key` (so that it survives
 * hot reloads in development), forgotten when it fails so that a later call builds again.
 */
export function oncePerProcess<T>(key: string, build: () => Promise<T>): () => Promise<T> {
  const holder = globalThis as unknown as Record<string, Promise<T> | undefined>;
  return () =>
    (holder[key] ??= build().catch((err: unknown) => {
      holder[key] = undefined;
      throw err;
    }));
}
