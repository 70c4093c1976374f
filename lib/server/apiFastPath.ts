import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PROBLEM_CONTENT_TYPE, problemDocument } from '../api/problem';
import { type PathHandlers, type RouteHandler, ROUTE_METHODS } from '../api/route';
import type { HeadersForPath } from './configHeaders';

/**
 * The production server's direct path to the API: a request whose path matches one of the API
 * routes is answered by that route's own handlers (the ones the Next.js route files export),
 * adapted from node:http to Web Request / Response here, without Next.js's request pipeline
 * (routing, rewrites, web-stream piping), which costs about 1 ms of CPU per request — most of
 * an API answer. What a client sees is the same: status, body, the route's headers, the
 * security headers of next.config.js, gzip when asked for, the x-forwarded-* headers Next.js
 * adds before calling a route. Anything else (pages, static files, server actions, a path no
 * route template matches exactly, such as a trailing slash) goes to Next.js unchanged.
 *
 * A streamed answer (a large batch of scores) is written as it is produced, gzipped on the fly
 * when asked for, at the pace the client reads it; when the client goes away the request's
 * abort signal fires and the answer's stream is cancelled, which stops the work behind it.
 */

interface CompiledRoute {
  readonly template: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handlers: PathHandlers;
}

export interface RouteMatch {
  readonly template: string;
  readonly handlers: PathHandlers;
  readonly params: Record<string, string>;
}

/** `/api/v1/applications/{id}/score` → a regex with one group per `{name}` (one path segment each). */
export function compileRoutes(routes: Readonly<Record<string, PathHandlers>>): CompiledRoute[] {
  return Object.entries(routes).map(([template, handlers]) => {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment);
        if (param) {
          names.push(param[1]);
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { template, pattern: new RegExp(`^${source}$`), names, handlers };
  });
}

/** The route a pathname matches exactly, with its decoded parameters; undefined otherwise (or when a parameter is not valid percent-encoding). */
export function matchRoute(routes: readonly CompiledRoute[], pathname: string): RouteMatch | undefined {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
    } catch {
      return undefined;
    }
    return { template: route.template, handlers: route.handlers, params };
  }
  return undefined;
}

/** Whether an Accept-Encoding header accepts gzip (explicitly or through `*`, with a non-zero quality). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (name.trim() === 'gzip') gzip = q;
    else if (name.trim() === '*') star = q;
  }
  return (gzip ?? star ?? 0) > 0;
}

/** Bodies at least this long are gzipped for a client that accepts it (the threshold of Next.js's compression). */
export const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(application\/(json|problem\+json|[a-z0-9.+-]+\+json)|text\/)/i;
const gzip = promisify(zlib.gzip);

const FORWARDING_HEADER = /^(x-forwarded-|forwarded$)/i;
const FORWARDING_NAMES = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'] as const;

/** Methods a fetch Request cannot carry (the Fetch standard forbids them); their request object is built as GET and then says its real method. */
const FORBIDDEN_FETCH_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export interface ApiFastPathOptions {
  readonly routes: Readonly<Record<string, PathHandlers>>;
  readonly headersFor: HeadersForPath;
  /** The port the server listens on (x-forwarded-port when the client sent none, as Next.js does). */
  readonly port: number;
}

/** Returns a function that answers `req` and returns true when it is an API route request, or returns false (and touches nothing) otherwise. */
export function createApiFastPath(options: ApiFastPathOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes = compileRoutes(options.routes);
  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/')) return false;
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const match = matchRoute(routes, pathname);
    if (!match) return false;
    let built: ReturnType<typeof webRequest>;
    const aborter = new AbortController();
    try {
      built = webRequest(req, url, options.port, aborter.signal);
    } catch {
      return false; // a request fetch cannot represent (e.g. an unusual Host): Next.js answers it
    }
    // The client went away before the whole answer was written: whatever computes it stops.
    res.once('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    const { discardBody } = built;
    // Whatever part of the body the handler left unread is drained once the answer is sent.
    if (discardBody) res.once('finish', () => req.readableEnded || discardBody());
    void answer(req, res, built.request, match, pathname, options.headersFor);
    return true;
  };
}

function webRequest(req: IncomingMessage, url: string, port: number, signal: AbortSignal): { request: Request; discardBody?: () => void } {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // The forwarding headers are taken from req.headers, where lib/server/clientAddress.ts has
    // already replaced or dropped what an untrusted peer sent.
    if (!FORWARDING_HEADER.test(raw[i])) headers.append(raw[i], raw[i + 1]);
  }
  for (const name of FORWARDING_NAMES) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  // The x-forwarded-* headers Next.js adds before it calls a route (base-server.js), so that a
  // handler sees the same request whichever server called it.
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = headers.get('x-forwarded-proto');
  const https = proto !== null ? proto === 'https' : encrypted;
  if (!headers.has('x-forwarded-host') && req.headers.host) headers.set('x-forwarded-host', req.headers.host);
  if (!headers.has('x-forwarded-port')) headers.set('x-forwarded-port', String(port));
  if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', https ? 'https' : 'http');
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) headers.set('x-forwarded-for', req.socket.remoteAddress);
  const base = `${https ? 'https' : 'http'}://${req.headers.host ?? `localhost:${port}`}`;
  const forbidden = FORBIDDEN_FETCH_METHODS.has(method);
  const body = !forbidden && method !== 'GET' && method !== 'HEAD' ? bodyStream(req) : undefined;
  const init: RequestInit & { duplex?: 'half' } = {
    method: forbidden ? 'GET' : method,
    headers,
    signal,
    ...(body ? { body: body.stream, duplex: 'half' } : {}),
  };
  const request = new Request(new URL(url, base), init);
  if (forbidden) Object.defineProperty(request, 'method', { value: method });
  return { request, discardBody: body?.discard };
}

/**
 * The request body as a web stream that reads the socket only as fast as the handler does. When
 * the handler stops early (a body over its limit) or never reads it, `discard` reads the rest and
 * drops it instead of destroying the socket, as Node.js does for an unread body: the client gets
 * its 413 rather than a connection reset, and the connection stays usable.
 */
function bodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; discard: () => void } {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onData = (chunk: Buffer) => {
    controller?.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller?.desiredSize ?? 0) <= 0) req.pause();
  };
  const discard = () => {
    if (controller === undefined) return;
    controller = undefined;
    req.off('data', onData);
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      req.pause();
      req.on('data', onData);
      req.once('end', () => controller?.close());
      req.once('error', (err) => controller?.error(err));
    },
    pull() {
      req.resume();
    },
    cancel() {
      discard();
    },
  });
  return { stream, discard };
}

function handlerFor(handlers: PathHandlers, method: string): RouteHandler {
  if (method === 'HEAD') return handlers.GET; // as Next.js: HEAD runs GET, the body is not sent
  if (method === 'OPTIONS') return handlers.OPTIONS;
  const known = (ROUTE_METHODS as readonly string[]).includes(method);
  return known ? handlers[method as (typeof ROUTE_METHODS)[number]] : handlers.otherMethod;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  request: Request,
  match: RouteMatch,
  pathname: string,
  headersFor: HeadersForPath,
): Promise<void> {
  const method = request.method;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const response = await handlerFor(match.handlers, method)(request, { params: Promise.resolve(match.params) });
    res.statusCode = response.status;
    for (const [name, value] of headersFor(pathname)) res.setHeader(name, value);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    const compressible = COMPRESSIBLE.test(response.headers.get('content-type') ?? '');
    if (compressible) res.setHeader('vary', 'Accept-Encoding');
    if (method === 'HEAD' || response.body === null) {
      void response.body?.cancel();
      res.end();
      return;
    }
    reader = response.body.getReader();
    const first = await reader.read();
    const second = first.done ? first : await reader.read();
    if (second.done) {
      // The whole answer came at once (the usual case): one write with its Content-Length.
      let body: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value.buffer, first.value.byteOffset, first.value.byteLength);
      if (compressible && body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
        body = await gzip(body);
        res.setHeader('content-encoding', 'gzip');
      }
      res.setHeader('content-length', body.length);
      res.end(body);
      return;
    }
    await streamBody(res, reader, [first.value as Uint8Array, second.value], compressible && acceptsGzip(req.headers['accept-encoding']));
  } catch {
    void reader?.cancel().catch(() => undefined);
    // Route handlers answer every failure with a problem document themselves; this only guards
    // the adaptation (a client that went away mid-body, a stream that failed). Never a stack trace.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const doc = problemDocument('internal-error', 'The server failed to answer this request.');
    res.statusCode = doc.status;
    for (const [name, value] of headersFor(pathname)) res.setHeader(name, value);
    res.setHeader('content-type', PROBLEM_CONTENT_TYPE);
    res.end(JSON.stringify(doc));
  }
}

/**
 * Writes a streamed answer chunk by chunk (chunked transfer encoding), through gzip when the
 * client accepts it, waiting for the socket to drain before reading on: the producer works at
 * the client's pace. A client that goes away cancels the stream (its producer's cancel runs).
 */
async function streamBody(
  res: ServerResponse,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  head: readonly Uint8Array[],
  gzipIt: boolean,
): Promise<void> {
  let gone = false;
  const onClose = () => {
    if (res.writableFinished) return;
    gone = true;
    void reader.cancel().catch(() => undefined);
  };
  res.once('close', onClose);
  const gz = gzipIt ? zlib.createGzip() : undefined;
  if (gz) {
    res.setHeader('content-encoding', 'gzip');
    gz.pipe(res);
    gz.once('error', () => res.destroy());
  }
  const sink = gz ?? res;
  const write = async (chunk: Uint8Array) => {
    if (sink.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        sink.off('drain', done);
        res.off('close', done);
        resolve();
      };
      sink.once('drain', done);
      res.once('close', done);
    });
  };
  try {
    for (const chunk of head) await write(chunk);
    for (;;) {
      if (gone) return;
      const next = await reader.read();
      if (next.done) break;
      await write(next.value);
    }
    sink.end();
  } catch {
    if (!gone) res.destroy();
  } finally {
    res.off('close', onClose);
  }
}
