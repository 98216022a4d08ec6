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
    expect(config.slack).toEqual({
      channel: 'C024BE91L',
      allowedUsers: ['U024BE7LH', 'W012A3CDE'],
      allowedChannels: ['C024BE91L'],
      allowedTeams: ['T024BE7LD'],
      defaultStages: { 'orders-api': 'prod', 'payments-http': '$default' },
    });
    expect(config.redactPatterns).toEqual(['\\bORD-\\d{8}\\b', '/customer-[a-z0-9]{12}/i']);
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
      amazonQ: true,
      redactPatterns: [],
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

  describe('slack, amazonQ, redactPatterns', () => {
    const slack = { channel: 'C024BE91L', allowedUsers: ['U024BE7LH'], allowedChannels: ['*'] };
    const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack-a1B2c3';

    it('takes the minimal block (the secret is then created), an existing secret with its key, and amazonQ false', () => {
      expect(ok({ apis: [rest], slack }).slack).toEqual(slack);
      const config = ok({
        apis: [rest],
        slack: { ...slack, secretArn: SECRET, secretKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', allowedUsers: [' U024BE7LH ', 'U024BE7LH', '*'], allowedTeams: ['E0ABCDEF1'] },
        amazonQ: false,
      });
      expect(config.slack).toMatchObject({ secretArn: SECRET, allowedUsers: ['U024BE7LH', '*'], allowedTeams: ['E0ABCDEF1'] });
      expect(config.amazonQ).toBe(false);
      expect(ok({ apis: [rest], slack: { ...slack, allowedUsers: [] } }).slack?.allowedUsers).toEqual([]);
    });

    it('names every problem in the slack block', () => {
      const found = errors({
        apis: [rest],
        slack: {
          secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack',
          secretKmsKeyArn: 'alias/slack',
          channel: '#api-alerts',
          allowedUsers: ['@alice', 'U024BE7LH'],
          allowedChannels: 'C024BE91L',
          allowedTeams: [],
          defaultStages: { 'orders-api': 'prod v2', '*': 'prod' },
          token: 'xoxb-1',
        },
        amazonQ: 'yes',
      });
      const expected = [
        'slack.token: unknown key',
        "slack.secretArn: must be the secret's complete ARN as the console shows it, ending in the six characters",
        "slack.secretKmsKeyArn: must be the ARN of the secret's customer managed KMS key",
        "slack.channel: must be the id of the channel the bot posts to (C0123ABCD, in the channel's details), not its name",
        'slack.allowedUsers[0]: must be Slack user ids (U0123ABCD, W0123ABCD; names can be renamed and reused) or "*" (got "@alice")',
        'slack.allowedChannels: must be a list of Slack channel ids',
        'slack.allowedTeams: must not be empty: leave it out to allow any workspace',
        'slack.defaultStages.orders-api: must be a stage name',
        'amazonQ: must be true or false (got "yes")',
      ];
      for (const e of expected) expect(found.some((f) => f.startsWith(e)), `${e}\n in:\n${found.join('\n')}`).toBe(true);
      expect(found).toHaveLength(expected.length);
    });

    it('requires the channel and both allow-lists; the key only with an existing secret', () => {
      expect(errors({ apis: [rest], slack: {} })).toEqual([
        "slack.channel: required: the id of the channel the bot posts to (C0123ABCD, in the channel's details), not its name: chat.update and file uploads take ids only",
        'slack.allowedUsers: required: a list of Slack user ids (U0123ABCD, W0123ABCD; names can be renamed and reused), or ["*"] for any',
        'slack.allowedChannels: required: a list of Slack channel ids (C0123ABCD, G0123ABCD, D0123ABCD), or ["*"] for any',
      ]);
      expect(errors({ apis: [rest], slack: { ...slack, secretKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } })).toEqual([
        'slack.secretKmsKeyArn: only with "secretArn": the secret the stack creates uses the AWS managed key',
      ]);
      expect(errors({ apis: [rest], slack: 'C024BE91L' })).toEqual(['slack: must be an object (got "C024BE91L")']);
    });

    it('compiles redactPatterns as the functions will, naming the bad ones by index', () => {
      expect(ok({ apis: [rest], redactPatterns: ['\\bACME-[0-9]{6}\\b', '/secret=[^&]+/i'] }).redactPatterns).toEqual(['\\bACME-[0-9]{6}\\b', '/secret=[^&]+/i']);
      expect(errors({ apis: [rest], redactPatterns: ['(unclosed', '(a+)+$', 'x*', '/abc/g', 7] })).toEqual([
        expect.stringMatching(/^redactPatterns\[0\]: is not a valid regular expression/),
        'redactPatterns[1]: nests quantifiers (like "(a+)+"), which can take exponential time',
        'redactPatterns[2]: matches the empty string',
        'redactPatterns[3]: has flags "g" (allowed: i, m, s, u)',
        'redactPatterns[4]: is not a non-empty string',
      ]);
      expect(errors({ apis: [rest], redactPatterns: '\\d+' })[0]).toMatch(/^redactPatterns: must be a list of regular expressions/);
      expect(errors({ apis: [rest], redactPatterns: Array.from({ length: 51 }, (_, i) => `tok${i}`) })).toEqual(['redactPatterns: at most 50 patterns (got 51)']);
      expect(errors({ apis: [rest], redactPatterns: Array.from({ length: 5 }, (_, i) => `tok${i}-${'x'.repeat(500)}`) })).toEqual([
        "redactPatterns: must be at most 2048 characters as JSON (got 2541): they travel in REDACT_PATTERNS, and a function's environment variables share 4 KB",
      ]);
    });
  });
});
