import { type APIRequestContext, expect } from '@playwright/test';

/**
 * The /veille specs need the three served models (committed in models/nlp; NLP_MODELS_DIR may
 * point elsewhere, e.g. data/.cache/nlp-quick/models). A server that does not serve all three
 * fails the spec, saying which are missing: the page is not allowed to silently lose a model.
 */
export async function requireServedModels(request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/v1/nlp/classify', { data: { text: 'Titan analog watch' } });
  const body = res.ok() ? ((await res.json()) as { results: { model: string }[] }) : { results: [] };
  const served = body.results.map((r) => r.model).sort();
  expect(served, `models served by /api/v1/nlp/classify (HTTP ${res.status()})`).toEqual(['bert', 'roberta', 'tfidf']);
}
