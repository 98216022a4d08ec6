import { describe, it, expect } from 'vitest';
import { isParseProblem, neverThrow } from './problem.ts';

describe('ParseProblem', () => {
  it('recognises problems and nothing else', () => {
    expect(isParseProblem({ problem: 'x' })).toBe(true);
    expect(isParseProblem({ problem: 1 })).toBe(false);
    expect(isParseProblem([])).toBe(false);
    expect(isParseProblem(null)).toBe(false);
  });

  it('turns a throw into a problem naming the file', () => {
    const result = neverThrow('api/stage.json', 'stage', () => {
      throw new Error('boom');
    });
    expect(result).toEqual({ problem: 'api/stage.json: could not read the stage (boom); it was skipped' });
  });

  it('passes values through', () => {
    expect(neverThrow('f', 'x', () => 42)).toBe(42);
  });
});
