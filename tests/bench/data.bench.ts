/**
 * npm run bench:data — data store figures: cold parse (CSV → columns + cache write), warm load
 * (from the binary cache), resident memory after a warm load, and 10,000 random id lookups.
 * Each phase runs in a fresh Node process so that one phase's garbage does not count in another's RSS.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetsDir } from '../../lib/config';
import { openHomeCreditStore } from '../../lib/data/homeCreditStore';

interface PhaseResult {
  ms: number;
  trainMs: number;
  testMs: number;
  fromCache: boolean;
  rssMb: number;
  heapMb: number;
  arrayBuffersMb: number;
  lookups?: { n: number; totalMs: number; nsPerLookup: number; found: number };
}

function runPhase(cache: string): PhaseResult {
  const started = performance.now();
  const store = openHomeCreditStore(datasetsDir(), cache);
  const ms = performance.now() - started;
  const mem = process.memoryUsage();
  const result: PhaseResult = {
    ms,
    trainMs: store.train.loadMs,
    testMs: store.test.loadMs,
    fromCache: store.train.fromCache && store.test.fromCache,
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
    arrayBuffersMb: mem.arrayBuffers / 2 ** 20,
  };
  // 10,000 random ids drawn from both sets (seeded LCG), plus the full record of each hit.
  const all = [...store.train.ids, ...store.test.ids];
  let seed = 42;
  const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const ids = Array.from({ length: 10_000 }, () => all[Math.floor(next() * all.length)]);
  const t0 = performance.now();
  let found = 0;
  for (const id of ids) if (store.locate(id)) found++;
  const totalMs = performance.now() - t0;
  result.lookups = { n: ids.length, totalMs, nsPerLookup: (totalMs * 1e6) / ids.length, found };
  return result;
}

function child(phase: 'cold' | 'warm', cache: string): PhaseResult {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, `--phase=${phase}`, `--cache=${cache}`], {
    encoding: 'utf8',
    env: process.env,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as PhaseResult;
}

function main(): void {
  const phaseArg = process.argv.find((a) => a.startsWith('--phase='));
  const cacheArg = process.argv.find((a) => a.startsWith('--cache='));
  if (phaseArg && cacheArg) {
    process.stdout.write(`${JSON.stringify(runPhase(cacheArg.slice(8)))}\n`);
    return;
  }
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  console.log(`bench:data — DATASETS_DIR=${datasetsDir()}, ${os.cpus().length} cores, Node ${process.version}`);
  const cold = child('cold', cache);
  const warmRuns = [1, 2, 3].map(() => child('warm', cache));
  fs.rmSync(cache, { recursive: true, force: true });
  const warm = warmRuns.sort((a, b) => a.ms - b.ms)[1]; // median of 3
  const f = (n: number) => n.toFixed(0).padStart(6);
  console.log('');
  console.log('phase  total ms  train ms  test ms  from cache  RSS MB  heap MB  buffers MB');
  for (const [name, r] of [
    ['cold', cold],
    ['warm', warm],
  ] as const) {
    console.log(
      `${name.padEnd(5)} ${f(r.ms)}    ${f(r.trainMs)}    ${f(r.testMs)}   ${String(r.fromCache).padEnd(10)} ${f(r.rssMb)}   ${f(r.heapMb)}     ${f(r.arrayBuffersMb)}`,
    );
  }
  const l = warm.lookups;
  if (l) {
    console.log('');
    console.log(`10,000 random SK_ID_CURR lookups: ${l.totalMs.toFixed(2)} ms total, ${l.nsPerLookup.toFixed(0)} ns each, ${l.found} found`);
  }
  console.log('');
  console.log(
    `targets: warm load ≤ 1500 ms → ${warm.ms <= 1500 ? 'met' : 'MISSED'} (${warm.ms.toFixed(0)} ms, median of 3); RSS ≤ 400 MB → ${warm.rssMb <= 400 ? 'met' : 'MISSED'} (${warm.rssMb.toFixed(0)} MB)`,
  );
}

main();
