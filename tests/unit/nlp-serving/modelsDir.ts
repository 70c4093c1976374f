import fs from 'node:fs';
import path from 'node:path';

/**
 * The served-models folder the serving tests use: $NLP_MODELS_DIR when set, else the committed
 * models/nlp when it holds the three models, else the quick-mode export of
 * `npm run train:nlp -- --quick` (data/.cache/nlp-quick/models). Undefined when none exists.
 */
export function servingModelsDir(): string | undefined {
  const complete = (d: string) =>
    ['tfidf/model.json', 'bert/onnx/model.onnx', 'roberta/onnx/model.onnx'].every((f) => fs.existsSync(path.join(d, f)));
  const candidates = [
    process.env.NLP_MODELS_DIR,
    path.join(process.cwd(), 'models', 'nlp'),
    path.join(process.cwd(), 'data', '.cache', 'nlp-quick', 'models'),
  ].filter((d): d is string => typeof d === 'string' && d.length > 0);
  return candidates.map((d) => path.resolve(d)).find(complete);
}
