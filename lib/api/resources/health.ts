import type { z } from 'zod';
import { creditModelStatus } from '../creditEngine';
import type { healthSchema } from '../schemas/meta';

/** Liveness: never loads anything, only reports what is loaded. */

type Health = z.output<typeof healthSchema>;

export function healthStatus(): Health {
  return { status: 'ok', uptimeSeconds: Math.round(process.uptime() * 10) / 10, models: [creditModelStatus()] };
}
