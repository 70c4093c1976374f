/**
 * npm run bench:nlp — serving figures of the technology watch models (TF-IDF, BERT, RoBERTa) as
 * the application runs them (lib/nlp/service.ts: transformers.js + onnxruntime-node, TypeScript
 * TF-IDF), on the real Flipkart product texts:
 *
 * - per-text latency (one text per call, tokenisation included, like an API request): p50, p99
 *   and mean over the texts, after 10 warm-up calls;
 * - batch throughput: texts per second when classifying all the texts in batches of 32;
 * - resident memory (RSS) before loading the models and with all three loaded (after the runs).
 *
 * Writes `<NLP_MODELS_DIR or models/nlp>/latency.json` (read by the /veille page and the note),
 * unless --no-write. Options: --texts N (a seeded sample of N texts; default all 1,050),
 * --batch B (default 32), --out FILE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFlipkart } from '../../lib/data/flipkart';
import { nlpModelsDir } from '../../lib/nlp/paths';
import { nlpMetrics, type NlpLatency } from '../../lib/nlp/report';
import { loadNlpService, type NlpModelName } from '../../lib/nlp/service';

const WARMUP = 10;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A seeded sample (LCG shuffle) of n items, or all of them. */
function sample<T>(items: readonly T[], n: number | undefined, seed = 13): T[] {
  const out = [...items];
  if (n === undefined || n >= out.length) return out;
  let s = seed;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, n);
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;

async function main(): Promise<void> {
  const dir = nlpModelsDir();
  const nArg = arg('texts');
  const batchSize = Number(arg('batch') ?? 32);
  const write = !process.argv.includes('--no-write');
  const out = path.resolve(arg('out') ?? path.join(dir, 'latency.json'));
  const texts = sample(
    loadFlipkart().map((p) => p.text),
    nArg ? Number(nArg) : undefined,
  );
  const loadBefore = os.loadavg();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  console.log(
    `bench:nlp — models ${path.relative(process.cwd(), dir) || dir}, ${texts.length} texts, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`,
  );
  console.log(`load average before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')}`);

  const t0 = performance.now();
  const service = await loadNlpService(dir);
  const loadMs = performance.now() - t0;
  const models = service.available();
  console.log(`loaded ${models.join(', ')} in ${loadMs.toFixed(0)} ms; RSS ${mb(process.memoryUsage().rss)} MB (before: ${mb(baseline)} MB)`);
  if (models.length === 0) throw new Error(`no NLP model in ${dir}`);

  const results: NlpLatency['models'] = {};
  for (const model of models as NlpModelName[]) {
    for (let i = 0; i < WARMUP; i++) await service.predict(model, texts[i % texts.length]);
    const times: number[] = [];
    for (const text of texts) {
      const s = performance.now();
      await service.predict(model, text);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const b0 = performance.now();
    await service.predictBatch(model, texts, batchSize);
    const batchMs = performance.now() - b0;
    results[model] = {
      p50: r2(percentile(times, 0.5)),
      p99: r2(percentile(times, 0.99)),
      mean: r2(times.reduce((a, b) => a + b, 0) / times.length),
      n: times.length,
      batchSize,
      batchTextsPerSecond: Math.round((texts.length / batchMs) * 1000 * 10) / 10,
    };
  }
  const rssLoaded = process.memoryUsage().rss;
  const loadAfter = os.loadavg();
  await service.dispose();

  console.log('');
  console.log(`model      p50 ms   p99 ms  mean ms   batch ${String(batchSize).padEnd(3)} texts/s`);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(9)} ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}  ${(r.mean ?? NaN).toFixed(2).padStart(7)}   ${(r.batchTextsPerSecond ?? NaN).toFixed(1).padStart(13)}`,
    );
  }
  console.log(`RSS with all models loaded: ${mb(rssLoaded)} MB (process before loading: ${mb(baseline)} MB)`);
  console.log(`load average after: ${loadAfter.map((v) => v.toFixed(2)).join(' ')} (other work on the machine inflates the latencies)`);
  for (const m of ['bert', 'roberta']) {
    const r = results[m];
    if (r) console.log(`target ${m} p50 ≤ 30 ms: ${r.p50 <= 30 ? 'met' : 'NOT met'} (${r.p50.toFixed(2)} ms)`);
  }

  const metrics = nlpMetrics(dir);
  const doc: NlpLatency = {
    format: 'pad-nlp-latency/1',
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: [...loadBefore, ...loadAfter].map((v) => Math.round(v * 100) / 100),
    },
    texts: texts.length,
    models: results,
    rssMb: { baseline: mb(baseline), allModelsLoaded: mb(rssLoaded) },
    modelsDir: path.relative(process.cwd(), dir) || dir,
    modelsMode: metrics.ok ? metrics.value.mode : 'unknown',
    note: 'one text per call, tokenisation included, 10 warm-up calls excluded; batch: all texts in batches of batchSize; loadAverage: 1/5/15-min before, then after',
  } as NlpLatency;
  if (write) {
    fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
