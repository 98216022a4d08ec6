import { describe, expect, it } from 'vitest';
import { VirtualTime } from './virtualTime.ts';

describe('VirtualTime', () => {
  it('parallel waits overlap and sequential ones add, without waiting for real', async () => {
    const clock = new VirtualTime(1_000);
    const started = performance.now();
    const result = await clock.run(async () => {
      await Promise.all([clock.sleep(3_000), clock.sleep(3_000).then(() => clock.sleep(100))]);
      await clock.sleep(3_000);
      return clock.now();
    });
    expect(result).toBe(1_000 + 3_100 + 3_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('wakes timers of the same instant in the order they were set, and passes a failure on', async () => {
    const clock = new VirtualTime();
    const order: string[] = [];
    await clock.run(async () => {
      await Promise.all([clock.sleep(5).then(() => order.push('a')), clock.sleep(5).then(() => order.push('b')), clock.sleep(1).then(() => order.push('c'))]);
    });
    expect(order).toEqual(['c', 'a', 'b']);
    await expect(
      clock.run(async () => {
        await clock.sleep(10);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
