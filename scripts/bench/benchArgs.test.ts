import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENTS, parseBenchArgs } from './benchArgs.ts';

describe('parseBenchArgs', () => {
  it('defaults to two million events, three runs, a temporary bundle that is removed', () => {
    expect(parseBenchArgs([])).toEqual({ events: DEFAULT_EVENTS, keep: false, seed: 20260310, runs: 3 });
  });

  it('reads every option', () => {
    expect(parseBenchArgs(['--events', '500_000', '--keep', '--runs', '1', '--seed', '7', '--dir', '/tmp/b', '--cpu-prof', 'prof'])).toEqual({
      events: 500_000,
      keep: true,
      runs: 1,
      seed: 7,
      dir: '/tmp/b',
      cpuProfDir: 'prof',
    });
  });

  it('refuses what it does not know or cannot use', () => {
    expect(() => parseBenchArgs(['--events', 'many'])).toThrow(/--events/);
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(/--runs/);
    expect(() => parseBenchArgs(['--events'])).toThrow(/needs a value/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument/);
  });
});
