import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseAwsTime } from './awsTime.ts';

describe('parseAwsTime', () => {
  it('reads the SNS alarm StateChangeTime with a +0000 zone (no colon)', () => {
    // github kenju/go-cloudwatch, docs "Notify_Users_Alarm_Changes": "2020-04-29T23:33:34.876+0000"
    expect(parseAwsTime('2026-11-24T10:15:32.123+0000')).toBe(Date.UTC(2026, 10, 24, 10, 15, 32, 123));
  });

  it('reads CLI v2 "+00:00", "Z" and a negative offset (lookup-events EventTime "2021-11-18T09:41:02-08:00")', () => {
    expect(parseAwsTime('2020-04-08T22:23:17+00:00')).toBe(Date.UTC(2020, 3, 8, 22, 23, 17));
    expect(parseAwsTime('2020-04-08T00:36:13Z')).toBe(Date.UTC(2020, 3, 8, 0, 36, 13));
    expect(parseAwsTime('2021-11-18T09:41:02-08:00')).toBe(Date.UTC(2021, 10, 18, 17, 41, 2));
  });

  it('reads epoch seconds (CLI v1 get-stage "lastUpdatedDate": 1466802961) and epoch milliseconds', () => {
    expect(parseAwsTime(1466802961)).toBe(1466802961000);
    expect(parseAwsTime('1466802961')).toBe(1466802961000);
    expect(parseAwsTime(1466802961123)).toBe(1466802961123);
  });

  it('reads microsecond fractions and zone-less times as UTC', () => {
    expect(parseAwsTime('2024-10-14T15:06:52.722832+0000')).toBe(Date.UTC(2024, 9, 14, 15, 6, 52, 722));
    expect(parseAwsTime('2026-03-10 14:04:37.296')).toBe(Date.UTC(2026, 2, 10, 14, 4, 37, 296));
  });

  it('returns undefined for what is not a time', () => {
    for (const v of [undefined, null, '', 'soon', {}, [], true, -5, Number.NaN, '2026-13-45T00:00:00Z']) {
      expect(parseAwsTime(v)).toBeUndefined();
    }
  });

  it('never throws and never returns NaN', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.jsonValue()), (v) => {
        const t = parseAwsTime(v);
        return t === undefined || Number.isFinite(t);
      }),
    );
  });
});
