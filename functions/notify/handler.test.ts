import { describe, it, expect, beforeEach, vi } from 'vitest';

// Before the logger is created at import: Powertools resets a level set later at each invocation.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
});

import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { sdkStreamMixin } from '@smithy/core/serde';
import { Readable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { makeHandler } from './handler.ts';
import { notifyDepsFromEnv } from './deps.ts';
import { sampleDiagnosis } from '../../shared/render/sampleDiagnosis.ts';
import type { NotifyInput } from '../../shared/notify/notify.ts';

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const context = {
  functionName: 'apigw-doctor-Notify',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:apigw-doctor-Notify',
  memoryLimitInMB: '256',
  awsRequestId: '0e7c1a52-9f3b-4d0a-8c6e-2f1b3a4c5d6e',
  logGroupName: '/aws/lambda/apigw-doctor-Notify',
  logStreamName: '2026/11/24/[$LATEST]9a8b7c6d',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 59_000,
} as unknown as Context;

const ID = 'd-20261124-1007-7hq2';
const input: NotifyInput = {
  incident: { diagnosisId: ID, proceed: true, target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod' }, requestedAt: 0 },
  diagnosis: { diagnosisId: ID, ref: `${ID}/diagnosis.json`, rootCause: 'lambda-timeout', confidence: 0.93, failingRequests: 412, apiId: 'a1b2c3d4e5', stage: 'prod' },
};

beforeEach(() => {
  s3.reset();
  sns.reset();
});

describe('notify handler', () => {
  it('reads diagnosis.json from EVIDENCE_BUCKET and publishes to TOPIC_ARN', async () => {
    s3.on(GetObjectCommand, { Bucket: 'apigw-doctor-evidence', Key: `${ID}/diagnosis.json` }).resolves({ Body: sdkStreamMixin(Readable.from([Buffer.from(JSON.stringify(sampleDiagnosis()))])) });
    sns.on(PublishCommand).resolves({ MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
    const handler = makeHandler(() => notifyDepsFromEnv({ TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:apigw-doctor-diagnoses', EVIDENCE_BUCKET: 'apigw-doctor-evidence' }));
    expect(await handler(input, context)).toEqual({ snsMessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
    const published = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(published?.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:apigw-doctor-diagnoses');
    expect(published?.MessageStructure).toBe('json');
    expect(JSON.parse(published?.Message ?? '{}').email).toContain(`Full diagnosis (JSON): s3://apigw-doctor-evidence/${ID}/diagnosis.json`);
  });

  it('fails without its configuration', async () => {
    await expect(makeHandler(() => notifyDepsFromEnv({ EVIDENCE_BUCKET: 'b' }))(input, context)).rejects.toThrow(/TOPIC_ARN is not set/);
    await expect(makeHandler(() => notifyDepsFromEnv({ TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:t' }))(input, context)).rejects.toThrow(/EVIDENCE_BUCKET is not set/);
  });
});
