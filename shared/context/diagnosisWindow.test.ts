import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { AlarmInfo } from '../model/context.ts';
import { computeWindow } from './diagnosisWindow.ts';

const changedAt = Date.UTC(2026, 10, 24, 10, 15, 32, 123);
const base: AlarmInfo = { name: 'orders-api-5xx', dimensions: {}, shape: 'sns', stateChangeTime: changedAt };

describe('computeWindow', () => {
  it('spans period × evaluation periods + 15 min before the state change, to 5 min after', () => {
    const w = computeWindow({ ...base, periodSeconds: 60, evaluationPeriods: 5 });
    expect(w).toEqual({ start: changedAt - 5 * 60_000 - 15 * 60_000, end: changedAt + 5 * 60_000 });
  });

  it('uses one period of 60 s when neither is given', () => {
    expect(computeWindow(base)).toEqual({ start: changedAt - 60_000 - 15 * 60_000, end: changedAt + 5 * 60_000 });
  });

  it('uses one evaluation period when only the period is known (EventBridge events carry no EvaluationPeriods)', () => {
    expect(computeWindow({ ...base, shape: 'eventbridge', periodSeconds: 300 })).toEqual({
      start: changedAt - 300_000 - 15 * 60_000,
      end: changedAt + 5 * 60_000,
    });
  });

  it('ignores zero or negative periods instead of shrinking the window', () => {
    expect(computeWindow({ ...base, periodSeconds: 0, evaluationPeriods: -3 })).toEqual(computeWindow(base));
  });

  it('is undefined without a state-change time', () => {
    const { stateChangeTime: _omit, ...noTime } = base;
    expect(computeWindow(noTime)).toBeUndefined();
  });

  it('always contains the state change, with start before end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.option(fc.integer({ min: -10, max: 86_400 }), { nil: undefined }),
        fc.option(fc.integer({ min: -10, max: 100 }), { nil: undefined }),
        (t, period, periods) => {
          const alarm: AlarmInfo = { ...base, stateChangeTime: t };
          if (period !== undefined) alarm.periodSeconds = period;
          if (periods !== undefined) alarm.evaluationPeriods = periods;
          const w = computeWindow(alarm);
          return w !== undefined && w.start < t && t < w.end && w.end - t === 5 * 60_000;
        },
      ),
    );
  });
});
