import { describe, expect, it } from 'vitest';
import { DEPLOY_MARK, NO_DATA, ONSET_MARK, SPARK_LEVELS, sparkline, sparklineChart } from './sparkline.ts';

const T0 = Date.parse('2026-03-10T13:40:00Z');
const minute = (n: number): number => T0 + n * 60_000;

describe('sparkline', () => {
  it('draws zero as the baseline, the largest value as a full block and any error above the baseline', () => {
    expect(sparkline([0, 1, 50, 100])).toBe(`${SPARK_LEVELS[0]}${SPARK_LEVELS[1]}${SPARK_LEVELS[4]}${SPARK_LEVELS[7]}`);
  });

  it('marks missing minutes apart from zero', () => {
    expect(sparkline([undefined, 0, Number.NaN, 2])).toBe(`${NO_DATA}▁${NO_DATA}█`);
  });

  it('draws an all-zero series flat', () => {
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
  });
});

describe('sparklineChart', () => {
  it('puts one character per minute, the onset and a deployment under their minutes', () => {
    const points = [0, 0, 0, 1, 4, 8, 8, 2].map((value, i) => ({ time: minute(i), value }));
    const chart = sparklineChart({ points, start: minute(0), end: minute(8) - 1, onset: minute(3) + 20_000, deployments: [minute(2) + 5_000] });
    expect(chart).toBeDefined();
    expect(chart?.line).toBe('▁▁▁▂▅██▃');
    expect(chart?.markers).toBe(`  ${DEPLOY_MARK}${ONSET_MARK}`);
    expect(chart?.legend).toContain('▲ onset 13:43 UTC');
    expect(chart?.legend).toContain('◆ deploy 13:42 UTC');
    expect(chart?.total).toBe(23);
    expect(chart?.peak).toEqual({ value: 8, time: minute(5) });
    expect(chart?.axis.startsWith('13:40')).toBe(true);
  });

  it('sums several minutes into a character on long windows and says how many', () => {
    const points = Array.from({ length: 240 }, (_, i) => ({ time: minute(i), value: i === 200 ? 60 : 1 }));
    const chart = sparklineChart({ points, start: minute(0), end: minute(240) - 1, maxColumns: 48 });
    expect(chart?.bucketMinutes).toBe(5);
    expect([...(chart?.line ?? '')]).toHaveLength(48);
    expect(chart?.total).toBe(239 + 60);
    expect(chart?.peak.time).toBe(minute(200));
  });

  it('leaves out marks that fall outside the window and says which minutes had no data', () => {
    const chart = sparklineChart({ points: [{ time: minute(5), value: 3 }], start: minute(0), end: minute(10) - 1, onset: minute(30), deployments: [minute(-60)] });
    expect(chart?.markers).toBe('');
    expect(chart?.legend).toBe(`${NO_DATA} no data`);
    expect(chart?.line).toBe(`${NO_DATA.repeat(5)}█${NO_DATA.repeat(4)}`);
  });

  it('draws nothing when no datapoint falls in the window or the window is unreadable', () => {
    expect(sparklineChart({ points: [{ time: minute(100), value: 1 }], start: minute(0), end: minute(10) })).toBeUndefined();
    expect(sparklineChart({ points: [{ time: minute(1), value: 1 }], start: Number.NaN, end: minute(10) })).toBeUndefined();
    expect(sparklineChart({ points: [{ time: minute(1), value: 1 }], start: minute(10), end: minute(0) })).toBeUndefined();
  });
});
