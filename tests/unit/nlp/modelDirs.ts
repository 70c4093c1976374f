import fs from 'node:fs';
import path from 'node:path';

/**
 * Folders holding exported NLP models to test: the committed models/nlp, plus
 * $NLP_MODELS_DIR when set (e.g. data/.cache/nlp-quick/models after `npm run train:nlp -- --quick`).
 */
export function nlpModelRoots(): string[] {
  const roots = [path.join(process.cwd(), 'models', 'nlp')];
  if (process.env.NLP_MODELS_DIR) roots.push(path.resolve(process.env.NLP_MODELS_DIR));
  return roots.filter((r, i) => roots.indexOf(r) === i);
}

export function exportedModelDirs(kind: 'bert' | 'roberta' | 'tfidf'): string[] {
  return nlpModelRoots()
    .map((r) => path.join(r, kind))
    .filter((d) => fs.existsSync(d));
}
