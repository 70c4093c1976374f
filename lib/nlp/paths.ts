import { appConfig } from '../config/env';

/**
 * Folder of the served NLP models: `$NLP_MODELS_DIR`, else `<MODELS_DIR>/nlp` (the committed
 * models). It holds `tfidf/`, `bert/`, `roberta/` (transformers.js folders), `metrics.json`
 * (training results) and `latency.json` (written by `npm run bench:nlp`). Pointing it at
 * `data/.cache/nlp-quick/models` serves the tiny models of `npm run train:nlp -- --quick`.
 */
export function nlpModelsDir(): string {
  return appConfig().nlpModelsDir;
}
