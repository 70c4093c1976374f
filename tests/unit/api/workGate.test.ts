import { ApiError } from '@/lib/api/errors';
import { ClientGoneError, WorkSlicer } from '@/lib/api/work';
import { WorkGate } from '@/lib/api/workGate';

describe('heavy-work gate', () => {
  test('at most `concurrency` at once, a bounded FIFO queue, 503 with Retry-After beyond it', async () => {
    const gate = new WorkGate(2, 2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => (order.push('c'), release));
    const d = gate.acquire().then((release) => (order.push('d'), release));
    expect([gate.active, gate.queued]).toEqual([2, 2]);
    const refused = await gate.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).slug).toBe('service-unavailable');
    expect(Number((refused as ApiError).headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    a();
    a(); // releasing twice gives back one slot only
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect([gate.active, gate.queued]).toEqual([2, 1]);
    b();
    const releaseD = await d;
    expect(order).toEqual(['c', 'd']);
    releaseC();
    releaseD();
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  test('a waiting request whose client goes away leaves the queue', async () => {
    const gate = new WorkGate(1, 4);
    const first = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    expect(gate.queued).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ClientGoneError);
    expect(gate.queued).toBe(0);
    first();
    expect(gate.active).toBe(0);
  });
});

test('a request that has waited too long is answered 503 rather than left to the request deadline', async () => {
  const gate = new WorkGate(1, 4, 30);
  const first = await gate.acquire();
  const late = await gate.acquire().catch((e: unknown) => e);
  expect((late as ApiError).slug).toBe('service-unavailable');
  expect(gate.queued).toBe(0);
  first();
  expect(gate.active).toBe(0);
});

describe('work slicer', () => {
  test('yields to the event loop once a slice has run its time, and stops once aborted', async () => {
    const controller = new AbortController();
    const slicer = new WorkSlicer(controller.signal, 0);
    let ticked = false;
    setImmediate(() => (ticked = true));
    await slicer.maybeYield();
    expect(ticked).toBe(true);
    controller.abort();
    await expect(slicer.maybeYield()).rejects.toBeInstanceOf(ClientGoneError);
  });
});
