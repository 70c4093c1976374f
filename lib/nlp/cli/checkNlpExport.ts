/**
 * Last step of `npm run train:nlp`: checks the exported models with the serving runtime and
 * records the results in <models>/metrics.json under "serving" (and serving_check.json):
 * transformers.js vs PyTorch logits on the golden products, tokenizer ids, attention outputs,
 * TF-IDF TypeScript vs scikit-learn probabilities, and per-text latency (batch 1, tokenization
 * included). Exits with status 1 if a parity check fails.
 *
 * Usage: npx tsx lib/nlp/cli/checkNlpExport.ts [--models DIR] [--runs N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelsDir } from '../../config';
import { checkTfidfExport, checkTransformerExport } from '../exportCheck';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let dir = path.join(modelsDir(), 'nlp');
  let runs = 201;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--models') dir = path.resolve(argv[++i]);
    else if (argv[i] === '--runs') runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const result: Record<string, unknown> = {
    checked_at: new Date().toISOString(),
    runtime: {
      node: process.version,
      cpus: os.cpus().length,
      note: 'latency: one product text per call, tokenization included, first call excluded',
    },
  };
  let ok = true;
  for (const name of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, name);
    if (fs.existsSync(path.join(sub, 'golden_logits.json'))) {
      const r = await checkTransformerExport(sub, runs);
      result[name] = r;
      ok &&= r.ok;
      console.log(
        `[check] ${name}: ${r.rows} products, max |Δlogit| ${r.maxAbsDiff.toExponential(2)} (≤ ${r.tolerance}), ` +
          `ids mismatches ${r.idsMismatches}, attentions ${JSON.stringify(r.attentions)}, ` +
          `p50 ${r.latencyMs.p50.toFixed(1)} ms p95 ${r.latencyMs.p95.toFixed(1)} ms -> ${r.ok ? 'OK' : 'FAIL'}`,
      );
    } else if (fs.existsSync(path.join(sub, 'golden.json'))) {
      const r = checkTfidfExport(sub, runs);
      result[name] = r;
      ok &&= r.ok;
      console.log(
        `[check] ${name}: ${r.rows} texts, max |Δp| ${r.maxAbsDiff.toExponential(2)} (≤ ${r.tolerance}), ` +
          `p50 ${r.latencyMs.p50.toFixed(2)} ms -> ${r.ok ? 'OK' : 'FAIL'}`,
      );
    }
  }
  result.ok = ok;
  fs.writeFileSync(path.join(dir, 'serving_check.json'), JSON.stringify(result, null, 1) + '\n');
  const metricsFile = path.join(dir, 'metrics.json');
  if (fs.existsSync(metricsFile)) {
    const metrics = JSON.parse(fs.readFileSync(metricsFile, 'utf8'));
    metrics.serving = result;
    fs.writeFileSync(metricsFile, JSON.stringify(metrics, null, 1) + '\n');
  }
  if (!ok) {
    console.error('[check] parity FAILED');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
