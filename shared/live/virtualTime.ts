import type { LiveClock } from './liveClock.ts';

/**
 * Benchmark and test support: a clock whose time moves only when everything that can run has run. `sleep(ms)`
 * registers a timer; `run(task)` lets the event loop settle (microtasks and immediates), then jumps to the earliest
 * timer and wakes it, until the task ends. Simulated latencies (3 s per Logs Insights query, 100 ms per call) then
 * add up exactly as on the wire — parallel waits overlap, sequential ones add — without waiting for real, and the
 * CPU time of the code itself counts as zero.
 */
export class VirtualTime implements LiveClock {
  private time: number;
  private sequence = 0;
  private readonly timers: { at: number; sequence: number; wake: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now = (): number => this.time;

  sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.timers.push({ at: this.time + Math.max(0, Number.isFinite(ms) ? ms : 0), sequence: this.sequence++, wake });
    });

  random = (): number => 0.5;

  /** Runs `task` to its end, moving time forward whenever nothing else can run. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    let settled = false;
    const promise = task().finally(() => {
      settled = true;
    });
    promise.catch(() => undefined);
    while (!settled) {
      // A few turns of the loop, so that chains of immediates (and the SDK's middleware) finish first.
      for (let turn = 0; turn < 4 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      if (this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
      const next = this.timers.shift();
      if (!next) continue;
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
    return promise;
  }
}
