import { describe, expect, it } from 'vitest';
import { readableTimes, timeNear } from './timeWords.ts';

const ONSET = Date.parse('2026-03-10T13:52:53Z');

describe('readableTimes', () => {
  it('says times of the same day as UTC clock times and others with their date', () => {
    expect(readableTimes('since 2026-03-10 13:52:53Z; again at 2026-03-09T23:10:00.000Z', ONSET)).toBe('since 13:52:53 UTC; again at Mar 9 23:10:00 UTC');
  });

  it('leaves other numbers and unreadable times alone', () => {
    expect(readableTimes('timeout of 6 s, version 2026-03-10, 2026-13-45 99:99:99Z', ONSET)).toBe('timeout of 6 s, version 2026-03-10, 2026-13-45 99:99:99Z');
  });

  it('can drop seconds', () => {
    expect(timeNear(ONSET, ONSET, false)).toBe('13:52 UTC');
    expect(timeNear(ONSET, undefined, false)).toBe('Mar 10 13:52 UTC');
  });
});
