import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { datasetsDir } from '@/lib/config';
import { MAX_REPORTED, runMonitor, USAGE } from '@/lib/cli/monitor';
import type { RawValue } from '@/lib/data/columnarTable';
import { referenceProfile, StabilityAccumulator } from '@/lib/monitoring/stability';
import type { StabilityReport } from '@/lib/monitoring/types';
import { creditEngineSuite } from '../../support/creditEngineSuite';

jest.setTimeout(240_000);

const root = path.resolve(__dirname, '..', '..', '..');
const { dir, engine } = creditEngineSuite('monitor-cli-');

/** The header and the first `n` data lines of the real new applications file, as written there. */
function firstLines(n: number): { header: string[]; lines: string[] } {
  const fd = fs.openSync(path.join(datasetsDir(), 'home-credit', 'application_test.csv'), 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const all = buffer.subarray(0, read).toString('utf8').split('\n');
    all.pop(); // possibly cut in the middle
    const [head, ...rest] = all.map((l) => l.replace(/\r$/, ''));
    if (rest.length < n) throw new Error(`only ${rest.length} lines in the first MiB`);
    return { header: Papa.parse<string[]>(head).data[0], lines: rest.slice(0, n) };
  } finally {
    fs.closeSync(fd);
  }
}

const { header, lines: realLines } = firstLines(60);
const cellsOf = (line: string): string[] => Papa.parse<string[]>(line).data[0];
const lineOf = (cells: readonly string[]): string => Papa.unparse([cells], { newline: '\n' });
const idOf = (line: string): number => Number(cellsOf(line)[header.indexOf('SK_ID_CURR')]);
const patched = (line: string, patch: Record<string, string>): string => {
  const cells = cellsOf(line);
  for (const [field, value] of Object.entries(patch)) cells[header.indexOf(field)] = value;
  return lineOf(cells);
};

// 40 real rows, with invalid ones in between; line numbers are 1-based with the header on line 1
const good = realLines.slice(0, 40);
const rows: string[] = [...good.slice(0, 10)];
const expectedRejects: { line: number; field: string }[] = [];
const reject = (line: string, field: string) => {
  expectedRejects.push({ line: rows.length + 2, field });
  rows.push(line);
};
reject(patched(realLines[40], { AMT_CREDIT: '<script>alert(1)</script>' }), 'AMT_CREDIT');
reject(patched(realLines[41], { AMT_ANNUITY: '' }), 'AMT_ANNUITY'); // required: the model does not decide without it
rows.push(...good.slice(10, 25));
reject(patched(realLines[42], { SK_ID_CURR: 'x123' }), 'SK_ID_CURR');
reject(realLines[43].split(',').slice(0, 30).join(','), '(row)'); // truncated row
rows.push(...good.slice(25));

// the file's name is the report's description: characters HTML must escape
const mixed = path.join(dir, '<b>Q4 & "new".csv');
fs.writeFileSync(mixed, `${[lineOf(header), ...rows].join('\n')}\n`);

// only the required columns: every other input is missing for every row
const narrowFields = ['SK_ID_CURR', 'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY'];
const narrow = path.join(dir, 'narrow.csv');
fs.writeFileSync(
  narrow,
  [narrowFields.join(','), ...good.slice(0, 5).map((l) => narrowFields.map((f) => cellsOf(l)[header.indexOf(f)]).join(','))].join('\n'),
);

// more invalid rows than are listed
const manyBad = path.join(dir, 'many-bad.csv');
fs.writeFileSync(manyBad, [lineOf(header), good[0], ...Array.from({ length: 150 }, () => patched(good[1], { AMT_CREDIT: 'lots' }))].join('\n'));

const allBad = path.join(dir, 'all-bad.csv');
fs.writeFileSync(allBad, [lineOf(header), patched(good[0], { AMT_CREDIT: 'lots' })].join('\n'));
const badHeader = path.join(dir, 'bad-header.csv');
fs.writeFileSync(badHeader, 'SK_ID_CURR,AMT_CREDIT,SHOE_SIZE\n1,2,3\n');
const empty = path.join(dir, 'empty.csv');
fs.writeFileSync(empty, '');

/** Runs the CLI in process, with its output captured. */
async function monitor(args: string[], tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMonitor(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: tty },
  });
  return { code, stdout, stderr };
}

const readJson = (file: string): StabilityReport => JSON.parse(fs.readFileSync(file, 'utf8')) as StabilityReport;

describe('npm run monitor', () => {
  let report: StabilityReport;
  let html: string;
  let stderr: string;

  beforeAll(async () => {
    const out = path.join(dir, 'report.json');
    const page = path.join(dir, 'report.html');
    const r = await monitor(['--input', mixed, '--output', out, '--html', page, '--batch', '7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(''); // the report went to --output
    stderr = r.stderr;
    report = readJson(out);
    html = fs.readFileSync(page, 'utf8');
  });

  test('invalid rows are reported on stderr with their line and field, skipped, and listed in the report', () => {
    for (const e of expectedRejects) expect(stderr).toMatch(new RegExp(`^line ${e.line}: ${e.field.replace(/[()]/g, '\\$&')}: `, 'm'));
    expect(stderr).toContain(`line ${expectedRejects[1].line}: AMT_ANNUITY: required`);
    expect(stderr).toContain('4 row(s) rejected');
    expect(stderr).not.toContain('\r'); // no progress line when stderr is not a terminal
    expect(report.rejected?.count).toBe(4);
    expect(report.rejected?.first.map((r) => ({ line: r.line, field: r.field }))).toEqual(expectedRejects);
    expect(report.current.count).toBe(good.length);
  });

  test('the JSON is the StabilityReport of the valid rows, as counted from the same applications in process', async () => {
    const profile = await referenceProfile();
    expect(report.reference.count).toBeGreaterThan(60_000);
    expect(report.current.description).toBe(path.basename(mixed));
    expect(report.score).toEqual({ psi: expect.any(Number), band: expect.stringMatching(/^(stable|watch|act)$/), bins: expect.any(Array) });
    expect(report.features).toHaveLength(profile.fields.length);
    expect(new Set(report.features.map((f) => f.field))).toEqual(new Set(profile.fields));
    for (const f of report.features) {
      expect(f).toMatchObject({ field: expect.any(String), psi: expect.any(Number), band: expect.stringMatching(/^(stable|watch|act)$/) });
      expect(f.missing.current).toBeGreaterThanOrEqual(0);
    }
    expect(report.model).toEqual(profile.model);

    // the same 40 applications from the store, counted directly
    const apps = good.map((l) => engine().store.get(idOf(l))?.fields ?? {});
    const scores = await engine().scoreApplications(apps);
    const accumulator = new StabilityAccumulator(profile);
    apps.forEach((app, i) =>
      accumulator.add(
        profile.fields.map((f): RawValue => app[f] ?? null),
        scores[i].probability,
      ),
    );
    const expected = accumulator.report(path.basename(mixed));
    expect(report.score.psi).toBeCloseTo(expected.score.psi, 10);
    expect(report.current.approvalRate).toBeCloseTo(expected.current.approvalRate, 10);
    expect(report.current.missingRate).toBeCloseTo(expected.current.missingRate, 10);
    const psiOf = new Map(expected.features.map((f) => [f.field, f.psi]));
    for (const f of report.features) expect(f.psi).toBeCloseTo(psiOf.get(f.field) as number, 10);
  });

  test('the HTML page is self-contained, in English, escaped, with bands in words', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
    expect(html).toContain('&lt;b&gt;Q4 &amp; &quot;new&quot;.csv');
    expect(html).not.toContain('<b>Q4');
    expect(html).toContain('AMT_CREDIT'); // the rejected line's field and reason (never the cell: it may be client data)
    expect(html).toContain('expected number');
    expect(html).toMatch(
      /Probability of default<\/th><td class="n">[\d.]+<\/td><td><span class="band band-(stable|watch|act)">.*(Stable|Watch|Act) \(PSI/,
    );
    for (const f of report.features) expect(html).toContain(`<th scope="row">${f.field}</th>`);
  });

  test('without --output the report goes to stdout; a column the file lacks is missing for every row', async () => {
    const r = await monitor(['--input', narrow, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const narrowReport = JSON.parse(r.stdout) as StabilityReport;
    expect(narrowReport.current.count).toBe(5);
    expect(narrowReport.rejected).toEqual({ count: 0, first: [] });
    for (const f of narrowReport.features) expect(f.missing.current).toBe(narrowFields.includes(f.field) ? 0 : 1);
  });

  test(`only the first ${MAX_REPORTED} reasons are listed; every rejected row is counted`, async () => {
    const out = path.join(dir, 'many.json');
    const r = await monitor(['--input', manyBad, '--output', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^line \d+: AMT_CREDIT: /gm)).toHaveLength(MAX_REPORTED);
    expect(r.stderr).toContain('150 row(s) rejected (the first 100 reasons listed)');
    const many = readJson(out);
    expect(many.rejected?.count).toBe(150);
    expect(many.rejected?.first).toHaveLength(MAX_REPORTED);
    expect(many.current.count).toBe(1);
  });

  test('a progress line on a terminal only, and not with --quiet', async () => {
    const onTty = await monitor(['--input', narrow, '--output', path.join(dir, 'tty.json')], true);
    expect(onTty.code).toBe(0);
    expect(onTty.stderr).toMatch(/\r\x1b\[K\d+ % {2}5 rows, 0 rejected, [\d,]+ rows\/s/);
    expect(onTty.stderr).toMatch(/monitor: 5 rows, 0 rejected in [\d.]+ s/);
    const quiet = await monitor(['--input', narrow, '--output', path.join(dir, 'tty.json'), '--quiet'], true);
    expect(quiet.stderr).toBe('');
  });

  test('exit 1 on unreadable input (bad header, empty file, no valid row) or an unwritable report', async () => {
    const header = await monitor(['--input', badHeader]);
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('column "SHOE_SIZE": unknown field');
    expect((await monitor(['--input', empty])).code).toBe(1);
    const none = await monitor(['--input', allBad, '--output', path.join(dir, 'none.json')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no valid row');
    expect(fs.existsSync(path.join(dir, 'none.json'))).toBe(false);
    const unwritable = await monitor(['--input', narrow, '--output', path.join(dir, 'no-such-dir', 'x.json'), '--quiet']);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('monitor: cannot write the report: ENOENT');
  });

  test('exit 2 on usage errors, with the usage line', async () => {
    for (const args of [[], ['--input'], ['--input', mixed, '--colour'], ['--input', mixed, '--batch', '0']]) {
      const r = await monitor(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(USAGE);
    }
  });

  test('the process exits with 1 on a missing file', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('lib', 'cli', 'monitor.ts'), '--input', path.join(dir, 'no-such.csv')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('monitor: input file not found');
  });
});
