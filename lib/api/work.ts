/**
 * Bounded work inside one request: long loops run in slices of a few milliseconds, yielding to
 * the event loop between them (other requests keep their latency), and stop as soon as the
 * request's abort signal fires (the client went away).
 */

/** Thrown when the client that asked for the work has gone; nobody reads the answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientGoneError';
  }
}

export function isClientGone(err: unknown): boolean {
  return err instanceof ClientGoneError || (err instanceof Error && err.name === 'AbortError');
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ClientGoneError();
}

/** Work done between two yields to the event loop. */
export const SLICE_MS = 8;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkSlicer {
  private sliceStart = performance.now();

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly sliceMs: number = SLICE_MS,
  ) {}

  /** Yields once the current slice has run `sliceMs`; throws ClientGoneError once the client is gone. */
  async maybeYield(): Promise<void> {
    checkAborted(this.signal);
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await nextMacrotask();
    checkAborted(this.signal);
    this.sliceStart = performance.now();
  }
}
