import { describeAwsError } from '../live/awsErrors.ts';

/**
 * What an AWS SDK error means for a response of the manual diagnosis API. Shapes as the SDK v3 throws them:
 * `name` (ExecutionAlreadyExists, ExecutionDoesNotExist, ThrottlingException, NoSuchKey, ...), `$fault`,
 * `$metadata.httpStatusCode` (400 for Step Functions' client errors, 429/503 for throttling).
 */
export type ApiErrorKind =
  /** StartExecution: the name is taken (by a closed execution, or a running one with another input) -> 409. */
  | 'execution-exists'
  /** DescribeExecution: no such execution (never started, or closed more than 90 days ago) -> 404. */
  | 'execution-missing'
  /** The diagnosis object is not there (NoSuchKey: expired by the bucket's lifecycle) -> the summary, not a failure. */
  | 'object-missing'
  /** S3 refused to read the object (AccessDenied: the role, a KMS key, or a missing key without s3:ListBucket) -> the summary, and the logs say why. */
  | 'object-denied'
  /** Throttled, over a quota, or the service is unavailable: worth retrying -> 503 with Retry-After. */
  | 'retry-later'
  /** Anything else -> 500, details in the logs only. */
  | 'other';

const RETRY_LATER = new Set(['ExecutionLimitExceeded', 'ServiceUnavailable', 'ServiceUnavailableException', 'SlowDown', 'InternalFailure', 'InternalError']);

export function apiErrorKind(error: unknown): ApiErrorKind {
  const info = describeAwsError(error);
  if (info.name === 'ExecutionAlreadyExists') return 'execution-exists';
  if (info.name === 'ExecutionDoesNotExist') return 'execution-missing';
  if (info.name === 'NoSuchKey' || (info.name === 'NotFound' && info.httpStatus === 404)) return 'object-missing';
  // S3 also answers a missing key with 403 AccessDenied when the reader may not s3:ListBucket.
  if (info.name === 'AccessDenied') return 'object-denied';
  if (info.kind === 'throttled' || RETRY_LATER.has(info.name) || info.httpStatus === 503) return 'retry-later';
  return 'other';
}
