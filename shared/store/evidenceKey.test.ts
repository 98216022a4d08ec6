import { describe, it, expect } from 'vitest';
import { evidenceKeyProblem } from './evidenceKey.ts';

describe('evidenceKeyProblem', () => {
  it('accepts the keys the steps write', () => {
    for (const key of ['alarm-orders-api-prod-5xx-20260310T135652-0c3e9d1a/diagnosis.json', 'manual-01/fragments/batch-3.json', 'd/scope.json', 'a.b/c..d/e']) {
      expect(evidenceKeyProblem(key), key).toBeUndefined();
    }
  });

  it('names what is wrong with the others', () => {
    expect(evidenceKeyProblem('')).toBe('it is empty');
    expect(evidenceKeyProblem('/x')).toMatch(/starts with "\/"/);
    expect(evidenceKeyProblem('a/../b')).toMatch(/"\.\." segment/);
    expect(evidenceKeyProblem('..')).toMatch(/"\.\." segment/);
    expect(evidenceKeyProblem('a//b')).toMatch(/empty path segment/);
    expect(evidenceKeyProblem('a/')).toMatch(/empty path segment/);
    expect(evidenceKeyProblem('a\\..\\b')).toMatch(/backslash/);
    expect(evidenceKeyProblem('a\u0000b')).toMatch(/control character/);
    expect(evidenceKeyProblem('é'.repeat(513))).toMatch(/1024 bytes/);
    expect(evidenceKeyProblem('e'.repeat(1024))).toBeUndefined();
  });
});
