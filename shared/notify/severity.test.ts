import { describe, it, expect } from 'vitest';
import { severityOf } from './severity.ts';
import type { RootCauseId } from '../model/rootCauses.ts';

const d = (total: number, confidence: number, id: RootCauseId = 'lambda-timeout') => ({
  failingRequests: { total, sampled: [], byStatus: {}, byRoute: {}, countedFrom: 'access-log' as const },
  rootCause: { id, title: '', confidence, summary: '' },
});

describe('severityOf', () => {
  it('grades by failing requests: ≥1000 critical, ≥100 high, ≥10 medium, else low', () => {
    expect([0, 9, 10, 99, 100, 999, 1000, 250_000].map((n) => severityOf(d(n, 0.9)))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('lowers by one step when the cause is not established, never below low', () => {
    expect(severityOf(d(412, 0.93))).toBe('high');
    expect(severityOf(d(412, 0.49))).toBe('medium');
    expect(severityOf(d(412, 0.2, 'insufficient-evidence'))).toBe('medium');
    expect(severityOf(d(5000, 0.9, 'insufficient-evidence'))).toBe('high');
    expect(severityOf(d(3, 0.1))).toBe('low');
    expect(severityOf(d(Number.NaN, Number.NaN))).toBe('low');
  });
});
