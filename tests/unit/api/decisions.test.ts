import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogSink } from '@/lib/api/accessLog';
import { API_ROUTES } from '@/lib/api/routes';
import { decisionListSchema, decisionRecordSchema, noticeSchema } from '@/lib/api/schemas/decisions';
import { resetAppConfigForTests } from '@/lib/config';
import { getCreditEngine } from '@/lib/credit/engine';
import { applicationHash, recordDecision } from '@/lib/decisions/recordDecision';
import { PROTECTED_FIELDS } from '@/lib/credit/fields';
import { closeSharedStore, sharedStore } from '@/lib/store/sharedStore';
import { verifyChain } from '@/lib/store/decisionLog';

/**
 * The decision routes end to end through their own handlers, on a fresh SQLite store
 * (the PostgreSQL back-end runs the same store code: tests/unit/store).
 */

const DECIDE = 'decider-key-0001';
const READ = 'reader-key-0001';
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

function post(id: number, body: unknown, headers: Record<string, string> = {}) {
  return API_ROUTES['/api/v1/applications/{id}/decisions'].POST(
    new Request(`http://localhost/api/v1/applications/${id}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DECIDE}`, ...headers },
      body: JSON.stringify(body),
    }),
    ctx({ id: String(id) }),
  );
}
const get = (url: string, params: Record<string, string>, route: keyof typeof API_ROUTES, key = READ) =>
  (API_ROUTES[route] as { GET: (r: Request, c: ReturnType<typeof ctx>) => Promise<Response> }).GET(
    new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${key}` } }),
    ctx(params),
  );

let restoreLog: () => void;
/** Every access-log line the routes wrote during these tests. */
const logLines: string[] = [];
let refused: number;
let accepted: number;
let version: string;

beforeAll(async () => {
  restoreLog = setLogSink((line) => logLines.push(line));
  process.env.SQLITE_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'insight-api-')), 'insight.sqlite');
  process.env.API_KEYS = `${DECIDE}:read+decide,${READ}:read`;
  process.env.API_RATE_LIMIT_RPS = 'off';
  resetAppConfigForTests();
  const engine = await getCreditEngine();
  version = engine.model.bundle.metadata.version;
  // One refused and one accepted new application, by the served model.
  const ids = engine.store.test.ids.subarray(0, 200);
  const scores = await Promise.all(Array.from(ids, (id) => engine.scoreStored(id)));
  refused = scores.find((s) => s?.decision === 'refuse')!.id;
  accepted = scores.find((s) => s?.decision === 'accept')!.id;
});

afterAll(async () => {
  await closeSharedStore();
  delete process.env.SQLITE_FILE;
  delete process.env.API_KEYS;
  delete process.env.API_RATE_LIMIT_RPS;
  resetAppConfigForTests();
  restoreLog();
});

describe('POST /api/v1/applications/{id}/decisions', () => {
  test('a decision that follows the model: 201 with the chained record, its reasons coded, no protected attribute', async () => {
    const res = await post(refused, { decision: 'refuse', modelVersion: version });
    expect(res.status).toBe(201);
    const record = decisionRecordSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/v1/decisions/${record.id}`);
    expect(record).toMatchObject({ applicationId: refused, recommendation: 'refuse', decision: 'refuse', override: false, model: { version } });
    expect(record.actor.id).toMatch(/^key:[0-9a-f]{8}$/);
    expect(record.actor.id).not.toContain(DECIDE);
    expect(record.principalReasons.length).toBeGreaterThan(0);
    expect(record.principalReasons.length).toBeLessThanOrEqual(4);
    for (const r of record.principalReasons) {
      expect(r.code).toMatch(/^R\d{2}$/);
      expect(PROTECTED_FIELDS.has(r.field)).toBe(false);
    }
    // The hash of the fields the model scored (computed once per application and kept).
    const engine = await getCreditEngine();
    expect(record.inputHash).toBe(applicationHash(engine.store.get(refused)!.fields as Record<string, string | number | null>));
    expect(record.inputHash).not.toBe(applicationHash(engine.store.get(accepted)!.fields as Record<string, string | number | null>));
  });

  test('an override needs a reason from the list and a 20-character justification: 422 naming the field', async () => {
    const noReason = await post(refused, { decision: 'approve', justification: 'Income confirmed by three payslips.' });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).errors).toEqual([expect.objectContaining({ path: 'overrideReasons' })]);
    const short = await post(refused, { decision: 'approve', overrideReasons: ['income-verified'], justification: 'ok' });
    expect(short.status).toBe(422);
    expect((await short.json()).errors).toEqual([expect.objectContaining({ path: 'justification' })]);
    const unknown = await post(refused, { decision: 'approve', overrideReasons: ['because'], justification: 'Income confirmed by three payslips.' });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify((await unknown.json()).errors)).toContain('overrideReasons');
    const ok = await post(refused, {
      decision: 'approve',
      overrideReasons: ['income-verified'],
      justification: '  Income confirmed by three payslips.  ',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      override: true,
      overrideReasons: ['income-verified'],
      justification: 'Income confirmed by three payslips.',
    });
  });

  test('a retried request with the same Idempotency-Key returns the first record; another body with that key is 409', async () => {
    const body = { decision: 'approve' };
    const first = await post(accepted, body, { 'idempotency-key': 'retry-1' });
    const again = await post(accepted, body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    const other = await post(accepted, { decision: 'escalate' }, { 'idempotency-key': 'retry-1' });
    expect(other.status).toBe(409);
    expect((await other.json()).type).toBe('/api-docs#problem-conflict');
  });

  test('a decision on a stale view (another model version) is 409; unknown application 404', async () => {
    const stale = await post(accepted, { decision: 'approve', modelVersion: '20200101-000000' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toMatch(/model changed/);
    expect((await post(1, { decision: 'approve' })).status).toBe(404);
  });

  test('a read-only key cannot decide (403); without a key 401', async () => {
    expect((await post(accepted, { decision: 'approve' }, { authorization: `Bearer ${READ}` })).status).toBe(403);
    const res = await API_ROUTES['/api/v1/applications/{id}/decisions'].POST(
      new Request(`http://localhost/api/v1/applications/${accepted}/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"decision":"approve"}',
      }),
      ctx({ id: String(accepted) }),
    );
    expect(res.status).toBe(401);
  });
});

describe('reading the audit trail', () => {
  test('list with filters and cursor, one record, and the chain verifies', async () => {
    const all = decisionListSchema.parse(await (await get('/api/v1/decisions?limit=2', {}, '/api/v1/decisions')).json());
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const next = decisionListSchema.parse(await (await get(`/api/v1/decisions?limit=2&cursor=${all.nextCursor}`, {}, '/api/v1/decisions')).json());
    expect(next.items[0].seq).toBeLessThan(all.items[1].seq);
    const overrides = decisionListSchema.parse(
      await (await get(`/api/v1/decisions?override=true&applicationId=${refused}`, {}, '/api/v1/decisions')).json(),
    );
    expect(overrides.items.map((r) => r.override)).toEqual([true]);
    const one = await get(`/api/v1/decisions/${overrides.items[0].id}`, { id: overrides.items[0].id }, '/api/v1/decisions/{id}');
    expect(decisionRecordSchema.parse(await one.json())).toEqual(overrides.items[0]);
    const missing = await get(
      '/api/v1/decisions/00000000-0000-4000-8000-000000000000',
      { id: '00000000-0000-4000-8000-000000000000' },
      '/api/v1/decisions/{id}',
    );
    expect(missing.status).toBe(404);
    expect((await get('/api/v1/decisions?override=maybe', {}, '/api/v1/decisions')).status).toBe(400);
    const report = await verifyChain(await sharedStore());
    expect(report.firstBreak).toBeNull();
    expect(report.verified).toBe(3); // refuse, the override, the idempotent approve (recorded once)
  });

  test("the applicant's notice, FR and EN: decision, coded reasons in words, what could change, human review", async () => {
    const list = decisionListSchema.parse(
      await (await get(`/api/v1/decisions?applicationId=${refused}&override=false`, {}, '/api/v1/decisions')).json(),
    );
    const id = list.items[0].id;
    const fr = noticeSchema.parse(await (await get(`/api/v1/decisions/${id}/notice?lang=fr`, { id }, '/api/v1/decisions/{id}/notice')).json());
    expect(fr.outcome).toBe(`Votre demande de crédit n° ${refused} est refusée.`);
    expect(fr.reasons.map((r) => r.code)).toEqual([...new Set(list.items[0].principalReasons.map((r) => r.code))]);
    expect(fr.humanReview).toContain('réexaminée par une personne');
    expect(fr.humanReview).toContain(id);
    expect(fr.model.version).toBe(version);
    const en = noticeSchema.parse(await (await get(`/api/v1/decisions/${id}/notice?lang=en`, { id }, '/api/v1/decisions/{id}/notice')).json());
    expect(en.outcome).toBe(`Your credit application no. ${refused} is declined.`);
    expect(en.reasons[0].text).not.toBe(fr.reasons[0].text);
    if (en.whatCouldChange !== null)
      expect(en.whatCouldChange).toMatch(/^The decision could have been different with: .+ of [\d,]+ instead of [\d,]+/);
  });

  test('a supervisor reviews an escalation once: a second review, by another supervisor on a page drawn before, is refused', async () => {
    const res = await post(accepted, { decision: 'escalate', modelVersion: version });
    expect(res.status).toBe(201);
    const escalation = decisionRecordSchema.parse(await res.json());
    const [engine, store] = await Promise.all([getCreditEngine(), sharedStore()]);
    const review = (login: string) =>
      recordDecision(
        engine,
        store,
        { applicationId: accepted, decision: 'approve', modelVersion: version, reviewOf: escalation.id },
        { id: `user:${login}`, role: 'supervisor' },
      );
    const first = (await review('claire')).record;
    expect(first).toMatchObject({ refersTo: escalation.id, actorId: 'user:claire', decision: 'approve', override: false });
    await expect(review('marc')).rejects.toMatchObject({ name: 'AlreadyReviewedError', refersTo: escalation.id, reviewedBy: first.id });
    // Not a supervisor: refused before the store is asked (403 on the API, which keys cannot pass).
    const byKey = await post(accepted, { decision: 'approve', modelVersion: version, reviewOf: escalation.id });
    expect(byKey.status).toBe(403);
  });
});

test('the access log names the key by its label, never the key itself, nor the justification', () => {
  expect(logLines.length).toBeGreaterThan(10);
  const all = logLines.join('\n');
  expect(all).not.toContain(DECIDE);
  expect(all).not.toContain(READ);
  expect(all).not.toContain('Income confirmed by three payslips');
  expect(all).toMatch(/"route":"\/api\/v1\/applications\/\{id\}\/decisions"/);
});
