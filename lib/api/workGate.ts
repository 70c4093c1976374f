import { ApiError } from './errors';
import { ClientGoneError } from './work';

/**
 * A per-process gate for heavy requests: at most `concurrency` run at once, at most `queueLimit`
 * wait behind them (first come, first served), and any further one is answered 503 with
 * Retry-After at once — as is one that has waited `maxWaitMs` (a queued request's body is not read
 * yet, and the server's 30 s deadline for receiving a request would otherwise cut it with a 408).
 * A waiting request whose client goes away leaves the queue. The CPU-bound
 * work of one process is thus a few requests at a time, however many arrive, and the light ones
 * (health, a stored score) are served between their slices.
 */

interface Waiter {
  readonly resolve: (release: () => void) => void;
}

export class WorkGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
    readonly maxWaitMs: number = 20_000,
  ) {
    if (!(concurrency >= 1) || !(queueLimit >= 0)) throw new Error('concurrency must be ≥ 1 and the queue limit ≥ 0');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for a slot; resolves with the function that gives it back (idempotent). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new ClientGoneError());
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queueLimit) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const leave = (err: unknown) => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      };
      const onAbort = () => leave(new ClientGoneError());
      const timer = setTimeout(() => leave(this.busy()), this.maxWaitMs);
      const waiter: Waiter = {
        resolve: (release) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private busy(): ApiError {
    return new ApiError('service-unavailable', 'The server is computing as many heavy requests as it takes at once; retry shortly.', undefined, {
      'retry-after': String(this.retryAfterSeconds()),
    });
  }

  /** A rough wait: one second per round of requests ahead (at least 1 s). */
  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.waiting.length + this.running) / this.concurrency));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next.resolve(this.releaser()); // the slot passes straight to the next request
      else this.running--;
    };
  }
}
