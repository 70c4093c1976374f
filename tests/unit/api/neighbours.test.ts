import { similarClientsByModel } from '@/lib/analysis/similar';
import { applicationNeighbours } from '@/lib/api/resources/neighbours';
import { getCreditEngine } from '@/lib/credit/engine';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

describe('neighbours route resource', () => {
  test('the API returns the same similar clients as the dashboard (model space), never the client itself', async () => {
    const engine = await getCreditEngine();
    const store = getHomeCreditStore();
    for (const id of [100002, 100001]) {
      const app = store.get(id);
      if (!app) throw new Error(`client ${id} missing`);
      const api = await applicationNeighbours(id, 10);
      const dashboard = similarClientsByModel(engine, app.fields, { k: 10, excludeRow: app.set === 'train' ? app.row : undefined });
      expect(api.neighbours.map((n) => n.id)).toEqual(dashboard.neighbours.map((n) => store.train.ids[n.row]));
      expect(api.neighbours).toHaveLength(10);
      expect(api.neighbours.map((n) => n.id)).not.toContain(id);
      const distances = api.neighbours.map((n) => n.distance);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
  });
});
