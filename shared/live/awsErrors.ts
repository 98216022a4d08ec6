/**
 * What an AWS SDK error means for a diagnosis, and the `gaps` line that says so. Raw SDK errors never reach
 * the engine: access denied on one service becomes a gap naming the action to allow, and the rest goes on.
 *
 * Message shapes (real ones):
 * - "User: arn:aws:sts::123456789012:assumed-role/Admin/alice is not authorized to perform: apigateway:GET on resource:
 *   arn:aws:apigateway:us-east-1::/restapis/abc/stages/sandbox/sdks/swift because no identity-based policy allows the
 *   apigateway:GET action" (aws-amplify/amplify-category-api#736)
 * - "User: arn:aws:sts::…:assumed-role/AnnotationsAPI-Prod-TaskRole/… is not authorized to perform: xray:PutTraceSegments
 *   because no identity-based policy allows the xray:PutTraceSegments action" (Pocket/pocket-monorepo#159)
 * - older: "User: arn:aws:iam::<id>:user/<name> is not authorized to perform: apigateway:GET on resource:
 *   arn:aws:apigateway:us-east-1::/" (amazon-archives/aws-apigateway-importer#85); "... with an explicit deny in a
 *   service control policy".
 */

export type AwsErrorKind = 'access-denied' | 'not-found' | 'throttled' | 'credentials' | 'other';

export interface AwsErrorInfo {
  kind: AwsErrorKind;
  name: string;
  message: string;
  httpStatus?: number;
  /** The caller's ARN when the message names it ("User: arn:... is not authorized"). */
  principal?: string;
  /** The IAM action the message names ("apigateway:GET"). */
  deniedAction?: string;
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException', // API Gateway REST: "the caller has insufficient permissions"
  'AuthorizationError',
  'Forbidden',
]);

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'NotFound', 'NoSuchEntity', 'TrailNotFoundException']);

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException', // X-Ray
  'TooManyRequestsException', // API Gateway, Lambda
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'TokenRefreshRequired',
]);

export function describeAwsError(error: unknown): AwsErrorInfo {
  const name = nameOf(error);
  const message = messageOf(error);
  const httpStatus = httpStatusOf(error);
  const info: AwsErrorInfo = { kind: kindOf(name, message, httpStatus), name, message };
  if (httpStatus !== undefined) info.httpStatus = httpStatus;
  const principal = /User: (arn:[^\s]+|anonymous) is not authorized/.exec(message)?.[1];
  if (principal !== undefined) info.principal = principal;
  const action = /not authorized to perform: ([\w-]+:[\w*-]+)/.exec(message)?.[1];
  if (action !== undefined) info.deniedAction = action;
  return info;
}

function kindOf(name: string, message: string, httpStatus: number | undefined): AwsErrorKind {
  if (ACCESS_DENIED.has(name) || /is not authorized to perform/i.test(message)) return 'access-denied';
  if (CREDENTIALS.has(name)) return 'credentials';
  if (THROTTLED.has(name) || httpStatus === 429 || /rate exceeded/i.test(message)) return 'throttled';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (httpStatus === 403) return 'access-denied';
  return 'other';
}

export function isThrottlingError(error: unknown): boolean {
  return describeAwsError(error).kind === 'throttled';
}

export function isAccessDenied(error: unknown): boolean {
  return describeAwsError(error).kind === 'access-denied';
}

export function isNotFound(error: unknown): boolean {
  return describeAwsError(error).kind === 'not-found';
}

/** What the caller was doing, for a gap line: "X-Ray", "xray:BatchGetTraces", "to get traces". */
export interface CallPurpose {
  /** The service as a person names it: "X-Ray", "CloudTrail", "Lambda". */
  service: string;
  /** The IAM action the call needs. */
  action: string;
  /** What allowing it gives: "to get traces of the sampled requests". */
  purpose: string;
  /** The resource, when the gap should name it ("function orders-fn"). */
  resource?: string;
}

/**
 * One `gaps` line for a failed call:
 * "X-Ray not allowed: xray:BatchGetTraces denied for arn:aws:sts::…:assumed-role/ReadOnly/alice; add it to the policy to get traces".
 */
export function gapForAwsError(call: CallPurpose, error: unknown): string {
  const info = describeAwsError(error);
  const on = call.resource !== undefined ? ` for ${call.resource}` : '';
  switch (info.kind) {
    case 'access-denied': {
      const who = info.principal !== undefined ? ` for ${info.principal}` : '';
      const action = info.deniedAction ?? call.action;
      return `${call.service} not allowed: ${action} denied${who}${on}; add it to the policy ${call.purpose}`;
    }
    case 'not-found':
      return `${call.service}: ${call.resource ?? 'the resource'} not found (${info.name}: ${info.message})`;
    case 'throttled':
      return `${call.service} kept throttling ${call.action}${on} (${info.name}: ${info.message}); retried and gave up, so that evidence is missing`;
    case 'credentials':
      return `${call.service}: the AWS credentials were rejected calling ${call.action} (${info.name}: ${info.message})`;
    default:
      return call.resource !== undefined
        ? `${call.service}: reading ${call.resource} failed (${info.name}: ${info.message})`
        : `${call.service}: ${call.action} failed (${info.name}: ${info.message})`;
  }
}

function nameOf(error: unknown): string {
  if (isObject(error)) {
    const code = error['Code'] ?? error['code'];
    const name = error['name'];
    if (typeof name === 'string' && name !== 'Error' && name !== '') return name;
    if (typeof code === 'string' && code !== '') return code;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'UnknownError';
}

function messageOf(error: unknown): string {
  if (isObject(error)) {
    for (const key of ['message', 'Message']) {
      const value = error[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  if (typeof error === 'string') return error;
  return 'no message';
}

function httpStatusOf(error: unknown): number | undefined {
  if (!isObject(error)) return undefined;
  const metadata = error['$metadata'];
  if (!isObject(metadata)) return undefined;
  const status = metadata['httpStatusCode'];
  return typeof status === 'number' ? status : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
