import { defaultRate, fieldDistribution, niceStep, percentileOf } from '@/lib/analysis/distributions';
import { quantileSorted } from '@/lib/data/quantile';
import { applicationValue, populationValues } from '@/lib/analysis/population';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

const store = getHomeCreditStore();
const client = store.get(100002)!; // historical loan, TARGET 1, 25.9 years old, EXT_SOURCE_2 0.263

describe('distributions over the 63,444 historical loans, split by outcome', () => {
  test('default rate of the population is 7.97 % (5,059 defaults)', () => {
    const r = defaultRate();
    expect(r.count).toBe(63444);
    expect(r.defaulted).toBe(5059);
    expect(r.rate).toBeCloseTo(0.0797, 4);
  });

  test('numeric histogram: every loan is counted once (bins + missing), outcomes add up', () => {
    const d = fieldDistribution('EXT_SOURCE_2');
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    const inBins = d.bins.reduce((a, b) => a + b.repaid + b.defaulted, 0);
    expect(inBins + d.missing.repaid + d.missing.defaulted).toBe(63444);
    expect(d.total.defaulted).toBe(5059);
    // EXT_SOURCE_2 is strongly protective: the lowest bin defaults far more than the highest.
    expect(d.bins[0].defaultRate).toBeGreaterThan(0.2);
    expect(d.bins[d.bins.length - 1].defaultRate).toBeLessThan(0.04);
    expect(d.medianByOutcome.defaulted).toBeLessThan(d.medianByOutcome.repaid);
    // Edges are nice (multiples of the step) and increasing.
    for (let i = 1; i < d.bins.length; i++) expect(d.bins[i].lo).toBeGreaterThan(d.bins[i - 1].lo);
  });

  test('DAYS_BIRTH is shown as age in years; the client (25.9 years) sits in the youngest 6 %', () => {
    const d = fieldDistribution('DAYS_BIRTH', { clientValue: applicationValue(client.fields, 'DAYS_BIRTH') });
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    expect(d.median).toBeGreaterThan(40);
    expect(d.median).toBeLessThan(46);
    expect(d.client?.value).toBeCloseTo(25.9, 1);
    expect(d.client?.percentile).toBeGreaterThan(0.03);
    expect(d.client?.percentile).toBeLessThan(0.07);
    const bin = d.bins[d.client!.bin];
    expect(d.client!.value).toBeGreaterThanOrEqual(bin.lo);
    expect(d.client!.value).toBeLessThan(bin.hi);
  });

  test('DAYS_EMPLOYED: the 365243 sentinel (no salaried employment) counts as missing, not 1,000 years', () => {
    const d = fieldDistribution('DAYS_EMPLOYED');
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    const raw = store.train.table.byName.get('DAYS_EMPLOYED');
    if (!raw || raw.kind !== 'numeric') throw new Error('column expected');
    const sentinels = raw.values.filter((v) => v === 365243).length;
    expect(sentinels).toBeGreaterThan(10000);
    expect(d.missing.repaid + d.missing.defaulted).toBe(sentinels + raw.values.filter((v) => Number.isNaN(v)).length);
    expect(d.bins[d.bins.length - 1].lo).toBeLessThan(60);
  });

  test('small integer fields get one bin per value', () => {
    const d = fieldDistribution('CNT_CHILDREN', { clientValue: 0 });
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    expect(d.discrete).toBe(true);
    expect(d.bins[0]).toMatchObject({ lo: 0, hi: 1 });
    expect(d.client).toMatchObject({ value: 0, bin: 0 });
  });

  test('engineered features (credit / income) are computed with the engine definitions', () => {
    const v = applicationValue(client.fields, 'CREDIT_INCOME_RATIO');
    expect(v).toBeCloseTo(406597.5 / 202500, 6);
    const pv = populationValues('CREDIT_INCOME_RATIO');
    if (pv.kind !== 'numeric') throw new Error('numeric expected');
    expect(pv.values[0]).toBeCloseTo(406597.5 / 202500, 6);
  });

  test('categorical: frequency and default rate per category, missing last, client category found', () => {
    const d = fieldDistribution('NAME_EDUCATION_TYPE', { clientValue: 'Secondary / secondary special' });
    if (d.kind !== 'categorical') throw new Error('categorical expected');
    expect(d.categories.reduce((a, c) => a + c.count, 0)).toBe(63444);
    expect(d.categories.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 10);
    const higher = d.categories.find((c) => c.category === 'Higher education')!;
    const secondary = d.categories.find((c) => c.category === 'Secondary / secondary special')!;
    expect(higher.defaultRate).toBeLessThan(secondary.defaultRate);
    expect(d.client).toEqual({ value: 'Secondary / secondary special', index: 0 });

    const occ = fieldDistribution('OCCUPATION_TYPE', { clientValue: null });
    if (occ.kind !== 'categorical') throw new Error('categorical expected');
    expect(occ.categories[occ.categories.length - 1].category).toBeNull();
    expect(occ.client?.index).toBe(occ.categories.length - 1);
  });

  test('restricting to a subset of rows counts only those rows', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const d = fieldDistribution('CODE_GENDER', { rows });
    if (d.kind !== 'categorical') throw new Error('categorical expected');
    expect(d.categories.reduce((a, c) => a + c.count, 0)).toBe(10);
    expect(defaultRate(rows).defaulted).toBe(d.total.defaulted);
  });
});

describe('quantiles, percentiles and nice steps', () => {
  test('quantileSorted interpolates; percentileOf uses mid-ranks', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(percentileOf(s, 2)).toBe(0.375);
    expect(percentileOf(s, 0)).toBe(0);
    expect(percentileOf(s, 10)).toBe(1);
  });

  test('niceStep rounds to 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceStep(0.037)).toBe(0.05);
    expect(niceStep(1.1)).toBe(2);
    expect(niceStep(23000)).toBe(25000);
    expect(niceStep(70)).toBe(100);
  });
});
