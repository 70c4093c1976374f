import { ApiError, invalidParameters, validationFailed } from '@/lib/api/errors';
import { MAX_LISTED_ERRORS, PROBLEM_SLUGS, PROBLEM_TYPES, problemDocument, problemResponse, problemTypeUri } from '@/lib/api/problem';

describe('problem details (RFC 9457)', () => {
  test('every problem type has a status, a title and a type URI pointing at its documentation anchor', () => {
    for (const slug of PROBLEM_SLUGS) {
      const doc = problemDocument(slug, 'detail');
      expect(doc).toEqual({
        type: `/api-docs#problem-${slug}`,
        title: PROBLEM_TYPES[slug].title,
        status: PROBLEM_TYPES[slug].status,
        detail: 'detail',
      });
    }
    const statuses = new Set<number>(PROBLEM_SLUGS.map((s) => PROBLEM_TYPES[s].status));
    for (const s of [400, 401, 403, 404, 405, 413, 415, 422, 429]) expect(statuses.has(s)).toBe(true);
  });

  test('field errors and the request id are included; long error lists are capped and counted', () => {
    const errors = Array.from({ length: 250 }, (_, i) => ({ path: `[${i}].AMT_CREDIT`, message: 'expected number' }));
    const doc = problemDocument('validation-failed', 'The request body is not valid', errors, 'req-1');
    expect(doc.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(doc.detail).toContain('250 errors');
    expect(doc.requestId).toBe('req-1');
    expect(problemDocument('not-found', 'x', []).errors).toBeUndefined();
  });

  test('a problem response is application/problem+json, not cached, with the status of its type', async () => {
    const res = problemResponse(problemDocument('rate-limited', 'slow down'), { 'retry-after': '3' });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toMatchObject({ type: problemTypeUri('rate-limited'), status: 429, detail: 'slow down' });
  });

  test('error helpers spell out the first field error in the detail', () => {
    const e = validationFailed([
      { path: '[3].AMT_CREDIT', message: 'expected number' },
      { path: '[4].FOO', message: 'unknown field' },
    ]);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.slug).toBe('validation-failed');
    expect(e.message).toBe('The request body is not valid: [3].AMT_CREDIT: expected number (and 1 more).');
    expect(invalidParameters([{ path: 'query.top', message: 'must be ≤ 50' }]).message).toBe('Invalid parameters: query.top: must be ≤ 50.');
  });
});
