import fs from 'node:fs';
import path from 'node:path';
import { getCreditEngine } from '@/lib/credit/engine';
import { creditModelDir } from '@/lib/credit/paths';
import type { RawApplication } from '@/lib/credit/types';
import { csvToApplications } from '@/lib/api/csvApplications';
import { ApiError } from '@/lib/api/errors';
import {
  scoreApplicationsResponse,
  storedExplanation,
  storedExplanationResponse,
  storedScore,
  scoreRawApplications,
} from '@/lib/api/resources/scoring';
import { rawApplicationSchema } from '@/lib/api/schemas/applicationFields';
import { scoreResponseSchema, storedExplanationSchema, storedScoreSchema } from '@/lib/api/schemas/scoring';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

/**
 * The API gives the same decisions and explanations as the engine the dashboard uses. Needs a
 * trained model (models/credit or CREDIT_MODEL_DIR); skipped, with a note, when there is none.
 */

const hasModel = fs.existsSync(path.join(creditModelDir(), 'metadata.json'));
const maybe = hasModel ? describe : describe.skip;
if (!hasModel) console.warn(`tests/unit/api/scoring.test.ts skipped: no credit model in ${creditModelDir()}`);

maybe('scoring resources against the credit engine', () => {
  const store = getHomeCreditStore();

  test('a stored client: the same score and explanation as the engine, shaped by the schemas', async () => {
    const engine = await getCreditEngine();
    for (const id of [100002, 100001, 456255]) {
      const s = await storedScore(id);
      expect(storedScoreSchema.safeParse(s).success).toBe(true);
      const e = await engine.explainStored(id, { lang: 'fr', top: 3 });
      expect(s).toMatchObject({ id, probability: e?.probability, threshold: e?.threshold, decision: e?.decision });
      const body = await storedExplanation(id, 3, 'fr');
      expect(storedExplanationSchema.safeParse(body).success).toBe(true);
      expect(body.contributions).toEqual(e?.contributions.slice(0, 3));
      expect(body.reasons).toEqual(e?.reasons);
      const total = body.baseValue + body.contributions.reduce((a, c) => a + c.contribution, 0) + body.otherContributions;
      expect(total).toBeCloseTo(body.margin, 5);
      // The cached response carries the same JSON.
      const cached = await (await storedExplanationResponse(id, 3, 'fr')).text();
      expect(JSON.parse(cached)).toEqual(JSON.parse(JSON.stringify(body)));
      expect(await (await storedExplanationResponse(id, 3, 'fr')).text()).toBe(cached);
    }
  });

  test('raw applications: the decision of a stored client sent raw equals its stored decision; JSON and CSV agree', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => store.test.ids[i * 997]);
    const apps = ids.map((id) => rawApplicationSchema.parse({ SK_ID_CURR: id, ...store.get(id)?.fields }));
    const json = await scoreRawApplications(apps, { top: 2, lang: 'en', explain: true });
    expect(scoreResponseSchema.safeParse(json).success).toBe(true);
    for (const [i, id] of ids.entries()) {
      const stored = await storedScore(id);
      expect(json.results[i]).toMatchObject({ index: i, id, decision: stored.decision });
      expect(json.results[i].probability).toBeCloseTo(stored.probability, 6);
    }
    // The same applications as a CSV body (as a batch job would send them).
    const fields = Object.keys(apps[0]);
    const cell = (v: unknown) =>
      v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);
    const csv = [fields.join(','), ...apps.map((a) => fields.map((f) => cell((a as Record<string, unknown>)[f])).join(','))].join('\n');
    const fromCsv = await scoreRawApplications(rawApplicationSchema.array().parse(await csvToApplications(csv)), {
      top: 2,
      lang: 'en',
      explain: false,
    });
    expect(fromCsv.results.map((r) => [r.id, r.decision, r.probability])).toEqual(json.results.map((r) => [r.id, r.decision, r.probability]));
    expect(fromCsv.results[0].explanation).toBeUndefined();
  });

  test('partial applications are scored (missing = missing); a single object gives one result at index 0', async () => {
    const app = { AMT_CREDIT: 500000, AMT_ANNUITY: 25000, AMT_INCOME_TOTAL: 120000 };
    const r = await scoreRawApplications(app, { top: 1, lang: 'fr', explain: true });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ index: 0, id: null });
    const engine = await getCreditEngine();
    const [direct] = await engine.scoreApplications([app as RawApplication]);
    expect(r.results[0].probability).toBeCloseTo(direct.probability, 10);
  });

  test('the explanation budget: applications × top above 10,000 is refused before any work (413)', async () => {
    const app = { AMT_CREDIT: 500000, AMT_ANNUITY: 25000, AMT_INCOME_TOTAL: 120000 };
    const err = await scoreRawApplications(
      Array.from({ length: 201 }, () => app),
      { top: 50, lang: 'en', explain: true },
    ).catch((e: unknown) => e);
    expect((err as ApiError).slug).toBe('payload-too-large');
    expect((err as ApiError).message).toMatch(/at most 200 applications/);
    await expect(
      scoreRawApplications(
        Array.from({ length: 201 }, () => app),
        { top: 50, lang: 'en', explain: false },
      ),
    ).resolves.toMatchObject({ results: expect.any(Array) });
  });

  test('the streamed answer is the same document as the one built in memory, and a cancelled stream stops and frees its slot', async () => {
    const ids = Array.from(store.tableOf('train').ids.slice(0, 300));
    const apps = ids.map((id) => rawApplicationSchema.parse({ SK_ID_CURR: id, ...store.get(id)?.fields }));
    const options = { top: 3, lang: 'en' as const, explain: true };
    const whole = await scoreRawApplications(apps, options);
    let released = 0;
    const streamed = await scoreApplicationsResponse(apps, options, { signal: undefined, release: () => released++ });
    expect(JSON.parse(await streamed.text())).toEqual(JSON.parse(JSON.stringify(whole)));
    expect(released).toBe(1);
    const cancelled = await scoreApplicationsResponse(apps, options, { signal: undefined, release: () => released++ });
    const reader = (cancelled.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(released).toBe(2);
  });

  test('an aborted request stops between slices', async () => {
    const ids = Array.from(store.tableOf('train').ids.slice(0, 2000));
    const apps = ids.map((id) => rawApplicationSchema.parse({ SK_ID_CURR: id, ...store.get(id)?.fields }));
    const controller = new AbortController();
    controller.abort();
    await expect(scoreRawApplications(apps, { top: 1, lang: 'en', explain: true }, controller.signal)).rejects.toThrow(/client closed/);
  });
});
