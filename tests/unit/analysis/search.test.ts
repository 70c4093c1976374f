import { idPrefix, type PopulationScores, searchApplications, suggestApplications } from '@/lib/analysis/search';
import { clientHistory } from '@/lib/analysis/history';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

const store = getHomeCreditStore();

describe('search by SK_ID_CURR', () => {
  test('what the analyst types is normalised to digits', () => {
    expect(idPrefix(' 100 002 ')).toBe('100002');
    expect(idPrefix('100.002')).toBe('100002');
    expect(idPrefix('abc')).toBe('');
    expect(idPrefix('')).toBe('');
    expect(idPrefix('12345678')).toBe('');
  });

  test('type-ahead: ids starting with the digits, in numeric order, across both sets', () => {
    const hits = suggestApplications('10000', 5);
    expect(hits.map((h) => h.id)).toEqual([100001, 100002, 100003, 100004, 100005]);
    expect(hits[0].set).toBe('test');
    expect(hits[1].set).toBe('train');
    expect(suggestApplications('456250', 8)).toEqual([{ id: 456250, set: 'test', row: 48743 }]);
    expect(suggestApplications('99', 8)).toEqual([]);
    expect(suggestApplications('x', 8)).toEqual([]);
  });

  test('listing by set with pagination', () => {
    const all = searchApplications({ pageSize: 25 });
    expect(all.total).toBe(63444 + 48744);
    expect(all.pageCount).toBe(Math.ceil((63444 + 48744) / 25));
    const test = searchApplications({ set: 'test', pageSize: 10, page: 2 });
    expect(test.total).toBe(48744);
    expect(test.hits).toHaveLength(10);
    expect(test.hits.every((h) => h.set === 'test')).toBe(true);
    const ids = test.hits.map((h) => h.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // A page beyond the end is clamped to the last page.
    expect(searchApplications({ set: 'train', page: 99999 }).page).toBe(Math.ceil(63444 / 25));
  });

  test('decision and probability band filters use the given scores', () => {
    // Fake scores: probability = (row mod 100) / 100, threshold 0.5.
    const fake = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 100) / 100);
    const scores: PopulationScores = { train: fake(store.train.table.rowCount), test: fake(store.test.table.rowCount), threshold: 0.5 };
    const refused = searchApplications({ set: 'train', decision: 'refuse', pageSize: 100 }, { scores });
    expect(refused.hits.every((h) => h.decision === 'refuse' && (h.probability ?? 0) >= 0.5)).toBe(true);
    const band = searchApplications({ band: '5to10', pageSize: 100 }, { scores });
    expect(band.total).toBeGreaterThan(0);
    expect(band.hits.every((h) => (h.probability ?? -1) >= 0.05 && (h.probability ?? 1) < 0.1)).toBe(true);
    expect(searchApplications({ decision: 'refuse' }).scored).toBe(false);
  });
});

describe('client history from the related tables', () => {
  test('client 100002: 8 bureau credits (2 active), one approved previous application', () => {
    const h = clientHistory(100002);
    expect(h?.bureau).toMatchObject({ credits: 8, active: 2, closed: 6, activeDebt: 245781 });
    expect(h?.previous?.count).toBe(1);
    expect(h?.previous?.byStatus).toEqual({ Approved: 1 });
    expect(h?.instalmentLoans).toMatchObject({ contracts: 1, months: 19, lateMonths: 0 });
    expect(h?.creditCards).toBeNull();
  });

  test('a client outside the history sample has no history', () => {
    expect(clientHistory(456250)).toBeNull();
  });
});
