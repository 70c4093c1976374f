import crypto from 'node:crypto';
import { z } from 'zod';
import { logAccess, logUnexpectedError } from './accessLog';
import { authenticate, authorize, type Caller, clientAddress } from './auth';
import { acceptedMediaType, type BodyMediaType, checkDeclaredLength, parseJsonText, readBodyText } from './body';
import { apiConfig, type RateLimitConfig } from './config';
import { ApiError, invalidParameters, validationFailed } from './errors';
import { zodIssuesToProblems } from './fieldErrors';
import type { Handler, Operation } from './operation';
import { problemDocument, problemResponse, type ProblemSlug } from './problem';
import { type RateDecision, TokenBucketLimiter } from './rateLimit';
import { isClientGone, WorkSlicer } from './work';
import { WorkGate } from './workGate';

/**
 * Route wrapper: turns operations and their handlers into Next.js route handlers that
 * authenticate, rate-limit, check the media type and size of the body, parse and validate
 * path, query and body against the operation's schemas, call the handler, and answer any
 * failure with a problem document — a stack trace never leaves the process. Every response
 * carries X-Request-Id and the rate-limit headers; every request writes one access-log line.
 */

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number] | 'OPTIONS';

export interface RouteContext {
  readonly params: Promise<Record<string, string | string[] | undefined>>;
}
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;
export type RouteHandlers = Record<RouteMethod, RouteHandler>;
/** The handlers of one path, plus the answer to any other method (TRACE, PROPFIND…). */
export interface PathHandlers extends RouteHandlers {
  readonly otherMethod: RouteHandler;
}

export interface BoundOperation<P extends Operation['path'] = Operation['path']> {
  readonly operation: Operation & { readonly path: P };
  readonly handler: Handler<Operation>;
}

/** Binds a handler to its operation (type-checked against the operation's schemas). */
export function handle<O extends Operation>(operation: O, handler: Handler<O>): BoundOperation<O['path']> {
  return { operation, handler: handler as unknown as Handler<Operation> };
}

// --- per-process state (kept on globalThis: route bundles may each hold a copy of this module) ---

interface ApiState {
  limiter?: { config: RateLimitConfig; limiter: TokenBucketLimiter };
  gate?: { key: string; gate: WorkGate };
}
const state: ApiState = ((globalThis as unknown as { __apiState?: ApiState }).__apiState ??= {});

function limiterFor(config: RateLimitConfig | undefined): TokenBucketLimiter | undefined {
  if (!config) return undefined;
  if (state.limiter?.config !== config) {
    state.limiter = { config, limiter: new TokenBucketLimiter(config.ratePerSecond, config.burst) };
  }
  return state.limiter.limiter;
}

/** The process's gate for heavy operations (rebuilt if its configuration changes, as in tests). */
function workGate(): WorkGate {
  const { heavyConcurrency, heavyQueue } = apiConfig();
  const key = `${heavyConcurrency}/${heavyQueue}`;
  if (state.gate?.key !== key) state.gate = { key, gate: new WorkGate(heavyConcurrency, heavyQueue) };
  return state.gate.gate;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const NO_QUERY = z.strictObject({});

function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given !== null && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

function rateHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
}

// --- parsing helpers ---

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodIssuesToProblems(result.error.issues, where).map((p) =>
    p.message === 'unknown field' ? { ...p, message: 'unknown parameter' } : p,
  );
  throw invalidParameters(problems);
}

/** Query string as an object: one value per name as a string, a repeated name as an array of strings. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

interface ReadBody {
  readonly value: unknown;
  readonly type: BodyMediaType;
  /** The schema still to validate the value against (undefined when the reader validated it). */
  readonly schema: z.ZodType | undefined;
}

async function readBody(operation: Operation, request: Request, query: unknown): Promise<ReadBody> {
  const spec = operation.body;
  if (!spec) throw new Error('readBody without a body spec');
  const accepted: BodyMediaType[] = [];
  if (spec.json) accepted.push('application/json');
  if (spec.csv) accepted.push('text/csv');
  const type = acceptedMediaType(request.headers.get('content-type'), accepted);
  if (type === 'text/csv' && spec.csv) {
    checkDeclaredLength(request, spec.csv.maxBytes);
    const value = await spec.csv.read(request.body, { maxBytes: spec.csv.maxBytes, query, signal: request.signal });
    return { value, type, schema: spec.csv.validates ? undefined : (spec.csv.schema ?? spec.schema) };
  }
  const text = await readBodyText(request, spec.json?.maxBytes ?? 0);
  return { value: parseJsonText(text), type, schema: spec.schema };
}

/** Array bodies up to this length are validated in one go. */
export const VALIDATION_SLICE = 500;

/**
 * Validates a body (422 with every invalid field). A large array is validated item by item in
 * slices, letting other requests run in between, with its length bounds checked first.
 */
export async function validateBody(schema: z.ZodType, value: unknown, signal?: AbortSignal): Promise<unknown> {
  if (!(schema instanceof z.ZodArray) || !Array.isArray(value) || value.length <= VALIDATION_SLICE) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw validationFailed(zodIssuesToProblems(parsed.error.issues));
    return parsed.data;
  }
  let maximum: number | undefined;
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { check?: string; maximum?: number };
    if (def.check === 'max_length') maximum = def.maximum;
  }
  if (maximum !== undefined && value.length > maximum) {
    throw validationFailed([{ path: 'body', message: `at most ${maximum} items` }]);
  }
  const element = schema.element as z.ZodType;
  const out: unknown[] = new Array(value.length);
  const issues: z.core.$ZodIssue[] = [];
  const slicer = new WorkSlicer(signal);
  for (let i = 0; i < value.length && issues.length < 1000; i++) {
    const r = element.safeParse(value[i]);
    if (r.success) out[i] = r.data;
    else for (const issue of r.error.issues) issues.push({ ...issue, path: [i, ...issue.path] } as z.core.$ZodIssue);
    await slicer.maybeYield();
  }
  if (issues.length > 0) throw validationFailed(zodIssuesToProblems(issues));
  return out;
}

// --- the wrapper ---

interface Outcome {
  response: Response;
  problem?: ProblemSlug | 'client-closed';
}

/** Status logged for a request whose client went away before its answer (nginx's convention). */
export const CLIENT_CLOSED_STATUS = 499;

function problemOutcome(err: unknown, requestId: string, route: string): Outcome {
  if (isClientGone(err)) return { response: new Response(null, { status: CLIENT_CLOSED_STATUS }), problem: 'client-closed' };
  if (err instanceof ApiError) {
    return {
      response: problemResponse(problemDocument(err.slug, err.message, err.errors, requestId), err.headers),
      problem: err.slug,
    };
  }
  logUnexpectedError(err, route, requestId);
  return {
    response: problemResponse(
      problemDocument('internal-error', 'The server failed to answer this request; it has been logged under the request id.', undefined, requestId),
    ),
    problem: 'internal-error',
  };
}

function jsonResponse(value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Applies auth and rate limits; returns the caller and the rate-limit decision (if limiting is on). */
function admit(operation: Operation, headers: Headers): { caller: Caller; rate: RateDecision | undefined } {
  const config = apiConfig();
  const limiter = limiterFor(config.rateLimit);
  let caller: Caller;
  try {
    caller = authenticate(headers, config.keys);
  } catch (err) {
    // Failed authentications are limited per address too, so keys cannot be guessed at full speed.
    const rate = limiter?.take(`ip:${clientAddress(headers)}`);
    if (rate && !rate.allowed) throw rateLimited(rate);
    throw err;
  }
  const rate = limiter?.take(caller.id);
  if (rate && !rate.allowed) throw rateLimited(rate);
  authorize(caller, operation.scope);
  return { caller, rate };
}

function rateLimited(rate: RateDecision): ApiError {
  return new ApiError('rate-limited', `Rate limit exceeded; retry in ${rate.retryAfterSeconds} s.`, undefined, {
    'retry-after': String(rate.retryAfterSeconds),
    ...rateHeaders(rate),
  });
}

async function runOperation(bound: BoundOperation, request: Request, context: RouteContext): Promise<Response> {
  const started = performance.now();
  const { operation, handler } = bound;
  const requestId = requestIdOf(request.headers);
  const signal = request.signal;
  let outcome: Outcome;
  let rate: RateDecision | undefined;
  let client: string | undefined;
  let release: (() => void) | undefined;
  try {
    const admitted = admit(operation, request.headers);
    rate = admitted.rate;
    if (admitted.caller.id.startsWith('key:')) client = admitted.caller.id;
    const params = operation.params ? parseWith(operation.params, await context.params, 'path') : undefined;
    // A route without query parameters still refuses unknown ones (a typo must not pass silently).
    const query = parseWith(operation.query ?? NO_QUERY, queryObject(new URL(request.url)), 'query');
    // A heavy request waits for its slot before its body is read: a queued body stays in the socket.
    if (operation.heavy) release = await workGate().acquire(signal);
    let body: unknown;
    let bodyType: BodyMediaType | undefined;
    if (operation.body) {
      const read = await readBody(operation, request, query);
      body = read.schema ? await validateBody(read.schema, read.value, signal) : read.value;
      bodyType = read.type;
    }
    const holdWorkSlot = () => {
      const held = release ?? (() => undefined);
      release = undefined;
      return held;
    };
    const result = await handler({ params, query, body, bodyType, request, caller: admitted.caller, signal, holdWorkSlot } as never);
    outcome = { response: result instanceof Response ? result : jsonResponse(result) };
  } catch (err) {
    outcome = problemOutcome(err, requestId, operation.path);
  } finally {
    release?.();
  }
  return finish(outcome, request.method, operation.path, started, requestId, rate, client);
}

function finish(
  outcome: Outcome,
  method: string,
  route: string,
  started: number,
  requestId: string,
  rate: RateDecision | undefined,
  client: string | undefined,
): Response {
  const { response } = outcome;
  response.headers.set('x-request-id', requestId);
  if (rate && !response.headers.has('ratelimit-limit')) {
    for (const [name, value] of Object.entries(rateHeaders(rate))) response.headers.set(name, value);
  }
  if (apiConfig().accessLog) {
    logAccess({ method, route, status: response.status, ms: performance.now() - started, requestId, client, problem: outcome.problem });
  }
  return response;
}

/** A response that is a problem from the start (unknown path, method not allowed), still logged and identified. */
export function problemRoute(route: string, slug: ProblemSlug, detail: (request: Request) => string, headers?: Record<string, string>): RouteHandler {
  return async (request) => {
    const started = performance.now();
    const requestId = requestIdOf(request.headers);
    const error = new ApiError(slug, detail(request), undefined, headers);
    return finish(problemOutcome(error, requestId, route), request.method, route, started, requestId, undefined, undefined);
  };
}

/**
 * The Next.js handlers of one path: each bound operation under its method, every other method
 * answered with 405 and the Allow header (HEAD and OPTIONS are implemented by Next.js from GET).
 */
export function apiRoute(...bound: BoundOperation[]): PathHandlers {
  const path = bound[0]?.operation.path;
  if (!path || bound.some((b) => b.operation.path !== path)) throw new Error('apiRoute: operations of one path expected');
  const methods = bound.map((b) => b.operation.method);
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed = problemRoute(
    path,
    'method-not-allowed',
    (r) => `${safeMethod(r.method)} is not allowed on ${path}; use ${methods.join(' or ')}.`,
    {
      allow,
    },
  );
  const out = { otherMethod: notAllowed } as { -readonly [K in keyof PathHandlers]: PathHandlers[K] };
  for (const method of ROUTE_METHODS) {
    const b = bound.find((x) => x.operation.method === method);
    out[method] = b ? (request, context) => runOperation(b, request, context) : notAllowed;
  }
  // OPTIONS answers with the methods the path really has (Next.js's own would list every exported one).
  out.OPTIONS = async () => new Response(null, { status: 204, headers: { allow, 'cache-control': 'no-store' } });
  return out;
}

/** The handlers of each path that bound operations declare, keyed by its template. */
export type RouteTable<B extends readonly BoundOperation[]> = Record<B[number]['operation']['path'], PathHandlers>;

/** The route table of bound operations: those of one path share its handlers, the paths in the order they first come. */
export function routeTable<const B extends readonly BoundOperation[]>(...bound: B): RouteTable<B> {
  const byPath = new Map<string, BoundOperation[]>();
  for (const b of bound) byPath.set(b.operation.path, [...(byPath.get(b.operation.path) ?? []), b]);
  return Object.fromEntries([...byPath].map(([path, operations]) => [path, apiRoute(...operations)])) as RouteTable<B>;
}

function safeMethod(method: string): string {
  return /^[A-Z]{1,10}$/.test(method) ? method : 'This method';
}
