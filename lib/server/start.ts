/**
 * npm start [-- -p PORT] [-- -H HOST] — the production server: Next.js (pages, static files,
 * server actions) behind a node:http server that answers the public API's routes directly with
 * their own handlers (lib/server/apiFastPath.ts). Needs a production build (`npm run build`).
 *
 * PORT (default 3000) or -p/--port; -H/--hostname (default: every interface, as `next start`).
 * API_FAST_PATH=off sends the API through Next.js too (same answers, ≈ 1 ms more CPU each).
 * SIGTERM / SIGINT stop accepting connections, let requests in flight finish (at most 10 s), exit.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { exitOnInvalidConfig } from '../config/env';
import { refuseServerAction } from './actionGuard';
import { applyClientAddress } from './clientAddress';

/**
 * Slow clients are cut off: the headers must arrive within 10 s and the whole request (body
 * included) within 30 s — then 408 and the connection closes; an idle keep-alive connection is
 * closed after 5 s. The deadlines are checked every second (Node.js's default is 30 s).
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies http.ServerOptions;

/** A small problem document (RFC 9457) for what the server refuses before any route runs. */
function problemBody(status: number, title: string, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title, status, detail });
}

function sendProblem(res: http.ServerResponse, status: number, title: string, detail: string): void {
  const body = problemBody(status, title, detail);
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(body);
}

/**
 * A connection the HTTP parser gave up on (a request over its deadline, malformed or oversized
 * headers): answered with a problem document when nothing was sent on it yet, then closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (socket.writable && (!pending || !pending.headersSent)) {
    const [status, title, detail] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request timeout', 'The request was not received in time (headers within 10 s, the whole request within 30 s).']
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request header fields too large', 'The request headers are too large.']
          : [400, 'Bad request', 'The request is not valid HTTP.'];
    const body = problemBody(status, title, detail);
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    setTimeout(() => socket.destroy(), 1_000).unref();
    return;
  }
  socket.destroy();
}

export interface ServerArgs {
  readonly port: number;
  readonly hostname: string | undefined;
}

/** `-p 8080`, `--port=8080`, `-H 0.0.0.0`, `--hostname 127.0.0.1`; PORT when no port option is given. */
export function parseServerArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerArgs {
  let port: string | undefined = env.PORT?.trim() || undefined;
  let hostname: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '-p' || flag === '--port') port = value();
    else if (flag === '-H' || flag === '--hostname') hostname = value();
    else throw new Error(`unknown option ${arg} (options: -p/--port, -H/--hostname)`);
  }
  const n = Number(port ?? 3000);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`the port must be an integer between 0 and 65535, got "${port}"`);
  return { port: n, hostname };
}

/**
 * Opens the decision store at start (its migrations run now, not on the first decision) and says
 * where it is; with no account yet, how to create the first one. A store that cannot be reached is
 * not fatal: pages read, decisions answer 503 until it is back.
 */
async function announceStore(): Promise<void> {
  const { sharedStore } = await import('../store/sharedStore');
  const { listAccounts } = await import('../accounts/accounts');
  try {
    const store = await sharedStore();
    const accounts = await listAccounts(store);
    const hint = accounts.length === 0 ? ' — no account yet: npm run users -- add <login> --role admin (reads the password on standard input)' : '';
    console.log(`[store] decisions kept in ${store.location}${hint}`);
  } catch (err) {
    console.log(
      `[store] unavailable at start (${err instanceof Error ? err.message : String(err)}): pages read, decisions answer 503 until it is reachable`,
    );
  }
}

async function main(): Promise<void> {
  // The configuration first: an invalid variable stops here with one `[config]` line and exit code 1, before Next.js loads.
  const config = exitOnInvalidConfig();
  // Before Next.js and the application modules are loaded (they read it when they load).
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const args = parseServerArgs(process.argv.slice(2), process.env);
  const dir = process.cwd();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir, hostname: args.hostname ?? 'localhost', port: args.port });
  const nextHandler = app.getRequestHandler();
  await app.prepare();

  const fastPathOn = config.apiFastPath;
  const { createApiFastPath } = await import('./apiFastPath');
  const { compileHeaderRules, loadConfigHeaderRules } = await import('./configHeaders');
  const { API_ROUTES } = await import('../api/routes');
  const server = http.createServer(SERVER_TIMEOUTS);
  server.maxConnections = config.serverMaxConnections;
  const fastPath = fastPathOn
    ? createApiFastPath({ routes: API_ROUTES, headersFor: compileHeaderRules(await loadConfigHeaderRules(dir)), port: args.port })
    : undefined;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    applyClientAddress(req.headers, req.socket.remoteAddress, config.trustedProxies);
    const refusal = refuseServerAction(req);
    if (refusal) {
      sendProblem(res, refusal.status, refusal.title, refusal.detail);
      return;
    }
    if (fastPath?.(req, res)) return;
    void nextHandler(req, res);
  });
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, args.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  console.log(`[server] ready on http://${args.hostname ?? 'localhost'}:${port} (API ${fastPathOn ? 'answered directly' : 'through Next.js'})`);
  void announceStore();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`[server] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
