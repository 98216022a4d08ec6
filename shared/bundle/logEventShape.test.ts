import { describe, expect, it } from 'vitest';
import { fieldsFromApiEvent, fieldsFromInsightsRow, groupFromInsightsLog, isEventWrapper } from './logEventShape.ts';

describe('isEventWrapper', () => {
  it('takes CLI, Insights and hand-made wrappers for wrappers', () => {
    expect(isEventWrapper({ timestamp: 1773151477296, message: 'START', logStreamName: 's', ingestionTime: 1, eventId: '1' })).toBe(true);
    expect(isEventWrapper({ '@timestamp': '2026-03-10 14:04:37.296', '@message': 'x', '@log': '1:/g', level: 'ERROR' })).toBe(true);
    expect(isEventWrapper({ timestamp: '2026-03-10T14:04:37.296Z', message: 'x', logGroup: '/aws/lambda/f', source: 'lambda' })).toBe(true);
  });

  it('takes structured log lines (Lambda JSON format, Powertools) for messages', () => {
    // Lambda's JSON log format: docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html
    expect(isEventWrapper({ timestamp: '2026-03-10T14:04:37.296Z', level: 'ERROR', requestId: '7c9e', message: 'boom' })).toBe(false);
    expect(isEventWrapper({ level: 'INFO', location: 'handler:12', message: 'x', timestamp: '2026-03-10 14:04:37,296+0000', service: 'orders', xray_trace_id: '1-x' })).toBe(false);
    expect(isEventWrapper({ time: '2026-03-10T14:04:37.296Z', type: 'platform.start', record: { requestId: 'x' } })).toBe(false);
  });
});

describe('fields of the event shapes', () => {
  it('reads an events element', () => {
    expect(fieldsFromApiEvent({ logStreamName: 's', timestamp: 1773151477296, message: 'm' })).toEqual({ timestamp: 1773151477296, message: 'm', logStream: 's' });
    expect(fieldsFromApiEvent({ timestamp: 1 })).toBeUndefined();
    expect(fieldsFromApiEvent([1])).toBeUndefined();
  });

  it('reads an Insights row, @log without its account, other fields when @message is missing', () => {
    const row = [
      { field: '@timestamp', value: '2026-03-10 14:04:37.296' },
      { field: '@message', value: 'm' },
      { field: '@log', value: '123456789012:API-Gateway-Execution-Logs_a1b2c3/prod' },
      { field: '@logStream', value: 'c4ca4238a0b923820dcc509a6f75849b' },
    ];
    expect(fieldsFromInsightsRow(row)).toEqual({
      timestamp: Date.UTC(2026, 2, 10, 14, 4, 37, 296),
      message: 'm',
      logGroup: 'API-Gateway-Execution-Logs_a1b2c3/prod',
      logStream: 'c4ca4238a0b923820dcc509a6f75849b',
    });
    expect(fieldsFromInsightsRow([{ field: '@timestamp', value: '2026-03-10 14:04:37.296' }, { field: 'status', value: '502' }])?.message).toBe('{"status":"502"}');
    expect(fieldsFromInsightsRow([{ field: 'count()', value: '3' }])).toBeUndefined();
    expect(fieldsFromInsightsRow('x')).toBeUndefined();
    expect(groupFromInsightsLog('/aws/lambda/f')).toBe('/aws/lambda/f');
  });
});
