import { confidenceOf, demoClassify } from '@/lib/nlp/demo';
import { datasetStats } from '@/lib/nlp/dataset';
import { nlpMetrics } from '@/lib/nlp/report';
import { nlpService } from '@/lib/nlp/service';
import { servedTrainViews } from '@/lib/nlp/watchProtocol';

/** The /veille demo's reading aids: confidence in words, a disagreement, a text much shorter than the training texts. */

jest.setTimeout(120_000);

describe('demo advice', () => {
  test('confidence in words: high from 80 %, medium from 50 %, low below', () => {
    expect([0.99, 0.8, 0.7999, 0.5, 0.4999, 0.2].map(confidenceOf)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  test('models trained on names too (metrics.json): a name is a note, not a warning; two words are shorter than the names; a real product is neither; disagreement follows the answers', async () => {
    const service = await nlpService();
    const { words, nameWords } = datasetStats(service).overall;
    const metrics = nlpMetrics();
    if (!metrics.ok) throw new Error(metrics.reason);
    expect(servedTrainViews(metrics.value)).toBe('both'); // the committed models (issue #18)
    // The training views' lengths on the 1,050 products: names 4 words at the 10th percentile, 7 at the median; name + description 28 and 50.
    expect([nameWords.p10, nameWords.median, words.p10, words.median]).toEqual([4, 7, 28, 50]);

    const name = await demoClassify('Sonata analog watch for men');
    if (!name.ok) throw new Error(`demo failed: ${name.error}`);
    expect(name.predictions).toHaveLength(3);
    expect(name.shortInput).toBeNull();
    expect(name.nameLike).toEqual({ words: 5, textsMedian: 50 });
    for (const p of name.predictions) expect(p.confidence).toBe(confidenceOf(p.probability));
    expect(name.disagreement).toBe(new Set(name.predictions.map((p) => p.predicted)).size > 1);

    const short = await demoClassify('Rockmantra mug');
    if (!short.ok) throw new Error(`demo failed: ${short.error}`);
    expect(short.shortInput).toEqual({ words: 2, trainingP10: 4, trainingMedian: 7, reference: 'names' });
    expect(short.nameLike).toBeNull();

    const example = datasetStats(service).examples.find((e) => e.text.split(/\s+/).length > words.median);
    if (!example) throw new Error('no example longer than the median');
    const long = await demoClassify(example.text);
    if (!long.ok) throw new Error(`demo failed: ${long.error}`);
    expect(long.shortInput).toBeNull();
    expect(long.nameLike).toBeNull();
    expect(long.disagreement).toBe(new Set(long.predictions.map((p) => p.predicted)).size > 1);
  });
});
