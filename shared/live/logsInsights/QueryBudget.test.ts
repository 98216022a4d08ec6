import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes } from './errors.ts';
import { ONE_GB, QueryBudget } from './QueryBudget.ts';

const MINUTE = 60_000;
const WINDOW = { startTime: Date.UTC(2026, 2, 10, 13, 0), endTime: Date.UTC(2026, 2, 10, 14, 0) };

describe('QueryBudget', () => {
  it('keeps running totals of bytes and queries against 1 GB by default', () => {
    const budget = new QueryBudget();
    expect(budget.budgetBytes).toBe(ONE_GB);
    budget.recordQuery();
    budget.recordScanned(400 * 1024 ** 2, 30 * MINUTE);
    budget.recordQuery();
    budget.recordScanned(100 * 1024 ** 2);
    expect(budget.queries).toBe(2);
    expect(budget.spentBytes).toBe(500 * 1024 ** 2);
    expect(budget.remaining()).toBe(524 * 1024 ** 2);
    expect(budget.exceeded()).toBe(false);
    expect(budget.describe()).toBe('2 Logs Insights queries, 500 MB scanned of 1 GB');
    budget.recordScanned(524 * 1024 ** 2);
    expect(budget.exceeded()).toBe(true);
    expect(budget.remaining()).toBe(0);
  });

  it('ignores statistics that are missing, negative or not numbers', () => {
    const budget = new QueryBudget(1_000);
    budget.recordScanned(Number.NaN);
    budget.recordScanned(-5);
    budget.recordScanned(0);
    expect(budget.spentBytes).toBe(0);
  });

  it('keeps the window when the remaining budget covers it or no rate is known yet', () => {
    const budget = new QueryBudget();
    expect(budget.narrow(WINDOW)).toEqual({ ...WINDOW, narrowed: false });
    budget.recordScanned(10 * 1024 ** 2, 60 * MINUTE); // 10 MB per hour
    expect(budget.narrow(WINDOW)).toEqual({ ...WINDOW, narrowed: false });
  });

  it('narrows the window around the anchor when little budget remains, and says why', () => {
    const budget = new QueryBudget(1_000 * 1024 ** 2);
    budget.recordScanned(900 * 1024 ** 2, 60 * MINUTE); // 15 MB a minute; 100 MB left → about 6.7 minutes
    const anchor = Date.UTC(2026, 2, 10, 13, 30);
    const narrowed = budget.narrow(WINDOW, { anchor });
    expect(narrowed.narrowed).toBe(true);
    expect(narrowed.endTime - narrowed.startTime).toBe(Math.floor((100 * 1024 ** 2) / budget.bytesPerMs));
    expect(narrowed.startTime).toBeLessThanOrEqual(anchor);
    expect(narrowed.endTime).toBeGreaterThanOrEqual(anchor);
    expect(narrowed.reason).toBe('Logs Insights time range narrowed from 1 h to 7 min (100 MB of the 1000 MB scan budget left)');
  });

  it('keeps the end of the window by default and never narrows below the minimum', () => {
    const budget = new QueryBudget(100);
    budget.recordScanned(99, 1); // 99 bytes a millisecond, 1 byte left
    const narrowed = budget.narrow(WINDOW, { minMs: 2 * MINUTE });
    expect(narrowed).toMatchObject({ startTime: WINDOW.endTime - 2 * MINUTE, endTime: WINDOW.endTime, narrowed: true });
  });

  it('uses an explicit rate and a share of the remaining budget', () => {
    const budget = new QueryBudget(ONE_GB);
    const narrowed = budget.narrow(WINDOW, { bytesPerMs: ONE_GB / (60 * MINUTE), share: 0.25, anchor: WINDOW.startTime });
    expect(narrowed).toMatchObject({ startTime: WINDOW.startTime, endTime: WINDOW.startTime + 15 * MINUTE, narrowed: true });
  });

  it('always returns a window inside the original one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 1, max: 24 * 60 * MINUTE }),
        fc.integer({ min: 0, max: 24 * 60 * MINUTE }),
        fc.double({ min: 0.0001, max: 1_000, noNaN: true }),
        (budgetBytes, spent, length, anchorOffset, rate) => {
          const budget = new QueryBudget(budgetBytes);
          budget.recordScanned(spent);
          const window = { startTime: 1_773_151_200_000, endTime: 1_773_151_200_000 + length };
          const out = budget.narrow(window, { bytesPerMs: rate, anchor: window.startTime + anchorOffset });
          expect(out.startTime).toBeGreaterThanOrEqual(window.startTime);
          expect(out.endTime).toBeLessThanOrEqual(window.endTime);
          expect(out.endTime).toBeGreaterThan(out.startTime);
          if (!out.narrowed) expect(out).toMatchObject(window);
        },
      ),
    );
  });
});

describe('formatBytes', () => {
  it('prints binary units', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatBytes(320 * 1024 ** 2)).toBe('320 MB');
  });
});
