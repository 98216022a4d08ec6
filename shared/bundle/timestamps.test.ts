import { describe, expect, it } from 'vitest';
import { epochMsFromNumber, leadingTime, parseTimeValue } from './timestamps.ts';

const T = Date.UTC(2026, 2, 10, 14, 4, 37, 296); // 2026-03-10T14:04:37.296Z

describe('parseTimeValue', () => {
  it.each([
    [T, 'epoch ms (CloudWatch timestamp)'],
    [String(T), 'epoch ms as text'],
    [T / 1000, 'epoch seconds with fraction'],
    [T * 1000, 'epoch microseconds'],
    ['2026-03-10T14:04:37.296Z', 'ISO-8601 with Z (Lambda)'],
    ['2026-03-10T14:04:37.296000+00:00', 'isoformat() of aws logs tail'],
    ['2026-03-10T16:04:37.296+02:00', 'ISO with an offset'],
    ['2026-03-10T09:04:37.296-0500', 'ISO with an offset without colon'],
    ['2026-03-10 14:04:37.296', 'Logs Insights @timestamp, no zone: UTC'],
    ['2026-03-10 14:04:37.296 UTC', 'named UTC'],
    ['10/Mar/2026:14:04:37 +0000', 'API Gateway $context.requestTime'],
  ])('reads %s (%s)', (value, _what) => {
    const expected = typeof value === 'string' && value.startsWith('10/Mar') ? T - 296 : T;
    expect(parseTimeValue(value)).toBe(expected);
  });

  it('reads the short tail format and times without fraction as UTC', () => {
    expect(parseTimeValue('2026-03-10T14:04:37')).toBe(T - 296);
    expect(parseTimeValue('Tue, 10 Mar 2026 14:04:37 GMT')).toBe(T - 296);
  });

  it('rejects what is not a time', () => {
    for (const bad of ['', 'yesterday', '2026-13-10T00:00:00Z', '2026-03-10T14:04:37Zjunk', 'NaN', -5, Number.NaN, null, {}, '12']) {
      expect(parseTimeValue(bad)).toBeUndefined();
    }
  });

  it('keeps small numbers as milliseconds', () => {
    expect(epochMsFromNumber(1234)).toBe(1234);
    expect(epochMsFromNumber(0)).toBe(0);
  });
});

describe('leadingTime', () => {
  it.each([
    ['2026-03-10T14:04:37.296Z\t7c9e6679-7425-40de-944b-e07fc1f90ae7\tINFO\tfetching order', 'Node.js runtime'],
    ['[ERROR]\t2026-03-10T14:04:37.296Z\t7c9e6679-7425-40de-944b-e07fc1f90ae7\tboom', 'Python runtime logger'],
    ['2026-03-10T14:04:37.296Z 7c9e6679-7425-40de-944b-e07fc1f90ae7 Task timed out after 3.00 seconds', 'Lambda platform timeout line'],
    ['2026-03-10 14:04:37.296 UTC [INFO] starting', 'Insights-style time'],
  ])('reads the time %s starts with (%s)', (line) => {
    expect(leadingTime(line)).toBe(T);
  });

  it('reads Go log and Ruby Logger prefixes', () => {
    expect(leadingTime('2026/03/10 14:04:37 dial tcp 10.0.3.17:5432: i/o timeout')).toBe(T - 296);
    expect(leadingTime('E, [2026-03-10T14:04:37.296521 #8] ERROR -- : boom')).toBe(T);
  });

  it('ignores lines that do not start with a time', () => {
    for (const line of ['START RequestId: x Version: $LATEST', '[ERROR] KeyError: x', '2026-03-10 and more', '20260310T140437', '(a1b2) Method completed with status: 502', '2026-03-10T14:04:37.296Zjunk']) {
      expect(leadingTime(line)).toBeUndefined();
    }
  });
});
