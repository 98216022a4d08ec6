/**
 * Time as the live adapters see it: injected so that tests never wait for real and backoff jitter is
 * reproducible. `systemClock` is the real one.
 */
export interface LiveClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), for backoff jitter. */
  random(): number;
}

export const systemClock: LiveClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};
