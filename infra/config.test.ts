import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, parseConfig, type DiagnosisConfig } from './config.ts';

const rest = { type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' };
const http = { type: 'HTTP', apiId: 'k9x8w7v6u5', stage: '$default' };

function ok(json: unknown): DiagnosisConfig {
  const parsed = parseConfig(json);
  if ('errors' in parsed) throw new Error(`unexpected errors: ${parsed.errors.join('; ')}`);
  return parsed.config;
}

function errors(json: unknown): string[] {
  const parsed = parseConfig(json);
  if (!('errors' in parsed)) throw new Error('expected errors, got a config');
  return parsed.errors;
}

describe('parseConfig', () => {
  it('accepts the example config', () => {
    const config = ok(JSON.parse(readFileSync(path.join(import.meta.dirname, 'config.example.json'), 'utf8')));
    expect(config.apis.map((a) => a.type)).toEqual(['REST', 'HTTP']);
    expect(config.apis[1]?.alarm?.errorRate).toEqual({ threshold: 0.05, minRequests: 20 });
  });

  it('fills every default', () => {
    const config = ok({ apis: [rest] });
    expect(config).toEqual({
      apis: [{ ...rest, cooldownMinutes: 30, alarm: { threshold: 5, periods: 1, datapointsToAlarm: 1 } }],
      sampleSize: 20,
      batchSize: 5,
      mapConcurrency: 4,
      windowMinutes: 360,
      insightsBudgetGB: 1,
      topic: { create: true },
      evidenceRetentionDays: 30,
      logRetentionDays: 30,
    });
    expect(CONFIG_DEFAULTS.maxSampleSize).toBe(50);
  });

  it('datapointsToAlarm defaults to the periods', () => {
    expect(ok({ apis: [{ ...rest, alarm: { periods: 3 } }] }).apis[0]?.alarm).toEqual({ threshold: 5, periods: 3, datapointsToAlarm: 3 });
  });

  it('an existing alarm name replaces the alarm', () => {
    const api = ok({ apis: [{ ...http, existingAlarmName: 'payments 5xx' }] }).apis[0];
    expect(api?.existingAlarmName).toBe('payments 5xx');
    expect(api?.alarm).toBeUndefined();
  });

  it('takes log groups and functions by name or ARN', () => {
    const api = ok({
      apis: [
        {
          ...rest,
          accessLogGroup: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders-access:*',
          functions: ['orders-create', 'arn:aws:lambda:us-east-1:123456789012:function:orders-get:live', 'orders-create'],
        },
      ],
    }).apis[0];
    expect(api?.accessLogGroup).toBe('/aws/apigateway/orders-access');
    expect(api?.functions).toEqual(['orders-create', 'orders-get']);
  });

  it('accepts an existing topic with its key, and the type in any case', () => {
    const config = ok({ apis: [{ ...http, type: 'http' }], topic: { arn: 'arn:aws:sns:eu-west-1:123456789012:ops-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } });
    expect(config.apis[0]?.type).toBe('HTTP');
    expect(config.topic).toEqual({ arn: 'arn:aws:sns:eu-west-1:123456789012:ops-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
  });

  it('names every problem with its path', () => {
    const found = errors({
      apis: [
        { type: 'WEBSOCKET', apiId: 'orders-api', stage: 'prod' },
        { type: 'REST', apiId: 'a1b2c3d4e5', stage: 'prod' },
        { ...http, alarm: { threshold: 0, periods: 2, datapointsToAlarm: 3, errorRate: { threshold: 5 } }, existingAlarmName: 'x' },
        { ...http, stage: 'prod v2', cooldownMinutes: -1, functions: [], treshold: 5 },
      ],
      sampleSize: 51,
      batchSize: 0,
      mapConcurrency: 41,
      logRetentionDays: 10,
      insightsBudgetGB: 0,
      topic: { arn: 'ops-alerts' },
      extra: true,
    });
    const expected = [
      'apis[0].type: must be "REST" or "HTTP" (got "WEBSOCKET")',
      "apis[0].apiId: must be the API's 10-character id, e.g. a1b2c3d4e5 (not its name) (got \"orders-api\")",
      "apis[1].name: required: the REST API's name (the ApiName dimension of its metrics)",
      'apis[2].existingAlarmName: give either "alarm" (an alarm is created) or "existingAlarmName" (yours is used), not both',
      'apis[3].treshold: unknown key',
      'apis[3].stage: must be a stage name',
      'apis[3].cooldownMinutes: must be a number >= 0 and <= 1440 (got -1)',
      'apis[3].functions: must be a non-empty array of Lambda function names',
      'extra: unknown key',
      'sampleSize: must be an integer >= 1 and <= 50 (got 51)',
      'mapConcurrency: must be an integer >= 1 and <= 40 (got 41)',
      "logRetentionDays: must be one of CloudWatch Logs' retention periods",
      'insightsBudgetGB: must be a number > 0',
      'topic.arn: must be an SNS topic ARN',
    ];
    for (const e of expected) expect(found.some((f) => f.startsWith(e)), `${e}\n in:\n${found.join('\n')}`).toBe(true);
    expect(found.some((f) => f.startsWith('batchSize: must be an integer >= 1'))).toBe(true);
  });

  it('checks the alarm settings', () => {
    const found = errors({ apis: [{ ...rest, alarm: { threshold: 0, periods: 2, datapointsToAlarm: 3, errorRate: { minRequests: 1.5 } } }] });
    expect(found).toEqual([
      'apis[0].alarm.threshold: must be a number > 0 (got 0)',
      'apis[0].alarm.datapointsToAlarm: must be an integer >= 1 and <= 2 (got 3)',
      'apis[0].alarm.errorRate.threshold: required (a fraction of the requests, e.g. 0.05 for 5 %)',
      'apis[0].alarm.errorRate.minRequests: must be an integer >= 1 (got 1.5)',
    ]);
    expect(errors({ apis: [{ ...rest, alarm: { errorRate: { threshold: 1.5 } } }] })).toEqual(['apis[0].alarm.errorRate.threshold: must be a number > 0 and <= 1 (got 1.5)']);
  });

  it('refuses the same API and stage twice, and an empty list', () => {
    expect(errors({ apis: [rest, { ...rest, name: 'other' }] })).toEqual(['apis[1]: a1b2c3d4e5/prod is already watched by apis[0]']);
    expect(errors({ apis: [] })[0]).toMatch(/^apis: required, a non-empty array/);
    expect(errors({})[0]).toMatch(/^apis: required/);
  });

  it('batchSize cannot exceed sampleSize', () => {
    expect(errors({ apis: [rest], sampleSize: 3, batchSize: 4 })).toEqual(['batchSize: must be an integer >= 1 and <= 3 (got 4)']);
    expect(ok({ apis: [rest], sampleSize: 3 }).batchSize).toBe(3);
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'apis', [], { apis: 'x' }, { apis: [null, 1, 'x'] }, { apis: [rest], topic: 'x' }, { apis: [{ ...rest, alarm: [] }] }, { apis: [{ ...rest, functions: [1, null] }] }]) {
      const parsed = parseConfig(junk);
      expect('errors' in parsed && parsed.errors.length > 0).toBe(true);
    }
  });

  it('topic: create and arn are exclusive', () => {
    expect(errors({ apis: [rest], topic: { create: true, arn: 'arn:aws:sns:us-east-1:123456789012:t' } })).toEqual(['topic.arn: give either "arn" (an existing topic) or "create": true, not both']);
    expect(errors({ apis: [rest], topic: { create: false } })[0]).toMatch(/^topic\.create: must be true/);
  });
});
