import { type APIRequestContext, test } from '@playwright/test';

/**
 * The /veille specs need the three served models and their metrics.json. Until the full models
 * are committed in models/nlp, run them with NLP_MODELS_DIR=data/.cache/nlp-quick/models (the
 * quick export of `npm run train:nlp -- --quick`); without served models they are skipped, saying why.
 */
export async function requireServedModels(request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/v1/nlp/classify', { data: { text: 'Titan analog watch' } });
  const body = res.ok() ? ((await res.json()) as { results: { model: string }[] }) : { results: [] };
  const served = body.results.map((r) => r.model);
  test.skip(
    served.length < 3,
    `the server has ${served.length === 0 ? 'no NLP model' : `only ${served.join(', ')}`}: commit the full models in models/nlp or set NLP_MODELS_DIR (e.g. data/.cache/nlp-quick/models)`,
  );
}
