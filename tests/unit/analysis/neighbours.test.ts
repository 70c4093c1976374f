import { buildNeighbourIndex, nearestNeighbours, standardise } from '@/lib/analysis/neighbours';
import { populationValues } from '@/lib/analysis/population';

describe('standardised nearest neighbours', () => {
  test('a tiny worked example: standardisation makes units comparable', () => {
    // Income in units of 10,000, age in years: without standardisation income would dominate.
    const income = [10000, 20000, 30000, 40000];
    const age = [20, 40, 20, 40];
    const index = buildNeighbourIndex(['income', 'age'], [income, age]);
    expect(index.mean[0]).toBe(25000);
    expect(index.std[1]).toBeCloseTo(Math.sqrt((400 / 3) * 1), 6);
    const q = standardise(index, [25000, 30]);
    expect(q[0]).toBeCloseTo(0, 10);
    expect(q[1]).toBeCloseTo(0, 10);
    // Query (21,000, 39 years). In raw units row 0 (10,000, 20) would beat row 3 (40,000, 40):
    // 11,000 < 19,000. Standardised, 19 years is 1.6 sd against 0.85 sd of income, so row 3 wins.
    const nn = nearestNeighbours(index, [21000, 39], 2);
    expect(nn.map((n) => n.row)).toEqual([1, 3]);
  });

  test('a missing query value counts as average on that feature', () => {
    const index = buildNeighbourIndex(
      ['a', 'b'],
      [
        [0, 10, 0],
        [0, 0, 100],
      ],
    );
    const nn = nearestNeighbours(index, [10, NaN], 1);
    expect(nn[0].row).toBe(1);
  });

  test('weights change who is nearest', () => {
    // Two rows, (a, b) = (0, 1) and (1, 0), equally far from the origin: the weighted feature decides.
    const columns = [
      [0, 1],
      [1, 0],
    ];
    const nearestWith = (weights: number[]) => nearestNeighbours(buildNeighbourIndex(['a', 'b'], columns, weights), [0, 0], 1)[0].row;
    expect(nearestWith([1, 0])).toBe(0);
    expect(nearestWith([0, 1])).toBe(1);
  });

  test('on the real historical loans: k results, sorted, self excluded, equal to a full sort', () => {
    const features = ['EXT_SOURCE_2', 'EXT_SOURCE_3', 'DAYS_BIRTH', 'CREDIT_INCOME_RATIO'];
    const columns = features.map((f) => {
      const pv = populationValues(f);
      if (pv.kind !== 'numeric') throw new Error('numeric expected');
      return pv.values;
    });
    const index = buildNeighbourIndex(features, columns);
    expect(index.rowCount).toBe(63444);
    const self = 0;
    const query = columns.map((c) => c[self]);
    const t0 = performance.now();
    const nn = nearestNeighbours(index, query, 10, (r) => r === self);
    const ms = performance.now() - t0;
    expect(nn).toHaveLength(10);
    expect(nn.some((n) => n.row === self)).toBe(false);
    for (let i = 1; i < nn.length; i++) expect(nn[i].distance).toBeGreaterThanOrEqual(nn[i - 1].distance);
    expect(ms).toBeLessThan(200);

    // Reference: brute-force distances and a full sort.
    const q = standardise(index, query);
    const all: { row: number; d: number }[] = [];
    for (let r = 0; r < index.rowCount; r++) {
      if (r === self) continue;
      let d = 0;
      for (let j = 0; j < features.length; j++) d += (index.z[r * features.length + j] - q[j]) ** 2;
      all.push({ row: r, d: Math.sqrt(d) });
    }
    all.sort((a, b) => a.d - b.d || a.row - b.row);
    expect(nn.map((n) => n.row)).toEqual(all.slice(0, 10).map((a) => a.row));
    // Without exclusion the client itself is its own nearest neighbour (distance 0).
    const nearest = nearestNeighbours(index, query, 1)[0];
    expect(nearest.row).toBe(self);
    expect(nearest.distance).toBeCloseTo(0, 5); // z is stored as float32
  });
});
