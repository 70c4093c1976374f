import path from 'node:path';

/**
 * Runtime configuration read from the environment, with the built-in defaults the
 * README documents. Every path the application reads goes through here.
 */

/** Folder holding `home-credit/` and `flipkart/` (and `corpus/`). */
export function datasetsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATASETS_DIR ?? path.join(process.cwd(), '..', 'shared', 'datasets'));
}

/** Git-ignored folder for the binary caches built from the CSV files. */
export function cacheDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_CACHE_DIR ?? path.join(process.cwd(), 'data', '.cache'));
}

/** Folder holding the trained models committed with the project. */
export function modelsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MODELS_DIR ?? path.join(process.cwd(), 'models'));
}

export function port(): number {
  const raw = process.env.PORT;
  const n = raw === undefined ? 3000 : Number(raw);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 3000;
}
