import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { setLogSink } from '@/lib/api/accessLog';
import { JSON_BODY_LIMIT } from '@/lib/api/operations';
import { API_ROUTES } from '@/lib/api/routes';
import { resetAppConfigForTests } from '@/lib/config';
import { scoreCsvFile, type RejectedRow } from '@/lib/credit/batchScoring';
import { getCreditEngine } from '@/lib/credit/engine';
import { DECISION_REQUIRED_FIELDS } from '@/lib/credit/validation';
import { APPLICATION_FIELDS } from '@/lib/data/homeCreditSchema';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

/**
 * One application input boundary: the same rows sent through the CLI (`npm run score`'s reader),
 * the API's JSON body and the API's CSV body are accepted or refused alike, each refusal naming
 * the same field with the same words. The fixture: real applications, a value out of its field's
 * bounds, a non-integer count, a non-number, a hexadecimal « number », a missing required field,
 * a category never seen in the data, a TARGET column (accepted and ignored everywhere), and — for
 * the two CSV doors — a malformed row.
 */

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'input-boundary-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let restoreLog: () => void;
afterAll(() => restoreLog());
beforeAll(async () => {
  restoreLog = setLogSink(() => undefined); // the access log is another test's subject
  process.env.API_KEYS = '';
  resetAppConfigForTests();
  await getCreditEngine();
});

type Cell = string | number | null;
const store = getHomeCreditStore();

const header = ['SK_ID_CURR', 'TARGET', ...APPLICATION_FIELDS];

/** Row k of the fixture: a real new application, with the changes that make it what it tests. */
const patches: { readonly patch: Record<string, Cell>; readonly error?: { field: string; message: string } }[] = [
  { patch: { TARGET: 1 } },
  { patch: { CNT_CHILDREN: 99 }, error: { field: 'CNT_CHILDREN', message: 'must be ≤ 50' } },
  { patch: { CNT_CHILDREN: 1.5 }, error: { field: 'CNT_CHILDREN', message: 'must be an integer' } },
  { patch: { AMT_CREDIT: 'lots' }, error: { field: 'AMT_CREDIT', message: 'expected number' } },
  { patch: { AMT_GOODS_PRICE: '0x10' }, error: { field: 'AMT_GOODS_PRICE', message: 'expected number' } },
  { patch: { AMT_ANNUITY: null }, error: { field: 'AMT_ANNUITY', message: 'required: the model does not decide without it' } },
  { patch: { AMT_INCOME_TOTAL: 0 }, error: { field: 'AMT_INCOME_TOTAL', message: 'must be > 0' } },
  { patch: { TARGET: 0, HOUR_APPR_PROCESS_START: 23 } },
  { patch: { NAME_CONTRACT_TYPE: 'Mortgage' }, error: { field: 'NAME_CONTRACT_TYPE', message: 'must be one of "Cash loans", "Revolving loans"' } },
];
const ids = patches.map((_, i) => store.test.ids[i * 311]);
const rows: Record<string, Cell>[] = ids.map((id, k) => ({ SK_ID_CURR: id, TARGET: null, ...store.get(id)?.fields, ...patches[k].patch }));
const expectedErrors = patches.flatMap((p, k) => (p.error ? [{ row: k, ...p.error }] : []));

const csvText = (extra: readonly string[] = []) =>
  `${[header.join(','), ...rows.map((r) => Papa.unparse([header.map((f) => r[f] ?? '')], { newline: '\n' })), ...extra].join('\n')}\n`;

async function post(
  body: string,
  contentType: string,
): Promise<{ status: number; json: { errors?: { path: string; message: string }[]; results?: unknown[] } }> {
  const res = await API_ROUTES['/api/v1/score'].POST(
    new Request('http://localhost/api/v1/score?explain=false', { method: 'POST', headers: { 'content-type': contentType }, body }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, json: (await res.json()) as { errors?: { path: string; message: string }[]; results?: unknown[] } };
}

/** `[3].AMT_CREDIT` → row 3, field AMT_CREDIT. */
const byRow = (errors: readonly { path: string; message: string }[]) =>
  errors.map((e) => {
    const m = /^\[(\d+)\]\.(\w+)$/.exec(e.path);
    if (!m) throw new Error(`unexpected path ${e.path}`);
    return { row: Number(m[1]), field: m[2], message: e.message };
  });

describe('one input boundary: CLI, JSON body and CSV body', () => {
  test('the same rows refused, naming the same fields with the same words; TARGET accepted and ignored', async () => {
    // JSON body: empty values are absent fields
    const jsonRows = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== '')));
    const json = await post(JSON.stringify(jsonRows), 'application/json');
    expect(json.status).toBe(422);
    expect(byRow(json.json.errors ?? [])).toEqual(expectedErrors);

    // CSV body
    const csv = await post(csvText(), 'text/csv');
    expect(csv.status).toBe(422);
    expect(byRow(csv.json.errors ?? [])).toEqual(expectedErrors);

    // CLI: the same reader as npm run score, rows refused are reported and skipped
    const input = path.join(dir, 'fixture.csv');
    fs.writeFileSync(input, csvText());
    const rejected: RejectedRow[] = [];
    const engine = await getCreditEngine();
    const summary = await scoreCsvFile(engine.model, engine.populationStats(), {
      input,
      output: path.join(dir, 'out.csv'),
      reasons: 0,
      onReject: (r) => rejected.push(r),
    });
    const cli = rejected.flatMap((r) => r.errors.map((e) => ({ row: r.line - 2, field: e.path, message: e.message })));
    expect(cli).toEqual(expectedErrors);
    expect(summary.scored).toBe(rows.length - expectedErrors.length);
  });

  test('the valid rows are scored alike by the three doors, whatever TARGET says', async () => {
    const valid = rows.filter((_, k) => !patches[k].error);
    const jsonRows = valid.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== '')));
    const json = await post(JSON.stringify(jsonRows), 'application/json');
    expect(json.status).toBe(200);
    const withoutTarget = await post(JSON.stringify(jsonRows.map(({ TARGET: _t, ...r }) => r)), 'application/json'); // eslint-disable-line @typescript-eslint/no-unused-vars
    expect(withoutTarget.json.results).toEqual(json.json.results);
    const text = `${[header.join(','), ...valid.map((r) => Papa.unparse([header.map((f) => r[f] ?? '')], { newline: '\n' }))].join('\n')}\n`;
    const csv = await post(text, 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.json.results).toEqual(json.json.results);
  });

  test('a file without SK_ID_CURR: the CSV body and the CLI score it alike (the id is optional at both doors)', async () => {
    const valid = rows.filter((_, k) => !patches[k].error);
    const fields = header.filter((f) => f !== 'SK_ID_CURR');
    const text = `${[fields.join(','), ...valid.map((r) => Papa.unparse([fields.map((f) => r[f] ?? '')], { newline: '\n' }))].join('\n')}\n`;
    const csv = await post(text, 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.json.results).toHaveLength(valid.length);
    const input = path.join(dir, 'no-id.csv');
    fs.writeFileSync(input, text);
    const engine = await getCreditEngine();
    const output = path.join(dir, 'no-id-out.csv');
    const summary = await scoreCsvFile(engine.model, engine.populationStats(), { input, output, reasons: 0 });
    expect(summary.scored).toBe(valid.length);
    const lines = fs.readFileSync(output, 'utf8').trim().split('\n').slice(1);
    const api = csv.json.results as { probability: number; decision: string }[];
    expect(lines.map((l) => l.split(','))).toEqual(api.map((r) => ['', r.probability.toFixed(6), r.decision]));
  });

  test('a malformed row: the CSV body and the CLI refuse that row alike', async () => {
    const truncated = Papa.unparse([header.slice(0, 20).map((f) => rows[0][f] ?? '')], { newline: '\n' });
    const csv = await post(csvText([truncated]), 'text/csv');
    expect(csv.status).toBe(422);
    const api = (csv.json.errors ?? []).filter((e) => e.path.startsWith(`[${rows.length}]`));
    expect(api).toHaveLength(1);
    const input = path.join(dir, 'malformed.csv');
    fs.writeFileSync(input, csvText([truncated]));
    const rejected: RejectedRow[] = [];
    const engine = await getCreditEngine();
    await scoreCsvFile(engine.model, engine.populationStats(), {
      input,
      output: path.join(dir, 'out2.csv'),
      reasons: 0,
      onReject: (r) => rejected.push(r),
    });
    const cli = rejected.filter((r) => r.line === rows.length + 2);
    expect(cli).toHaveLength(1);
    expect(cli[0].errors).toEqual([{ path: '(row)', message: `expected ${header.length} fields but found 20 (truncated or malformed row)` }]);
    expect(api[0]).toEqual({ path: `[${rows.length}]`, message: cli[0].errors[0].message });
  });
});

test('the JSON body takes the documented maximum: 1,000 complete real applications (≈ 2.6 MB) give 1,000 results', async () => {
  // the first 1,000 new applications the model can decide on (a few lack a required field such as the annuity)
  const batch = Array.from(store.test.ids, (id): Record<string, Cell> => ({ SK_ID_CURR: id, ...store.get(id)?.fields }))
    .filter((a) => DECISION_REQUIRED_FIELDS.every((f) => a[f] !== null && a[f] !== undefined))
    .slice(0, 1000);
  const body = JSON.stringify(batch);
  expect(Object.keys(batch[0])).toHaveLength(1 + APPLICATION_FIELDS.length); // every field, missing ones as null
  expect(body.length).toBeGreaterThan(2 * 1024 * 1024); // above the 1 MB limit this door once had
  expect(body.length).toBeLessThan(JSON_BODY_LIMIT);
  const { status, json } = await post(body, 'application/json');
  expect([status, json.errors]).toEqual([200, undefined]);
  expect(json.results).toHaveLength(1000);
  expect((json.results as { id: number }[]).map((r) => r.id)).toEqual(batch.map((a) => a.SK_ID_CURR));
  const over = await post(JSON.stringify([...batch, batch[0]]), 'application/json');
  expect([over.status, over.json.errors]).toEqual([422, [{ path: 'body', message: 'at most 1000 items' }]]);
});
