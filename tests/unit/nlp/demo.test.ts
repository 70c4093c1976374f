import { confidenceOf, demoClassify } from '@/lib/nlp/demo';
import { datasetStats } from '@/lib/nlp/dataset';
import { nlpService } from '@/lib/nlp/service';

/** The /veille demo's reading aids: confidence in words, a disagreement, a text much shorter than the training texts. */

jest.setTimeout(120_000);

describe('demo advice', () => {
  test('confidence in words: high from 80 %, medium from 50 %, low below', () => {
    expect([0.99, 0.8, 0.7999, 0.5, 0.4999, 0.2].map(confidenceOf)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  test('a product name alone is much shorter than the training texts; a real product is not; disagreement follows the answers', async () => {
    const service = await nlpService();
    const { words } = datasetStats(service).overall;
    expect(words.p10).toBeGreaterThan(5); // the training texts are name + description

    const short = await demoClassify('Sonata analog watch for men');
    if (!short.ok) throw new Error(`demo failed: ${short.error}`);
    expect(short.predictions).toHaveLength(3);
    expect(short.shortInput).toEqual({ words: 5, trainingP10: words.p10, trainingMedian: words.median });
    for (const p of short.predictions) expect(p.confidence).toBe(confidenceOf(p.probability));
    expect(short.disagreement).toBe(new Set(short.predictions.map((p) => p.predicted)).size > 1);

    const example = datasetStats(service).examples.find((e) => e.text.split(/\s+/).length > words.median);
    if (!example) throw new Error('no example longer than the median');
    const long = await demoClassify(example.text);
    if (!long.ok) throw new Error(`demo failed: ${long.error}`);
    expect(long.shortInput).toBeNull();
    expect(long.disagreement).toBe(new Set(long.predictions.map((p) => p.predicted)).size > 1);
  });
});
