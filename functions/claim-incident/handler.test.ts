import { describe, it, expect, beforeEach, vi } from 'vitest';

// Before the logger is created at import: Powertools resets a level set later at each invocation.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
});

import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { makeHandler } from './handler.ts';
import { claimIncidentDepsFromEnv } from './deps.ts';
import { MemoryIncidentLedger } from '../../shared/claim/MemoryIncidentLedger.ts';
import { alarmStateChangeEvent } from '../../shared/claim/testing/alarmEvents.ts';

const dynamodb = mockClient(DynamoDBClient);

/** The Lambda context fields Powertools reads. */
const context = {
  functionName: 'apigw-doctor-ClaimIncident',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:apigw-doctor-ClaimIncident',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  logGroupName: '/aws/lambda/apigw-doctor-ClaimIncident',
  logStreamName: '2026/03/10/[$LATEST]2b2c3d4e',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

const event = alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' });
const payload = { event, executionName: '714f4748-0e3b-4f91-9d17-5dd47373946e' };

beforeEach(() => dynamodb.reset());

describe('claim-incident handler', () => {
  it('claims through the deps it is given', async () => {
    const handler = makeHandler(() => ({ ledger: new MemoryIncidentLedger(), cooldownMs: () => 0, now: () => Date.parse('2026-03-10T13:57:00Z') }));
    const first = await handler(payload, context);
    expect(first).toMatchObject({ diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d', proceed: true, target: { kind: 'alarm-event' } });
    // The same transition delivered again starts another execution (EventBridge names each one).
    expect(await handler({ ...payload, executionName: 'a-second-execution' }, context)).toMatchObject({ proceed: false, reason: `already diagnosed: ${first.diagnosisId}` });
  });

  it('builds a DynamoDB ledger from the environment, with the configured cool-down', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const handler = makeHandler(() => claimIncidentDepsFromEnv({ INCIDENTS_TABLE: 'apigw-doctor-incidents', COOLDOWN_SECONDS: '600', COOLDOWNS: '{"orders-api/prod": 120}' }));
    await handler(payload, context);
    const calls = dynamodb.commandCalls(PutItemCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.TableName, c.Item?.['pk']?.S])).toEqual([
      ['apigw-doctor-incidents', 'transition#alarm-orders-api-prod-5xx-20260310T135652-b346246d'],
      ['apigw-doctor-incidents', 'cooldown#orders-api/prod'],
    ]);
    const until = Number(calls[1]?.Item?.['cooldownUntil']?.N);
    const now = Number(calls[1]?.ExpressionAttributeValues?.[':now']?.N);
    expect(until - now).toBe(120_000);
  });

  it('says the cool-down holder when DynamoDB refuses the claim', async () => {
    dynamodb.on(PutItemCommand, { ConditionExpression: 'attribute_not_exists(#pk)' }).resolves({});
    dynamodb.on(PutItemCommand, { ConditionExpression: 'attribute_not_exists(#pk) OR #until < :now' }).rejects(
      new ConditionalCheckFailedException({
        $metadata: { httpStatusCode: 400 },
        message: 'The conditional request failed',
        Item: { pk: { S: 'cooldown#orders-api/prod' }, diagnosisId: { S: 'alarm-orders-api-prod-5xx-20260310T134001-aa11bb22' }, cooldownUntil: { N: String(Date.parse('2026-03-10T14:10:01Z')) } },
      }),
    );
    const handler = makeHandler(() => claimIncidentDepsFromEnv({ INCIDENTS_TABLE: 'apigw-doctor-incidents' }));
    expect(await handler(payload, context)).toMatchObject({
      proceed: false,
      reason: 'cooling down until 2026-03-10T14:10:01.000Z after alarm-orders-api-prod-5xx-20260310T134001-aa11bb22 (orders-api/prod)',
    });
  });

  it('fails when INCIDENTS_TABLE is missing, and on input that is neither an alarm nor a request', async () => {
    await expect(makeHandler(() => claimIncidentDepsFromEnv({}))(payload, context)).rejects.toThrow(/INCIDENTS_TABLE is not set/);
    const handler = makeHandler(() => ({ ledger: new MemoryIncidentLedger(), cooldownMs: () => 0 }));
    await expect(handler({ event: { hello: 'world' }, executionName: 'x' }, context)).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });
});
