import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFlipkart, productCategories } from '@/lib/data/flipkart';
import { loadNlpService, ModelUnavailableError, type NlpService } from '@/lib/nlp/service';
import { softmax } from '@/lib/nlp/transformer';
import { MAX_OCCLUDED_WORDS, splitWords, withoutSpan } from '@/lib/nlp/text';
import { servingModelsDir } from './modelsDir';

jest.setTimeout(300_000);

const dir = servingModelsDir();
const d = dir ? describe : describe.skip;
if (!dir) console.warn('[nlp-serving] no served NLP models (models/nlp, $NLP_MODELS_DIR or the quick export): service tests skipped');

interface Golden {
  max_length: number;
  rows: { text: string; input_ids: number[]; logits: number[] }[];
}

d('NLP service on the served models', () => {
  let service: NlpService;
  const products = loadFlipkart();

  beforeAll(async () => {
    service = await loadNlpService(dir);
  });
  afterAll(async () => {
    await service?.dispose();
  });

  it('loads the three models with the label order of productCategories()', () => {
    expect(service.available()).toEqual(['tfidf', 'bert', 'roberta']);
    expect(service.labels).toEqual(productCategories(products));
    for (const s of service.status()) expect(s.available).toBe(true);
  });

  it('returns, for each model, every category ranked with probabilities summing to 1, and a latency', async () => {
    const c = await service.classify(products[0].text);
    expect(c.results.map((r) => r.model)).toEqual(['tfidf', 'bert', 'roberta']);
    for (const r of c.results) {
      expect(r.ranking).toHaveLength(service.labels.length);
      expect(new Set(r.ranking.map((x) => x.label))).toEqual(new Set(service.labels));
      const sum = r.ranking.reduce((a, x) => a + x.probability, 0);
      expect(sum).toBeCloseTo(1, 6);
      for (let i = 1; i < r.ranking.length; i++) expect(r.ranking[i - 1].probability).toBeGreaterThanOrEqual(r.ranking[i].probability);
      expect(r.predicted).toBe(r.ranking[0].label);
      expect(r.latencyMs).toBeGreaterThan(0);
      r.probabilities.forEach((p, i) => expect(r.ranking.find((x) => x.label === service.labels[i])?.probability).toBe(p));
    }
  });

  it('classifies only the models asked for, in the fixed order', async () => {
    const c = await service.classify('Titan analog watch for men', { models: ['roberta', 'tfidf'] });
    expect(c.results.map((r) => r.model)).toEqual(['tfidf', 'roberta']);
  });

  it('gives the TF-IDF probabilities scikit-learn gave at export (golden.json)', async () => {
    const golden = JSON.parse(fs.readFileSync(path.join(dir!, 'tfidf', 'golden.json'), 'utf8')) as { rows: { text: string; proba: number[] }[] };
    expect(golden.rows.length).toBeGreaterThan(0);
    let maxDiff = 0;
    for (const row of golden.rows) {
      const p = await service.predict('tfidf', row.text);
      row.proba.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - p.probabilities[i]))));
    }
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it.each(['bert', 'roberta'] as const)('gives the PyTorch probabilities of %s through the service, one text or in batches', async (kind) => {
    const golden = JSON.parse(fs.readFileSync(path.join(dir!, kind, 'golden_logits.json'), 'utf8')) as Golden;
    const rows = golden.rows.slice(0, 20);
    expect(service.transformer(kind).maxLength).toBe(golden.max_length);
    const batched = await service.predictBatch(
      kind,
      rows.map((r) => r.text),
      8,
    );
    let maxDiff = 0;
    for (const [i, row] of rows.entries()) {
      const expected = softmax(row.logits);
      const single = (await service.predict(kind, row.text)).probabilities;
      expected.forEach((v, j) => {
        maxDiff = Math.max(maxDiff, Math.abs(v - single[j]), Math.abs(v - batched[i][j]));
      });
      expect(service.transformer(kind).tokenCount(row.text) >= row.input_ids.length).toBe(true);
    }
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('states the truncation of a long text', async () => {
    const long = products.map((p) => p.text).sort((a, b) => b.length - a.length)[0];
    const c = await service.classify(long);
    const tfidf = c.results.find((r) => r.model === 'tfidf')!;
    expect(tfidf.input).toEqual({ maxTokens: null, tokens: null, truncated: false });
    for (const r of c.results.filter((x) => x.model !== 'tfidf')) {
      expect(r.input.maxTokens).toBe(service.transformer(r.model as 'bert').maxLength);
      expect(r.input.tokens!).toBeGreaterThan(r.input.maxTokens!);
      expect(r.input.truncated).toBe(true);
    }
  });

  it.each(['tfidf', 'bert', 'roberta'] as const)(
    'occlusion (%s): removing the top word lowers the predicted probability by its attribution',
    async (model) => {
      const text = products.find((p) => p.label === 'Watches')!.text;
      const p = await service.predict(model, text, true);
      const a = p.attributions!;
      expect(a.method).toBe('occlusion');
      expect(a.target).toBe(p.predicted);
      expect(a.baseProbability).toBe(p.ranking[0].probability);
      expect(a.words.length).toBe(Math.min(a.windowWords, MAX_OCCLUDED_WORDS));
      expect(a.totalWords).toBe(splitWords(text).length);
      const top = [...a.words].sort((x, y) => y.value - x.value)[0];
      expect(top.value).toBeGreaterThan(0);
      const without = await service.predict(model, withoutSpan(text, top));
      const after = without.probabilities[a.targetIndex];
      expect(after).toBeLessThan(a.baseProbability);
      expect(Math.abs(a.baseProbability - after - top.value)).toBeLessThan(1e-5);
    },
  );

  it.each(['bert', 'roberta'] as const)('occlusion (%s) only considers words inside the input window', async (kind) => {
    const long = products.map((p) => p.text).sort((a, b) => b.length - a.length)[0];
    const t = service.transformer(kind);
    const p = await service.predict(kind, long, true);
    const a = p.attributions!;
    expect(a.windowWords).toBeLessThan(a.totalWords);
    const words = splitWords(long);
    expect(t.tokenCount(long.slice(0, words[a.windowWords - 1].end))).toBeLessThanOrEqual(t.maxLength);
    expect(t.tokenCount(long.slice(0, words[a.windowWords].end))).toBeGreaterThan(t.maxLength);
  });

  it.each(['bert', 'roberta'] as const)('extracts the attention maps of %s (layers × heads × tokens²)', async (kind) => {
    const t = service.transformer(kind);
    const short = 'Titan analog watch for men';
    const maps = await service.attention(kind, short);
    expect(maps.layers).toBe(t.layers);
    expect(maps.heads).toBe(t.heads);
    expect(maps.inputTokens).toBe(t.tokenCount(short));
    expect(maps.shown).toBe(maps.inputTokens);
    expect(maps.tokens).toHaveLength(maps.shown);
    expect(maps.tokens[0]).toBe(kind === 'bert' ? '[CLS]' : '<s>');
    for (const layer of maps.weights) {
      expect(layer).toHaveLength(t.heads);
      for (const head of layer) for (const row of head) expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1000)).toBeLessThanOrEqual(row.length);
    }
    const cut = await service.attention(kind, products[0].text, 10);
    expect(cut.shown).toBe(10);
    expect(cut.weights[0][0]).toHaveLength(10);
  });
});

d('NLP service with a model missing', () => {
  it('serves the others and reports the missing one as unavailable', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nlp-partial-'));
    fs.cpSync(path.join(dir!, 'tfidf'), path.join(tmp, 'tfidf'), { recursive: true });
    try {
      const s = await loadNlpService(tmp);
      expect(s.available()).toEqual(['tfidf']);
      expect(s.status().find((x) => x.name === 'bert')).toMatchObject({ available: false });
      const c = await s.classify('Titan analog watch');
      expect(c.results.map((r) => r.model)).toEqual(['tfidf']);
      await expect(s.classify('Titan analog watch', { models: ['bert'] })).rejects.toBeInstanceOf(ModelUnavailableError);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
