import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMonitor } from '@/lib/cli/monitor';
import { datasetsDir } from '@/lib/config';
import type { RejectedRow } from '@/lib/credit/csvStream';
import { getCreditEngine } from '@/lib/credit/engine';
import { accumulateCsv } from '@/lib/monitoring/csvStability';
import { accumulateCsvParallel } from '@/lib/monitoring/parallelCsv';
import { referenceProfile, StabilityAccumulator } from '@/lib/monitoring/stability';
import type { StabilityReport } from '@/lib/monitoring/types';

/**
 * `npm run monitor` on worker threads: the same report and the same rejected lines as the
 * sequential reader, whatever the chunk size and the number of workers.
 */

jest.setTimeout(240_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-parallel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The header and the first `n` data lines of the real new applications file. */
function realLines(n: number): { header: string; lines: string[] } {
  const fd = fs.openSync(path.join(datasetsDir(), 'home-credit', 'application_test.csv'), 'r');
  const buf = Buffer.alloc(2 << 20);
  const read = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const [header, ...lines] = buf.subarray(0, read).toString('utf8').split('\n');
  return { header, lines: lines.slice(0, n) };
}

const { header, lines } = realLines(600);
const columns = header.split(',');
const patch = (line: string, field: string, value: string) => {
  // the real lines quote some categories ("Spouse, partner"): patch an unquoted numeric column only
  const cells = line.split(',');
  const at = columns.indexOf(field);
  expect(line.includes('"')).toBe(false);
  cells[at] = value;
  return cells.join(',');
};
const plain = lines.filter((l) => !l.includes('"'));
// real rows; rejected ones in between; a category quoted over two lines; a blank line
const body = [...lines.slice(0, 200)];
body.push(patch(plain[0], 'AMT_CREDIT', 'lots'));
body.push(patch(plain[1], 'AMT_ANNUITY', ''));
body.push(plain[2].split(',').slice(0, 20).join(','));
body.push(patch(plain[3], 'NAME_TYPE_SUITE', '"Spouse,\npartner"'));
body.push('');
body.push(...lines.slice(200));
body.push(patch(plain[4], 'SK_ID_CURR', 'x1'));

const lf = path.join(dir, 'mixed.csv');
fs.writeFileSync(lf, `${header}\n${body.join('\n')}\n`);
const crlf = path.join(dir, 'mixed-crlf.csv');
fs.writeFileSync(crlf, `${header}\r\n${body.join('\r\n')}`); // no final line break

async function sequential(file: string): Promise<{ report: StabilityReport; rejects: RejectedRow[] }> {
  const [engine, profile] = await Promise.all([getCreditEngine(), referenceProfile()]);
  const accumulator = new StabilityAccumulator(profile);
  const rejects: RejectedRow[] = [];
  await accumulateCsv(engine.model, profile, accumulator, { input: file, batchSize: 64, onReject: (r) => rejects.push(r) });
  return { report: accumulator.report('x'), rejects };
}

async function parallel(
  file: string,
  workers: number,
  chunkBytes: number,
): Promise<{ report: StabilityReport; rejects: RejectedRow[]; progress: number[] }> {
  const [engine, profile] = await Promise.all([getCreditEngine(), referenceProfile()]);
  const accumulator = new StabilityAccumulator(profile);
  const rejects: RejectedRow[] = [];
  const progress: number[] = [];
  const summary = await accumulateCsvParallel(engine.model.bundle.dir, profile, accumulator, {
    input: file,
    workers,
    chunkBytes,
    batchSize: 50,
    onReject: (r) => rejects.push(r),
    onProgress: (p) => progress.push(p.bytesRead),
  });
  expect(summary.rows).toBe(accumulator.count);
  expect(summary.rejected).toBe(rejects.length);
  return { report: accumulator.report('x'), rejects, progress };
}

function expectSameReport(actual: StabilityReport, expected: StabilityReport) {
  const { meanProbability: mean, ...current } = actual.current;
  const { meanProbability: expectedMean, ...expectedCurrent } = expected.current;
  expect(current).toEqual(expectedCurrent);
  expect(mean).toBeCloseTo(expectedMean, 12); // a sum of chunk sums: the last bits may differ
  expect(actual.score).toEqual(expected.score);
  expect(actual.features).toEqual(expected.features);
}

describe('accumulateCsvParallel', () => {
  test.each([
    ['LF', lf, 2, 4096],
    ['LF, one worker, one chunk', lf, 1, 1 << 20],
    ['CRLF, no final line break', crlf, 2, 10_000],
  ])('%s: the same report and rejected lines as the sequential reader', async (_, file, workers, chunkBytes) => {
    const expected = await sequential(file);
    expect(expected.rejects.map((r) => r.errors[0].path)).toEqual(['AMT_CREDIT', 'AMT_ANNUITY', '(row)', 'SK_ID_CURR']);
    expect(expected.report.current.count).toBe(601);
    const actual = await parallel(file, workers, chunkBytes);
    expect(actual.rejects).toEqual(expected.rejects);
    expectSameReport(actual.report, expected.report);
    // progress in file order, up to the whole file
    expect(actual.progress).toEqual([...actual.progress].sort((a, b) => a - b));
    expect(actual.progress[actual.progress.length - 1]).toBe(fs.statSync(file).size);
  });

  test('a worker that cannot load the model fails the run with its reason (no hang)', async () => {
    const profile = await referenceProfile();
    const accumulator = new StabilityAccumulator(profile);
    await expect(accumulateCsvParallel(path.join(dir, 'no-model'), profile, accumulator, { input: lf, workers: 2 })).rejects.toThrow(
      /metadata\.json/,
    );
  });

  test('the CLI with --workers 2 writes the report of --workers 1', async () => {
    const run = async (workers: string) => {
      const out = path.join(dir, `report-${workers}.json`);
      let stderr = '';
      const code = await runMonitor(['--input', lf, '--output', out, '--workers', workers], {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (stderr += t) },
      });
      expect(code).toBe(0);
      return { report: JSON.parse(fs.readFileSync(out, 'utf8')) as StabilityReport, stderr };
    };
    const one = await run('1');
    const two = await run('2');
    expectSameReport(two.report, one.report);
    expect(two.report.rejected).toEqual(one.report.rejected);
    expect(two.stderr.split('\n').filter((l) => l.startsWith('line '))).toEqual(one.stderr.split('\n').filter((l) => l.startsWith('line ')));
    let usage = '';
    expect(
      await runMonitor(['--input', lf, '--workers', '0'], { stdout: { write: () => true }, stderr: { write: (t: string) => (usage += t) } }),
    ).toBe(2);
    expect(usage).toContain('--workers must be an integer from 1 to 64');
  });
});
