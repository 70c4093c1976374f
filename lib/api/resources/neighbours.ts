import type { z } from 'zod';
import { defaultRate } from '../../analysis/distributions';
import { similarClients } from '../../analysis/similar';
import { getHomeCreditStore } from '../../data/homeCreditStore';
import type { neighboursSchema } from '../schemas/analysis';
import { storedApplication } from './applications';

/** The k most similar historical loans (lib/analysis/similar — the features the dashboard uses). */

export function applicationNeighbours(id: number, k: number): z.output<typeof neighboursSchema> {
  const app = storedApplication(id);
  const store = getHomeCreditStore();
  const similar = similarClients(app.fields, { k, excludeRow: app.set === 'train' ? app.row : undefined });
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
