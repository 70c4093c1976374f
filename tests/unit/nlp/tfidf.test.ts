import { checkTfidfExport } from '@/lib/nlp/exportCheck';
import { charWbNgrams, loadTfidfClassifier, wordNgrams } from '@/lib/nlp/tfidf';
import { exportedModelDirs } from './modelDirs';

// scikit-learn 1.2 analyzers (TfidfVectorizer(...).build_analyzer()) on lowercased text.
const SKLEARN_WORD: [string, string[]][] = [
  ["baby's 3.5kg  mug, x_y i̇stanbul", ['baby', '5kg', 'mug', 'x_y', 'stanbul', 'baby 5kg', '5kg mug', 'mug x_y', 'x_y stanbul']],
  ['a bc  d', ['bc']],
  ['naïve café', ['naïve', 'café', 'naïve café']],
];
const SKLEARN_CHAR_WB: [string, string[]][] = [
  ['a bc  d', [' a', 'a ', ' a ', ' b', 'bc', 'c ', ' bc', 'bc ', ' bc ', ' d', 'd ', ' d ']],
  [
    'naïve café',
    [
      ' n',
      'na',
      'aï',
      'ïv',
      've',
      'e ',
      ' na',
      'naï',
      'aïv',
      'ïve',
      've ',
      ' naï',
      'naïv',
      'aïve',
      'ïve ',
      ' naïv',
      'naïve',
      'aïve ',
      ' c',
      'ca',
      'af',
      'fé',
      'é ',
      ' ca',
      'caf',
      'afé',
      'fé ',
      ' caf',
      'café',
      'afé ',
      ' café',
      'café ',
    ],
  ],
];

describe('TF-IDF analyzers', () => {
  it.each(SKLEARN_WORD)('word 1-2-grams of %j', (text, expected) => {
    expect(wordNgrams(text, 1, 2)).toEqual(expected);
  });
  it.each(SKLEARN_CHAR_WB)('char_wb 2-5-grams of %j', (text, expected) => {
    expect(charWbNgrams(text, 2, 5)).toEqual(expected);
  });
});

describe('exported TF-IDF + logistic regression', () => {
  const dirs = exportedModelDirs('tfidf');

  it('exists', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });

  it.each(dirs)('reproduces scikit-learn predict_proba to 1e-6 (%s)', (dir) => {
    const r = checkTfidfExport(dir);
    expect(r.rows).toBeGreaterThanOrEqual(20);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-6);
  });

  it.each(dirs)('returns a probability distribution over the 7 categories (%s)', (dir) => {
    const clf = loadTfidfClassifier(dir);
    const p = clf.predictProba('Stainless steel analog watch for men with leather strap');
    expect(p).toHaveLength(clf.labels.length);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(clf.labels[p.indexOf(Math.max(...p))]).toBe('Watches');
  });
});
