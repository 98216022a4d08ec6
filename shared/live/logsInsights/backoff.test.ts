import { describe, expect, it } from 'vitest';
import { backoffDelay, pollDelay } from './backoff.ts';
import { ConcurrencyLimit } from './concurrencyLimit.ts';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, capMs: 30_000 };

  it('doubles per attempt, half fixed and half jitter, up to the cap', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(6_000);
    expect(backoffDelay(10, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(15_000);
  });

  it('stays in range whatever the random source says', () => {
    expect(backoffDelay(2, policy, () => 7)).toBe(4_000);
    expect(backoffDelay(2, policy, () => -3)).toBe(2_000);
  });
});

describe('pollDelay', () => {
  it('goes 250, 500, 1000, 2000 and stays at 2000', () => {
    const policy = { baseMs: 250, capMs: 2_000 };
    expect([0, 1, 2, 3, 4, 9].map((poll) => pollDelay(poll, policy))).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000]);
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once and the rest in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      limit.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            releases.push(() => resolve(i));
          }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(limit.queued).toBe(2);
    releases[0]?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    releases[1]?.();
    releases[2]?.();
    await new Promise((resolve) => setImmediate(resolve));
    releases[3]?.();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3]);
    expect(limit.peak).toBe(2);
    expect(limit.active).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(() => Promise.resolve('next'))).toBe('next');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
