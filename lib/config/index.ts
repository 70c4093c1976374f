import { appConfig } from './env';

/**
 * Runtime configuration: the folders and port the application uses, read from the parsed and
 * validated environment (lib/config/env.ts, one schema for every variable, with the defaults
 * the README documents). Every path the application reads goes through here.
 */

export {
  appConfig,
  assertValidConfig,
  ConfigError,
  configSelector,
  parseEnv,
  resetAppConfigForTests,
  type AppConfig,
  type EnvName,
  type EnvSource,
} from './env';
export { type CidrSet, parseCidrList } from './cidr';

/** Folder holding `home-credit/` and `flipkart/` (and `corpus/`): DATASETS_DIR. */
export function datasetsDir(): string {
  return appConfig().datasetsDir;
}

/** Git-ignored folder for the binary caches built from the CSV files: DATA_CACHE_DIR. */
export function cacheDir(): string {
  return appConfig().cacheDir;
}

/** Folder holding the trained models committed with the project: MODELS_DIR. */
export function modelsDir(): string {
  return appConfig().modelsDir;
}

/** PORT (default 3000). */
export function port(): number {
  return appConfig().port;
}
