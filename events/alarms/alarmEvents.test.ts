import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parseAlarm } from '../../shared/context/alarm.ts';
import { computeWindow } from '../../shared/context/diagnosisWindow.ts';
import { isParseProblem } from '../../shared/context/problem.ts';
import { alarmScopeFromEvent } from '../../shared/live/alarmScope.ts';

/**
 * The sample "CloudWatch Alarm State Change" events (README.md) are read by the project's own alarm parser as the
 * API, stage and window they describe. Window (contract §3): state change − period × evaluation periods − 15 min,
 * to state change + 5 min; the evaluation periods come from the reason ("N out of the last M datapoints").
 */
const dir = new URL('./', import.meta.url);
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

const EXPECTED = {
  'rest-5xx-alarm.json': {
    name: 'orders-api-prod-5xx', state: 'ALARM', metricName: '5XXError', api: 'orders-api', apiType: 'REST', stage: 'prod',
    // 10:15:32.514 − 3 × 60 s − 15 min .. + 5 min
    window: ['2026-11-24T09:57:32.514Z', '2026-11-24T10:20:32.514Z'],
  },
  'rest-5xx-ok.json': {
    name: 'orders-api-prod-5xx', state: 'OK', metricName: '5XXError', api: 'orders-api', apiType: 'REST', stage: 'prod',
    window: ['2026-11-24T10:23:32.611Z', '2026-11-24T10:46:32.611Z'],
  },
  'http-5xx-alarm.json': {
    name: 'checkout-http-default-5xx', state: 'ALARM', metricName: '5xx', api: 'k3v9x2m7qp', apiType: 'HTTP', stage: '$default',
    // 14:02:58.129 − 2 × 60 s − 15 min .. + 5 min
    window: ['2026-11-24T13:45:58.129Z', '2026-11-24T14:07:58.129Z'],
  },
  'rest-error-rate-alarm.json': {
    // Metric math: the expression returns data; the 5XXError input names the API.
    name: 'orders-api-prod-5xx-rate', state: 'ALARM', metricName: '5XXError', api: 'orders-api', apiType: 'REST', stage: 'prod',
    window: ['2026-11-24T09:57:48.305Z', '2026-11-24T10:20:48.305Z'],
  },
} as const;

describe('events/alarms', () => {
  it('holds exactly the documented samples', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s has the EventBridge event envelope', (file) => {
    const event = load(file) as Record<string, unknown>;
    expect(event).toMatchObject({ version: '0', 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch' });
    expect(event['account']).toMatch(/^\d{12}$/);
    expect(event['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const detail = event['detail'] as { alarmName: string; state: { reasonData: string; timestamp: string }; previousState: { reasonData: string } };
    expect(event['resources']).toEqual([`arn:aws:cloudwatch:${String(event['region'])}:${String(event['account'])}:alarm:${detail.alarmName}`]);
    // reasonData is a JSON document inside a string.
    expect(JSON.parse(detail.state.reasonData)).toMatchObject({ version: '1.0', period: 60 });
    expect(JSON.parse(detail.previousState.reasonData)).toHaveProperty('recentDatapoints');
    expect(detail.state.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it.each(Object.entries(EXPECTED))('parseAlarm reads %s', (file, expected) => {
    const alarm = parseAlarm(load(file), file);
    if (isParseProblem(alarm)) throw new Error(alarm.problem);
    expect(alarm).toMatchObject({ name: expected.name, state: expected.state, metricName: expected.metricName, namespace: 'AWS/ApiGateway', periodSeconds: 60, shape: 'eventbridge' });
    expect(alarm.dimensions['Stage']).toBe(expected.stage);
    expect(alarm.dimensions[expected.apiType === 'REST' ? 'ApiName' : 'ApiId']).toBe(expected.api);
    const window = computeWindow(alarm);
    expect(window && [new Date(window.start).toISOString(), new Date(window.end).toISOString()]).toEqual(expected.window);
  });

  it.each(Object.entries(EXPECTED))('the alarm scope of %s is its API, stage and window', (file, expected) => {
    const scope = alarmScopeFromEvent(load(file));
    expect({ api: scope.api, apiType: scope.apiType, stage: scope.stage }).toEqual({ api: expected.api, apiType: expected.apiType, stage: expected.stage });
    expect([new Date(scope.window.start).toISOString(), new Date(scope.window.end).toISOString()]).toEqual(expected.window);
  });
});
