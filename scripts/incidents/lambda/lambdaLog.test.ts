import { describe, expect, it } from 'vitest';
import { lambdaLogEvents } from './lambdaLog.ts';
import type { Invocation } from './model.ts';

const base: Invocation = {
  requestId: '6b54260e-52d8-49d9-a02a-a6b7ee602e0c',
  functionName: 'orders-fn',
  start: Date.UTC(2026, 2, 10, 13, 53, 2, 430),
  durationMs: 6000,
  billedDurationMs: 6000,
  memorySizeMb: 512,
  maxMemoryUsedMb: 91,
  logStream: '2026/03/10/[$LATEST]abc',
  logGroup: '/aws/lambda/orders-fn',
  traceId: '1-69b0223e-61b274f026c79cd39f98a64c',
  segmentId: 'f2d9d2c4aefecfb0',
  appLogs: [],
  end: { kind: 'timeout' },
  response: { kind: 'function-error', payload: '{}', errorMessage: 'x' },
  trigger: 'api',
  runtimeVersion: 'nodejs:20.v43',
  version: '$LATEST',
};

describe('lambdaLogEvents', () => {
  it('writes a modern timeout REPORT with Status and the XRAY line', () => {
    const events = lambdaLogEvents(base, { format: 'node-text', region: 'us-east-1' });
    const report = events.find((e) => e.message.startsWith('REPORT'))?.message;
    expect(report).toBe('REPORT RequestId: 6b54260e-52d8-49d9-a02a-a6b7ee602e0c\tDuration: 6000.00 ms\tBilled Duration: 6000 ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB\tStatus: timeout\nXRAY TraceId: 1-69b0223e-61b274f026c79cd39f98a64c\tSegmentId: f2d9d2c4aefecfb0\tSampled: true\t\n');
  });

  it('writes the legacy "Task timed out" line after REPORT, billed at the timeout', () => {
    const events = lambdaLogEvents({ ...base, durationMs: 6012.4, billedDurationMs: 6013 }, { format: 'node-text', region: 'us-east-1', style: 'legacy' });
    expect(events.map((e) => e.message.split('\t')[0]?.split(' ')[0])).toEqual(['START', 'END', 'REPORT', '2026-03-10T13:53:08.443Z']);
    expect(events.at(-1)?.message).toBe('2026-03-10T13:53:08.443Z 6b54260e-52d8-49d9-a02a-a6b7ee602e0c Task timed out after 6.01 seconds\n');
    expect(events[2]?.message).toContain('Billed Duration: 6000 ms');
  });

  it('indents a Python runtime traceback with no-break spaces', () => {
    const inv: Invocation = { ...base, end: { kind: 'unhandled', error: { type: 'KeyError', message: "'email'", stack: ['  File "/var/task/app.py", line 48, in handler\n    x = body["email"]\n'] } } };
    const error = lambdaLogEvents(inv, { format: 'python-text', region: 'us-east-1' }).find((e) => e.message.startsWith('[ERROR]'))?.message;
    expect(error).toBe('[ERROR] KeyError: \'email\'\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/app.py", line 48, in handler\n\u00a0\u00a0\u00a0\u00a0x = body["email"]');
  });

  it('writes JSON platform events with durations as doubles', () => {
    const report = lambdaLogEvents(base, { format: 'node-json', region: 'us-east-1' }).find((e) => e.message.includes('platform.report'))?.message ?? '';
    expect(JSON.parse(report)).toMatchObject({ type: 'platform.report', record: { requestId: base.requestId, status: 'timeout' } });
    expect(report).toContain('"durationMs":6000.0');
  });
});
