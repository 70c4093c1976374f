import { expect, test } from '@playwright/test';
import { classifyResponseSchema } from '../../lib/api/schemas/nlp';
import { expectJson, expectProblem, expectSecurityHeaders } from './api-helpers';
import { requireServedModels } from './veille-helpers';

/** Contract of POST /api/v1/nlp/classify against the production server (the served NLP models). */

const URL_ = '/api/v1/nlp/classify';

test.describe('POST /api/v1/nlp/classify', () => {
  test('200: the three models, ranked probabilities, latency and truncation', async ({ request }) => {
    await requireServedModels(request);
    const res = await request.post(URL_, { data: { text: 'Titan Analog Watch for Men - stainless steel strap, 1 year warranty' } });
    const body = await expectJson(res, classifyResponseSchema);
    expectSecurityHeaders(res.headers(), 'api');
    expect(body.results.map((r) => r.model)).toEqual(['tfidf', 'bert', 'roberta']);
    for (const r of body.results) {
      expect(r.ranking).toHaveLength(7);
      expect(r.ranking.reduce((a, x) => a + x.probability, 0)).toBeCloseTo(1, 5);
      expect(r.predicted).toBe(r.ranking[0].label);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(body.results[1].input.maxTokens).toBeGreaterThan(0);
    expect(body.results[0].input).toEqual({ maxTokens: null, tokens: null, truncated: false });
  });

  test('200 with explain: occlusion attributions of the words', async ({ request }) => {
    await requireServedModels(request);
    const text = 'Prestige stainless steel pressure cooker, 5 litres';
    const body = await expectJson(await request.post(URL_, { data: { text, models: ['bert'], explain: true } }), classifyResponseSchema);
    expect(body.results).toHaveLength(1);
    const a = body.results[0].attributions!;
    expect(a.method).toBe('occlusion');
    expect(a.words.map((w) => text.slice(w.start, w.end))).toEqual(a.words.map((w) => w.word));
  });

  test('422 naming text for an empty or blank text', async ({ request }) => {
    for (const text of ['', '   ']) {
      const p = await expectProblem(await request.post(URL_, { data: { text } }), 422);
      expect(p.errors?.[0].path).toBe('text');
    }
  });

  test('413 naming text for more than 10,000 characters', async ({ request }) => {
    const p = await expectProblem(await request.post(URL_, { data: { text: 'x'.repeat(10_001) } }), 413);
    expect(p.errors).toEqual([{ path: 'text', message: 'at most 10000 characters' }]);
  });

  test('413 for a body over the limit, 415 for a body that is not JSON', async ({ request }) => {
    await expectProblem(
      await request.post(URL_, { data: JSON.stringify({ text: 'x'.repeat(200_000) }), headers: { 'content-type': 'application/json' } }),
      413,
    );
    await expectProblem(await request.post(URL_, { data: 'a watch', headers: { 'content-type': 'text/plain' } }), 415);
  });

  test('is documented in the OpenAPI document', async ({ request }) => {
    const doc = await (await request.get('/api/v1/openapi.json')).json();
    expect(doc.paths[URL_].post.operationId).toBe('classifyProductText');
  });
});
