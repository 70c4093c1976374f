import { setLogSink } from '@/lib/api/accessLog';
import { docsOperations } from '@/lib/api/docsModel';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { OPERATIONS } from '@/lib/api/operations';
import { API_ROUTES } from '@/lib/api/routes';
import { reasonSchema } from '@/lib/api/schemas/credit';
import { reasonCodesSchema } from '@/lib/api/schemas/reasonCodes';
import { PROTECTED_FIELDS } from '@/lib/credit/fields';
import { REASON_CODES } from '@/lib/credit/reasonCodes';
import { en } from '@/lib/i18n/en';
import { fr } from '@/lib/i18n/fr';
import { compileRoutes, matchRoute } from '@/lib/server/apiFastPath';

/** GET /api/v1/reason-codes: the catalogue of stable reason codes, end to end through the route's own handlers. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const route = API_ROUTES['/api/v1/reason-codes'];
const get = (query = '') => route.GET(new Request(`http://localhost/api/v1/reason-codes${query}`), { params: Promise.resolve({}) });

let restoreLog: () => void;
beforeAll(() => {
  restoreLog = setLogSink(() => undefined);
});
afterAll(() => restoreLog());

describe('GET /api/v1/reason-codes', () => {
  test('returns the whole catalogue in the requested language (French by default)', async () => {
    const res = await get('?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = reasonCodesSchema.parse(await res.json());
    expect(body.lang).toBe('en');
    expect(body.codes.map((c) => c.code)).toEqual(REASON_CODES.map((c) => c.code));
    expect(body.codes.find((c) => c.code === 'R07')).toEqual({
      code: 'R07',
      direction: 'refusal',
      theme: 'annuity-income',
      fields: ['ANNUITY_INCOME_RATIO'],
      short: 'Unfavourable annuity-to-income ratio',
      long: REASON_CODES.find((c) => c.code === 'R07')?.long.en,
    });
    expect([...body.protectedFields].sort()).toEqual([...PROTECTED_FIELDS].sort());
    for (const c of body.codes) for (const p of PROTECTED_FIELDS) expect(c.fields).not.toContain(p);

    const french = reasonCodesSchema.parse(await (await get()).json());
    expect(french.lang).toBe('fr');
    expect(french.codes.find((c) => c.code === 'A07')?.short).toBe('Ratio annuité / revenu favorable');
  });

  test('an unknown language or parameter is a 400 problem; another method a 405', async () => {
    for (const q of ['?lang=de', '?top=3']) {
      const res = await get(q);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const post = await route.POST(new Request('http://localhost/api/v1/reason-codes', { method: 'POST', body: '{}' }), {
      params: Promise.resolve({}),
    });
    expect(post.status).toBe(405);
  });

  test('is in the OpenAPI document, on /api-docs (both languages) and in the production fast path', () => {
    const doc = buildOpenApiDocument() as Json;
    const op = doc.paths['/api/v1/reason-codes'].get;
    expect(op.operationId).toBe('getReasonCodes');
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReasonCodes' });
    expect(op.parameters.map((p: Json) => `${p.in}:${p.name}`)).toEqual(['query:lang']);
    expect(doc.components.schemas.ReasonCodes.properties.codes).toBeDefined();
    expect(OPERATIONS.filter((o) => o.path === '/api/v1/reason-codes')).toHaveLength(1);
    for (const t of [fr.apiDocs, en.apiDocs]) {
      const docs = docsOperations(t, 'http://localhost:3000').find((o) => o.path === '/api/v1/reason-codes');
      expect(docs?.summary).toBe(t.operations.getReasonCodes.summary);
      expect(docs?.responseExample).toContain('"R07"');
    }
    expect(matchRoute(compileRoutes(API_ROUTES), '/api/v1/reason-codes')?.template).toBe('/api/v1/reason-codes');
  });

  test('every reason of an explanation carries its code in the API schema', () => {
    const reason = {
      field: 'ANNUITY_INCOME_RATIO',
      label: 'Annuity to income',
      text: 'High annuity to income: 35% (clients’ median: 16.3%)',
      contribution: 0.2,
      value: 0.35,
      populationMedian: 0.163,
      displayValue: '35%',
      displayMedian: '16.3%',
      comparison: 'high',
      populationShare: null,
    };
    expect(reasonSchema.safeParse(reason).success).toBe(false);
    expect(reasonSchema.safeParse({ ...reason, code: 'R07' }).success).toBe(true);
    expect(reasonSchema.safeParse({ ...reason, code: 'X7' }).success).toBe(false);
    const component = (buildOpenApiDocument() as Json).components.schemas;
    const explanation = JSON.stringify(component.StoredExplanation);
    expect(explanation).toContain('"code"');
  });
});
