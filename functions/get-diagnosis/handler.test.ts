import { describe, it, expect, beforeEach, vi } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, SFNServiceException } from '@aws-sdk/client-sfn';
import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { GET_DIAGNOSIS_STATUSES, type ApiResponse } from '../../shared/api/apiResponse.ts';
import {
  DIAGNOSIS_ID,
  EVIDENCE_BUCKET,
  EXECUTION_ARN,
  LAMBDA_ERROR_CAUSE,
  STATE_MACHINE_ARN,
  SUMMARY,
  failedExecution,
  runningExecution,
  succeededExecution,
  suppressedExecution,
} from '../../shared/api/executionFixtures.ts';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import { logger } from '../lambdaHandler.ts';
import { getDiagnosisDepsFromEnv, type GetDiagnosisDeps } from './deps.ts';
import { makeHandler } from './handler.ts';

const sfn = mockClient(SFNClient);
const s3 = mockClient(S3Client);
const deps = (): GetDiagnosisDeps => ({
  sfn: new SFNClient({ region: 'eu-west-1' }),
  s3: new S3Client({ region: 'eu-west-1' }),
  stateMachineArn: STATE_MACHINE_ARN,
  evidenceBucket: EVIDENCE_BUCKET,
});
const handler = makeHandler(deps);

/** events/api/get-diagnosis.json (a REST proxy event for GET /diagnoses/{id}), for another id. */
function getEvent(id: string | undefined): APIGatewayProxyEvent {
  const event = JSON.parse(readFileSync(new URL('../../events/api/get-diagnosis.json', import.meta.url), 'utf8')) as APIGatewayProxyEvent;
  return { ...event, path: `/diagnoses/${id ?? ''}`, pathParameters: id === undefined ? null : { id } };
}

async function call(id: string | undefined): Promise<ApiResponse & { json: Record<string, unknown> }> {
  const response = await handler(getEvent(id), fakeLambdaContext('get-diagnosis'));
  expect(GET_DIAGNOSIS_STATUSES).toContain(response.statusCode);
  expect(response.headers['Content-Type']).toBe('application/json; charset=utf-8');
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
}

/** A GetObject answer as the SDK gives it in Node.js: Body is an IncomingMessage with the SDK's stream mixin. */
function objectBody(text: string) {
  return { Body: sdkStreamMixin(Readable.from([Buffer.from(text, 'utf8')])), ContentLength: Buffer.byteLength(text), ContentType: 'application/json', ETag: '"6b1c0f4e2a9d8c7b5e3f1a0d9c8b7a65"' };
}

const DIAGNOSIS = {
  schemaVersion: 1,
  api: { id: 'a1b2c3d4e5', stage: 'prod', type: 'REST' },
  window: { start: '2026-11-24T09:15:32Z', end: '2026-11-24T10:15:32Z' },
  failingRequests: { total: 412, sampled: ['c0b5a7e2-1f3d-4e8a-9b6c-2d4f6a8c0e13'] },
  rootCause: { id: 'lambda-timeout', title: 'The Lambda function timed out', confidence: 0.93, summary: 'orders-fn ran past its 6 s timeout' },
  findings: [],
  suspectChanges: [],
  gaps: [],
};

beforeEach(() => {
  sfn.reset();
  s3.reset();
  vi.restoreAllMocks();
});

describe('GET /diagnoses/{id}', () => {
  it('describes the execution whose ARN is built from the state machine\'s', async () => {
    sfn.on(DescribeExecutionCommand).resolves(runningExecution());
    const response = await call(DIAGNOSIS_ID);
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ id: DIAGNOSIS_ID, status: 'running', startedAt: '2026-11-24T10:15:32.618Z' });
    expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: EXECUTION_ARN });
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('succeeded: reads the diagnosis through the summary\'s ref (an S3 key)', async () => {
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution());
    s3.on(GetObjectCommand).resolves(objectBody(JSON.stringify(DIAGNOSIS)));
    const response = await call(DIAGNOSIS_ID);
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ id: DIAGNOSIS_ID, status: 'succeeded', summary: SUMMARY, diagnosis: DIAGNOSIS });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: EVIDENCE_BUCKET, Key: SUMMARY.ref });
  });

  it('succeeded: accepts an s3:// URI ref in the evidence bucket', async () => {
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution({ ...SUMMARY, ref: `s3://${EVIDENCE_BUCKET}/diagnoses/${DIAGNOSIS_ID}/diagnosis.json` }));
    s3.on(GetObjectCommand).resolves(objectBody(JSON.stringify(DIAGNOSIS)));
    expect((await call(DIAGNOSIS_ID)).json['diagnosis']).toEqual(DIAGNOSIS);
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: EVIDENCE_BUCKET, Key: `diagnoses/${DIAGNOSIS_ID}/diagnosis.json` });
  });

  it('succeeded: does not follow a ref into another bucket', async () => {
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution({ ...SUMMARY, ref: 's3://someone-elses-bucket/x.json' }));
    const response = await call(DIAGNOSIS_ID);
    expect(response.json).toMatchObject({ status: 'succeeded', diagnosisUnavailable: expect.stringContaining('not in the evidence bucket') });
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('succeeded but the object is gone (NoSuchKey) or refused (AccessDenied) -> 200 with the summary and why', async () => {
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution());
    s3.on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404, requestId: 'TX8Q2B1N7F5K3M9P', extendedRequestId: 'x8Jq0Z+1Y2a3B4c5D6e7F8g9H0i1J2k3L4m5N6o7P8q=', attempts: 1, totalRetryDelay: 0 } }))
      .rejectsOnce(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403, attempts: 1, totalRetryDelay: 0 } }));
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (const why of ['no longer in the evidence store', 'S3 refused to read the diagnosis document']) {
      const response = await call(DIAGNOSIS_ID);
      expect(response.statusCode).toBe(200);
      expect(response.json).toMatchObject({ status: 'succeeded', summary: { rootCause: 'lambda-timeout' }, diagnosisUnavailable: expect.stringContaining(why) });
    }
  });

  it('succeeded but the object is not JSON -> 200 saying so', async () => {
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution());
    s3.on(GetObjectCommand).resolves(objectBody('{"schemaVersion":1,'));
    expect((await call(DIAGNOSIS_ID)).json).toMatchObject({ status: 'succeeded', diagnosisUnavailable: expect.stringContaining('is not JSON') });
  });

  it('suppressed (no ref in the output) -> 200 with the reason, reading nothing from S3', async () => {
    sfn.on(DescribeExecutionCommand).resolves(suppressedExecution('a2b3c4d5e6/prod is cooling down until 2026-11-24T10:45:32Z'));
    expect((await call(DIAGNOSIS_ID)).json).toMatchObject({ status: 'suppressed', reason: 'a2b3c4d5e6/prod is cooling down until 2026-11-24T10:45:32Z' });
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('failed -> 200 with error and cause', async () => {
    sfn.on(DescribeExecutionCommand).resolves(failedExecution('FAILED', 'DiagnosisFailed', LAMBDA_ERROR_CAUSE));
    expect((await call(DIAGNOSIS_ID)).json).toMatchObject({ status: 'failed', executionStatus: 'FAILED', reason: expect.stringContaining("DiagnosisFailed: TypeError: Cannot read properties of undefined") });
  });

  it('ExecutionDoesNotExist -> 404', async () => {
    sfn.on(DescribeExecutionCommand).rejects(
      new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${EXECUTION_ARN}'`, $metadata: { httpStatusCode: 400, requestId: '47a614f1-80ad-4462-96d5-ba7490405ff1', attempts: 1, totalRetryDelay: 0 } }),
    );
    const response = await call(DIAGNOSIS_ID);
    expect(response.statusCode).toBe(404);
    expect(response.json['message']).toContain(`No diagnosis ${DIAGNOSIS_ID}`);
  });

  it.each([
    ['an arbitrary string', 'orders-api'],
    ['an ARN', EXECUTION_ARN],
    ['a path', `${DIAGNOSIS_ID}/../../x`],
    ['nothing', undefined],
  ])('refuses %s as an id with 400, calling nothing', async (_what, id) => {
    const response = await call(id);
    expect(response.statusCode).toBe(400);
    expect(response.json['errors']).toEqual([{ field: 'id', message: 'not a diagnosis id' }]);
    expect(sfn).not.toHaveReceivedCommand(DescribeExecutionCommand);
  });

  it('throttling -> 503 with Retry-After (Step Functions or S3)', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    sfn.on(DescribeExecutionCommand).rejectsOnce(
      new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400, attempts: 3, totalRetryDelay: 298 } }),
    );
    let response = await call(DIAGNOSIS_ID);
    expect([response.statusCode, response.headers['Retry-After']]).toEqual([503, '5']);
    sfn.on(DescribeExecutionCommand).resolves(succeededExecution());
    s3.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', $metadata: { httpStatusCode: 503, attempts: 3, totalRetryDelay: 511 } }));
    response = await call(DIAGNOSIS_ID);
    expect([response.statusCode, response.headers['Retry-After']]).toEqual([503, '5']);
  });

  it('anything else -> 500 with a generic message', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    sfn.on(DescribeExecutionCommand).rejects(
      new SFNServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'User: arn:aws:sts::111122223333:assumed-role/GetDiagnosisRole/get-diagnosis is not authorized to perform: states:DescribeExecution', $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 } }),
    );
    const response = await call(DIAGNOSIS_ID);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('not authorized');
    expect(JSON.stringify(logged.mock.calls)).toContain('states:DescribeExecution');
  });
});

describe('getDiagnosisDepsFromEnv', () => {
  it('needs the state machine and the evidence bucket', () => {
    expect(getDiagnosisDepsFromEnv({ STATE_MACHINE_ARN, EVIDENCE_BUCKET, AWS_REGION: 'eu-west-1' })).toMatchObject({ stateMachineArn: STATE_MACHINE_ARN, evidenceBucket: EVIDENCE_BUCKET });
    expect(() => getDiagnosisDepsFromEnv({ STATE_MACHINE_ARN })).toThrow(/EVIDENCE_BUCKET/);
    expect(() => getDiagnosisDepsFromEnv({ EVIDENCE_BUCKET })).toThrow(/STATE_MACHINE_ARN/);
  });
});
