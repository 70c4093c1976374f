import fs from 'node:fs';
import path from 'node:path';
import { type CreditEngine, creditEngineOrNull } from '../credit/engine';
import { creditModelDir } from '../credit/paths';
import { ApiError } from './errors';

/**
 * The API's access to the credit engine (lib/credit/engine.ts, creditEngineOrNull): a model that
 * cannot be loaded (not trained, not deployed, files damaged) makes the routes that need it answer
 * 503; it never turns into a 500.
 */

interface EngineState {
  loadedVersion?: string;
  disk?: { checkedAt: number; version: string | null };
}
const state: EngineState = ((globalThis as unknown as { __apiEngineState?: EngineState }).__apiEngineState ??= {});

/** The engine, or a 503 problem while the model cannot be loaded (creditEngineOrNull logs why, once). */
export async function requireCreditEngine(): Promise<CreditEngine> {
  const engine = await creditEngineOrNull();
  if (!engine) throw new ApiError('service-unavailable', 'The credit model is not available on this server.');
  state.loadedVersion = engine.model.bundle.metadata.version;
  return engine;
}

export interface ModelStatus {
  readonly name: string;
  readonly loaded: boolean;
  readonly version: string | null;
}

/** Version of the model on disk (metadata.json), re-read at most every 10 s; null when there is none. */
function diskVersion(): string | null {
  const now = Date.now();
  if (state.disk && now - state.disk.checkedAt < 10_000) return state.disk.version;
  let version: string | null = null;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(creditModelDir(), 'metadata.json'), 'utf8')) as { version?: unknown };
    version = typeof meta.version === 'string' ? meta.version : null;
  } catch {
    version = null;
  }
  state.disk = { checkedAt: now, version };
  return version;
}

/** What the health route reports: never loads the model. */
export function creditModelStatus(): ModelStatus {
  return state.loadedVersion !== undefined
    ? { name: 'credit', loaded: true, version: state.loadedVersion }
    : { name: 'credit', loaded: false, version: diskVersion() };
}
