/**
 * Structured JSON access log: one line per request on stdout with the method, the route
 * *template* (never the concrete path, which may hold a client id), the status, the latency
 * and the request id. Query strings, bodies and client values are never written.
 */

export interface AccessEntry {
  readonly method: string;
  /** Route template, e.g. `/api/v1/applications/{id}/score`. */
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly requestId: string;
  /** `key:<8 hex>` when API keys are configured; absent otherwise. */
  readonly client?: string;
  /** Problem type slug for error responses. */
  readonly problem?: string;
}

export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => {
  process.stdout.write(line);
};

let sink: LogSink = stdoutSink;

/** Tests capture the log by swapping the sink; returns a function restoring the previous one. */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

export function logAccess(entry: AccessEntry): void {
  sink(
    `${JSON.stringify({
      ts: new Date().toISOString(),
      level: entry.status >= 500 ? 'error' : 'info',
      msg: 'access',
      method: entry.method,
      route: entry.route,
      status: entry.status,
      ms: Math.round(entry.ms * 100) / 100,
      requestId: entry.requestId,
      ...(entry.client ? { client: entry.client } : {}),
      ...(entry.problem ? { problem: entry.problem } : {}),
    })}\n`,
  );
}

/**
 * An unexpected error: its class and stack frames go to the log so it can be fixed; its message
 * is left out in production because it might quote a client value.
 */
export function logUnexpectedError(err: unknown, route: string, requestId: string): void {
  const e = err instanceof Error ? err : new Error(typeof err);
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 12)
    .map((l) => l.trim());
  sink(
    `${JSON.stringify({
      ts: new Date().toISOString(),
      level: 'error',
      msg: 'unexpected error',
      route,
      requestId,
      error: e.name,
      ...(process.env.NODE_ENV !== 'production' ? { message: e.message } : {}),
      frames,
    })}\n`,
  );
}
