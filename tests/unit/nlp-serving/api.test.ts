import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogSink } from '@/lib/api/accessLog';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { classifyResponseSchema, NLP_BODY_LIMIT } from '@/lib/api/schemas/nlp';
import { MAX_TEXT_CHARACTERS } from '@/lib/nlp/text';
import * as route from '@/app/api/v1/nlp/classify/route';
import { servingModelsDir } from './modelsDir';

jest.setTimeout(300_000);

const dir = servingModelsDir();
const d = dir ? describe : describe.skip;

const ctx = { params: Promise.resolve({}) };
const URL_ = 'http://localhost/api/v1/nlp/classify';

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return route.POST(new Request(URL_, { method: 'POST', body, headers }), ctx);
}

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { status: number; detail: string; errors?: { path: string; message: string }[] };
}

const saved = { ...process.env };
let restore: () => void;
beforeAll(() => {
  restore = setLogSink(() => undefined);
  delete process.env.API_KEYS;
  if (dir) process.env.NLP_MODELS_DIR = dir;
});
afterAll(() => {
  restore();
  process.env = saved;
});

d('POST /api/v1/nlp/classify', () => {
  it('answers 200 with the three models, ranked probabilities and latencies', async () => {
    const res = await post(JSON.stringify({ text: 'Titan Analog Watch for Men, stainless steel strap' }));
    expect(res.status).toBe(200);
    const body = classifyResponseSchema.parse(await res.json());
    expect(body.results.map((r) => r.model)).toEqual(['tfidf', 'bert', 'roberta']);
    for (const r of body.results) {
      expect(r.ranking.reduce((a, x) => a + x.probability, 0)).toBeCloseTo(1, 6);
      expect(r.predicted).toBe(r.ranking[0].label);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
      expect(r.attributions).toBeUndefined();
    }
    expect(body.labels).toHaveLength(7);
    expect(body.words).toBe(8);
  });

  it('adds the occlusion attributions with explain=true, for the models asked for', async () => {
    const text = 'Titan Analog Watch for Men';
    const res = await post(JSON.stringify({ text, models: ['roberta', 'tfidf'], explain: true }));
    const body = classifyResponseSchema.parse(await res.json());
    expect(body.results.map((r) => r.model)).toEqual(['tfidf', 'roberta']);
    for (const r of body.results) {
      expect(r.attributions?.target).toBe(r.predicted);
      expect(r.attributions?.words.map((w) => w.word)).toEqual(['Titan', 'Analog', 'Watch', 'for', 'Men']);
      for (const w of r.attributions!.words) expect(text.slice(w.start, w.end)).toBe(w.word);
    }
  });

  it.each([
    ['an empty text', { text: '' }],
    ['a blank text', { text: ' \n\t ' }],
  ])('answers 422 naming text for %s', async (_, body) => {
    const p = await problem(await post(JSON.stringify(body)), 422);
    expect(p.errors?.[0].path).toBe('text');
  });

  it('answers 422 for a missing text, a wrong type, an unknown model or field', async () => {
    expect((await problem(await post(JSON.stringify({})), 422)).errors?.[0].path).toBe('text');
    expect((await problem(await post(JSON.stringify({ text: 42 })), 422)).errors?.[0].path).toBe('text');
    expect((await problem(await post(JSON.stringify({ text: 'a watch', models: ['gpt'] })), 422)).errors?.[0].path).toBe('models[0]');
    expect((await problem(await post(JSON.stringify({ text: 'a watch', models: ['bert', 'bert'] })), 422)).errors?.[0].path).toBe('models');
    expect((await problem(await post(JSON.stringify({ text: 'a watch', lang: 'fr' })), 422)).errors?.[0]).toEqual({
      path: 'lang',
      message: 'unknown field',
    });
  });

  it('answers 413 naming text for more than 10,000 characters, and accepts exactly 10,000', async () => {
    const p = await problem(await post(JSON.stringify({ text: 'a'.repeat(MAX_TEXT_CHARACTERS + 1) })), 413);
    expect(p.errors).toEqual([{ path: 'text', message: `at most ${MAX_TEXT_CHARACTERS} characters` }]);
    const ok = await post(JSON.stringify({ text: 'watch '.repeat(MAX_TEXT_CHARACTERS / 6).slice(0, MAX_TEXT_CHARACTERS), models: ['tfidf'] }));
    expect(ok.status).toBe(200);
  });

  it('answers 413 for a body over the limit, before parsing it', async () => {
    const p = await problem(await post(JSON.stringify({ text: 'a'.repeat(NLP_BODY_LIMIT) })), 413);
    expect(p.detail).toMatch(/limit/);
  });

  it('answers 415 for a body that is not JSON, and 400 for malformed JSON', async () => {
    await problem(await post('text=watch', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    await problem(await post('{"text": ', { 'content-type': 'application/json' }), 400);
  });

  it('answers 503 when a model asked for is not installed, and serves the others', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nlp-api-partial-'));
    fs.cpSync(path.join(dir!, 'tfidf'), path.join(tmp, 'tfidf'), { recursive: true });
    process.env.NLP_MODELS_DIR = tmp;
    try {
      const p = await problem(await post(JSON.stringify({ text: 'a watch', models: ['bert'] })), 503);
      expect(p.detail).toContain('bert');
      const ok = classifyResponseSchema.parse(await (await post(JSON.stringify({ text: 'a watch' }))).json());
      expect(ok.results.map((r) => r.model)).toEqual(['tfidf']);
    } finally {
      process.env.NLP_MODELS_DIR = dir;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('answers 405 to GET', async () => {
    const res = await route.GET(new Request(URL_), ctx);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
  });
});

describe('OpenAPI entry', () => {
  it('documents POST /api/v1/nlp/classify with its schemas and problems', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths['/api/v1/nlp/classify']?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415', '422', '503']));
    expect(doc.components.schemas).toHaveProperty('ClassifyTextRequest');
    expect(doc.components.schemas).toHaveProperty('ClassifyTextResponse');
  });
});
