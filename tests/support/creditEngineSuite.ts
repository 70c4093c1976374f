import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CreditEngine, getCreditEngine } from '@/lib/credit/engine';

/**
 * For a test file that runs the real credit engine on files it writes: a fresh temporary folder
 * (its name starts with `prefix`), the engine loaded before the tests and, after them, its model
 * released and the folder removed. Call it at the top level of the file; `engine()` is the loaded engine.
 */
export function creditEngineSuite(prefix: string): { dir: string; engine: () => CreditEngine } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let loaded: CreditEngine | undefined;
  beforeAll(async () => {
    loaded = await getCreditEngine();
  });
  afterAll(async () => {
    await loaded?.model.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const engine = () => {
    if (!loaded) throw new Error('the credit engine is loaded in beforeAll: ask for it inside a test or a hook');
    return loaded;
  };
  return { dir, engine };
}
