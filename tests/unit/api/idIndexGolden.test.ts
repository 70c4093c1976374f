import { createHash } from 'node:crypto';
import { listIds } from '@/lib/api/applicationIndex';
import { applicationIds, APPLICATION_IDS, type IdIndex, type PopulationScores, searchApplications, suggestApplications } from '@/lib/analysis/search';
import { CreditEngine, getCreditEngine } from '@/lib/credit/engine';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

/** The one id index (lib/analysis/search) behind the search page, its type-ahead and GET /api/v1/applications. */

const store = getHomeCreditStore();
const PREFIXES = ['', '0', '1', '10', '10002', '1001', '4562', '45625', '456250', '99', '3', '2000', '1234567'];

/** Digest of the type-ahead, search pages (with and without score filters) and every listing page walked by cursor, for each prefix and set. */
function outputs(ids: IdIndex): string {
  const fake = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 100) / 100);
  const scores: PopulationScores = { train: fake(store.train.table.rowCount), test: fake(store.test.table.rowCount), threshold: 0.5 };
  const out: unknown[] = [];
  for (const q of PREFIXES) {
    out.push(suggestApplications(q, 8, { ids }), suggestApplications(q, 8, { ids, scores }));
    for (const set of ['all', 'train', 'test'] as const) {
      for (const page of [1, 2, 400]) out.push(searchApplications({ q, set, page, pageSize: 25 }, { ids }));
      out.push(searchApplications({ q, set, decision: 'refuse', band: 'ge40', page: 2, pageSize: 10 }, { ids, scores }));
      const seen: number[] = [];
      let after = 0;
      let total = -1;
      for (;;) {
        const p = listIds({ prefix: q === '0' ? '' : q, set: set === 'all' ? undefined : set, limit: 997, after }, ids);
        seen.push(...p.ids);
        total = p.total;
        if (p.lastId === undefined) break;
        after = p.lastId;
      }
      out.push(total, seen);
    }
  }
  return createHash('sha256').update(JSON.stringify(out)).digest('hex');
}

describe('one id index, kept by the engine', () => {
  jest.setTimeout(120_000);

  test('search, type-ahead and listing answer as the two former indexes did (digest taken before they were merged)', () => {
    expect(outputs(applicationIds(null, store))).toBe('908d91a836641908580c0a94b2de8cf1cfd36e5682f59394aa158450487df84b');
  });

  test('an engine builds its index once and keeps it; another engine builds its own', async () => {
    const engine = await getCreditEngine();
    const ids = applicationIds(engine);
    expect(applicationIds(engine)).toBe(ids);
    expect(engine.derived(APPLICATION_IDS, '', () => null as never)).toBe(ids);
    const other = applicationIds(new CreditEngine(engine.model));
    expect(other).not.toBe(ids);
    expect(other).toEqual(ids);
  });
});
