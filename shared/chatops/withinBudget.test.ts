import { describe, it, expect } from 'vitest';
import { budgetClock, withinBudget } from './withinBudget.ts';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withinBudget', () => {
  it('returns the value when the work finishes in time', async () => {
    expect(await withinBudget(after(5, 'started'), 200)).toEqual({ done: true, value: 'started' });
  });

  it('reports lateness, and a later failure goes to the callback instead of becoming unhandled', async () => {
    const failures: unknown[] = [];
    const work = after(60, undefined).then(() => {
      throw new Error('ThrottlingException');
    });
    expect(await withinBudget(work, 10, (e) => failures.push(e))).toEqual({ done: false });
    await after(80, undefined);
    expect(failures).toHaveLength(1);
  });

  it('lets a failure within the budget propagate', async () => {
    await expect(withinBudget(Promise.reject(new Error('AccessDeniedException')), 100)).rejects.toThrow('AccessDeniedException');
  });
});

describe('budgetClock', () => {
  it('counts down from the budget', () => {
    let t = 1000;
    const left = budgetClock(2500, () => t);
    t += 900;
    expect(left()).toBe(1600);
  });
});
