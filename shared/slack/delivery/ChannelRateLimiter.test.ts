import { describe, expect, it } from 'vitest';
import { ChannelRateLimiter } from './ChannelRateLimiter.ts';

/** Virtual time: sleep advances the clock. */
function virtualClock() {
  const clock = { t: 0, slept: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
}

describe('ChannelRateLimiter', () => {
  it('lets one post a second through per channel, queuing the rest in order', async () => {
    const { clock, now, sleep } = virtualClock();
    const limiter = new ChannelRateLimiter({ now, sleep });
    const order: [string, number][] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => limiter.acquire('C0123ABCD').then(() => order.push([name, clock.t]))));
    expect(order).toEqual([
      ['a', 0],
      ['b', 1000],
      ['c', 2000],
      ['d', 3000],
    ]);
  });

  it('keeps channels apart', async () => {
    const { clock, now, sleep } = virtualClock();
    const limiter = new ChannelRateLimiter({ now, sleep });
    await limiter.acquire('C1');
    await limiter.acquire('C2');
    expect(clock.t).toBe(0);
    await limiter.acquire('C1');
    expect(clock.t).toBe(1000);
  });

  it('allows a burst, then refills with time', async () => {
    const { clock, now, sleep } = virtualClock();
    const limiter = new ChannelRateLimiter({ now, sleep, burst: 3 });
    for (let i = 0; i < 3; i++) await limiter.acquire('C1');
    expect(clock.t).toBe(0);
    await limiter.acquire('C1');
    expect(clock.t).toBe(1000);
    clock.t += 5000; // idle: the bucket fills up to the burst again, not beyond
    for (let i = 0; i < 3; i++) await limiter.acquire('C1');
    expect(clock.slept).toEqual([1000]);
    await limiter.acquire('C1');
    expect(clock.slept).toEqual([1000, 1000]);
  });

  it('never drops a caller, even when a wait fails', async () => {
    const { now } = virtualClock();
    let calls = 0;
    const limiter = new ChannelRateLimiter({
      now,
      sleep: async () => {
        calls += 1;
        if (calls === 1) throw new Error('timer failed');
      },
    });
    await limiter.acquire('C1');
    await expect(limiter.acquire('C1')).rejects.toThrow('timer failed');
    await expect(limiter.acquire('C1')).resolves.toBeUndefined();
  });
});
