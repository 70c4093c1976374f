/**
 * Problem details (RFC 9457) — the one shape of every error the API returns, with a list of
 * field errors (`errors: [{ path, message }]`) when the request had invalid fields.
 */

export interface FieldProblem {
  /** Where the problem is: `AMT_CREDIT`, `[3].AMT_CREDIT`, `query.top`, `path.id`, `body`. */
  readonly path: string;
  readonly message: string;
}

export const PROBLEM_TYPES = {
  'malformed-request': { status: 400, title: 'Malformed request body' },
  'invalid-parameters': { status: 400, title: 'Invalid path or query parameters' },
  unauthorized: { status: 401, title: 'Missing or invalid API key' },
  forbidden: { status: 403, title: 'API key not allowed to use this route' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'validation-failed': { status: 422, title: 'Request body failed validation' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;
export const PROBLEM_SLUGS = Object.keys(PROBLEM_TYPES) as ProblemSlug[];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs are relative references to the documentation page (dereferenceable on this server). */
export function problemTypeUri(slug: ProblemSlug): string {
  return `/api-docs#problem-${slug}`;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldProblem[];
  /** Identifier of the request, also sent as the X-Request-Id header and written in the access log. */
  readonly requestId?: string;
}

/** At most this many field errors are listed; `detail` says how many there were in all. */
export const MAX_LISTED_ERRORS = 100;

export function problemDocument(slug: ProblemSlug, detail: string, errors?: readonly FieldProblem[], requestId?: string): ProblemDocument {
  const { status, title } = PROBLEM_TYPES[slug];
  const listed = errors && errors.length > MAX_LISTED_ERRORS ? errors.slice(0, MAX_LISTED_ERRORS) : errors;
  const more = errors && errors.length > MAX_LISTED_ERRORS ? ` (${errors.length} errors, the first ${MAX_LISTED_ERRORS} listed)` : '';
  return {
    type: problemTypeUri(slug),
    title,
    status,
    detail: detail + more,
    ...(listed && listed.length > 0 ? { errors: listed } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function problemResponse(doc: ProblemDocument, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', PROBLEM_CONTENT_TYPE);
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(doc), { status: doc.status, headers: h });
}
