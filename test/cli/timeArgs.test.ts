import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseIsoTime } from '../../cli/timeArgs.ts';

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['90 minutes', 5_400_000],
    ['45s', 45_000],
    ['1.5h', 5_400_000],
    ['2H', 7_200_000],
    ['1w', 604_800_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 'm', '0m', '-5m', '5 fortnights', '5m garbage', '1h-30m'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseDuration(text)));
  });
});

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-24T10:00:00Z', Date.UTC(2026, 10, 24, 10)],
    ['2026-11-24T10:00:00.250Z', Date.UTC(2026, 10, 24, 10, 0, 0, 250)],
    ['2026-11-24T10:00:00', Date.UTC(2026, 10, 24, 10)],
    ['2026-11-24 10:00', Date.UTC(2026, 10, 24, 10)],
    ['2026-11-24', Date.UTC(2026, 10, 24)],
    ['2026-11-24T11:00:00+01:00', Date.UTC(2026, 10, 24, 10)],
    ['2026-11-24T05:30:00-0430', Date.UTC(2026, 10, 24, 10)],
    ['2026-11-24T10:00:00.123456789z', Date.UTC(2026, 10, 24, 10, 0, 0, 123)],
  ])('%s', (text, ms) => {
    expect(parseIsoTime(text)).toBe(ms);
  });

  it.each(['yesterday', '24/11/2026', '2026-02-30', '2026-13-01', '2026-11-24T24:00:00Z', '2026-11-24T10:60Z', '1732442400', ''])('rejects %j', (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });

  it('reads back what toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(parseIsoTime(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseIsoTime(text)));
  });
});
