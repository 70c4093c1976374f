import { ApiError } from '@/lib/api/errors';
import { decodeCursor, encodeCursor, listIds } from '@/lib/api/applicationIndex';
import { applicationIds, prefixRanges } from '@/lib/analysis/search';
import { applicationList, applicationProfile } from '@/lib/api/resources/applications';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

const store = getHomeCreditStore();
const ids = applicationIds(null, store);

describe('application listing and type-ahead', () => {
  test('prefix ranges cover exactly the ids starting with the prefix', () => {
    expect(prefixRanges('45')[0]).toEqual([45, 46]);
    expect(prefixRanges('45')[4]).toEqual([450000, 460000]);
    expect(prefixRanges('0')).toEqual([[0, 1]]); // only 0 itself starts with a 0
    const page = listIds({ prefix: '10002', set: undefined, limit: 100, after: 0 }, ids);
    const brute = [...ids.all].filter((id) => String(id).startsWith('10002'));
    expect(page.ids).toEqual(brute);
    expect(page.total).toBe(brute.length);
    expect(page.lastId).toBeUndefined();
  });

  test('walking all pages with cursors returns every matching id once, in ascending order', () => {
    for (const [prefix, set] of [
      ['1001', undefined],
      ['4562', 'test'],
      ['', 'train'],
    ] as const) {
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = listIds({ prefix, set, limit: 97, after }, ids);
        seen.push(...page.ids);
        if (page.lastId === undefined) break;
        after = page.lastId;
      }
      const expected = [...(set ? ids[set] : ids.all)].filter((id) => String(id).startsWith(prefix));
      expect(seen).toEqual(expected);
    }
  });

  test('cursors are opaque and tamper-evident', () => {
    expect(decodeCursor(encodeCursor(100123))).toBe(100123);
    for (const bad of ['', 'abc', '!!!', Buffer.from('a1.0').toString('base64url'), Buffer.from('a1.-5').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(ApiError);
    }
  });

  test('the list resource: summaries with the outcome of historical loans, next cursor until the last page', async () => {
    const first = await applicationList({ q: '10000', set: undefined, limit: 3, cursor: undefined });
    expect(first.items).toEqual([
      { id: 100001, set: 'test', target: null },
      { id: 100002, set: 'train', target: 1 },
      { id: 100003, set: 'train', target: 0 },
    ]);
    expect(first.nextCursor).not.toBeNull();
    const next = await applicationList({ q: '10000', set: undefined, limit: 100, cursor: first.nextCursor ?? undefined });
    expect(next.items[0].id).toBeGreaterThan(100003);
    expect(next.nextCursor).toBeNull();
    expect(first.total).toBe(next.total);
  });

  test('the profile: 120 fields, set, outcome of historical loans labelled as such; 404 for an unknown id', () => {
    const p = applicationProfile(100002);
    expect(Object.keys(p.fields)).toHaveLength(120);
    expect(p).toMatchObject({ id: 100002, set: 'train', historical: true, outcome: { target: 1, label: 'payment difficulties' } });
    expect(applicationProfile(100001)).toMatchObject({ set: 'test', historical: false, outcome: null });
    expect(() => applicationProfile(1)).toThrow(expect.objectContaining({ slug: 'not-found' }));
    expect(store.get(100002)?.fields.AMT_ANNUITY).toBe(24700.5);
  });
});
