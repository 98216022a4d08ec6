import { describe, expect, it, vi } from 'vitest';
import { ProgressLine, formatElapsed } from '../../cli/progressLine.ts';

describe('ProgressLine', () => {
  it('rewrites one line in place with the step, the queries and the elapsed time, and ticks the time on', () => {
    vi.useFakeTimers();
    try {
      const written: string[] = [];
      let now = 0;
      const line = new ProgressLine({ write: (t) => void written.push(t), now: () => now, tickMs: 1000 });
      line.update({ step: 'failing requests: one Logs Insights query', queriesRunning: 1, queriesStarted: 1, elapsedMs: 2_000 });
      expect(written.at(-1)).toMatch(/^\r\u001b\[K. failing requests: one Logs Insights query — 1 query running, 1 Logs Insights query so far — 2 s$/);
      now = 61_000;
      vi.advanceTimersByTime(1000);
      expect(written.at(-1)).toMatch(/— 1 min 03 s$/);
      line.stop();
      expect(written.at(-1)).toBe('\r\u001b[K');
      const count = written.length;
      vi.advanceTimersByTime(5000);
      expect(written).toHaveLength(count);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fits the terminal, and writes nothing when nothing happened', () => {
    const written: string[] = [];
    const line = new ProgressLine({ write: (t) => void written.push(t), tickMs: 0, columns: 40 });
    line.stop();
    expect(written).toEqual([]);
    line.update({ step: 'correlation: execution lines, Lambda lines and traces of the sample', queriesRunning: 0, queriesStarted: 3, elapsedMs: 0 });
    expect(line.render()).toHaveLength(39);
    expect(line.render().endsWith('…')).toBe(true);
  });

  it('formats elapsed time', () => {
    expect([0, 999, 59_999, 60_000, 3_725_000].map(formatElapsed)).toEqual(['0 s', '0 s', '59 s', '1 min 00 s', '62 min 05 s']);
  });
});
