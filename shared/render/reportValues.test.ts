import { describe, expect, it } from 'vitest';
import {
  confidenceCaveat,
  confidenceLabel,
  formatBytes,
  formatDuration,
  relativeToOnset,
  statusEntries,
  topEntries,
} from './reportValues.ts';

describe('confidence wording', () => {
  it('names the level and keeps the number', () => {
    expect(confidenceLabel(0.93)).toBe('high (0.93)');
    expect(confidenceLabel(0.8)).toBe('high (0.80)');
    expect(confidenceLabel(0.62)).toBe('medium (0.62)');
    expect(confidenceLabel(0.35)).toBe('low (0.35)');
    expect(confidenceLabel(Number.NaN)).toBe('unknown');
    expect(confidenceLabel(1.7)).toBe('high (1.00)');
  });

  it('warns below high confidence, and points at the gaps when evidence is missing', () => {
    expect(confidenceCaveat(0.93, false)).toBe('');
    expect(confidenceCaveat(0.6, false)).toContain('confirm');
    expect(confidenceCaveat(0.3, false)).toContain('a lead, not an answer');
    expect(confidenceCaveat(0.9, true)).toContain('see the gaps');
  });
});

describe('durations, sizes and counts', () => {
  it('formats durations the way people say them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(749_000)).toBe('12m 29s');
    expect(formatDuration(7_500_000)).toBe('2h 5m');
    expect(formatDuration(3 * 86_400_000)).toBe('3d');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
  });

  it('places a change before or after the onset', () => {
    expect(relativeToOnset('2026-11-24T09:58:02Z', '2026-11-24T10:02:11Z')).toBe('4m 9s before onset');
    expect(relativeToOnset('2026-11-24T10:03:11Z', '2026-11-24T10:02:11Z')).toBe('1m after onset');
    expect(relativeToOnset('not a time', '2026-11-24T10:02:11Z')).toBeUndefined();
    expect(relativeToOnset('2026-11-24T10:02:11Z', undefined)).toBeUndefined();
  });

  it('orders routes by count and status codes by number', () => {
    expect(topEntries({ 'GET /a': 2, 'POST /b': 9, 'GET /c': 2 }, 2)).toEqual([
      ['POST /b', 9],
      ['GET /a', 2],
    ]);
    expect(statusEntries({ '504': 1, '500': 3, '429': 2 })).toEqual([
      ['429', 2],
      ['500', 3],
      ['504', 1],
    ]);
  });
});
