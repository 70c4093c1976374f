import { expect, test } from '@playwright/test';
import { counterfactualSchema, distributionSchema, neighboursSchema, whatIfSchema } from '../../lib/api/schemas/analysis';
import { applicationListSchema, applicationProfileSchema } from '../../lib/api/schemas/applications';
import { healthSchema } from '../../lib/api/schemas/meta';
import { modelCardSchema } from '../../lib/api/schemas/model';
import { monitoringSchema } from '../../lib/api/schemas/monitoring';
import { reasonCodesSchema } from '../../lib/api/schemas/reasonCodes';
import { scoreResponseSchema, storedExplanationSchema, storedScoreSchema } from '../../lib/api/schemas/scoring';
import { OPERATIONS } from '../../lib/api/operations';
import { expectJson, expectProblem } from './api-helpers';

/**
 * Contract tests of /api/v1 against the production server (`npm start`): each route's status codes, and every 200 body
 * checked with the zod schema the OpenAPI document is generated from. Routes that need the credit
 * model expect a 503 problem while no model is deployed.
 */

let creditModel = false;

test.beforeAll(async ({ request }) => {
  const health = await expectJson(await request.get('/api/v1/health'), healthSchema);
  creditModel = health.models.some((m) => m.name === 'credit' && m.version !== null);
});

/** 200 with the schema when the model is there, 503 problem otherwise. */
async function expectModelRoute<S extends Parameters<typeof expectJson>[1]>(response: Parameters<typeof expectJson>[0], schema: S) {
  if (creditModel) return expectJson(response, schema);
  await expectProblem(response, 503);
  return undefined;
}

test.describe('API contract', () => {
  test('GET /api/v1/health: liveness with the models', async ({ request }) => {
    const res = await request.get('/api/v1/health');
    const body = await expectJson(res, healthSchema);
    expect(body.status).toBe('ok');
    expect(res.headers()['x-request-id']).toBeTruthy();
    expect(res.headers()['cache-control']).toBe('no-store');
    expect((await request.head('/api/v1/health')).status()).toBe(200);
  });

  test('GET /api/v1/openapi.json: an OpenAPI 3.1 document with every route', async ({ request }) => {
    const res = await request.get('/api/v1/openapi.json');
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const op of OPERATIONS) expect(doc.paths[op.path]?.[op.method.toLowerCase()]?.operationId).toBe(op.operationId);
  });

  test('GET /api/v1/applications: search by prefix, cursor pagination, set filter, 400 on bad parameters', async ({ request }) => {
    const first = await expectJson(await request.get('/api/v1/applications?q=10000&limit=3'), applicationListSchema);
    expect(first.items.map((i) => i.id)).toEqual([100001, 100002, 100003]);
    expect(first.items[1]).toEqual({ id: 100002, set: 'train', target: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await expectJson(await request.get(`/api/v1/applications?q=10000&limit=3&cursor=${first.nextCursor}`), applicationListSchema);
    expect(second.items[0].id).toBeGreaterThan(100003);
    const tests = await expectJson(await request.get('/api/v1/applications?set=test&limit=100'), applicationListSchema);
    expect(tests.items.every((i) => i.set === 'test' && i.target === null)).toBe(true);
    expect(tests.total).toBe(48744);
    for (const bad of ['limit=0', 'limit=101', 'q=abc', 'set=all', 'cursor=forged', 'page=2', 'limit=1&limit=2']) {
      const p = await expectProblem(await request.get(`/api/v1/applications?${bad}`), 400);
      expect(p.errors?.[0].path).toMatch(/^query\./);
    }
  });

  test('GET /api/v1/applications/{id}: profile with the 120 fields and the actual outcome; 404 and 400', async ({ request }) => {
    const p = await expectJson(await request.get('/api/v1/applications/100002'), applicationProfileSchema);
    expect(p).toMatchObject({ id: 100002, set: 'train', historical: true, outcome: { target: 1, label: 'payment difficulties' } });
    expect(Object.keys(p.fields)).toHaveLength(120);
    expect(p.fields.AMT_ANNUITY).toBe(24700.5);
    expect(p.fields.OWN_CAR_AGE).toBeNull();
    const n = await expectJson(await request.get('/api/v1/applications/100001'), applicationProfileSchema);
    expect(n).toMatchObject({ set: 'test', historical: false, outcome: null });
    await expectProblem(await request.get('/api/v1/applications/999999999'), 404);
    const bad = await expectProblem(await request.get('/api/v1/applications/abc'), 400);
    expect(bad.errors).toEqual([{ path: 'path.id', message: 'must be a positive integer (SK_ID_CURR)' }]);
  });

  test('GET /api/v1/applications/{id}/score', async ({ request }) => {
    const s = await expectModelRoute(await request.get('/api/v1/applications/100002/score'), storedScoreSchema);
    if (s) {
      expect(s.decision).toBe(s.probability >= s.threshold ? 'refuse' : 'accept');
      expect(s.scoreSource).toBe('out-of-fold'); // a historical loan: scored by the fold model that never saw it
      expect(s.fold).toEqual(expect.any(Number));
    }
    const fresh = await expectModelRoute(await request.get('/api/v1/applications/100001/score'), storedScoreSchema);
    if (fresh) expect(fresh).toMatchObject({ scoreSource: 'final-model', fold: null });
    await expectProblem(await request.get('/api/v1/applications/999999999/score'), 404);
  });

  test('GET /api/v1/applications/{id}/explanation?top&lang', async ({ request }) => {
    const e = await expectModelRoute(await request.get('/api/v1/applications/100002/explanation?top=5&lang=en'), storedExplanationSchema);
    if (e) {
      expect(e.contributions.length).toBeLessThanOrEqual(5);
      expect(e.lang).toBe('en');
      const sum = e.baseValue + e.contributions.reduce((a, c) => a + c.contribution, 0) + e.otherContributions;
      expect(sum).toBeCloseTo(e.margin, 4);
    }
    for (const bad of ['top=0', 'top=51', 'lang=de', 'top=abc', 'x=1']) {
      await expectProblem(await request.get(`/api/v1/applications/100002/explanation?${bad}`), 400);
    }
  });

  test('POST /api/v1/score: object, array and CSV; 422 lists every invalid field with its path', async ({ request }) => {
    const MIN = { AMT_CREDIT: 406597.5, AMT_ANNUITY: 24700.5, AMT_INCOME_TOTAL: 202500 };
    const one = await expectModelRoute(
      await request.post('/api/v1/score?top=3&lang=en', { data: { ...MIN, EXT_SOURCE_2: 0.26 } }),
      scoreResponseSchema,
    );
    if (one) expect(one.results).toHaveLength(1);
    const many = await expectModelRoute(
      await request.post('/api/v1/score?explain=false', { data: [{ ...MIN, SK_ID_CURR: 7, AMT_CREDIT: 1e5 }, MIN, { ...MIN, CODE_GENDER: 'F' }] }),
      scoreResponseSchema,
    );
    if (many) {
      expect(many.results.map((r) => [r.index, r.id])).toEqual([
        [0, 7],
        [1, null],
        [2, null],
      ]);
      expect(many.results[0].explanation).toBeUndefined();
    }
    const csv = await expectModelRoute(
      await request.post('/api/v1/score', {
        headers: { 'content-type': 'text/csv' },
        data: Buffer.from(
          'SK_ID_CURR,AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL,NAME_CONTRACT_TYPE\n1,100000,9000,150000,Cash loans\n2,50000,5000,90000,\n',
        ),
      }),
      scoreResponseSchema,
    );
    if (csv) expect(csv.results.map((r) => r.id)).toEqual([1, 2]);
    const invalid = await expectProblem(
      await request.post('/api/v1/score', { data: [{ ...MIN, AMT_CREDIT: 'lots' }, MIN, MIN, { ...MIN, AMT_CREDIT: -5, FOO: 1 }] }),
      422,
    );
    expect(invalid.errors).toEqual([
      { path: '[0].AMT_CREDIT', message: 'expected number' },
      { path: '[3].AMT_CREDIT', message: 'must be > 0' },
      { path: '[3].FOO', message: 'unknown field' },
    ]);
    // No decision on an empty application: the fields the model cannot decide without are named.
    const required = 'required: the model does not decide without it';
    expect((await expectProblem(await request.post('/api/v1/score', { data: {} }), 422)).errors).toEqual([
      { path: 'AMT_INCOME_TOTAL', message: required },
      { path: 'AMT_CREDIT', message: required },
      { path: 'AMT_ANNUITY', message: required },
    ]);
    expect((await expectProblem(await request.post('/api/v1/score', { data: { AMT_CREDIT: 1000 } }), 422)).errors).toEqual([
      { path: 'AMT_INCOME_TOTAL', message: required },
      { path: 'AMT_ANNUITY', message: required },
    ]);
    await expectProblem(await request.post('/api/v1/score', { headers: { 'content-type': 'text/plain' }, data: Buffer.from('x') }), 415);
    await expectProblem(
      await request.post('/api/v1/score', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"AMT_CREDIT": ') }),
      400,
    );
  });

  test('GET /api/v1/applications/{id}/neighbours', async ({ request }) => {
    const res = await request.get('/api/v1/applications/100002/neighbours?k=5');
    if (res.status() === 200) expect((await expectJson(res, neighboursSchema)).neighbours).toHaveLength(5);
    else await expectProblem(res, 503);
    await expectProblem(await request.get('/api/v1/applications/100002/neighbours?k=0'), 400);
  });

  test('GET /api/v1/applications/{id}/distribution: histogram with the client position', async ({ request }) => {
    const d = await expectJson(await request.get('/api/v1/applications/100002/distribution?field=EXT_SOURCE_2&bins=20'), distributionSchema);
    expect(d.distribution.kind).toBe('numeric');
    if (d.distribution.kind === 'numeric') expect(d.distribution.client?.value).toBeCloseTo(0.2629, 3);
    const c = await expectJson(await request.get('/api/v1/applications/100002/distribution?field=NAME_INCOME_TYPE'), distributionSchema);
    expect(c.distribution.kind).toBe('categorical');
    await expectProblem(await request.get('/api/v1/applications/100002/distribution?field=NOT_A_FIELD'), 400);
    await expectProblem(await request.get('/api/v1/applications/100002/distribution'), 400);
  });

  test('POST /api/v1/applications/{id}/what-if', async ({ request }) => {
    const w = await expectModelRoute(
      await request.post('/api/v1/applications/100002/what-if?top=3', { data: { changes: { AMT_CREDIT: 200000, EXT_SOURCE_3: 0.6 } } }),
      whatIfSchema,
    );
    if (w) {
      expect(w.changed.map((c) => c.field)).toEqual(['AMT_CREDIT', 'EXT_SOURCE_3']);
      expect(w.probabilityDelta).toBeCloseTo(w.after.probability - w.before.probability, 10);
      expect(w.contributionChanges.length).toBeLessThanOrEqual(3);
    }
    const bad = await expectProblem(await request.post('/api/v1/applications/100002/what-if', { data: { changes: { AMT_CREDIT: 'x' } } }), 422);
    expect(bad.errors).toEqual([{ path: 'changes.AMT_CREDIT', message: 'expected number' }]);
    await expectProblem(await request.post('/api/v1/applications/100002/what-if', { data: { changes: {} } }), 422);
    await expectProblem(await request.post('/api/v1/applications/999999999/what-if', { data: { changes: { AMT_CREDIT: 1 } } }), 404);
  });

  test('GET /api/v1/applications/{id}/counterfactual', async ({ request }) => {
    const c = await expectModelRoute(await request.get('/api/v1/applications/100002/counterfactual'), counterfactualSchema);
    if (c) {
      expect(['accepted', 'found', 'none']).toContain(c.status);
      if (c.best) expect(c.best.probability).toBeLessThan(c.threshold);
    }
    await expectProblem(await request.get('/api/v1/applications/999999999/counterfactual'), 404);
  });

  test('GET /api/v1/model: the model card', async ({ request }) => {
    const card = await expectModelRoute(await request.get('/api/v1/model'), modelCardSchema);
    if (card) expect(card.importance.length).toBeGreaterThan(10);
  });

  test('GET /api/v1/reason-codes: the stable reason codes, and the codes of an explanation', async ({ request }) => {
    const en = await expectJson(await request.get('/api/v1/reason-codes?lang=en'), reasonCodesSchema);
    expect(en.lang).toBe('en');
    expect(en.codes.find((c) => c.code === 'R07')?.fields).toEqual(['ANNUITY_INCOME_RATIO']);
    for (const c of en.codes) for (const p of en.protectedFields) expect(c.fields).not.toContain(p);
    const fr = await expectJson(await request.get('/api/v1/reason-codes'), reasonCodesSchema);
    expect(fr.codes.map((c) => c.code)).toEqual(en.codes.map((c) => c.code));
    await expectProblem(await request.get('/api/v1/reason-codes?lang=de'), 400);
    const known = new Set(en.codes.map((c) => c.code));
    const e = await expectModelRoute(await request.get('/api/v1/applications/100002/explanation?top=4'), storedExplanationSchema);
    if (e) {
      for (const r of [...e.reasons.towardsRefusal, ...e.reasons.towardsAcceptance]) {
        expect(known.has(r.code)).toBe(true);
        expect(en.protectedFields).not.toContain(r.field);
      }
    }
  });

  test('GET and POST /api/v1/monitoring: the stability report of the new applications (with the back-test) and of a CSV batch', async ({
    request,
  }) => {
    test.setTimeout(120_000);
    const all = await expectModelRoute(await request.get('/api/v1/monitoring'), monitoringSchema);
    if (all) {
      expect(all.stability.current.count).toBe(48744);
      expect(all.stability.reference.count).toBe(63444);
      expect(all.stability.features.length).toBeGreaterThan(50);
      expect(all.backtest?.byDecile).toHaveLength(10);
    }
    const csv =
      'AMT_CREDIT,AMT_ANNUITY,AMT_INCOME_TOTAL,EXT_SOURCE_2\n406597.5,24700.5,202500,0.26\n1293502.5,35698.5,270000,0.62\n135000,6750,67500,\n';
    const batch = await expectModelRoute(
      await request.post('/api/v1/monitoring', { headers: { 'content-type': 'text/csv' }, data: Buffer.from(csv) }),
      monitoringSchema,
    );
    if (batch) {
      expect(batch.stability.current.count).toBe(3);
      expect(['stable', 'watch', 'act']).toContain(batch.stability.score.band);
    }
    // Scores carry their input-quality flags.
    const score = await expectModelRoute(await request.get('/api/v1/applications/100002/score'), storedScoreSchema);
    if (score) expect(typeof score.quality.reliable).toBe('boolean');
  });

  test('unknown paths are 404 and unsupported methods 405 with Allow, as problem documents', async ({ request }) => {
    await expectProblem(await request.get('/api/v1/nope'), 404);
    await expectProblem(await request.post('/api/v2/score', { data: {} }), 404);
    await expectProblem(await request.get('/api/v1/applications/100002/score/extra'), 404);
    const r = await request.delete('/api/v1/applications/100002');
    await expectProblem(r, 405);
    expect(r.headers()['allow']).toBe('GET, HEAD, OPTIONS');
    const g = await request.get('/api/v1/score');
    await expectProblem(g, 405);
    expect(g.headers()['allow']).toBe('POST, OPTIONS');
    const o = await request.fetch('/api/v1/score', { method: 'OPTIONS' });
    expect(o.status()).toBe(204);
    expect(o.headers()['allow']).toBe('POST, OPTIONS');
  });
});
