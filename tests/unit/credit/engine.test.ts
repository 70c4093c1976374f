import { cacheDir, datasetsDir } from '@/lib/config';
import { openHomeCreditStore } from '@/lib/data/homeCreditStore';
import { type CreditEngine, getCreditEngine } from '@/lib/credit/engine';
import { parseApplication } from '@/lib/credit/validation';
import type { Explanation } from '@/lib/credit/types';

const store = openHomeCreditStore(datasetsDir(), cacheDir());
let engine: CreditEngine;

beforeAll(async () => {
  engine = await getCreditEngine();
});

afterAll(async () => {
  await engine.model.release();
});

function additivityGap(e: Explanation): number {
  return Math.abs(e.baseValue + e.contributions.reduce((a, c) => a + c.contribution, 0) - e.margin);
}

describe('credit engine facade', () => {
  test('explains a stored client: score, exact additive contributions per field, at most 4 reasons each way', async () => {
    const e = await engine.explainStored(100002, { lang: 'fr' });
    expect(e).toBeDefined();
    if (!e) return;
    expect(e).toMatchObject({ id: 100002, set: 'train', target: 1 });
    expect(e.probability).toBeGreaterThan(0);
    expect(e.probability).toBeLessThan(1);
    expect(e.decision).toBe(e.probability >= e.threshold ? 'refuse' : 'accept');
    expect(additivityGap(e)).toBeLessThanOrEqual(1e-6);
    expect(e.contributions.length).toBe(engine.model.index.groups.length);
    const fields = e.contributions.map((c) => c.field);
    expect(fields).toContain('EXT_SOURCE_2');
    expect(fields).not.toContain('CODE_GENDER=F'); // encoded columns are re-aggregated to their field
    for (let i = 1; i < e.contributions.length; i++) {
      expect(Math.abs(e.contributions[i - 1].contribution)).toBeGreaterThanOrEqual(Math.abs(e.contributions[i].contribution));
    }
    const { towardsRefusal, towardsAcceptance } = e.reasons;
    expect(towardsRefusal.length).toBeLessThanOrEqual(4);
    expect(towardsAcceptance.length).toBeLessThanOrEqual(4);
    for (const r of towardsRefusal) expect(r.contribution).toBeGreaterThan(0);
    for (const r of towardsAcceptance) expect(r.contribution).toBeLessThan(0);
    const top = [...e.contributions]
      .filter((c) => c.contribution > 0)
      .slice(0, towardsRefusal.length)
      .map((c) => c.field);
    expect(towardsRefusal.map((r) => r.field).sort()).toEqual(top.sort());
    expect(towardsRefusal[0].text.length).toBeGreaterThan(10);
  });

  test('English reasons for the same client, same numbers', async () => {
    const fr = await engine.explainStored(100002, { lang: 'fr' });
    const en = await engine.explainStored(100002, { lang: 'en', top: 2 });
    expect(en?.margin).toBe(fr?.margin);
    expect(en?.reasons.towardsRefusal.length).toBeLessThanOrEqual(2);
    expect(en?.reasons.towardsRefusal[0].field).toBe(fr?.reasons.towardsRefusal[0].field);
    expect(en?.reasons.towardsRefusal[0].text).not.toBe(fr?.reasons.towardsRefusal[0].text);
    expect(await engine.explainStored(1)).toBeUndefined();
  });

  test('a raw application, complete or incomplete, scores like the stored client it copies', async () => {
    const scoreOf = (s: { margin: number; probability: number; threshold: number; decision: string } | undefined) =>
      s && { margin: s.margin, probability: s.probability, threshold: s.threshold, decision: s.decision };
    // A new application: the stored score is the final model's, so its raw copy scores the same.
    const newId = store.test.ids[0];
    const parsedNew = parseApplication(store.get(newId)?.fields);
    if (!parsedNew.ok) throw new Error('stored application expected to parse');
    const [fromRawNew] = await engine.scoreApplications([parsedNew.application]);
    const storedNew = await engine.scoreStored(newId);
    expect(storedNew?.scoreSource).toBe('final-model');
    expect(fromRawNew).toEqual(scoreOf(storedNew));
    // A historical loan is served out of fold; the same fields sent as a new application get the final model.
    const parsed = parseApplication(store.get(100003)?.fields);
    if (!parsed.ok) throw new Error('stored application expected to parse');
    const [fromRaw] = await engine.scoreApplications([parsed.application]);
    const storedOld = await engine.scoreStored(100003);
    expect(storedOld?.scoreSource).toBe('out-of-fold');
    const finalMargin = (await engine.model.scorer.margins(engine.model.pipeline.row(parsed.application), 1))[0];
    expect(fromRaw.margin).toBe(finalMargin);
    expect(fromRaw.margin).not.toBe(storedOld?.margin);
    const partial = await engine.explainApplication({ AMT_CREDIT: 500000, AMT_INCOME_TOTAL: 100000, EXT_SOURCE_2: 0.12 }, { lang: 'en' });
    expect(additivityGap(partial)).toBeLessThanOrEqual(1e-6);
    expect(partial.contributions.find((c) => c.field === 'EXT_SOURCE_3')?.value).toBeNull();
  });

  test('edits of a historical loan are scored and explained by the fold model that serves it', async () => {
    const served = await engine.scoreStored(100003);
    const fold = engine.storedFold(100003);
    expect(fold).toBe(served?.fold);
    expect(engine.storedFold(store.test.ids[0])).toBeUndefined();
    const app = store.get(100003)!.fields;
    const [again] = await engine.scoreApplications([app], fold);
    expect(again.probability).toBeCloseTo(served!.probability, 12);
    const [explained] = await engine.explainApplications([{ ...app, AMT_CREDIT: Number(app.AMT_CREDIT) * 0.8 }], { lang: 'fr' }, fold);
    expect(additivityGap(explained)).toBeLessThanOrEqual(1e-6);
    const [scored] = await engine.scoreApplications([{ ...app, AMT_CREDIT: Number(app.AMT_CREDIT) * 0.8 }], fold);
    expect(explained.probability).toBeCloseTo(scored.probability, 12);
  });

  test('batch scoring equals one-by-one scoring', async () => {
    const apps = Array.from(store.test.ids.subarray(0, 50), (id) => store.get(id)?.fields ?? {});
    expect(new Set(apps.map((a) => a.AMT_CREDIT)).size).toBeGreaterThan(10);
    const batch = await engine.scoreApplications(apps);
    const single = await Promise.all(apps.map((a) => engine.scoreApplications([a]).then((s) => s[0])));
    expect(batch).toEqual(single);
  });

  test('model card and population data for the dashboard', async () => {
    const card = engine.modelCard('fr');
    expect(card.decision.threshold).toBe(engine.model.threshold);
    expect(card.decision.cost).toBeLessThan(card.decision.acceptAllCost);
    expect(card.importance[0].meanAbsShap).toBeGreaterThanOrEqual(card.importance[1].meanAbsShap);
    expect(card.importance[0].label).not.toBe(card.importance[0].field);
    expect(card.curves.roc.length).toBeGreaterThan(10);
    expect(card.curves.cost.length).toBeGreaterThan(10);
    const pop = engine.populationFeatures();
    expect(pop.rows).toBe(63444);
    expect(pop.matrix.length).toBe(pop.rows * pop.cols);
    const stats = engine.populationStats();
    expect(stats.groups.get('EXT_SOURCE_2')).toMatchObject({ kind: 'numeric' });
    expect(stats.groups.get('NAME_CONTRACT_TYPE')).toMatchObject({ kind: 'categorical' });
    // Protected attributes are not model inputs, so the population of model inputs does not hold them.
    expect(stats.groups.get('CODE_GENDER')).toBeUndefined();
  });
});
