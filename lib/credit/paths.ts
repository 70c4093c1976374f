import path from 'node:path';
import { cacheDir } from '../config';
import { appConfig } from '../config/env';

/** Git-ignored working folder of the credit engine (training matrices, logs). */
export function creditCacheDir(): string {
  return path.join(cacheDir(), 'credit');
}

/**
 * Folder of the trained credit model (models/credit by default). CREDIT_MODEL_DIR points the
 * engine at another export, e.g. a quick model trained into a temporary folder.
 */
export function creditModelDir(): string {
  return appConfig().creditModelDir;
}
