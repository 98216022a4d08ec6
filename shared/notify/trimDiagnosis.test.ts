import { describe, it, expect } from 'vitest';
import { cut, trimmedDiagnoses } from './trimDiagnosis.ts';
import { sampleDiagnosis } from '../render/sampleDiagnosis.ts';

describe('trimmedDiagnoses', () => {
  it('starts with the diagnosis itself and ends with a skeleton that keeps the conclusion and the counts', () => {
    const d = sampleDiagnosis();
    const levels = trimmedDiagnoses(d);
    expect(levels[0]).toBe(d);
    const sizes = levels.map((l) => JSON.stringify(l).length);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const skeleton = levels[levels.length - 1];
    expect(skeleton?.rootCause).toMatchObject({ id: 'lambda-timeout', confidence: 0.93 });
    expect(skeleton?.failingRequests).toMatchObject({ total: 412, byStatus: { '502': 400, '503': 12 }, sampled: [] });
    expect(skeleton?.findings).toEqual([]);
    expect(skeleton?.api).toEqual(d.api);
  });

  it('cuts evidence before conclusions: the second level keeps every finding with its summary', () => {
    const d = sampleDiagnosis();
    const second = trimmedDiagnoses(d)[2];
    expect(second?.findings.map((f) => [f.id, f.summary, f.requestCount])).toEqual(d.findings.map((f) => [f.id, f.summary, f.requestCount]));
    expect(second?.findings[0]?.evidence).toHaveLength(5);
    expect(d.findings[0]?.evidence).toHaveLength(5);
  });
});

describe('cut', () => {
  it('keeps the head and the end of a long text at exactly the length asked', () => {
    const traceback = `Traceback (most recent call last):\n${'  File "/var/task/app.py", line 48, in handler\n'.repeat(40)}botocore.errorfactory.ProvisionedThroughputExceededException: An error occurred`;
    const short = cut(traceback, 300);
    expect(short).toHaveLength(300);
    expect(short.startsWith('Traceback (most recent call last):')).toBe(true);
    expect(short.endsWith('ProvisionedThroughputExceededException: An error occurred')).toBe(true);
    expect(short).toContain(' … ');
    expect(cut('short', 300)).toBe('short');
    expect(cut('abcdef', 0)).toBe('');
  });
});
