import { describe, it, expect, beforeAll } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { readdirSync, readFileSync } from 'node:fs';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import { STATE_MACHINE_ARN, runningExecution } from '../../shared/api/executionFixtures.ts';
import { makeHandler as makeStart } from '../../functions/start-diagnosis/handler.ts';
import { makeHandler as makeGet } from '../../functions/get-diagnosis/handler.ts';

/** What each sample request gets (README.md says the same). */
const EXPECTED: Record<string, { status: number; field?: string }> = {
  'post-since.json': { status: 202 },
  'post-from-to.json': { status: 202 },
  'post-window-too-long.json': { status: 400, field: 'window' },
  'post-bad-api-id.json': { status: 400, field: 'apiId' },
  'post-not-json.json': { status: 400, field: 'body' },
  'post-from-after-to.json': { status: 400, field: 'from' },
  'get-diagnosis.json': { status: 200 },
};
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as APIGatewayProxyEvent;

beforeAll(() => {
  mockClient(SFNClient).on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:eu-west-1:111122223333:execution:m:x', startDate: new Date() }).on(DescribeExecutionCommand).resolves(runningExecution());
  mockClient(S3Client);
});

describe('events/api sample requests', () => {
  it('are all listed with what they get', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s has the REST API proxy event shape, IAM-authorised', (file) => {
    const event = load(file);
    // API Gateway developer guide, "Input format of a Lambda function for proxy integration".
    for (const key of ['resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables', 'requestContext', 'body', 'isBase64Encoded']) {
      expect(event, key).toHaveProperty(key);
    }
    for (const [name, value] of Object.entries(event.headers)) expect(event.multiValueHeaders[name]).toEqual([value]);
    const context = event.requestContext;
    expect(context.resourcePath).toBe(event.resource);
    expect(context.httpMethod).toBe(event.httpMethod);
    expect(context.path).toBe(`/${context.stage}${event.path}`);
    expect(context.domainName).toBe(`${context.apiId}.execute-api.eu-west-1.amazonaws.com`);
    expect(context.identity.userArn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/);
    expect(context.identity.caller).toMatch(/^AROA[A-Z0-9]+:[\w+=,.@-]+$/);
    expect(context.identity.accessKey).toMatch(/^ASIA/);
    expect(new Date(context.requestTimeEpoch).toISOString()).toBe('2026-11-24T11:15:02.417Z');
  });

  it.each(files)('%s gets the documented answer from its handler', async (file) => {
    const event = load(file);
    const now = event.requestContext.requestTimeEpoch;
    const response =
      event.httpMethod === 'POST'
        ? await makeStart(() => ({ sfn: new SFNClient({ region: 'eu-west-1' }), stateMachineArn: STATE_MACHINE_ARN, maxWindowMinutes: 360, now: () => now }))(event, fakeLambdaContext('start-diagnosis'))
        : await makeGet(() => ({ sfn: new SFNClient({ region: 'eu-west-1' }), s3: new S3Client({ region: 'eu-west-1' }), stateMachineArn: STATE_MACHINE_ARN, evidenceBucket: 'evidence' }))(event, fakeLambdaContext('get-diagnosis'));
    const expected = EXPECTED[file];
    expect(response.statusCode).toBe(expected?.status);
    if (expected?.field) expect((JSON.parse(response.body) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(expected.field);
  });
});
