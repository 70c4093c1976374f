import type { Locale } from '../i18n/intl';
/**
 * npm run score -- --input applications.csv --output scores.csv [options]
 *
 * Scores a CSV of loan applications (Home Credit columns, with or without SK_ID_CURR and TARGET —
 * the same files as the API's CSV body) and writes SK_ID_CURR (empty when the row has none),
 * calibrated probability, decision and the top reasons of the decision (towards
 * refusal for refused clients, towards acceptance for accepted ones), each cell led by its stable
 * reason code (`R07 — …` towards refusal, `A07 — …` towards acceptance; the catalogue is
 * lib/credit/reasonCodes.ts and GET /api/v1/reason-codes). Streams in constant memory.
 *
 * Options:
 *   --lang fr|en        language of the reasons (default fr)
 *   --reasons N         coded reasons per row, 0 for scores only (default 3, at most 4)
 *   --no-reasons        same as --reasons 0
 *   --strict            stop at the first invalid row (default: report it and go on)
 *   --batch N           rows per model call (default 2048)
 *   --quiet             no progress line
 * Exit code: 0 all rows scored; 1 some rows rejected; 2 fatal error (usage, header, I/O, --strict).
 * Invalid rows are reported on stderr as "line L: FIELD: why" (the first 100; the count always).
 */
import fs from 'node:fs';
import path from 'node:path';
import { integerOption, readOptions, UsageError } from '../config/cliArgs';
import { type BatchSummary, scoreCsvFile, StrictModeError } from '../credit/batchScoring';
import { CsvHeaderError } from '../credit/csvRows';
import { getCreditEngine } from '../credit/engine';
import { progressLine } from './progress';

interface Args {
  input: string;
  output: string;
  lang: Locale;
  reasons: number;
  strict: boolean;
  batch: number;
  quiet: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Partial<Args> = { lang: 'fr', reasons: 3, strict: false, batch: 2048, quiet: false };
  readOptions(argv, (a, value) => {
    switch (a) {
      case '--input':
        args.input = value();
        return true;
      case '--output':
        args.output = value();
        return true;
      case '--lang': {
        const v = value();
        if (v !== 'fr' && v !== 'en') throw new UsageError('--lang must be fr or en');
        args.lang = v;
        return true;
      }
      case '--reasons':
        args.reasons = integerOption(value(), 0, 4, '--reasons must be an integer from 0 to 4');
        return true;
      case '--no-reasons':
        args.reasons = 0;
        return true;
      case '--strict':
        args.strict = true;
        return true;
      case '--batch':
        args.batch = integerOption(value(), 1, Infinity, '--batch must be a positive integer');
        return true;
      case '--quiet':
        args.quiet = true;
        return true;
    }
    return false;
  });
  if (!args.input || !args.output) throw new UsageError('--input and --output are required');
  return args as Args;
}

const USAGE =
  'usage: npm run score -- --input applications.csv --output scores.csv [--lang fr|en] [--reasons N | --no-reasons] [--strict] [--batch N] [--quiet]';

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) console.error(`score: ${err.message}`);
      console.error(USAGE);
      return 2;
    }
    throw err;
  }
  if (!fs.existsSync(args.input)) {
    console.error(`score: input file not found: ${args.input}`);
    return 2;
  }
  const engine = await getCreditEngine();
  const stats = args.reasons > 0 ? engine.populationStats() : undefined;
  const size = fs.statSync(args.input).size;
  const MAX_REPORTED = 100;
  let reported = 0;
  const progress = progressLine(
    process.stderr,
    args.quiet,
    size,
    ({ rows, rejected }, rate) => `${rows.toLocaleString('en')} rows scored, ${rejected} rejected, ${rate} rows/s`,
  );
  let summary: BatchSummary;
  try {
    summary = await scoreCsvFile(engine.model, stats, {
      input: args.input,
      output: args.output,
      lang: args.lang,
      reasons: args.reasons,
      strict: args.strict,
      batchSize: args.batch,
      onReject: (r) => {
        if (reported++ < MAX_REPORTED || args.strict) {
          progress.clear();
          for (const e of r.errors) console.error(`line ${r.line}${r.id ? ` (SK_ID_CURR ${r.id})` : ''}: ${e.path}: ${e.message}`);
        } else if (reported === MAX_REPORTED + 1) console.error('… further invalid rows are counted but not listed');
      },
      onProgress: progress.update,
    });
  } catch (err) {
    progress.clear();
    if (err instanceof StrictModeError) {
      console.error(`score: --strict: stopped at line ${err.reject.line}; ${path.basename(args.output)} removed`);
      fs.rmSync(args.output, { force: true });
      return 2;
    }
    if (err instanceof CsvHeaderError) {
      console.error(`score: ${args.input}: ${err.message}`);
      fs.rmSync(args.output, { force: true });
      return 2;
    }
    throw err;
  }
  progress.clear();
  console.error(
    `score: ${summary.scored.toLocaleString('en')} rows scored, ${summary.rejected.toLocaleString('en')} rejected in ` +
      `${summary.seconds.toFixed(2)} s (${Math.round(summary.rowsPerSecond).toLocaleString('en')} rows/s) → ${args.output}`,
  );
  return summary.rejected > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`score: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
