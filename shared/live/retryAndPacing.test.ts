import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { backoffMs, withThrottlingRetry } from './retryThrottled.ts';
import { IntervalLimiter } from './rateLimiter.ts';
import { mapConcurrent } from './mapConcurrent.ts';
import { serviceError } from './answerInStack.ts';
import type { LiveClock } from './liveClock.ts';

function fakeClock(random = 0.5): LiveClock & { t: number; sleeps: number[] } {
  const c = { t: 0, sleeps: [] as number[], now: () => c.t, sleep: async (ms: number) => void (c.sleeps.push(ms), (c.t += ms)), random: () => random };
  return c;
}
const throttled = () => serviceError('ThrottlingException', 'Rate exceeded', 400);

describe('withThrottlingRetry', () => {
  it('retries throttling with growing, jittered waits and returns the first success', async () => {
    const clock = fakeClock(1);
    let calls = 0;
    const value = await withThrottlingRetry(async () => (++calls < 4 ? Promise.reject(throttled()) : 'ok'), { clock, baseMs: 100, capMs: 1000 });
    expect(value).toBe('ok');
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it('stops after the bounded number of attempts and rethrows', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(withThrottlingRetry(async () => (calls++, Promise.reject(throttled())), { clock, attempts: 3 })).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(withThrottlingRetry(async () => (calls++, Promise.reject(serviceError('AccessDeniedException', 'no', 403))), { clock })).rejects.toThrow('no');
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps every wait within [base/10, cap]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, base, cap, r) => {
        const wait = backoffMs(attempt, base, cap, r);
        return wait >= Math.round(base / 10) && wait <= Math.max(cap, Math.round(base / 10));
      }),
    );
  });
});

describe('IntervalLimiter', () => {
  it('reserves slots at least the interval apart for concurrent callers, in arrival order', async () => {
    const sleeps: number[] = [];
    const clock: LiveClock = { now: () => 10_000, sleep: async (ms) => void sleeps.push(ms), random: () => 0 };
    const limiter = new IntervalLimiter(500, clock);
    await Promise.all([1, 2, 3, 4].map(() => limiter.acquire()));
    // The first goes at once; the others wait for their slot: 500, 1000, 1500 ms from now.
    expect(sleeps).toEqual([500, 1000, 1500]);
  });

  it('does not wait when calls are already far apart', async () => {
    const clock = fakeClock();
    const limiter = new IntervalLimiter(500, clock);
    await limiter.acquire();
    clock.t += 2000;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });
});

describe('mapConcurrent', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
    expect(await mapConcurrent([], 3, async () => 1)).toEqual([]);
  });
});
