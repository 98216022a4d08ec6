import type { Rng } from './rng.ts';

/** One execution environment of a function: one log stream, one invocation at a time. */
export interface Environment {
  stream: string;
  /** When its current invocation ends. */
  freeAt: number;
  /** After this it takes no more invocations (Lambda recycles environments). */
  retireAt: number;
}

/** `2026/03/10/[$LATEST]36c0a4e1233bad069532c0434c234a7f`: the stream of one environment. */
function streamName(rng: Rng, time: number): string {
  const day = new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${rng.hex(32)}`;
}

/**
 * The environments of one function: an invocation takes a warm, idle one or starts a new one
 * (a cold start, with INIT_START and an Init Duration). Many streams, each in time order.
 */
export class EnvironmentPool {
  private environments: Environment[] = [];

  constructor(private readonly rng: Rng) {}

  acquire(time: number): { environment: Environment; cold: boolean } {
    this.environments = this.environments.filter((e) => e.retireAt > time || e.freeAt > time);
    const idle = this.environments.find((e) => e.freeAt <= time && e.retireAt > time);
    if (idle) return { environment: idle, cold: false };
    const environment: Environment = { stream: streamName(this.rng, time), freeAt: time, retireAt: time + this.rng.between(4, 20) * 60_000 };
    this.environments.push(environment);
    return { environment, cold: true };
  }
}
