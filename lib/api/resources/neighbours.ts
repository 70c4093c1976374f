import type { z } from 'zod';
import { defaultRate } from '../../analysis/distributions';
import { similarClientsFor } from '../../analysis/similar';
import { type CreditEngine, creditEngineOrNull } from '../../credit/engine';
import { getHomeCreditStore } from '../../data/homeCreditStore';
import type { neighboursSchema } from '../schemas/analysis';
import { storedApplication } from './applications';

/** The k most similar historical loans, found exactly as the dashboard finds them (lib/analysis/similar). */
export async function applicationNeighbours(id: number, k: number): Promise<z.output<typeof neighboursSchema>> {
  const app = storedApplication(id);
  const store = getHomeCreditStore();
  // Neighbours do not need the model: without one they fall back to the display-scale variables.
  const engine: CreditEngine | null = await creditEngineOrNull();
  const similar = similarClientsFor(engine, app.fields, { k, excludeRow: app.set === 'train' ? app.row : undefined });
  const target = store.train.target as Float64Array;
  const rate = defaultRate(similar.rows);
  return {
    id,
    k,
    features: [...similar.features],
    neighbours: similar.neighbours.map((n) => ({
      id: store.train.ids[n.row],
      set: 'train' as const,
      distance: n.distance,
      target: target[n.row] === 1 ? 1 : 0,
    })),
    defaultRate: Number.isFinite(rate.rate) ? rate.rate : null,
  };
}
