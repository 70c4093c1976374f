/**
 * npm run bench:credit — latency and throughput of the credit engine, in process:
 *   - one client: score (ONNX Runtime) and score + explanation (TreeSHAP + reasons), p50/p99;
 *   - stored clients: explanation on first request and from the cache;
 *   - batches of 10,000 clients: scores alone and scores + 3 reasons (rows/s), in memory and
 *     through the CSV path of `npm run score` (parse, validate, score, write).
 * Wall-clock figures with the CPU time beside them (the machine may be shared), load average,
 * model load time and memory. The last line is the JSON of all figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { scoreCsvFile } from '../../lib/credit/batchScoring';
import { getCreditEngine } from '../../lib/credit/engine';
import { reasonsTowards } from '../../lib/credit/explanation';
import type { RawApplication } from '../../lib/credit/types';
import { TEST_HEADER } from '../../lib/data/homeCreditSchema';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const BATCH = 10_000;

interface Latency {
  p50: number;
  p99: number;
  mean: number;
  cpuMsPerCall: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Latency> {
  for (let i = 0; i < Math.min(200, n); i++) await fn(i); // warm-up
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean: times.reduce((a, b) => a + b, 0) / n,
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / n,
  };
}

async function throughput(rows: number, fn: () => Promise<unknown>): Promise<{ rowsPerSecond: number; seconds: number; cpuSeconds: number }> {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await fn();
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rowsPerSecond: rows / seconds, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;

async function main(): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const engine = await getCreditEngine();
  const loadMs = performance.now() - t;
  const rssModel = process.memoryUsage().rss;
  const store = engine.store;
  t = performance.now();
  const stats = engine.populationStats();
  const populationMs = performance.now() - t;
  const rssAll = process.memoryUsage().rss;
  const model = engine.model;

  // clients: new applications of the test set, as validated records
  const apps: RawApplication[] = Array.from(store.test.ids.subarray(0, BATCH), (id) => store.get(id)?.fields as RawApplication);
  const pick = (i: number) => apps[(i * 7919) % apps.length];

  const score = await measure(ITERATIONS, (i) => model.scoreApplications([pick(i)]));
  const explain = await measure(ITERATIONS, (i) => engine.explainApplication(pick(i), { lang: 'fr', top: 4 }));
  const shapOnly = await measure(ITERATIONS, (i) => model.contributions(model.pipeline.row(pick(i))));
  const trainIds = store.train.ids;
  const storedFirst = await measure(Math.min(ITERATIONS, 1000), (i) => engine.explainStored(trainIds[1000 + i], { lang: 'fr' }));
  const storedCached = await measure(ITERATIONS, (i) => engine.explainStored(trainIds[1000 + (i % 1000)], { lang: 'fr' }));

  // batches of 10,000 clients in memory
  const scoresOnly = await throughput(BATCH, () => model.scoreApplications(apps));
  const groupBuffer = new Float64Array(model.index.groups.length);
  let reasonCount = 0;
  const withReasons = await throughput(BATCH, async () => {
    const features = model.pipeline.matrix(apps);
    const scores = await model.scoreFeatures(features, apps.length);
    for (let i = 0; i < apps.length; i++) {
      const c = model.contributions(features, i * model.width, groupBuffer);
      const r = reasonsTowards(scores[i].decision === 'refuse' ? 'refusal' : 'acceptance', model.index, c.byGroup, apps[i], stats, {
        lang: 'fr',
        top: 3,
      });
      reasonCount += r.length;
    }
  });

  // the CSV path of npm run score
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-bench-'));
  const input = path.join(dir, 'apps.csv');
  const header = TEST_HEADER;
  const lines = [header.join(',')];
  for (let i = 0; i < BATCH; i++) {
    const id = store.test.ids[i];
    const f = store.get(id)?.fields ?? {};
    lines.push(
      Papa.unparse([header.map((h) => (h === 'SK_ID_CURR' ? String(id) : (f[h] ?? '') === null ? '' : String(f[h] ?? '')))], { newline: '\n' }),
    );
  }
  fs.writeFileSync(input, `${lines.join('\n')}\n`);
  const csvScores = await throughput(BATCH, () => scoreCsvFile(model, stats, { input, output: path.join(dir, 'a.csv'), reasons: 0 }));
  const csvReasons = await throughput(BATCH, () => scoreCsvFile(model, stats, { input, output: path.join(dir, 'b.csv'), reasons: 3 }));
  fs.rmSync(dir, { recursive: true, force: true });

  const figures = {
    model: {
      version: model.bundle.metadata.version,
      trees: model.bundle.metadata.model.trees,
      features: model.width,
      quick: model.bundle.metadata.quick,
    },
    loadMs,
    populationMs,
    memoryMb: {
      shapTables: model.shap.bytes / 2 ** 20,
      rssAfterModel: rssModel / 2 ** 20,
      rssAfterStoreAndPopulation: rssAll / 2 ** 20,
      rssAtStart: rss0 / 2 ** 20,
    },
    oneClient: {
      score,
      scoreAndExplanation: explain,
      treeShapOnly: shapOnly,
      storedFirstExplanation: storedFirst,
      storedCachedExplanation: storedCached,
    },
    batch10k: {
      scoresOnly,
      scoresAndReasons: { ...withReasons, reasonsPerRow: reasonCount / BATCH },
      csvScoresOnly: csvScores,
      csvScoresAndReasons: csvReasons,
    },
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version },
  };

  const row = (name: string, l: Latency) => `  ${name.padEnd(40)} p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  (CPU ${ms(l.cpuMsPerCall)} per call)`;
  const rate = (name: string, r: { rowsPerSecond: number; seconds: number; cpuSeconds: number }) =>
    `  ${name.padEnd(40)} ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s (${r.seconds.toFixed(2)} s; CPU ${r.cpuSeconds.toFixed(2)} s = ${Math.round(BATCH / r.cpuSeconds).toLocaleString('en')} rows per CPU-second)`;
  console.log(
    [
      `credit engine benchmark — model ${figures.model.version}${figures.model.quick ? ' (QUICK)' : ''}, ${figures.model.trees} trees, ${figures.model.features} features`,
      `  load ${loadMs.toFixed(0)} ms (ONNX session + TreeSHAP tables ${figures.memoryMb.shapTables.toFixed(1)} MB); store + population ${populationMs.toFixed(0)} ms; RSS ${figures.memoryMb.rssAfterStoreAndPopulation.toFixed(0)} MB`,
      `one client (${ITERATIONS} calls, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs):`,
      row('score', score),
      row('score + explanation (fr, 4 reasons)', explain),
      row('TreeSHAP only', shapOnly),
      row('stored client, first explanation', storedFirst),
      row('stored client, cached explanation', storedCached),
      `batch of ${BATCH.toLocaleString('en')} clients:`,
      rate('scores (in memory)', scoresOnly),
      rate('scores + 3 reasons (in memory)', withReasons),
      rate('CSV → scores (npm run score)', csvScores),
      rate('CSV → scores + 3 reasons (npm run score)', csvReasons),
    ].join('\n'),
  );
  console.log(JSON.stringify(figures));
  await model.release();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
