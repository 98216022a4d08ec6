import { describe, it, expect } from 'vitest';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, ExecutionLimitExceeded, SFNServiceException } from '@aws-sdk/client-sfn';
import { NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { apiErrorKind } from './apiErrorKind.ts';
import { EXECUTION_ARN } from './executionFixtures.ts';

// As the SDK v3 throws them. Messages as Step Functions words them: "Execution Already Exists: '<arn>'"
// (CloudSnorkel/cdk-github-runners#472, a CloudWatch log of the SDK error), "Execution Does Not Exist: '<arn>'"
// (moto and localstack copy AWS's text), "Rate exceeded" for ThrottlingException (HumanCellAtlas/data-store#1061).
const metadata = (httpStatusCode: number, attempts = 1) => ({ httpStatusCode, requestId: '0f0c2b8e-3f7a-4d62-9d0b-5e1a7c9b2d44', attempts, totalRetryDelay: attempts > 1 ? 412 : 0 });

describe('apiErrorKind', () => {
  it('names the Step Functions errors the API answers for', () => {
    expect(apiErrorKind(new ExecutionAlreadyExists({ message: `Execution Already Exists: '${EXECUTION_ARN}'`, $metadata: metadata(400) }))).toBe('execution-exists');
    expect(apiErrorKind(new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${EXECUTION_ARN}'`, $metadata: metadata(400) }))).toBe('execution-missing');
  });

  it('asks to retry on throttling, an execution quota, and an unavailable service', () => {
    expect(apiErrorKind(new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: metadata(400, 3) }))).toBe('retry-later');
    expect(apiErrorKind(new ExecutionLimitExceeded({ message: 'Maximum number of running executions reached', $metadata: metadata(400) }))).toBe('retry-later');
    expect(apiErrorKind(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', message: 'Service Unavailable', $metadata: metadata(503, 3) }))).toBe('retry-later');
    expect(apiErrorKind(new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', $metadata: metadata(503, 3) }))).toBe('retry-later');
  });

  it('tells a missing diagnosis object from one S3 refuses to read', () => {
    expect(apiErrorKind(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: metadata(404) }))).toBe('object-missing');
    expect(apiErrorKind(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: metadata(403) }))).toBe('object-denied');
  });

  it('leaves everything else to a 500', () => {
    expect(apiErrorKind(new SFNServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'User: arn:aws:sts::111122223333:assumed-role/start-diagnosis-role/start-diagnosis is not authorized to perform: states:StartExecution', $metadata: metadata(400) }))).toBe('other');
    expect(apiErrorKind(new Error('socket hang up'))).toBe('other');
    expect(apiErrorKind('weird')).toBe('other');
  });
});
