import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { cacheDir, datasetsDir } from '@/lib/config';
import { openHomeCreditStore } from '@/lib/data/homeCreditStore';
import { TEST_HEADER, TRAIN_HEADER } from '@/lib/data/homeCreditSchema';
import { scoreCsvFile, type RejectedRow } from '@/lib/credit/batchScoring';
import { creditEngineSuite } from '../../support/creditEngineSuite';

jest.setTimeout(240_000);

const store = openHomeCreditStore(datasetsDir(), cacheDir());
const { dir, engine } = creditEngineSuite('credit-cli-');

function csvLine(cells: readonly (string | number | null)[]): string {
  return Papa.unparse([cells.map((c) => (c === null ? '' : String(c)))], { newline: '\n' });
}

function rowOf(id: number, header: readonly string[], patch: Record<string, string | number | null> = {}): (string | number | null)[] {
  const s = store.get(id);
  const record: Record<string, string | number | null> = { SK_ID_CURR: id, TARGET: s?.target ?? null, ...s?.fields, ...patch };
  return header.map((h) => record[h] ?? null);
}

// 30 new applications (no TARGET column), then rows with problems; line numbers are 1-based with the header on line 1
const goodIds = Array.from(store.test.ids.subarray(0, 30));
const lines: string[] = [csvLine(TEST_HEADER)];
const expectedRejects: { line: number; path: string }[] = [];
const scoredIds: number[] = [];
for (const id of goodIds.slice(0, 10)) {
  lines.push(csvLine(rowOf(id, TEST_HEADER)));
  scoredIds.push(id);
}
const lineOf = () => lines.join('\n').split('\n').length + 1;
expectedRejects.push({ line: lineOf(), path: 'AMT_CREDIT' });
lines.push(csvLine(rowOf(goodIds[11], TEST_HEADER, { AMT_CREDIT: 'lots' })));
// categories never seen in the data are refused, as the API refuses them (the first named); the
// quoted cell spanning two lines shifts the later line numbers
expectedRejects.push({ line: lineOf(), path: 'NAME_TYPE_SUITE' });
lines.push(csvLine(rowOf(goodIds[10], TEST_HEADER, { OCCUPATION_TYPE: 'Astronaut', NAME_TYPE_SUITE: 'Family\nand friends' })));
expectedRejects.push({ line: lineOf(), path: 'CNT_CHILDREN' });
lines.push(csvLine(rowOf(goodIds[12], TEST_HEADER, { CNT_CHILDREN: 'two' })));
expectedRejects.push({ line: lineOf(), path: 'SK_ID_CURR' });
lines.push(csvLine(rowOf(goodIds[13], TEST_HEADER, { SK_ID_CURR: 'x123' })));
expectedRejects.push({ line: lineOf(), path: '(row)' });
lines.push(csvLine(rowOf(goodIds[14], TEST_HEADER)).split(',').slice(0, 40).join(',')); // truncated row
for (const id of goodIds.slice(15)) {
  lines.push(csvLine(rowOf(id, TEST_HEADER)));
  scoredIds.push(id);
}
const mixed = path.join(dir, 'mixed.csv');
fs.writeFileSync(mixed, `${lines.join('\n')}\n`);

// historical loans, with TARGET, CRLF line endings and a blank line
const trainIds = Array.from(store.train.ids.subarray(100, 120));
const clean = path.join(dir, 'train.csv');
fs.writeFileSync(clean, [csvLine(TRAIN_HEADER), ...trainIds.map((id) => csvLine(rowOf(id, TRAIN_HEADER))), ''].join('\r\n'));

const unknownHeader = path.join(dir, 'unknown.csv');
fs.writeFileSync(unknownHeader, `SK_ID_CURR,AMT_CREDIT,SHOE_SIZE\n1,2,3\n`);

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/score.ts', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
}

function readOutput(file: string): string[][] {
  return Papa.parse<string[]>(fs.readFileSync(file, 'utf8').trim(), { delimiter: ',' }).data;
}

describe('batch scoring of a CSV file', () => {
  test('valid rows are scored like the engine scores them; invalid rows are reported (line, field) and skipped', async () => {
    const rejects: RejectedRow[] = [];
    const out = path.join(dir, 'mixed.scores.csv');
    const summary = await scoreCsvFile(engine().model, engine().populationStats(), {
      input: mixed,
      output: out,
      reasons: 3,
      batchSize: 7,
      onReject: (r) => rejects.push(r),
    });
    expect(summary).toMatchObject({ scored: scoredIds.length, rejected: 5 });
    expect(rejects[1].errors.map((e) => e.path)).toEqual(['NAME_TYPE_SUITE', 'OCCUPATION_TYPE']);
    expect(rejects.map((r) => ({ line: r.line, path: r.errors[0].path }))).toEqual(expectedRejects);
    const rows = readOutput(out);
    expect(rows[0]).toEqual(['SK_ID_CURR', 'probability', 'decision', 'reason_1', 'reason_2', 'reason_3']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(scoredIds);
    for (const r of rows.slice(1)) {
      const s = await engine().scoreStored(Number(r[0]));
      expect(r[1]).toBe(s?.probability.toFixed(6));
      expect(r[2]).toBe(s?.decision);
      expect(r[3].length).toBeGreaterThan(5);
    }
  });

  test('the CLI: exit 1 when rows were rejected, with the report on stderr and rows/s at the end', () => {
    const out = path.join(dir, 'cli.csv');
    const r = runCli(['--input', mixed, '--output', out, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`line ${expectedRejects[0].line} (SK_ID_CURR ${goodIds[11]}): AMT_CREDIT: expected number`);
    expect(r.stderr).toMatch(/\(row\): expected 121 fields but found \d+ \(truncated or malformed row\)/);
    expect(r.stderr).toMatch(/25 rows scored, 5 rejected in [\d.]+ s \([\d,]+ rows\/s\)/);
    expect(readOutput(out)).toHaveLength(scoredIds.length + 1);
  });

  test('the CLI: exit 0 on a clean file with TARGET; --strict makes an invalid row fatal (exit 2)', () => {
    const out = path.join(dir, 'clean.csv');
    const ok = runCli(['--input', clean, '--output', out, '--no-reasons', '--quiet']);
    expect(ok.status).toBe(0);
    const rows = readOutput(out);
    expect(rows[0]).toEqual(['SK_ID_CURR', 'probability', 'decision']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(trainIds);

    const strictOut = path.join(dir, 'strict.csv');
    const strict = runCli(['--input', mixed, '--output', strictOut, '--strict', '--no-reasons']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain(`line ${expectedRejects[0].line}`);
    expect(fs.existsSync(strictOut)).toBe(false);
  });

  test('the CLI: an unknown column is fatal and named; bad usage is exit 2', () => {
    const r = runCli(['--input', unknownHeader, '--output', path.join(dir, 'u.csv'), '--no-reasons']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('column "SHOE_SIZE": unknown field');
    expect(runCli(['--input', mixed]).status).toBe(2);
  });
});
