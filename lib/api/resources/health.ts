import type { z } from 'zod';
import { loadedNlpService } from '../../nlp/service';
import { creditModelStatus, type ModelStatus } from '../creditEngine';
import type { healthSchema } from '../schemas/meta';

/** Liveness: never loads anything, never waits for a model being loaded; only reports what is loaded. */

type Health = z.output<typeof healthSchema>;

const NOT_YET = Symbol('not loaded yet');

/** The NLP models of the text-classification demo, when their service is loaded (they carry no version). */
async function nlpStatuses(): Promise<ModelStatus[]> {
  // A service still loading loses the race against the next macrotask (every microtask runs first).
  const service = await Promise.race([loadedNlpService(), new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)))]);
  if (service === NOT_YET || service === undefined) return [];
  return service.status().map((s) => ({ name: `nlp-${s.name}`, loaded: s.available, version: null }));
}

export async function healthStatus(): Promise<Health> {
  return {
    status: 'ok',
    uptimeSeconds: Math.round(process.uptime() * 10) / 10,
    models: [creditModelStatus(), ...(await nlpStatuses())],
  };
}
