/**
 * Runs `step` until it succeeds; while it fails with an error `retryable` accepts and `deadline`
 * (epoch ms) has not passed, waits `pauseMs(attempt)` on a timer (attempt = 1, 2, …) — the event
 * loop serves other work meanwhile — and tries again. The last error goes up otherwise.
 */
export async function retryWhile<T>(
  step: () => T | Promise<T>,
  retryable: (err: unknown) => boolean,
  deadline: number,
  pauseMs: (attempt: number) => number,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!retryable(err) || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, pauseMs(attempt)));
    }
  }
}
